"""Statements, scores and open questions: one answer per participant, tallied live."""
