"""The prebuilt ``assets/tailwind.css`` (the app runs without NiceGUI's in-browser Tailwind compiler) must be
rebuilt whenever the sources' classes change: its first line records a hash of the tokens it was built from."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / 'assets' / 'tailwind.css'
REBUILD = 'run .venv/bin/python scripts/build_css.py'


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location('build_css', ROOT / 'scripts' / 'build_css.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault('build_css', module)
    spec.loader.exec_module(module)
    return module


build_css = _load_builder()


@pytest.fixture(scope='module')
def css() -> str:
    assert CSS.is_file(), f'{CSS.relative_to(ROOT)} is missing: {REBUILD}'
    return CSS.read_text(encoding='utf-8')


def test_css_is_built_from_the_current_sources(css: str) -> None:
    digest, roots = build_css.recorded(css)
    assert digest is not None and roots, f'{CSS.relative_to(ROOT)} lacks its token hash in its first lines: {REBUILD}'
    assert digest == build_css.current_digest(css), (
        f'Tailwind classes in the sources (or NiceGUI\'s Tailwind) changed since {CSS.relative_to(ROOT)} was built: '
        f'{REBUILD}')


def test_known_classes_and_layers_are_in_the_css(css: str) -> None:
    for selector in (r'.max-lg\:hidden', '.text-3xl', r'.lg\:shrink-0', r'.p-\[4vh\]', r'.mt-\[20vh\]',
                     r'.text-\[\#f2b705\]', '.cursor-pointer'):  # the last one: set by Quasar's components
        assert f'{selector} {{' in css, f'{selector} is missing from {CSS.relative_to(ROOT)}: {REBUILD}'
    assert '@layer theme, base, components, utilities;' in css  # the same layers as the in-browser compiler's
    assert '@layer base {' in css  # with Tailwind's preflight
    assert '@layer overrides {\n.rotate-45' in css  # NiceGUI's headwind.css, which index.html drops without Tailwind


def test_the_scanner_finds_classes_as_tailwind_does() -> None:
    text = '''ui.label(t('x')).classes('max-lg:hidden lg:shrink-0 p-[4vh]')
    row.classes(f'grid-cols-[repeat(3,1fr)] text-[3.2vw] {extra}')
    html = '<div class="text-xl font-bold">' + "hover:bg-[#fff]"
    '''
    classes = {'max-lg:hidden', 'lg:shrink-0', 'p-[4vh]', 'grid-cols-[repeat(3,1fr)]', 'text-[3.2vw]', 'text-xl',
               'font-bold', 'hover:bg-[#fff]'}
    found = build_css.tokens_of(text)
    assert classes <= found
    # the hash ignores what cannot be a class (a new word, a test id), so that only a new class asks for a rebuild
    roots = build_css.recorded(CSS.read_text(encoding='utf-8'))[1]
    assert classes <= set(build_css.relevant(found, roots))
    assert not {'ui.label(t(', 'row.classes(f', 'extra}', 'html', 'vote-agree', 'p.id'} & set(
        build_css.relevant(found | {'vote-agree', 'p.id'}, roots))
