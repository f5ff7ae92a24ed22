"""The rooms of this instance, keyed by meeting id, each created on first use from the database."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from app.domain.activities import Activity, Answer
from app.domain.countdown import Countdown
from app.domain.meetings import Invite, MeetingInfo
from app.domain.people import Person
from app.domain.rounds import GroupDetails, Round
from app.kinds.registry import Registry
from app.live.bus import Bus
from app.live.gate import JoinGate
from app.live.room import Room
from app.store.repo import Repo

log = logging.getLogger(__name__)


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
        self._loading: dict[int, list[tuple[object, str]]] = {}  # meeting id -> changes heard while reading it

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
                for change, origin in heard:  # made elsewhere while we read: perhaps after our read, so apply
                    room.apply(change, origin)  # (changes set state, so one that our read saw does no harm)
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

    def apply_remote(self, meeting_id: int, change: object, origin: str) -> None:
        """A change made on another instance; rooms not loaded here will read it from the database. A room being
        read right now may have read before that change was stored: it gets the change once it is loaded."""
        room = self._rooms.get(meeting_id)
        if room is not None:
            room.apply(change, origin)
        elif meeting_id in self._loading:
            self._loading[meeting_id].append((change, origin))

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
        room.video_url = self.video_url
        activities = []
        for a in await self.repo.activities_of(meeting_id):
            kind = self.kinds.get(a.kind)
            if kind is None:
                log.warning('meeting %s: activity %s of unknown kind %r left out', meeting_id, a.id, a.kind)
                continue
            activities.append(Activity(a.id, kind.name, a.text, kind.new_settings(a.settings), a.state,
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


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; everything we store is UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
