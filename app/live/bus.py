"""The seam between instances: a room's changes travel over a Bus.

One instance needs no bus traffic (``LocalBus``). Several instances behind a load balancer share
the changes over Redis pub/sub (``RedisBus``); each instance applies the others' changes to its
own rooms, and the database stays the source of truth for a room loaded later.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from typing import Any, Protocol

from app.live.changes import ChangeCodec

log = logging.getLogger(__name__)

Handler = Callable[[int, object, str], None]  # meeting id, change, origin


class Bus(Protocol):
    origin: str
    shared: bool  # other instances serve the same meetings (what this one holds may lag the database)

    async def start(self, handler: Handler) -> None: ...

    async def publish(self, meeting_id: int, change: object) -> None: ...

    async def stop(self) -> None: ...


class LocalBus:
    """A single instance: the room that made a change has already applied it; nobody else to tell."""

    def __init__(self) -> None:
        self.origin = secrets.token_hex(6)
        self.shared = False

    async def start(self, handler: Handler) -> None:
        pass

    async def publish(self, meeting_id: int, change: object) -> None:
        pass

    async def stop(self) -> None:
        pass


class RedisBus:
    """Changes of every meeting on one Redis channel; an instance ignores its own messages.

    ``codec`` turns the typed changes into JSON and back (the only place where that happens)."""

    def __init__(self, url: str, codec: ChangeCodec, channel: str = 'uitwisselplek:changes') -> None:
        from redis.asyncio import Redis  # imported here: only needed when scaling out

        self.origin = secrets.token_hex(6)
        self.shared = True
        self.codec = codec
        self.channel = channel
        self._redis = Redis.from_url(url)
        self._task: asyncio.Task | None = None
        self._outbox: list[tuple[str, asyncio.Future[None]]] = []  # payloads waiting for the publisher
        self._sending: asyncio.Task | None = None

    async def start(self, handler: Handler) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self.channel)
        self._task = asyncio.get_running_loop().create_task(self._listen(pubsub, handler))

    async def _listen(self, pubsub: Any, handler: Handler) -> None:
        async for message in pubsub.listen():
            try:
                data = json.loads(message['data'])
                if data['origin'] == self.origin:
                    continue
                change = self.codec.decode(data['change'])
                if change is not None:  # unknown here (a newer instance): logged by the codec, ignored
                    handler(int(data['meeting']), change, data['origin'])
            except Exception:  # a bad message must not stop the listener
                log.exception('could not apply a change from the bus')

    async def publish(self, meeting_id: int, change: object) -> None:
        """Returns once Redis took the change. One publisher task sends what is waiting in one pipeline (one
        connection, in the order of the calls): a burst of a thousand votes asked the connection pool for a
        thousand connections at once and failed with "Too many connections"."""
        payload = json.dumps({'origin': self.origin, 'meeting': meeting_id, 'change': self.codec.encode(change)})
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._outbox.append((payload, future))
        if self._sending is None or self._sending.done() or self._sending.get_loop() is not loop:
            self._sending = loop.create_task(self._send())
        await future

    async def _send(self) -> None:
        while self._outbox:
            batch, self._outbox = self._outbox, []
            try:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for payload, _ in batch:
                        pipe.publish(self.channel, payload)
                    await pipe.execute()
            except Exception as error:  # Redis is gone: every caller of this batch hears it
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
            else:
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        await self._redis.aclose()
