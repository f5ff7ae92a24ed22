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

log = logging.getLogger(__name__)

Change = dict[str, Any]
Handler = Callable[[int, Change, str], None]  # meeting id, change, origin


class Bus(Protocol):
    origin: str

    async def start(self, handler: Handler) -> None: ...

    async def publish(self, meeting_id: int, change: Change) -> None: ...

    async def stop(self) -> None: ...


class LocalBus:
    """A single instance: the room that made a change has already applied it; nobody else to tell."""

    def __init__(self) -> None:
        self.origin = secrets.token_hex(6)

    async def start(self, handler: Handler) -> None:
        pass

    async def publish(self, meeting_id: int, change: Change) -> None:
        pass

    async def stop(self) -> None:
        pass


class RedisBus:
    """Changes of every meeting on one Redis channel; an instance ignores its own messages."""

    def __init__(self, url: str, channel: str = 'uitwisselplek:changes') -> None:
        from redis.asyncio import Redis  # imported here: only needed when scaling out

        self.origin = secrets.token_hex(6)
        self.channel = channel
        self._redis = Redis.from_url(url)
        self._task: asyncio.Task | None = None

    async def start(self, handler: Handler) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self.channel)
        self._task = asyncio.get_running_loop().create_task(self._listen(pubsub, handler))

    async def _listen(self, pubsub: Any, handler: Handler) -> None:
        async for message in pubsub.listen():
            try:
                data = json.loads(message['data'])
                if data['origin'] != self.origin:
                    handler(int(data['meeting']), data['change'], data['origin'])
            except Exception:  # a bad message must not stop the listener
                log.exception('could not apply a change from the bus')

    async def publish(self, meeting_id: int, change: Change) -> None:
        payload = json.dumps({'origin': self.origin, 'meeting': meeting_id, 'change': change})
        await self._redis.publish(self.channel, payload)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        await self._redis.aclose()
