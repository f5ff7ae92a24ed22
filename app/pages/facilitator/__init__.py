"""What the facilitator sees: login, meetings, the control view of one meeting."""
