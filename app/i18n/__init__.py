"""Dutch and English texts. Every user-facing string goes through ``translator(lang)``."""

from __future__ import annotations

from collections.abc import Callable

from app.i18n.en import TEXTS as EN
from app.i18n.nl import TEXTS as NL

CATALOGS: dict[str, dict[str, str]] = {'nl': NL, 'en': EN}
LANGUAGES = tuple(CATALOGS)
QUASAR_LANGUAGE = {'nl': 'nl', 'en': 'en-GB'}

Translate = Callable[..., str]


def translator(lang: str) -> Translate:
    """``t('key', name='Anna')`` in ``lang``; an unknown key shows as itself (and a test catches it)."""
    catalog = CATALOGS.get(lang, NL)

    def t(key: str, **params: object) -> str:
        text = catalog.get(key, key)
        return text.format(**params) if params else text

    return t


def pick_language(stored: str | None, default: str) -> str:
    return stored if stored in CATALOGS else default if default in CATALOGS else 'nl'
