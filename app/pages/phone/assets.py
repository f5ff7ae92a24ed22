"""What the live phone page loads, so that the plain start and join pages can fetch it into the cache while the
person types (``<link rel=prefetch>``; NiceGUI serves all of it with a one-year ``immutable`` cache header).

Most needed first: the styles, Vue, Quasar, NiceGUI's script and socket, the components a phone shows (by file
name, as NiceGUI registered them), the two fonts, and last the chart library of the results (370 KB).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from nicegui import __version__, core, ui
from nicegui.dependencies import esm_modules
from nicegui.element import Element
from nicegui.functions.refreshable import RefreshableContainer

from app.i18n import QUASAR_LANGUAGE
from app.pages.styles import tailwind_href
from components.countdown import Countdown
from components.pending_taps import PendingTaps

PRIMARY = '#1f6f5c'  # the app's colour (Quasar's primary)
BASE = f'/_nicegui/{__version__}'
STYLES = ('fonts.css', 'quasar.unimportant.prod.css', 'quasar.important.prod.css', 'nicegui.css')
SCRIPTS = ('vue.esm-browser.prod.js', 'quasar.umd.prod.js', 'socket.io.min.js', 'nicegui.js', 'dompurify.mjs',
           'utils/dynamic_properties.js')
CHARTS = 'nicegui-echart'
PHONE_TEXT = 'A✓'  # Latin text, and the check mark of "Ontvangen ✓" (another Roboto subset)
FONTS_CSS = Path(core.__file__).resolve().parent / 'static' / 'fonts.css'


@cache
def _fonts() -> dict[str, list[tuple[str, str]]]:
    """From NiceGUI's fonts.css: (file, unicode range) of the Roboto subsets that hold ``PHONE_TEXT`` and of Material
    Icons."""
    found: dict[str, list[tuple[str, str]]] = {'Roboto': [], 'Material Icons': []}
    for block in re.findall(r'@font-face\s*{([^}]*)}', FONTS_CSS.read_text(encoding='utf-8')):
        family = re.search(r'font-family:\s*"?([^";]+)"?;', block)
        source = re.search(r'url\(([^)]+)\)', block)
        ranges = re.search(r'unicode-range:\s*([^;]+);', block)
        name = family[1].strip() if family else ''
        if source is None or name not in found:
            continue
        entry = (source[1].strip('"\''), ranges[1].strip() if ranges else '')
        wanted = name == 'Material Icons' or any(_covers(entry[1], char) for char in PHONE_TEXT)
        if wanted and entry not in found[name]:
            found[name].append(entry)
    return found


def _covers(unicode_range: str, char: str) -> bool:
    for part in unicode_range.split(','):
        low, _, high = part.strip().removeprefix('U+').partition('-')
        if low and int(low, 16) <= ord(char) <= int(high or low, 16):
            return True
    return False


def roboto() -> tuple[str, str]:
    """The Latin Roboto (one variable font for all weights): URL and unicode range."""
    file, unicode_range = next((f for f in _fonts()['Roboto'] if _covers(f[1], 'A')), ('', ''))
    return (f'{BASE}/static/{file}' if file else '', unicode_range)


@cache
def phone_assets(lang: str) -> tuple[str, ...]:
    """The URLs in the order they are needed: the joined phone's page first, then what activities add."""
    styles = [f'{BASE}/static/{name}' for name in STYLES] + ([tailwind_href()] if tailwind_href() else [])
    scripts = [f'{BASE}/static/{name}' for name in SCRIPTS]
    scripts.insert(4, f'{BASE}/static/lang/{QUASAR_LANGUAGE[lang]}.umd.prod.js')
    if core.app.config.has_run_config and core.app.config.tailwind:
        scripts.append(f'{BASE}/static/tailwindcss.min.js')
    first, later = _components(_first_elements()), _components(_later_elements())
    fonts = _fonts()
    roboto_files = [f'{BASE}/static/{file}' for file, _range in fonts['Roboto']]
    icons = [f'{BASE}/static/{file}' for file, _range in fonts['Material Icons']]
    return tuple(dict.fromkeys(styles + scripts + first + roboto_files + later + icons + _esm(CHARTS)))


def _components(elements: tuple[type[Element], ...]) -> list[str]:
    return [f'{BASE}/components/{key}'
            for key in dict.fromkeys(c.component.key for c in elements if c.component is not None)]


def _first_elements() -> tuple[type[Element], ...]:
    """The elements with a script of their own on a joined phone's first page (the others are Quasar's)."""
    return ui.header, RefreshableContainer, ui.link, PendingTaps, ui.dialog


def _later_elements() -> tuple[type[Element], ...]:
    """... and those that activities bring: text answers, choices, the countdown, the results chart."""
    return ui.input, ui.select, Countdown, ui.echart


def _esm(name: str) -> list[str]:
    """An ES module NiceGUI serves from a folder: its index.js and the chunks index.js imports."""
    for key, module in esm_modules.items():
        if module.name == name:
            index = module.path / 'index.js'
            chunks = re.findall(r'from\s*"\./([\w.-]+\.js)"', index.read_text(encoding='utf-8'))
            return [f'{BASE}/esm/{key}/index.js'] + [f'{BASE}/esm/{key}/{chunk}' for chunk in chunks]
    return []
