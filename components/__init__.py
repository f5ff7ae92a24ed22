"""Reusable NiceGUI widgets. They render what they are given and report actions through callbacks."""
