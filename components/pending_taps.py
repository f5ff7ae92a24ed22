"""A phone's taps that are not confirmed yet, kept in the browser (localStorage) so that none is lost unnoticed."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui


class PendingTaps(ui.element, component='pending_taps.js'):
    """Put one on the phone page; ``remember(button, activity, field, value)`` makes a button's tap pending until
    the server calls ``done``. ``on_resend`` gets the pending taps after a reconnect or a reload."""

    def __init__(self, storage_key: str, *, not_sent_text: str,
                 on_resend: Callable[[list[dict[str, Any]]], Awaitable[None]]) -> None:
        super().__init__()
        self._props['storage-key'] = storage_key
        self._props['not-sent-text'] = not_sent_text
        self._props['confirmed'] = []  # [[activity, field, n], …]: the browser forgets these taps
        self._confirmations = 0
        self.on('resend', lambda e: on_resend([item for item in e.args if isinstance(item, dict)]))

    def remember(self, element: ui.element, activity: int, field: str, value: object = None, *,
                 value_js: str = '', activity_js: str = '') -> None:
        """Before ``element``'s click reaches the server, note it here (``value_js`` reads the value in the
        browser, e.g. a text field's; ``activity_js`` the activity, for a button that stays when the question
        changes)."""
        value_code, activity_code = value_js or json.dumps(value), activity_js or str(activity)
        element.on('click', js_handler=f'(...args) => {{ getElement({self.id}).add({{activity: {activity_code}, '
                                       f'field: {json.dumps(field)}, value: {value_code}}}); }}')

    def done(self, activity: int, field: str = '') -> None:
        """The tap is stored (or refused with a message): forget it (a prop update, sent with the page's others)."""
        self._confirmations += 1
        self._props['confirmed'] = [*self._props['confirmed'][-9:], [activity, field, self._confirmations]]
        self.update()
