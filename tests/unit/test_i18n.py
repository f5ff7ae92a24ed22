"""Both catalogs have every key, with the same placeholders, and every key the code uses exists."""

import re
import string
from pathlib import Path

from app.i18n import CATALOGS, translator

ROOT = Path(__file__).resolve().parents[2]
KEY_IN_CODE = re.compile(r"""(?:\bt\(|InvalidInput\(|JoinRefused\(|VoteRefused\()\s*'([a-z_]+\.[a-z_.]+)'"""
                         r"""|'((?:access|error)\.[a-z_]+)'""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_in_every_language() -> None:
    nl, en = CATALOGS['nl'], CATALOGS['en']
    assert set(nl) - set(en) == set(), 'missing in English'
    assert set(en) - set(nl) == set(), 'missing in Dutch'


def test_same_placeholders() -> None:
    for key, text in CATALOGS['nl'].items():
        assert placeholders(text) == placeholders(CATALOGS['en'][key]), key


def test_no_empty_texts() -> None:
    for lang, catalog in CATALOGS.items():
        assert all(text.strip() for text in catalog.values()), lang


def test_every_key_used_in_the_code_exists() -> None:
    used = set()
    for path in [*ROOT.glob('app/**/*.py'), *ROOT.glob('components/**/*.py')]:
        for match in KEY_IN_CODE.finditer(path.read_text()):
            used.add(match.group(1) or match.group(2))
    assert len(used) > 50
    for lang, catalog in CATALOGS.items():
        assert sorted(used - set(catalog)) == [], f'keys missing in {lang}'
    for state in ('draft', 'open', 'closed'):  # built as t(f'state.{...}')
        assert f'state.{state}' in CATALOGS['nl']


def test_translator_formats_and_falls_back() -> None:
    assert translator('en')('control.count', total=3, online=2) == '3 participants, 2 online'
    assert translator('xx')('participant.in') == 'Je bent binnen'


def test_families_built_with_f_strings_are_complete() -> None:
    from app.domain.activities import KINDS

    keys = [f'kind.{k}' for k in KINDS] + [f'option.{o}' for o in ('agree', 'doubt', 'disagree')] \
        + [f'activity.state.{s}' for s in ('waiting', 'open', 'closed')] \
        + [f'speed.phase.{p}' for p in ('ready', 'running', 'paused', 'over')]
    for lang, catalog in CATALOGS.items():
        assert [k for k in keys if k not in catalog] == [], lang
