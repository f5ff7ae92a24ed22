"""The one object built at start-up that pages are handed: settings, kinds, rooms, services, bus."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from app.domain.limits import RateLimit
from app.domain.passwords import Throttle
from app.kinds.registry import Registry, default_registry
from app.live.bus import Bus, LocalBus, RedisBus
from app.live.changes import CORE_CHANGES, ChangeCodec
from app.live.gate import JoinGate
from app.live.rooms import Rooms
from app.services.accounts import Accounts
from app.services.evaluations import Evaluations
from app.services.meetings import Meetings
from app.services.network_export import NetworkExport
from app.services.networks import Networks
from app.services.reports import Reports
from app.services.series import NetworkParts
from app.settings import Settings
from app.store import db
from app.store.repo import Repo

log = logging.getLogger(__name__)


def change_codec(kinds: Registry) -> ChangeCodec:
    """The bus's codec: the room's own changes and those of every kind."""
    return ChangeCodec((*CORE_CHANGES, *kinds.change_types()))


@dataclass
class System:
    settings: Settings
    kinds: Registry = field(default_factory=default_registry)
    engine: AsyncEngine | None = None
    repo: Repo = field(init=False)
    rooms: Rooms = field(init=False)
    bus: Bus | None = None
    accounts: Accounts = field(init=False)
    meetings: Meetings = field(init=False)
    networks: Networks = field(init=False)
    network_export: NetworkExport = field(init=False)  # a network as a file: download, upload
    evaluations: Evaluations = field(init=False)  # 'Vorige keer': what the kinds recall of the previous meeting
    network_parts: NetworkParts = field(init=False)  # what each kind found over a network's series (cards, report)
    reports: Reports = field(init=False)  # a meeting's and a network's report: page, share link, PDF, Markdown
    throttle: Throttle = field(default_factory=lambda: Throttle(clock=time.monotonic))  # logins
    code_guesses: RateLimit = field(init=False)  # unknown join codes per address
    page_loads: RateLimit = field(init=False)    # participant pages per address
    demo_task: asyncio.Task[None] | None = None  # ``uitwisselplek demo``: the simulated participants
    watch_task: asyncio.Task[None] | None = None  # several instances: every room checked against the database

    async def start(self) -> None:
        url = self.settings.resolved_database_url()
        db.migrate(url)
        self.engine = db.create_engine_for(url)
        bus = RedisBus(self.settings.redis_url, change_codec(self.kinds)) if self.settings.redis_url else LocalBus()
        self.attach(Repo(db.session_factory(self.engine)), bus)
        await self.start_bus()
        log.info('database ready: %s', self.engine.url.render_as_string(hide_password=True))

    async def start_bus(self) -> None:
        """Listen to the other instances; read every room again whenever the bus comes back, and check the rooms
        against the database now and then (often while the bus is down)."""
        assert self.bus is not None
        await self.bus.start(self.rooms.apply_remote, self.rooms.reread_all)
        if self.bus.shared:
            self.watch_task = asyncio.get_running_loop().create_task(self.rooms.watch())

    def __post_init__(self) -> None:
        self.code_guesses = RateLimit(time.monotonic, self.settings.code_guesses_per_address, 600.0)
        self.page_loads = RateLimit(time.monotonic, self.settings.page_loads_per_address, 60.0)

    def attach(self, repo: Repo, bus: Bus) -> None:
        """Rooms and services on this database and bus (start-up does this; tests hand in their own)."""
        self.repo, self.bus = repo, bus
        self.rooms = Rooms(repo, bus, self.kinds,
                           JoinGate(self.settings.joins_per_address, self.settings.joins_per_meeting),
                           self.settings.video_url)
        self.accounts = Accounts(repo, self.throttle)
        self.meetings = Meetings(repo, self.kinds)
        self.networks = Networks(repo, self.rooms)
        self.network_export = NetworkExport(repo, self.rooms)
        self.evaluations = Evaluations(repo, self.kinds)
        self.network_parts = NetworkParts(repo, self.kinds)
        self.reports = Reports(repo, self.rooms, self.networks, self.kinds, self.network_parts)

    async def stop(self) -> None:
        if self.watch_task is not None:
            self.watch_task.cancel()
        rooms: Rooms | None = getattr(self, 'rooms', None)  # services and rooms are made by ``attach``
        if rooms is not None:
            await rooms.stop()
        if self.bus:
            await self.bus.stop()
        if self.engine:
            await self.engine.dispose()
