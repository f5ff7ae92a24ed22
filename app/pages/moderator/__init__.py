"""A moderator's view of one meeting (invite link)."""
