"""How a view tells a person something: a message card, a refusal, a text that is too long."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from app.domain.errors import Refused
from app.domain.people import text_length
from app.i18n import Translate
from components.length_limit import limit_length

F = TypeVar('F', bound=ValidationElement)


def message_card(title: str, body: str = '', *, link: tuple[str, str] | None = None,
                 marker: str = 'message') -> None:
    card = ui.card().classes('mx-auto mt-10 max-w-md w-full items-center text-center p-6')
    with card.mark(marker).props(f'data-testid={marker}'):
        ui.label(title).classes('text-xl font-bold').props('role=alert')
        if body:
            ui.label(body).classes('text-base text-grey-8')
        if link:
            ui.link(link[0], link[1]).classes('text-lg mt-2')


def notify_refused(t: Translate, error: Refused, kind: Literal['warning', 'negative'] = 'warning') -> None:
    """The one way a page tells a person why something was refused."""
    ui.notify(error.text(t), type=kind)


async def attempt(t: Translate, action: Callable[[], Awaitable[object]],
                  kind: Literal['warning', 'negative'] = 'warning') -> bool:
    """Run ``action``; a refusal is shown to the person. True when it went through."""
    try:
        await action()
    except Refused as error:
        notify_refused(t, error, kind)
        return False
    return True


def limited(field: F, most: int, t: Translate, measure: Callable[[str], int] = text_length) -> F:
    """A text field without the browser's silent cut: a counter, "Te lang: 1000 tekens, hoogstens 120" at once
    while it is too long, the text kept as typed (the server refuses to store it until it is shortened)."""
    return limit_length(field, most, lambda length, most: t.plural('error.too_long_now', most, length=length),
                        measure)
