"""Dutch and English texts. Every user-facing string goes through ``translator(lang)``.

The texts live in gettext catalogs, ``locales/<lang>/LC_MESSAGES/messages.po``; their message ids are symbolic keys
(``control.count``) and the texts use ``str.format`` placeholders (``{name}``). The compiled ``.mo`` files are built
by ``scripts/install.sh``; when one is missing or older than its ``.po``, the ``.po`` is compiled in memory here.
"""

from __future__ import annotations

import datetime
import gettext
import io
import logging
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = ('nl', 'en')
QUASAR_LANGUAGE = {'nl': 'nl', 'en': 'en-GB'}
BABEL_LOCALE = {'nl': 'nl', 'en': 'en_GB'}
DOMAIN = 'messages'
LOCALES = Path(__file__).resolve().parent / 'locales'
log = logging.getLogger(__name__)


def N_(key: str) -> str:
    """Marks a key for ``pybabel extract`` where the code builds it at run time; returns it unchanged."""
    return key


def NP_(key: str) -> str:
    """Like ``N_`` for a plural text: one shown with a count, as a refusal with ``count=``."""
    return key


def load_catalog(lang: str, locales: Path = LOCALES) -> gettext.GNUTranslations:
    """The compiled catalog of ``lang``; compiled in memory from the ``.po`` if the ``.mo`` is missing or stale."""
    po = locales / lang / 'LC_MESSAGES' / f'{DOMAIN}.po'
    mo = po.with_suffix('.mo')
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open('rb') as file:
            return gettext.GNUTranslations(file)
    log.info('compiling %s in memory (run scripts/install.sh to build the .mo)', po)
    with po.open('rb') as file:
        catalog = read_po(file, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translate:
    """The texts of one language: ``t('key', name='Anna')``, ``t.plural('key', count)``, numbers and dates."""

    def __init__(self, lang: str, catalog: gettext.NullTranslations) -> None:
        self.lang = lang
        self.locale = BABEL_LOCALE[lang]
        self._catalog = catalog

    def __call__(self, key: str, /, **params: object) -> str:
        """The text of ``key`` with ``params`` filled in; an unknown key shows as itself (and a test catches it)."""
        text = self._catalog.gettext(key)
        return text.format(**params) if params else text

    def plural(self, key: str, count: int, /, **params: object) -> str:
        """The form of ``key`` that fits ``count``, which fills in ``{count}``."""
        return self._catalog.ngettext(key, key, count).format(count=count, **params)

    def number(self, value: float | None, digits: int = 1) -> str:
        """At most ``digits`` decimals, none when they are zero (7,5 and 7); '–' for no value."""
        if value is None:
            return '–'
        return format_decimal(value, format='#,##0' + ('.' + '#' * digits if digits > 0 else ''), locale=self.locale)

    def date(self, value: datetime.date) -> str:
        """Written out with the weekday: 'maandag 3 maart 2025', 'Monday 3 March 2025'."""
        return format_date(value, format='EEEE d MMMM y', locale=self.locale)

    def __repr__(self) -> str:
        return f'Translate({self.lang!r})'


_TRANSLATORS = {lang: Translate(lang, load_catalog(lang)) for lang in LANGUAGES}


def translator(lang: str) -> Translate:
    """The texts of ``lang``; an unknown language gets Dutch."""
    return _TRANSLATORS.get(lang, _TRANSLATORS['nl'])


def pick_language(stored: str | None, default: str) -> str:
    return stored if stored in LANGUAGES else default if default in LANGUAGES else 'nl'


def catalog_text(lang: str, key: str) -> str:
    """The plain text of ``key`` in ``lang``, without placeholders filled in."""
    return translator(lang)(key)
