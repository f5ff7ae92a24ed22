"""Services the pages and the command line share: facilitator accounts and meetings (no UI in here)."""
