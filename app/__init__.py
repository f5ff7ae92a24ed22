"""Uitwisselplek: live facilitation for learning networks."""

__version__ = '0.1.0'
