"""Breakout groups: mixed, random or chosen groups with a question, a place, a moderator and a harvest note."""
