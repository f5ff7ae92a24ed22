"""One running meeting: validate → store → keep in memory → emit.

The room is made of parts, one area each (``room.roster``, ``room.invites``, ``room.settings``, ``room.memory``,
``room.agenda``) and one runner per activity kind that needs one (``room.runner('speed_date')``). Every change is
a typed object (``app/live/changes.py``): a part stores it and commits it through the room, which applies it here
at once (handing it to the part that declared its type) and publishes it on the bus; the other instances' rooms
apply the same object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.domain.activities import Activity, Answer
from app.domain.meetings import Invite, MeetingInfo
from app.domain.people import Person
from app.domain.rounds import Round
from app.domain.video import Placement, Remote, place_people, provider_for
from app.live.agenda import Agenda
from app.live.bus import Bus
from app.live.changes import AnswerSaved, InviteSaved, Joined, OrderChanged, Presence
from app.live.gate import JoinGate
from app.live.invites import Invites
from app.live.meeting_settings import MeetingSettings
from app.live.memory import NetworkMemory
from app.live.roster import Roster
from app.live.runner import Runner, RunnerContext
from app.store.repo import Repo, take_written

if TYPE_CHECKING:
    from app.kinds.registry import Registry

log = logging.getLogger(__name__)


# changes that show on no phone but maybe one's own (which then knows already): they do not count as missed
QUIET_FOR_PHONES = (Joined, Presence, AnswerSaved, InviteSaved, OrderChanged)
GAP_LIMIT = 1000  # more room versions missed than this: no list of them, the room is read again anyway
COMMUTING = (Joined, InviteSaved)  # changes whose order with others does not matter (someone new, an invite)


class Room:
    """A meeting while it runs. Its parts hold and change one area each: ``roster`` (people, presence, places),
    ``invites`` (moderator invites, screen and report keys), ``settings`` (the meeting's info and what the
    facilitator sets), ``memory`` (the network's other meetings), ``agenda`` (activities and answers) and one
    runner per kind with rounds. The room commits their changes and applies every change by handing it to the
    part that declared its type."""

    def __init__(self, info: MeetingInfo, people: list[tuple[Person, str]], invites: list[Invite],
                 repo: Repo, bus: Bus, kinds: Registry, removed: Iterable[tuple[Person, str]] = (),
                 joined_at: dict[str, datetime] | None = None, gate: JoinGate | None = None,
                 gone: Iterable[Person] = (), places: dict[str, str] | None = None) -> None:
        self.kinds = kinds
        self.video_url = ''  # the app's Jitsi base URL (set by Rooms)
        self.version = 0  # counts changes phones may show: a page built at one version sees if it missed any
        # the database's version of this room that this copy holds (read at load, then from every change's
        # versions); versions below it not heard yet: a gap, which a re-read from the database closes
        self.stored_version = 0
        self.missing: set[int] = set()
        self.out_of_date = False  # known to lag the database until the next re-read (``/healthz``)
        self.on_stale: Callable[[Room, str], None] = lambda room, why: None  # ``Rooms`` reads it again
        self.rereading: list[tuple[object, str, tuple[int, int] | None]] | None = None  # heard while reading
        self._repo = repo
        self._bus = bus
        # views subscribe to the parts' events while building their page; NiceGUI releases them with the client
        self.settings = MeetingSettings(info, repo, self._commit, self._closing)
        self.roster = Roster(lambda: self.info, list(people), list(removed), dict(joined_at or {}), list(gone),
                             dict(places or {}), repo, self._commit, bus.origin, gate, self._joined, self._back)
        self.invites = Invites(lambda: self.info, invites, repo, self._commit)
        self.memory = NetworkMemory(lambda: self.info, self.roster.people, self.history, repo)
        self.agenda = Agenda(info.id, kinds, [], None, {}, repo, self._commit, self.roster.joined_at)
        self.runners: dict[str, Runner] = {
            kind.name: kind.runner(self._context(kind.name)) for kind in kinds if kind.runner is not None}
        self._handlers: dict[type, Callable[[Any, str], None]] = {
            **{t: part.apply for part in (self.roster, self.invites, self.settings, self.memory)
               for t in part.change_types},
            **{t: lambda change, _: self.agenda.apply(change) for t in Agenda.change_types}}
        for kind in kinds:
            for change_type in kind.change_types:  # routed by the change's kind name to that kind's runner
                self._handlers[change_type] = lambda change, _: self.runners[change.kind].apply(change)

    @property
    def info(self) -> MeetingInfo:
        return self.settings.info

    def _context(self, kind: str) -> RunnerContext:
        return RunnerContext(kind=kind, repo=self._repo, commit=self._commit,
                             people=lambda: list(self.roster.people.values()), invites=self.invites.all,
                             history=self.history, met=self.memory.met, preferred=self.preferred_pairs,
                             placement=self.placement, video_rooms=self.video_rooms)

    def load_agenda(self, activities: list[Activity], answers: dict[int, dict[str, Answer]],
                    rounds: list[Round]) -> None:
        self.agenda = Agenda(self.info.id, self.kinds, activities, self.info.current_activity_id, answers,
                             self._repo, self._commit, self.roster.joined_at)
        kinds = {a.id: a.kind for a in activities}
        for name, runner in self.runners.items():
            runner.load([r for r in rounds if kinds.get(r.activity_id) == name])

    # queries
    def runner(self, kind: str) -> Any:
        """The live runner of an activity kind (its own type: ``SpeedDating``, ``Breakouts``, …)."""
        return self.runners[kind]

    def history(self) -> list[Round]:
        """Every round of this meeting, of every kind: who met whom."""
        return [r for runner in self.runners.values() for r in runner.rounds()]

    def placement(self, ids: list[str]) -> Placement:
        """Who the engines may pair with whom (hybrid: the room and online apart unless mixing is allowed)."""
        return place_people(ids, self.roster.places, self.info.mode, self.info.mixed)

    def video_rooms(self, count: int) -> list[str | None]:
        """A video room link for each of ``count`` online groups of a new round (None: a table instead)."""
        info = self.info
        remote = Remote(info.mode, info.plenary_url, info.video_base, info.video_links, info.mixed)
        return provider_for(remote, self.video_url).rooms(count)

    def preferred_pairs(self, activity_id: int) -> dict[frozenset[str], float]:
        """Pairs of present people that activity ``activity_id`` of this meeting would like to see talk (give and
        need matches), with a strength; empty when that activity is gone or its kind suggests none."""
        activity = self.agenda.activities.get(activity_id)
        kind = self.kinds.get(activity.kind) if activity is not None else None
        if activity is None or kind is None:
            return {}
        return kind.preferred_pairs(activity, self.agenda.answers.get(activity_id, {}),
                                    list(self.roster.people.values()))

    def answer_sums(self) -> dict[int, int]:
        """Per activity, the sum of the versions of the answers held (what ``Repo.room_versions`` sums)."""
        sums: dict[int, int] = {}
        for (activity_id, _), version in self.agenda.versions.items():
            sums[activity_id] = sums.get(activity_id, 0) + version
        return sums

    def subscriber_count(self) -> int:
        own = (*self.roster.events(), self.settings.changed, self.invites.changed, self.memory.changed)
        return (sum(len(e.callbacks) for e in own) + self.agenda.subscriber_count()
                + sum(runner.subscriber_count() for runner in self.runners.values()))

    # what the parts ask of the room
    async def _joined(self, person: Person) -> None:
        current = self.agenda.current
        runner = self.runners.get(current.kind) if current is not None else None
        if runner is not None and current is not None:
            await runner.joined(current, person)  # e.g. into the smallest breakout group

    async def _closing(self) -> None:
        current = self.agenda.current
        if current is not None and current.state == 'open':
            await self.agenda.close(current.id)

    async def _back(self, participant_id: str) -> None:
        """Several instances: the one that served this phone before may have stored an answer and died before it
        told the others (the phone was not told "stored" either). The phone is back, here: read its answers again
        (one query) so that the screen's counts are the database's. Versions keep this right when a late message
        from the dead instance comes after it."""
        if not self._bus.shared:
            return
        for r in await self._repo.responses_of_participant(self.info.id, participant_id):
            held = self.agenda.versions.get((r.activity_id, participant_id), 0)
            if r.activity_id in self.agenda.activities and r.version > held:
                log.info('room %s: answer of %s to %s read again from the database (version %s, held %s)',
                         self.info.id, participant_id, r.activity_id, r.version, held)
                answer = Answer(r.choice, r.text, r.reason, r.hidden, r.show_name, r.extra)
                self.apply(AnswerSaved(r.activity_id, participant_id, answer, r.version), self._bus.origin)  # here

    # applying changes (from this instance or, over the bus, from another one)
    async def _commit(self, change: object) -> None:
        """Apply a change this instance stored (or, like presence, did not need to store) and tell the others,
        with the room versions its writes made. Publishing never fails: what is stored is done."""
        versions = take_written(self.info.id)
        if versions is not None:
            self._heard_versions(*versions)
        self.apply(change, self._bus.origin)
        await self._bus.publish(self.info.id, change, versions)

    def receive(self, change: object, origin: str, versions: tuple[int, int] | None = None) -> None:
        """A change from another instance, with the room versions (first, last) it covers (None: a change that
        is not versioned, e.g. presence). One this room holds already (a re-read brought it) is skipped; one that
        comes after versions not heard yet is applied, and the room is read again if they do not come soon."""
        if self.rereading is not None:  # applied once the re-read is in: it may be newer than what was read
            self.rereading.append((change, origin, versions))
            return
        if versions is not None and not self._heard_versions(*versions, commutes=isinstance(change, COMMUTING)):
            log.debug('room %s: a change of versions %s..%s held already, skipped', self.info.id, *versions)
            return
        self.apply(change, origin)

    def _heard_versions(self, first: int, last: int, commutes: bool = False) -> bool:
        """Note the versions a change covers; whether it brings anything this room does not hold. A gap (versions
        before ``first`` not heard) usually closes a moment later (two instances wrote at once, each hears the
        other's change after its own); ``on_stale`` lets ``Rooms`` read the room again if it does not."""
        held = self.stored_version
        if last <= held and not self.missing.intersection(range(first, last + 1)):
            return False
        if first > held + 1:
            if first - held > GAP_LIMIT:
                self.out_of_date = True
            else:
                self.missing.update(range(held + 1, first))
        if last <= held and not commutes:  # it fills a gap after later changes: which one is last is not certain
            self.out_of_date = True
        self.missing.difference_update(range(first, last + 1))
        self.stored_version = max(held, last)
        if self.missing or self.out_of_date:
            self.on_stale(self, f'versions {first}..{last}, held {held}')
        return True

    def adopt(self, fresh: Room) -> int:
        """Become what ``fresh`` (this meeting just read from the database) holds, through the changes between
        the two (``app.live.resync``): every page updates in place. Returns how many changes that took."""
        from app.live.resync import differences

        changes = list(differences(self, fresh))
        for change in changes:
            self.apply(change, self._bus.origin)
        if fresh.info.network_id != self.info.network_id:
            self.settings.info = replace(self.info, network_id=fresh.info.network_id)
        self.roster.gone = dict(fresh.roster.gone)
        self.stored_version = max(self.stored_version, fresh.stored_version)
        self.missing = {v for v in self.missing if v > fresh.stored_version}
        self.out_of_date = bool(self.missing)
        return len(changes)

    def change_types(self) -> tuple[type, ...]:
        """Every change type this room applies (tests/live/test_design.py: the same as the bus codec's)."""
        return tuple(self._handlers)

    def apply(self, change: object, origin: str) -> None:
        handler = self._handlers.get(type(change))
        if handler is None:
            log.warning('room %s: no handler for %s, ignored', self.info.id, type(change).__name__)
            return
        if not isinstance(change, QUIET_FOR_PHONES):
            self.version += 1
        handler(change, origin)
