"""The UI kit below the kinds: what a kind's views share with the pages that host them (no page, no service)."""
