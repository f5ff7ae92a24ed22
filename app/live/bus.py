"""The seam between instances: a room's changes travel over a Bus.

One instance needs no bus traffic (``LocalBus``). Several instances behind a load balancer share
the changes over Redis pub/sub (``RedisBus``); each instance applies the others' changes to its
own rooms. The database stays the truth: a change on the bus only says "this happened, look again if you
missed something". A room-level change carries the room's stored version (``Room.stored_version``), so that a
receiver sees a gap; after an outage the listener reconnects by itself and tells the rooms to read themselves
again (``on_reconnect``), and what could not be sent meanwhile is sent once Redis is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from nicegui import Event

from app.live.changes import ChangeCodec

log = logging.getLogger(__name__)

# meeting id, change, origin, the room versions (first, last) the change covers (None: not versioned)
Handler = Callable[[int, object, str, tuple[int, int] | None], None]
BACKOFF = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)  # seconds between reconnects (then 4 s, forever)
OUTBOX_LIMIT = 50_000  # changes kept for Redis while it is away; older ones are dropped (the re-read repairs them)


@dataclass(frozen=True, slots=True)
class BusHealth:
    """What ``/healthz`` and the control view say about the bus."""

    state: str                      # 'local' (one instance), 'up' or 'down'
    down_since: float | None        # wall clock (time.time()) when it went down
    last_message_age: float | None  # seconds since the listener heard anything on the channel (own messages too)
    waiting: int                    # changes not sent yet


class Bus(Protocol):
    origin: str
    shared: bool  # other instances serve the same meetings (what this one holds may lag the database)
    state_changed: Event[bool]  # True: connected again, False: down

    async def start(self, handler: Handler, on_reconnect: Callable[[], None] | None = None) -> None: ...

    async def publish(self, meeting_id: int, change: object, versions: tuple[int, int] | None = None) -> None: ...

    def health(self) -> BusHealth: ...

    async def stop(self) -> None: ...


class LocalBus:
    """A single instance: the room that made a change has already applied it; nobody else to tell."""

    def __init__(self) -> None:
        self.origin = secrets.token_hex(6)
        self.shared = False
        self.state_changed = Event[bool]()

    async def start(self, handler: Handler, on_reconnect: Callable[[], None] | None = None) -> None:
        pass

    async def publish(self, meeting_id: int, change: object, versions: tuple[int, int] | None = None) -> None:
        pass

    def health(self) -> BusHealth:
        return BusHealth('local', None, None, 0)

    async def stop(self) -> None:
        pass


class RedisBus:
    """Changes of every meeting on one Redis channel; an instance ignores its own messages.

    ``codec`` turns the typed changes into JSON and back (the only place where that happens). The listener never
    ends while the bus runs: when Redis goes away it tries again after ``backoff`` (the last step repeats), logs the
    outage once when it starts and once when it is over, and calls ``on_reconnect`` once it listens again (the rooms
    read themselves again: whatever was said while it was away is lost on pub/sub). ``publish`` never fails: a change
    is queued and one publisher task sends what is waiting in one pipeline, in order, trying again until Redis takes
    it (a stored answer is stored, whatever the bus does)."""

    def __init__(self, url: str, codec: ChangeCodec, channel: str = 'uitwisselplek:changes',
                 backoff: tuple[float, ...] = BACKOFF) -> None:
        from redis.asyncio import Redis  # imported here: only needed when scaling out
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self.origin = secrets.token_hex(6)
        self.shared = True
        self.codec = codec
        self.channel = channel
        self.backoff = backoff
        self.state_changed = Event[bool]()
        options: dict[str, Any] = {'socket_connect_timeout': 2, 'health_check_interval': 2}
        self._redis = Redis.from_url(url, **options)  # the publisher (its own retries: a blip is not an outage)
        # the listener notices every lost connection itself (redis-py would resubscribe silently, and what was
        # said meanwhile would be missed without anyone knowing)
        self._listener = Redis.from_url(url, retry=Retry(NoBackoff(), 0), **options)
        self._task: asyncio.Task[None] | None = None
        self._outbox: list[str] = []  # payloads waiting for the publisher
        self._sending: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._listening = False
        self._publishing = True
        self._down_since: float | None = None  # time.time() of the outage's start (listener or publisher)
        self._down_at: float | None = None     # time.monotonic() of the same
        self._heard_at: float | None = None    # time.monotonic() of the last message on the channel
        self.outages = 0                      # how many the listener has come back from
        self.stopping = False

    async def start(self, handler: Handler, on_reconnect: Callable[[], None] | None = None) -> None:
        """Returns once listening (or, when Redis is not there at start-up, once the first try failed: the listener
        keeps trying on its own)."""
        first = asyncio.get_running_loop().create_future()
        self._task = asyncio.get_running_loop().create_task(self._listen(handler, on_reconnect, first))
        await asyncio.wait([first, self._task], return_when=asyncio.FIRST_COMPLETED)

    async def _listen(self, handler: Handler, on_reconnect: Callable[[], None] | None,
                      first: asyncio.Future[None]) -> None:
        attempt = 0
        while not self.stopping:
            pubsub = self._listener.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                attempt = 0
                self._heard_at = time.monotonic()
                self._listener_up(on_reconnect)
                if not first.done():
                    first.set_result(None)
                while not self.stopping:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is not None:
                        self._heard_at = time.monotonic()
                        self._receive(message, handler)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis gone (or never there): try again, for as long as the bus runs
                self._listener_down(error)
                if not first.done():
                    first.set_result(None)
                await asyncio.sleep(self.backoff[min(attempt, len(self.backoff) - 1)])
                attempt += 1
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    def _receive(self, message: dict[str, Any], handler: Handler) -> None:
        try:
            data = json.loads(message['data'])
            if data['origin'] == self.origin:
                return
            change = self.codec.decode(data['change'])
            if change is not None:  # unknown here (a newer instance): logged by the codec, ignored
                versions = data.get('versions')
                handler(int(data['meeting']), change, data['origin'],
                        (int(versions[0]), int(versions[1])) if versions else None)
        except Exception:  # a bad message must not stop the listener
            log.exception('could not apply a change from the bus')

    def _listener_up(self, on_reconnect: Callable[[], None] | None) -> None:
        was_down = not self._listening and self._down_at is not None
        self._listening = True
        if was_down:
            self.outages += 1
            if on_reconnect is not None:
                try:
                    on_reconnect()
                except Exception:
                    log.exception('could not start reading the rooms again')
        self._settle()

    def _listener_down(self, error: BaseException) -> None:
        if self._listening or self._down_at is None:
            self._listening = False
            self._went_down(f'listener: {error!r}')

    def _went_down(self, why: str) -> None:
        if self._down_at is None:
            self._down_at, self._down_since = time.monotonic(), time.time()
            log.warning('bus down (%s): changes of other instances are not heard; rooms are checked against the '
                        'database until it is back', why)
            self.state_changed.emit(False)

    def _settle(self) -> None:
        """Up again when both the listener and the publisher are."""
        if self._down_at is not None and self._listening and self._publishing:
            log.warning('bus back after %.1f s (%d changes sent late); rooms are read again from the database',
                        time.monotonic() - self._down_at, len(self._outbox))
            self._down_at = self._down_since = None
            self.state_changed.emit(True)

    @property
    def up(self) -> bool:
        return self._down_at is None and self._listening

    def health(self) -> BusHealth:
        heard = time.monotonic() - self._heard_at if self._heard_at is not None else None
        return BusHealth('up' if self.up else 'down', self._down_since, heard, len(self._outbox))

    async def publish(self, meeting_id: int, change: object, versions: tuple[int, int] | None = None) -> None:
        """Queues the change for the publisher and returns (never fails: the change is stored already). One task
        sends what is waiting in one pipeline (one connection, in the order of the calls): a burst of a thousand
        votes asked the connection pool for a thousand connections at once and failed with "Too many
        connections". While Redis is away it tries again; the other instances read their rooms again anyway."""
        message: dict[str, Any] = {'origin': self.origin, 'meeting': meeting_id, 'change': self.codec.encode(change)}
        if versions is not None:
            message['versions'] = list(versions)
        self._outbox.append(json.dumps(message))
        if len(self._outbox) > OUTBOX_LIMIT:
            dropped = len(self._outbox) - OUTBOX_LIMIT
            del self._outbox[:dropped]
            log.warning('bus: %d old changes dropped while Redis is away (the other instances read again)', dropped)
        loop = asyncio.get_running_loop()
        if self._sending is None or self._sending.done() or self._sending.get_loop() is not loop:
            self._sending = loop.create_task(self._send())
        self._wake.set()

    async def _send(self) -> None:
        attempt = 0
        while not self.stopping:
            if not self._outbox:
                self._wake.clear()
                await self._wake.wait()
                continue
            batch = self._outbox[:1000]
            try:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for payload in batch:
                        pipe.publish(self.channel, payload)
                    await pipe.execute()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis is gone: keep the changes, try again
                if self._publishing:
                    self._publishing = False
                    self._went_down(f'publisher: {error!r}')
                await asyncio.sleep(self.backoff[min(attempt, len(self.backoff) - 1)])
                attempt += 1
            else:
                del self._outbox[:len(batch)]
                attempt = 0
                if not self._publishing:
                    self._publishing = True
                    self._settle()

    async def flushed(self) -> None:
        """Until every queued change went out (tests)."""
        while self._outbox:
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self.stopping = True
        for task in (self._task, self._sending):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        for client in (self._redis, self._listener):
            with contextlib.suppress(Exception):
                await client.aclose()
