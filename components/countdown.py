"""The shared countdown: the server sends the deadline once per change; the browser ticks.

The deadline is on the server's clock, a phone's clock may be off by seconds. Each page measures that offset when
its first countdown comes and at every (re)connect, e.g. after a server restart: the server asks the browser for
its clock a few times and takes the quickest round trip (``app.domain.countdown.clock_offset``), so a message that
waited on a busy server does not shift the time shown. Until then the browser estimates the offset from the
server's clock sent with each state.
"""

from __future__ import annotations

import time
import weakref

from nicegui import Client, background_tasks, ui

from app.domain.countdown import ClockSample, clock_offset
from app.domain.countdown import Countdown as Clock

SAMPLES = 3  # looks at the browser's clock per connect
_ON_PAGE: weakref.WeakKeyDictionary[Client, weakref.WeakSet[Countdown]] = weakref.WeakKeyDictionary()
_OFFSET: weakref.WeakKeyDictionary[Client, float] = weakref.WeakKeyDictionary()  # server minus browser, ms


class Countdown(ui.element, component='countdown.js'):
    def __init__(self, clock: Clock | None = None, *, done_text: str, paused_text: str = '', sound: str = '',
                 vibrate: bool = False) -> None:
        super().__init__()
        self._props['done-text'] = done_text
        self._props['paused-text'] = paused_text
        self._props['sound'] = sound
        self._props['vibrate'] = vibrate
        self._props['offset'] = _OFFSET.get(self.client)  # measured on this page already (None: not yet)
        self.show(clock)
        countdowns = _ON_PAGE.get(self.client)
        if countdowns is None:  # one connect handler per page, however many countdowns come and go
            countdowns = _ON_PAGE[self.client] = weakref.WeakSet()
            client, page = weakref.ref(self.client), weakref.ref(countdowns)
            self.client.on_connect(lambda: _measure(client(), page()))
            if self.client.has_socket_connection:  # the first countdown of a page that connected long ago
                background_tasks.create(_measure(self.client, countdowns), name='countdown clock')
        countdowns.add(self)

    def show(self, clock: Clock | None) -> None:
        """Send a new state (start, pause, +1 minute, …) together with the server's clock."""
        self._props['ends-at'] = clock.ends_at.timestamp() * 1000 if clock and clock.ends_at else None
        self._props['remaining'] = clock.remaining if clock and clock.ends_at is None else 0
        self._props['paused'] = bool(clock and clock.ends_at is None and (clock.remaining or 0) > 0
                                     and clock.remaining != clock.seconds)  # the same rule as Round.phase
        self._props['server-now'] = time.time() * 1000
        self.update()

    def set_offset(self, offset_ms: float) -> None:
        """The measured offset of this browser's clock (server minus browser, ms)."""
        self._props['offset'] = offset_ms
        self.update()


async def _measure(client: Client | None, countdowns: weakref.WeakSet[Countdown] | None) -> None:
    """After a (re)connect: look at the browser's clock ``SAMPLES`` times, then correct every countdown."""
    if client is None or countdowns is None:
        return
    samples: list[ClockSample] = []
    for _ in range(SAMPLES):
        sent = time.time()
        try:
            seen = await client.run_javascript('Date.now()', timeout=5)
        except TimeoutError:
            break
        if not isinstance(seen, int | float):  # the page went away meanwhile
            break
        samples.append(ClockSample(sent, seen / 1000, time.time()))
    ahead = clock_offset(samples)
    if ahead is None or client.is_deleted:
        return
    _OFFSET[client] = -ahead * 1000
    for countdown in list(countdowns):
        if not countdown.is_deleted:
            countdown.set_offset(_OFFSET[client])
