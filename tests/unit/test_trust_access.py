"""Trust, round 3 — security and access, the pure rules: what a preparer may change, which places are links (only
valid http(s) ones), and that no props string in the code carries a value spliced into quotes."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from app.domain.activities import Activity, KindSettings
from app.domain.errors import Refused
from app.domain.preparing import check_preparer_may_change, preparer_may_change
from app.domain.video import check_place, parse_places
from app.kinds.breakout.rules import BreakoutSettings

ROOT = Path(__file__).resolve().parents[2]
INJECTION = 'http://x" onmouseover="alert(1)'


def activity(state: str = 'waiting', id_: int = 1) -> Activity:
    return Activity(id_, 'statement', 'Stelling', KindSettings(), state)  # type: ignore[arg-type]


def test_a_preparer_changes_only_what_never_ran_and_holds_no_answers() -> None:
    assert preparer_may_change(activity(), 0, None)
    assert preparer_may_change(activity(), 0, 2)  # another activity is live
    assert not preparer_may_change(activity(), 0, 1)  # this one is what the phones show
    assert not preparer_may_change(activity('open'), 0, None)
    assert not preparer_may_change(activity('closed'), 0, None)
    assert not preparer_may_change(activity(), 1, None)  # answers (however they came)
    with pytest.raises(Refused) as refused:
        check_preparer_may_change(activity('closed'), 0, None)
    assert refused.value.key == 'error.prepare_locked' and refused.value.params == {}  # no count, nothing of answers


@pytest.mark.parametrize('place', ['tafel 3', 'Zaal B: achteraan', 'lokaal:3', 'https://meet.jit.si/abc',
                                   'http://zoom.us/j/123?pwd=x', '  tafel "de kleine" \u2014 <b>2</b> '])
def test_words_and_http_links_are_places(place: str) -> None:
    assert check_place(place) == place.strip()


@pytest.mark.parametrize('place', ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,x',
                                   'vbscript:x', 'ftp://files.example.org/a', INJECTION, 'https://', 'http:// x',
                                   'https://meet.jit.si/a"onmouseover="alert(1)', 'https://x.be/<script>'])
def test_a_link_that_is_not_a_valid_http_link_is_refused(place: str) -> None:
    with pytest.raises(Refused) as refused:
        check_place(place)
    assert refused.value.key == 'error.video_url_bad'


def test_breakout_places_name_the_bad_line() -> None:
    assert parse_places('tafel 1\n\n https://meet.jit.si/a \n') == ('tafel 1', 'https://meet.jit.si/a')
    with pytest.raises(Refused) as refused:
        BreakoutSettings(locations='tafel 1\njavascript:alert(1)').checked(None, False)
    assert refused.value.key == 'error.place_line' and refused.value.params == {'line': 2, 'url': 'javascript:alert(1)'}
    assert BreakoutSettings(locations='tafel 1\nhttps://meet.jit.si/a').checked(None, False).locations


def spliced_props(source: str) -> list[str]:
    """``.props(…)`` calls whose string is built from values: a placeholder inside quotes (``f'x="{v}"'``), or a
    string made with ``+``, ``%`` or ``.format``. (Unquoted placeholders — numbers, constants — may stay.)"""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'props'
                and node.args):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.JoinedStr):
            parts = arg.values
            if any(isinstance(part, ast.FormattedValue) and i > 0 and isinstance(parts[i - 1], ast.Constant)
                   and re.search(r'''=["'][^"']*$''', str(parts[i - 1].value)) for i, part in enumerate(parts)):
                found.append(ast.unparse(node))
        elif isinstance(arg, ast.BinOp) or (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)
                                            and arg.func.attr == 'format'):
            found.append(ast.unparse(node))
    return found


def test_the_check_finds_a_spliced_value() -> None:
    assert spliced_props('''x.props(f'data-href="{url}" flat')''') != []
    assert spliced_props('''x.props(f'outlined aria-label="Naam {name}"')''') != []
    assert spliced_props('''x.props('title="' + title + '"')''') != []
    assert spliced_props('''x.props('title="{}"'.format(title))''') != []
    assert spliced_props('''x.props(f'maxlength={MAX} data-testid=vote-{option}')''') == []


def test_no_value_is_spliced_into_a_quoted_props_string() -> None:
    """The issue's criterion, and more: values go through ``with_props`` / ``element.props[name] = value``."""
    files = subprocess.run(['git', 'ls-files', 'app', 'components'], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    found = [f'{name}: {call}' for name in files if name.endswith('.py')
             for call in spliced_props((ROOT / name).read_text())]
    assert found == []
