"""Props set from values, never parsed from a props string.

``element.props('aria-label="…"')`` parses its argument: a quote inside a value ends the value and what follows
becomes props of its own (``x" onmouseover="alert(1)`` adds an ``onmouseover`` attribute). Every value that is not
a constant goes through :func:`with_props` (or ``element.props[name] = value``) instead.
"""

from __future__ import annotations

from typing import TypeVar

from nicegui import ui

E = TypeVar('E', bound=ui.element)


def with_props(element: E, **values: str | int | bool) -> E:
    """Set each prop to its value as it is (``aria_label`` names the ``aria-label`` prop); returns the element."""
    for name, value in values.items():
        element.props[name.replace('_', '-')] = value
    return element
