"""A text field that never cuts what was typed or pasted.

An HTML ``maxlength`` makes the browser cut a paste silently: 1,000 characters pasted into a field of 120 become
120, and the person sees "Ontvangen ✓" for a text they never wrote. A limited field has no ``maxlength``; it shows a
counter, and while the text is longer than allowed an error at once (checked on the server with every change, counted
as the server counts: after cleaning). The text stays as typed until the person shortens it; saving it meanwhile is
refused by the server with a message (``too_long`` lets a page say so without the round trip).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from app.domain.people import text_length

F = TypeVar('F', bound=ValidationElement)


def limit_length(field: F, most: int, message: Callable[[int, int], str],
                 measure: Callable[[str], int] = text_length) -> F:
    """No ``maxlength``, a counter, and ``message(length, most)`` as the field's error while ``measure`` of its value
    (the length the server counts) is above ``most``; ``length`` is what was typed, as the counter shows it. Returns
    the field."""
    field.props(remove='maxlength')
    field.props['counter'] = True

    def check(value: object) -> str | None:
        text = value if isinstance(value, str) else ''
        return message(len(text), most) if measure(text) > most else None  # the length as the counter shows it

    field.validation = check  # runs now (a stored text that is too long shows its error) and with every change
    return field


def too_long(field: ui.element) -> bool:
    """The field shows its "too long" error."""
    return isinstance(field, ValidationElement) and field.error is not None
