"""The one object built at start-up that pages are handed: settings, database, rooms, bus."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from app.domain.passwords import Throttle
from app.live.bus import Bus, LocalBus, RedisBus
from app.live.registry import Rooms
from app.settings import Settings
from app.store import db
from app.store.repo import Repo

log = logging.getLogger(__name__)


@dataclass
class System:
    settings: Settings
    engine: AsyncEngine | None = None
    repo: Repo | None = None
    rooms: Rooms | None = None
    bus: Bus | None = None
    throttle: Throttle = field(default_factory=lambda: Throttle(clock=time.monotonic))
    demo_task: asyncio.Task | None = None  # ``uitwisselplek demo``: the simulated participants

    async def start(self) -> None:
        url = self.settings.resolved_database_url()
        db.migrate(url)
        self.engine = db.create_engine_for(url)
        self.repo = Repo(db.session_factory(self.engine))
        self.bus = RedisBus(self.settings.redis_url) if self.settings.redis_url else LocalBus()
        self.rooms = Rooms(self.repo, self.bus)
        await self.bus.start(self.rooms.apply_remote)
        log.info('database ready: %s', self.engine.url.render_as_string(hide_password=True))

    async def stop(self) -> None:
        if self.bus:
            await self.bus.stop()
        if self.engine:
            await self.engine.dispose()
