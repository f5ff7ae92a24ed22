"""The texts: both catalogs alike, every key the code uses translated; plurals, numbers, dates, the .mo fallback."""

from __future__ import annotations

import os
import re
import shutil
import string
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.i18n import LANGUAGES, LOCALES, catalog_text, load_catalog, pick_language, translator

try:
    from babel.messages.frontend import parse_mapping_cfg
except ImportError:  # Babel < 2.15
    from babel.messages.frontend import parse_mapping as parse_mapping_cfg

ROOT = Path(__file__).resolve().parents[2]
# the same keywords as "pybabel extract" in README.md
KEYWORDS = ('t', 'plural:1,1', 'N_', 'NP_:1,1', 'Refused', 'catalog_text:2')
KEY_AS_VALUE = re.compile(r"""'((?:error|access)\.[a-z_]+)'""")  # e.g. required_text(text, MAX, 'error.x', 'error.y')
KEY_IN_CALL = re.compile(r"""\bt(?:\.plural)?\(\s*['"]([a-z_]+\.[a-z_.]+)['"]""")  # also inside f-strings
PLURAL_FORMS = 'nplurals=2; plural=(n != 1);'


def key_of(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, list | tuple) else [message.string]


def placeholders(text: str) -> set[str]:
    return {re.split(r'[.\[]', name)[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@cache
def extract(keywords: tuple[str, ...] = KEYWORDS) -> tuple[str | tuple[str, ...], ...]:
    """The messages ``pybabel extract -F babel.cfg`` finds with these keywords: a key, or (key, key) for a plural."""
    with (ROOT / 'babel.cfg').open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = extract_from_dir(ROOT, method_map, options_map, keywords=parse_keywords(keywords))
    return tuple(message for _, _, message, _, _ in found)


def source_files() -> list[Path]:
    return [*ROOT.glob('app/**/*.py'), *ROOT.glob('components/**/*.py')]


@pytest.fixture(scope='module')
def catalogs() -> dict[str, dict[str, Message]]:
    result = {}
    for lang in LANGUAGES:
        with (LOCALES / lang / 'LC_MESSAGES' / 'messages.po').open('rb') as file:
            catalog = read_po(file)
        assert catalog.plural_forms == PLURAL_FORMS, lang
        assert not catalog.fuzzy, f'{lang}: the catalog is marked fuzzy, pybabel compile would skip it'
        result[lang] = {key_of(message): message for message in catalog if message.id}
    return result


@pytest.fixture(scope='module')
def used() -> dict[str, bool]:
    """Every key the code uses -> whether it is used as a plural somewhere."""
    keys: dict[str, bool] = {}
    for message in extract():
        key = message if isinstance(message, str) else message[0]
        keys[key] = keys.get(key, False) or not isinstance(message, str)
    for path in source_files():
        for key in KEY_AS_VALUE.findall(path.read_text()):
            keys.setdefault(key, False)
    return keys


def test_both_languages_have_the_same_keys(catalogs: dict[str, dict[str, Message]]) -> None:
    nl, en = catalogs['nl'], catalogs['en']
    assert sorted(set(nl) - set(en)) == [], 'missing in English'
    assert sorted(set(en) - set(nl)) == [], 'missing in Dutch'
    assert [k for k in nl if nl[k].pluralizable != en[k].pluralizable] == [], 'plural in one language only'


def test_no_empty_or_fuzzy_texts(catalogs: dict[str, dict[str, Message]]) -> None:
    for lang, catalog in catalogs.items():
        assert [k for k, m in catalog.items() if not all(text.strip() for text in forms(m))] == [], f'empty in {lang}'
        assert [k for k, m in catalog.items() if m.fuzzy] == [], f'fuzzy (not compiled) in {lang}'
        assert [k for k, m in catalog.items() if m.pluralizable and len(forms(m)) != 2] == [], lang


def test_same_placeholders(catalogs: dict[str, dict[str, Message]]) -> None:
    for key, message in catalogs['nl'].items():
        if not message.pluralizable:
            assert placeholders(message.string) == placeholders(catalogs['en'][key].string), key
            continue
        expected = placeholders(forms(message)[0]) - {'count'}  # a form may leave out the number: "its one answer"
        for lang, catalog in catalogs.items():
            for text in forms(catalog[key]):
                assert placeholders(text) - {'count'} == expected, (lang, key, text)


def test_every_key_the_code_uses_is_translated(catalogs: dict[str, dict[str, Message]], used: dict[str, bool]) -> None:
    assert len(used) > 100
    for lang, catalog in catalogs.items():
        missing = sorted(set(used) - set(catalog))
        assert not missing, f'keys missing in {lang}: {missing}'
        wrong = sorted(key for key, plural in used.items() if plural and not catalog[key].pluralizable)
        assert not wrong, f'used with t.plural but not a plural text in {lang}: {wrong}'


def test_plural_texts_are_used_with_plural(catalogs: dict[str, dict[str, Message]]) -> None:
    """``t('key', ...)`` on a plural text would show one form for every number: use ``t.plural('key', count)``."""
    singular = {message for message in extract(('t',)) if isinstance(message, str)}
    wrong = sorted(key for key in singular if key in catalogs['nl'] and catalogs['nl'][key].pluralizable)
    assert not wrong, f'plural texts used with t(): {wrong}'


def test_pybabel_extract_sees_every_key() -> None:
    """A key babel does not see (in an f-string, passed as a value) would be dropped by ``pybabel update``.

    Mark it with ``N_('key')`` where it is written, or list it in ``app/i18n/families.py``."""
    seen = {message if isinstance(message, str) else message[0] for message in extract()}
    found = {key for path in source_files() for regex in (KEY_IN_CALL, KEY_AS_VALUE)
             for key in regex.findall(path.read_text())}
    unseen = sorted(found - seen)
    assert not unseen, f'keys pybabel extract does not find: {unseen}'


def test_translator_formats_and_falls_back() -> None:
    assert translator('en')('participant.in') == "You're in"
    assert translator('en')('moderate.hello', name='Anna') == 'You moderate this meeting as Anna.'
    assert translator('xx')('participant.in') == 'Je bent binnen'
    assert translator('xx').lang == 'nl'
    assert translator('nl')('no.such_key') == 'no.such_key'
    assert translator('en').plural('no.such_key', 3) == 'no.such_key'
    assert catalog_text('en', 'error.page') == 'Something went wrong while opening this page.'
    assert pick_language('en', 'nl') == 'en' and pick_language(None, 'en') == 'en' and pick_language('xx', 'yy') == 'nl'


def test_plurals() -> None:
    nl, en = translator('nl'), translator('en')
    assert nl.plural('control.count', 1, online=1) == '1 deelnemer, 1 online'
    assert nl.plural('control.count', 2, online=1) == '2 deelnemers, 1 online'
    assert nl.plural('control.count', 0, online=0) == '0 deelnemers, 0 online'
    assert en.plural('control.count', 1, online=1) == '1 participant, 1 online'
    assert en.plural('control.count', 2, online=1) == '2 participants, 1 online'
    assert en.plural('error.throttled', 1) == 'Too many attempts. Try again in 1 second.'


def test_numbers_and_dates() -> None:
    nl, en = translator('nl'), translator('en')
    assert nl.number(7.5) == '7,5' and en.number(7.5) == '7.5'
    assert nl.number(7.0) == '7' and en.number(7.0) == '7'
    assert nl.number(7.25, digits=2) == '7,25' and nl.number(None) == '–'
    assert nl.date(date(2025, 3, 3)) == 'maandag 3 maart 2025'
    assert en.date(date(2025, 3, 3)) == 'Monday 3 March 2025'


def copy_po_files(target: Path) -> Path:
    for lang in LANGUAGES:
        (target / lang / 'LC_MESSAGES').mkdir(parents=True)
        shutil.copy(LOCALES / lang / 'LC_MESSAGES' / 'messages.po', target / lang / 'LC_MESSAGES' / 'messages.po')
    return target


def test_without_mo_the_po_is_compiled_in_memory(tmp_path: Path) -> None:
    locales = copy_po_files(tmp_path / 'locales')
    catalog = load_catalog('nl', locales)
    assert catalog.gettext('participant.in') == 'Je bent binnen'
    assert catalog.ngettext('agenda.answers', 'agenda.answers', 1).format(count=1) == '1 antwoord'
    assert not list(locales.rglob('*.mo'))


def test_a_mo_older_than_its_po_is_ignored(tmp_path: Path) -> None:
    locales = copy_po_files(tmp_path / 'locales')
    po = locales / 'nl' / 'LC_MESSAGES' / 'messages.po'
    old = Catalog(locale='nl', fuzzy=False)
    old.add('participant.in', 'oude tekst')
    with po.with_suffix('.mo').open('wb') as file:
        write_mo(file, old)
    mtime = po.stat().st_mtime
    os.utime(po.with_suffix('.mo'), (mtime - 60, mtime - 60))
    assert load_catalog('nl', locales).gettext('participant.in') == 'Je bent binnen'
    os.utime(po.with_suffix('.mo'), (mtime + 60, mtime + 60))
    assert load_catalog('nl', locales).gettext('participant.in') == 'oude tekst'
