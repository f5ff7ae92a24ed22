"""The rooms of this instance, keyed by meeting id, each created on first use from the database.

With several instances (a shared bus) the rooms also keep themselves right: a room that saw a gap in the room
versions, every room once the bus is back after an outage, and a room a periodic check found behind the database
is read again and takes the differences (``Room.adopt``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast, overload

from app.domain.activities import Activity, Answer, State
from app.domain.countdown import Countdown
from app.domain.meetings import Invite, MeetingInfo
from app.domain.people import Person
from app.domain.rounds import GroupDetails, Round
from app.live.bus import Bus
from app.live.gate import JoinGate
from app.live.room import Room
from app.store.repo import Repo

if TYPE_CHECKING:
    from app.kinds.registry import Registry

log = logging.getLogger(__name__)
GRACE = 0.5        # seconds a gap in the versions may take to close by itself (a change on its way) before a re-read
CHECK_DOWN = 2.0   # seconds between checks of every room against the database while the bus is down
CHECK_UP = 15.0    # ... and while it is up (a safety net: a change lost without the bus noticing)


class Rooms:
    def __init__(self, repo: Repo, bus: Bus, kinds: Registry, gate: JoinGate | None = None,
                 video_url: str = '') -> None:
        self.repo = repo
        self.video_url = video_url  # the app's Jitsi base URL (UITWISSELPLEK_VIDEO_URL)
        self.bus = bus
        self.kinds = kinds
        self.gate = gate
        self._rooms: dict[int, Room] = {}
        self._codes: dict[str, int] = {}  # join code -> meeting id; codes never change
        self._lock = asyncio.Lock()
        self._loading: dict[int, list[tuple[object, str, tuple[int, int] | None]]] = {}  # heard while reading it
        self._rereads: dict[int, asyncio.Task[None]] = {}  # meeting id -> its re-read (one at a time)
        self._again: set[int] = set()  # asked for again while one ran
        self._previous: dict[int, tuple[int, dict[int, int]]] = {}  # the last check's view of the database
        self.rereads = 0      # figures for /healthz and the benchmark
        self.reread_at: float | None = None  # time.time() of the last re-read

    async def get(self, meeting_id: int) -> Room | None:
        """The meeting's room, or None when there is no such meeting."""
        room = self._rooms.get(meeting_id)
        if room is not None:
            return room
        async with self._lock:  # two pages opening at once must share one room
            if meeting_id not in self._rooms:
                self._loading[meeting_id] = []
                try:
                    room = await self._load(meeting_id)
                    heard = self._loading[meeting_id]
                finally:
                    del self._loading[meeting_id]
                if room is None:
                    return None
                room.on_stale = self._stale
                for change, origin, versions in heard:  # made elsewhere while we read: perhaps after our read
                    room.receive(change, origin, versions)  # (the versions tell what our read saw already)
                self._rooms[meeting_id] = room
            return self._rooms[meeting_id]

    async def by_code(self, code: str) -> Room | None:
        if code not in self._codes:
            meeting = await self.repo.meeting_by_code(code)
            if meeting is None:
                return None
            self._codes[code] = meeting.id
        return await self.get(self._codes[code])

    def loaded(self) -> list[Room]:
        return list(self._rooms.values())

    def loaded_room(self, meeting_id: int) -> Room | None:
        return self._rooms.get(meeting_id)

    def forget_rooms(self, meeting_ids: list[int]) -> None:
        """Drop rooms whose meeting was deleted or left its network: read again from the database if opened."""
        for meeting_id in meeting_ids:
            room = self._rooms.pop(meeting_id, None)
            if room is not None:
                self._codes.pop(room.info.join_code, None)

    async def broadcast(self, meeting_ids: list[int], change: object) -> None:
        """A change for several meetings (their network's): applied to the rooms loaded here, published for the
        other instances."""
        for meeting_id in meeting_ids:
            room = self._rooms.get(meeting_id)
            if room is not None:
                room.apply(change, self.bus.origin)
            await self.bus.publish(meeting_id, change)

    def apply_remote(self, meeting_id: int, change: object, origin: str,
                     versions: tuple[int, int] | None = None) -> None:
        """A change made on another instance; rooms not loaded here will read it from the database. A room being
        read right now may have read before that change was stored: it gets the change once it is loaded."""
        room = self._rooms.get(meeting_id)
        if room is not None:
            room.receive(change, origin, versions)
        elif meeting_id in self._loading:
            self._loading[meeting_id].append((change, origin, versions))

    # keeping the rooms right (several instances)
    def out_of_date(self) -> list[int]:
        """Rooms known to lag the database (a gap not closed, a re-read waiting or running)."""
        return sorted({*(m for m, room in self._rooms.items() if room.out_of_date or room.missing),
                       *(m for m, task in self._rereads.items() if not task.done())})

    def reread_all(self, why: str = 'the bus is back') -> None:
        """Every room loaded here is read again (the bus was away: what was said meanwhile is lost)."""
        rooms = list(self._rooms)
        if rooms:
            log.warning('reading %d rooms again from the database (%s): %s', len(rooms), why, rooms)
        for meeting_id in rooms:
            self._schedule(meeting_id, 0.0)

    def _stale(self, room: Room, why: str) -> None:
        log.info('room %s may lag the database (%s)', room.info.id, why)
        self._schedule(room.info.id, GRACE)

    def _schedule(self, meeting_id: int, delay: float) -> None:
        task = self._rereads.get(meeting_id)
        if task is not None and not task.done():
            if delay == 0.0:
                self._again.add(meeting_id)
            return
        self._rereads[meeting_id] = asyncio.get_running_loop().create_task(self._reread_soon(meeting_id, delay))

    async def _reread_soon(self, meeting_id: int, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            while True:
                self._again.discard(meeting_id)
                room = self._rooms.get(meeting_id)
                if room is None:
                    return
                if (delay == 0.0 or room.missing or room.out_of_date) and await self.reread(room) is None:
                    await asyncio.sleep(GRACE)  # overtaken by this instance's own writes: a moment later
                    self._again.add(meeting_id)
                if meeting_id not in self._again:
                    return
                delay = 0.0
        except asyncio.CancelledError:
            raise
        except Exception:  # the database away as well: the periodic check tries again
            log.warning('room %s: could not read it again', meeting_id, exc_info=True)

    async def reread(self, room: Room) -> int | None:
        """Read the room's meeting again and let the room take the differences; changes heard meanwhile are applied
        after (with their versions). Returns how many changes it took; None when every read was older than what
        this instance stored itself meanwhile (many joining at once): taking one would undo those changes (someone
        who just joined would be shown the join form again), so the room stays out of date and is read later."""
        meeting_id = room.info.id
        room.rereading = []
        try:
            for _ in range(3):
                fresh = await self._load(meeting_id)
                if fresh is None:
                    self.forget_rooms([meeting_id])
                    return 0
                if fresh.stored_version >= room.stored_version:
                    break  # not older than what this instance stored itself meanwhile
            else:
                fresh = None
            changed = room.adopt(fresh) if fresh is not None else None
        finally:
            heard, room.rereading = room.rereading or [], None
        for change, origin, versions in heard:
            room.receive(change, origin, versions)
        if changed is None:
            room.out_of_date = True
            log.info('room %s: every read was older than what this instance stored meanwhile; read again later',
                     meeting_id)
            return None
        self.rereads += 1
        self.reread_at = time.time()
        log.info('room %s read again from the database: version %s, %d changes', meeting_id, room.stored_version,
                 changed)
        return changed

    async def check(self) -> list[int]:
        """Compare every room loaded here with the database (its room version, its answers' versions per activity)
        and read again those behind. While the bus is up a room is compared with the previous check's view (a
        change on its way over the bus is not a missed one); while it is down, with this one. Returns the rooms
        read again."""
        stored = await self.repo.room_versions(list(self._rooms))
        against = stored if self.bus.health().state == 'down' else self._previous
        self._previous = stored
        behind = [m for m, room in self._rooms.items() if m in against and _behind(room, *against[m])]
        for meeting_id in behind:
            self._rooms[meeting_id].out_of_date = True
            self._schedule(meeting_id, 0.0)
        return behind

    async def watch(self, down: float = CHECK_DOWN, up: float = CHECK_UP) -> None:
        """The periodic check, for as long as the instance runs (``System`` starts it when the bus is shared)."""
        while True:
            await asyncio.sleep(down if self.bus.health().state == 'down' or self.out_of_date() else up)
            try:
                behind = await self.check()
                if behind:
                    log.info('rooms %s were behind the database: read again', behind)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database away: try again at the next check
                log.warning('could not check the rooms against the database: %r', error)

    async def stop(self) -> None:
        for task in self._rereads.values():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _load(self, meeting_id: int) -> Room | None:
        meeting = await self.repo.meeting(meeting_id)
        if meeting is None:
            return None
        info = MeetingInfo(meeting.id, meeting.facilitator_id, meeting.title, meeting.date, meeting.join_code,
                           meeting.state, meeting.locked, meeting.screen_key, meeting.current_activity_id,
                           meeting.max_participants, meeting.language, meeting.network_id, meeting.place,
                           meeting.host, meeting.show_agreements, meeting.report_key or '', meeting.recap_note or '',
                           tuple(meeting.recap_quotes or ()), bool(meeting.show_recap), meeting.mode or 'room',
                           meeting.plenary_url or '', meeting.video_base or '',
                           tuple(line for line in (meeting.video_links or '').splitlines() if line),
                           bool(meeting.mixed))
        active = await self.repo.active_participants(meeting_id)
        people = [(Person(p.id, p.name, p.organisation), p.device_id) for p in active]
        invites = [Invite(i.id, i.key, i.label, i.revoked) for i in await self.repo.invites_of(meeting_id)]
        removed = [(Person(p.id, p.name, p.organisation), p.device_id)
                   for p in await self.repo.removed_participants(meeting_id)]
        active_ids = {p.id for p in active}
        gone = [Person(p.id, p.name, p.organisation) for p in await self.repo.participants_of(meeting_id)
                if p.id not in active_ids]
        room = Room(info, people, invites, self.repo, self.bus, self.kinds, removed,
                    {p.id: _utc(p.joined_at) for p in active}, self.gate, gone,
                    {p.id: p.place for p in active if p.place})
        room.stored_version = meeting.version or 0  # read first: what follows is at least as new
        room.video_url = self.video_url
        activities = []
        for a in await self.repo.activities_of(meeting_id):
            kind = self.kinds.get(a.kind)
            if kind is None:
                log.warning('meeting %s: activity %s of unknown kind %r left out', meeting_id, a.id, a.kind)
                continue
            state = cast('State', a.state)  # written only from an Activity's state
            activities.append(Activity(a.id, kind.name, a.text, kind.new_settings(a.settings), state,
                                       a.revealed, a.position, _utc(a.closed_at) if a.closed_at else None))
        answers: dict[int, dict[str, Answer]] = {}
        versions: dict[tuple[int, str], int] = {}
        for r in await self.repo.responses_of(meeting_id):
            answers.setdefault(r.activity_id, {})[r.participant_id] = Answer(r.choice, r.text, r.reason, r.hidden,
                                                                              r.show_name, r.extra)
            versions[(r.activity_id, r.participant_id)] = r.version
        rounds = [Round(r.id, r.activity_id, r.number, tuple(tuple(g.members) for g in groups),
                        r.paused_participant or None,
                        Countdown(r.seconds, _utc(r.ends_at), r.remaining), r.question,
                        tuple(GroupDetails(g.question, g.location, g.moderator_key, g.note, g.note_version)
                              for g in groups))
                  for r, groups in await self.repo.rounds_of(meeting_id)]
        room.load_agenda(activities, answers, rounds)
        room.agenda.versions.update(versions)
        return room


def _behind(room: Room, version: int, sums: dict[int, int]) -> bool:
    """The database (as read) holds a room version or answers this room does not."""
    held = room.answer_sums()
    known = room.agenda.activities
    return version > room.stored_version or any(
        total > held.get(activity_id, 0) for activity_id, total in sums.items() if activity_id in known)


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: datetime | None) -> datetime | None: ...


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; everything we store is UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
