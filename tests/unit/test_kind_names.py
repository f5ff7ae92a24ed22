"""No part of the app outside a kind's own package (and the registry) names a kind: the network page, the reports,
the services, the templates and the demo ask the kinds (their hooks), they never branch on a stored name.

Read from the code: every string literal in app/**/*.py that equals a registered kind's stored name is a finding,
unless it is in that kind's package or the registry. 'open' is also the name of a state (an activity's and a
meeting's, ``app.domain.activities.State``): a literal 'open' where a state is meant (compared with, assigned to
or passed as a ``state``, in a ``Literal[...]``, in a tuple of states) is not a kind's name.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

from app.domain.activities import State
from app.domain.meetings import MeetingState
from app.kinds.registry import Registry, default_registry

ROOT = Path(__file__).resolve().parents[2]
STATES = set(get_args(State)) | set(get_args(MeetingState))
ALLOWED = {
    # frozen history: a data migration must keep the names as they were stored when it was written
    'app/store/migrations/',
}


def _package(kind: object) -> str:
    """app/kinds/<package>/ of a kind (the folder of the module that defines its class or a base of it)."""
    for cls in type(kind).__mro__:
        parts = cls.__module__.split('.')
        if parts[:2] == ['app', 'kinds'] and len(parts) > 3:
            return '/'.join(parts[:3]) + '/'
    raise AssertionError(f'{kind!r} has no package under app/kinds')


def _is_state_name(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == 'state' or node.attr.endswith('_state')
    if isinstance(node, ast.Name):
        return 'state' in node.id.lower()
    return False


class _Finder(ast.NodeVisitor):
    """String constants with the parents that tell whether they mean a state."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str, bool]] = []  # (line, value, means a state)
        self._state = 0

    def _as_state(self, nodes: list[ast.AST]) -> None:
        self._state += 1
        for node in nodes:
            self.visit(node)
        self._state -= 1

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.found.append((node.lineno, node.value, self._state > 0))

    def visit_Compare(self, node: ast.Compare) -> None:
        sides = [node.left, *node.comparators]
        if any(_is_state_name(side) for side in sides):
            self._as_state(sides)
        else:
            self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg is not None and 'state' in node.arg:
            self._as_state([node.value])
        else:
            self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == 'Literal':
            self._as_state([node.slice])
        else:
            self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(_is_state_name(target) for target in node.targets):
            self._as_state([node.value])
        else:
            self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if _is_state_name(node.target):
            self._as_state([node.annotation, *([node.value] if node.value else [])])
        else:
            self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ''
        if 'state' in name.lower() or any(isinstance(a, ast.Constant) and a.value == 'state' for a in node.args):
            self._as_state([*node.args, *node.keywords])  # set_state('open'), o.choice('state', …, 'open')
        else:
            self.generic_visit(node)


def findings(kinds: Registry, root: Path = ROOT) -> list[str]:
    packages = {kind.name: _package(kind) for kind in kinds}
    found = []
    for path in sorted((root / 'app').rglob('*.py')):
        relative = path.relative_to(root).as_posix()
        if relative == 'app/kinds/registry.py' or any(relative.startswith(prefix) for prefix in ALLOWED):
            continue
        finder = _Finder()
        finder.visit(ast.parse(path.read_text(encoding='utf-8'), relative))
        for line, value, as_state in finder.found:
            if value in packages and not relative.startswith(packages[value]) and not (as_state and value in STATES):
                found.append(f'{relative}:{line}: {value!r}')
    return found


def test_no_kind_is_named_outside_its_package_and_the_registry() -> None:
    assert findings(default_registry()) == []


def test_the_check_can_fail(tmp_path: Path) -> None:
    """A planted branch on a kind's name is found; a state 'open' is not."""
    (tmp_path / 'app' / 'services').mkdir(parents=True)
    (tmp_path / 'app' / 'services' / 'planted.py').write_text(
        "def f(a, room):\n"
        "    if a.kind == 'network_map' and a.state == 'open':\n"
        "        room.agenda.add('open', 'x', state='open')\n", encoding='utf-8')
    (tmp_path / 'app' / 'kinds' / 'network_map').mkdir(parents=True)
    (tmp_path / 'app' / 'kinds' / 'network_map' / 'rules.py').write_text("name = 'network_map'\n", encoding='utf-8')
    assert findings(default_registry(), tmp_path) == ["app/services/planted.py:2: 'network_map'",
                                                      "app/services/planted.py:3: 'open'"]
