"""The shared countdown: the server sends the deadline once per change; the browser ticks."""

from __future__ import annotations

import time
import weakref

from nicegui import Client, ui

from app.domain.countdown import Countdown as Clock

_ON_PAGE: weakref.WeakKeyDictionary[Client, weakref.WeakSet[Countdown]] = weakref.WeakKeyDictionary()


class Countdown(ui.element, component='countdown.js'):
    def __init__(self, clock: Clock | None = None, *, done_text: str, paused_text: str = '', sound: str = '',
                 vibrate: bool = False) -> None:
        super().__init__()
        self._props['done-text'] = done_text
        self._props['paused-text'] = paused_text
        self._props['sound'] = sound
        self._props['vibrate'] = vibrate
        self.show(clock)
        countdowns = _ON_PAGE.get(self.client)
        if countdowns is None:  # one connect handler per page, however many countdowns come and go
            countdowns = _ON_PAGE[self.client] = weakref.WeakSet()
            page = weakref.ref(countdowns)
            self.client.on_connect(lambda: _resync_all(page()))
        countdowns.add(self)

    def show(self, clock: Clock | None) -> None:
        """Send a new state (start, pause, +1 minute, …) together with the server's clock."""
        self._props['ends-at'] = clock.ends_at.timestamp() * 1000 if clock and clock.ends_at else None
        self._props['remaining'] = clock.remaining if clock and clock.ends_at is None else 0
        self._props['paused'] = bool(clock and clock.ends_at is None and (clock.remaining or 0) > 0
                                     and clock.remaining != clock.seconds)  # the same rule as Round.phase
        self._props['server-now'] = time.time() * 1000
        self.update()

    def resync(self) -> None:
        """After a (re)connect: a fresh server clock, so the page corrects its offset."""
        self._props['server-now'] = time.time() * 1000
        self.update()


def _resync_all(countdowns: weakref.WeakSet[Countdown] | None) -> None:
    """After a (re)connect: a fresh server clock for every countdown on the page."""
    for countdown in list(countdowns or ()):
        if not countdown.is_deleted:
            countdown.resync()
