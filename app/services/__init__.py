"""Services the pages and the command line share: accounts, meetings, networks, reports (no UI in here)."""
