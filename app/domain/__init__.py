"""Pure domain rules: no NiceGUI, no SQLAlchemy."""
