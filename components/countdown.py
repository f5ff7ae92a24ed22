"""The shared countdown: the server sends the deadline once per change; the browser ticks."""

from __future__ import annotations

import time

from nicegui import ui

from app.domain.countdown import Countdown as Clock


class Countdown(ui.element, component='countdown.js'):
    def __init__(self, clock: Clock | None = None, *, done_text: str, sound: str = '', vibrate: bool = False) -> None:
        super().__init__()
        self._props['done-text'] = done_text
        self._props['sound'] = sound
        self._props['vibrate'] = vibrate
        self.show(clock)
        self.client.on_connect(self._reconnected)

    def _reconnected(self) -> None:
        if not self.is_deleted:
            self.resync()

    def show(self, clock: Clock | None) -> None:
        """Send a new state (start, pause, +1 minute, …) together with the server's clock."""
        self._props['ends-at'] = clock.ends_at.timestamp() * 1000 if clock and clock.ends_at else None
        self._props['remaining'] = clock.remaining if clock and clock.ends_at is None else 0
        self._props['server-now'] = time.time() * 1000
        self.update()

    def resync(self) -> None:
        """After a (re)connect: a fresh server clock, so the page corrects its offset."""
        self._props['server-now'] = time.time() * 1000
        self.update()
