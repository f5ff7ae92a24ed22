"""Thin NiceGUI pages, one module per role/view."""
