"""Activity kinds: each kind is one object (``kind.py`` of its package) plugged into ``registry.py``."""
