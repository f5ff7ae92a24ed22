"""The prebuilt Tailwind CSS (``scripts/build_css.py``) that every page links instead of NiceGUI's in-browser
compiler; its URL carries a hash of its content, so it can be cached for a year."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

TAILWIND_CSS = Path(__file__).resolve().parents[2] / 'assets' / 'tailwind.css'
TAILWIND_PATH = '/assets/tailwind.css'
CSS_CACHE_SECONDS = 365 * 24 * 3600


@cache
def tailwind_href() -> str:
    """The versioned URL of the CSS, or '' when the file is missing (then the compiler runs in the browser)."""
    if not TAILWIND_CSS.is_file():
        return ''
    return f'{TAILWIND_PATH}?v={hashlib.sha256(TAILWIND_CSS.read_bytes()).hexdigest()[:12]}'
