"""NiceGUI's per-element costs that do not depend on the element, paid once instead of once per element.

Every element NiceGUI creates makes three observable collections (classes, style, props), and each asks
``helpers.expects_arguments(on_change)`` — ``inspect.signature`` of the same bound method every time. With a few
dozen elements per phone page that was the largest single cost of a join in a big plenary (bench/load.py: about a
sixth of the server's CPU). The answer only depends on the function's code and which of its parameters have
defaults, so it is remembered per code object; callables that are not plain functions or bound methods (partials,
classes, objects with ``__call__``, functions with ``__signature__`` or ``__wrapped__``) are asked as before.

A patch of NiceGUI's internals: upstream, zauberzeug/nicegui#6130 ("Optimize hot paths in binding, observables,
and element classes", closed unmerged) is the same cost. tests/unit/test_speedups.py fails when NiceGUI no longer
asks ``helpers.expects_arguments`` where this patches it (drop the patch then, or move it).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

from nicegui import helpers
from nicegui.helpers import functions

_original: Callable[[Callable], bool] = functions.expects_arguments
_known: dict[tuple[Any, ...], bool] = {}


def _key(func: Callable) -> tuple[Any, ...] | None:
    bound = isinstance(func, types.MethodType)
    target: object = func.__func__ if isinstance(func, types.MethodType) else func
    if type(target) is not types.FunctionType or hasattr(target, '__signature__') or hasattr(target, '__wrapped__'):
        return None
    return (target.__code__, bound, len(target.__defaults__ or ()), tuple(target.__kwdefaults__ or ()))


def expects_arguments(func: Callable) -> bool:
    """``nicegui.helpers.expects_arguments``, remembered per code object (same answer, computed once)."""
    key = _key(func)
    if key is None:
        return _original(func)
    known = _known.get(key)
    if known is None:
        known = _known[key] = _original(func)
    return known


def install() -> None:
    """Use the remembering version wherever NiceGUI asks (its modules call ``helpers.expects_arguments``)."""
    helpers.expects_arguments = expects_arguments
