"""docs/ARCHITECTURE.md says what the code says: its layer list, kind hooks and change types are generated
(``scripts/architecture.py``) and this test fails when the page is out of date; every module of app is in a layer."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from app.kinds.registry import default_registry
from app.live.changes import CORE_CHANGES

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = 'run .venv/bin/python scripts/architecture.py'


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location('architecture', ROOT / 'scripts' / 'architecture.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault('architecture', module)
    spec.loader.exec_module(module)
    return module


architecture = _load()


def test_the_page_is_up_to_date() -> None:
    text = architecture.PAGE.read_text()
    assert architecture.regenerate(text) == text, f'docs/ARCHITECTURE.md is out of date: {REGENERATE}'


def test_a_stale_part_is_noticed() -> None:
    text = architecture.PAGE.read_text()
    begin, end = (m.format(name='change-types') for m in (architecture.BEGIN, architecture.END))
    stale = re.sub(re.escape(begin) + '.*?' + re.escape(end), f'{begin}\n| `Joined` |\n{end}', text, flags=re.S)
    assert stale != text
    assert architecture.regenerate(stale) == text


def test_every_change_type_and_kind_hook_is_on_the_page() -> None:
    text = architecture.PAGE.read_text()
    for change in (*CORE_CHANGES, *default_registry().change_types()):
        assert f'| `{change.__name__}` |' in text, change
    for hook in ('clean_answer', 'report', 'phone_view'):
        assert f'| `{hook}(' in text


def test_every_module_of_app_is_in_a_layer() -> None:
    """A new top-level module or package of app (or components) must get its place in the layers contract."""
    layered = {m.strip() for layer in architecture.layer_list() for m in re.split(r'[|:]', layer)}
    modules = {'components'} | {
        f'app.{p.stem if p.suffix else p.name}' for p in (ROOT / 'app').iterdir()
        if (p.suffix == '.py' and p.name != '__init__.py') or (p / '__init__.py').exists()}
    assert modules - layered == set(), 'add these to the layers contract in pyproject.toml'
    assert layered - modules == set(), 'the layers contract names modules that are gone'
