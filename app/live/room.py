"""One running meeting: validate → store → keep in memory → emit."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from nicegui import Event

from app.domain.activities import Activity
from app.domain.codes import new_key
from app.domain.people import InvalidInput, Person, clean_name, clean_organisation
from app.domain.speeddate import DateRound
from app.live.agenda import Agenda, Answer
from app.live.breakouts import Breakouts
from app.live.bus import Bus, Change
from app.live.speeddate import SpeedDating
from app.store.repo import Repo


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    id: int
    facilitator_id: int
    title: str
    date: date | None
    join_code: str
    state: str
    locked: bool
    screen_key: str
    current_activity_id: int | None = None


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    key: str
    label: str
    revoked: bool


@dataclass(frozen=True, slots=True)
class RosterChange:
    kind: Literal['joined', 'left', 'presence']
    person: Person


class JoinRefused(Exception):
    """Joining is not possible now; ``key`` is an i18n key for the message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class Room:
    def __init__(self, info: MeetingInfo, people: list[tuple[Person, str]], invites: list[Invite],
                 repo: Repo, bus: Bus) -> None:
        self.info = info
        self.people: dict[str, Person] = {person.id: person for person, _ in people}
        self._device_of: dict[str, str] = {person.id: device for person, device in people}
        self._person_of: dict[str, str] = {device: person.id for person, device in people}
        self.invites: dict[str, Invite] = {invite.key: invite for invite in invites}
        self._presence: dict[str, dict[str, int]] = {}  # participant id -> instance -> open pages
        self._repo = repo
        self._bus = bus
        self._join_locks: dict[str, asyncio.Lock] = {}  # per device: a double tap must not make two participants
        # views subscribe while building their page; NiceGUI releases them with the client
        self.roster_changed = Event[RosterChange]()
        self.meeting_changed = Event[MeetingInfo]()
        self.invites_changed = Event()
        self.participant_gone = Event[str]()
        self.agenda = Agenda(info.id, [], None, {}, repo, self._commit)  # replaced by the registry's load
        self.speed = SpeedDating([], repo, self._commit, lambda: list(self.people.values()))
        self.breakouts = Breakouts([], repo, self._commit, lambda: list(self.people.values()))

    def load_agenda(self, activities: list[Activity], answers: dict[int, dict[str, Answer]],
                    rounds: list[DateRound]) -> None:
        self.agenda = Agenda(self.info.id, activities, self.info.current_activity_id, answers, self._repo,
                             self._commit)
        kinds = {a.id: a.kind for a in activities}
        people = lambda: list(self.people.values())  # noqa: E731
        self.speed = SpeedDating([r for r in rounds if kinds.get(r.activity_id) == 'speed_date'], self._repo,
                                 self._commit, people)
        self.breakouts = Breakouts([r for r in rounds if kinds.get(r.activity_id) == 'breakout'], self._repo,
                                   self._commit, people)

    async def new_breakout_round(self, activity: Activity) -> DateRound:
        """Groups for the next breakout round: moderators in turn, avoiding who already met."""
        moderators = [i.key for i in self.invites.values() if not i.revoked]
        return await self.breakouts.new_round(activity, moderators, self.speed.all_rounds())

    # queries
    def participant_for_device(self, device_id: str) -> Person | None:
        participant_id = self._person_of.get(device_id)
        return self.people.get(participant_id) if participant_id else None

    def is_online(self, participant_id: str) -> bool:
        return sum(self._presence.get(participant_id, {}).values()) > 0

    def invite_for(self, key: str) -> Invite | None:
        invite = self.invites.get(key)
        return invite if invite and not invite.revoked else None

    def subscriber_count(self) -> int:
        own = (self.roster_changed, self.meeting_changed, self.invites_changed, self.participant_gone)
        return (sum(len(e.callbacks) for e in own) + self.agenda.subscriber_count() + self.speed.subscriber_count()
                + self.breakouts.subscriber_count())

    # participants
    async def join(self, device_id: str, name: str, organisation: str) -> Person:
        name, organisation = clean_name(name), clean_organisation(organisation)
        lock = self._join_locks.setdefault(device_id, asyncio.Lock())
        try:
            async with lock:
                return await self._join(device_id, name, organisation)
        finally:
            if not lock.locked():  # a waiter that still runs finds the participant made by the first tap
                self._join_locks.pop(device_id, None)

    async def _join(self, device_id: str, name: str, organisation: str) -> Person:
        existing = self.participant_for_device(device_id)
        if existing:
            return existing
        if self.info.state == 'closed':
            raise JoinRefused('error.meeting_closed')
        if self.info.locked:
            raise JoinRefused('error.meeting_locked')
        row = await self._repo.add_participant(self.info.id, device_id, name, organisation)
        person = Person(row.id, row.name, row.organisation)
        await self._commit({'kind': 'joined', 'person': [person.id, person.name, person.organisation],
                            'device': device_id})
        current = self.agenda.current
        running = self.breakouts.current(current.id) if current is not None and current.kind == 'breakout' else None
        if running is not None and running.phase(self.breakouts.clock()) != 'ready':
            await self.breakouts.add_late_joiner(running.activity_id, person)  # into the smallest group
            # (before the start, the start places everyone who has no group yet)
        return person

    async def leave(self, participant_id: str) -> None:
        await self._drop(participant_id, 'left')

    async def remove(self, participant_id: str) -> None:
        await self._drop(participant_id, 'removed')

    async def _drop(self, participant_id: str, status: str) -> None:
        if participant_id not in self.people:
            return
        await self._repo.set_participant_status(self.info.id, participant_id, status)
        await self._commit({'kind': 'left', 'id': participant_id})

    async def page_connected(self, participant_id: str, delta: int) -> None:
        """A participant's page on this instance (dis)connected; ``delta`` is +1 or -1."""
        count = max(0, self._presence.get(participant_id, {}).get(self._bus.origin, 0) + delta)
        await self._commit({'kind': 'presence', 'id': participant_id, 'count': count})

    # meeting
    async def set_locked(self, locked: bool) -> None:
        await self._repo.update_meeting(self.info.id, locked=locked)
        await self._commit({'kind': 'meeting', 'fields': {'locked': locked}})

    async def set_state(self, state: Literal['open', 'closed']) -> None:
        await self._repo.update_meeting(self.info.id, state=state)
        await self._commit({'kind': 'meeting', 'fields': {'state': state}})

    async def new_screen_key(self) -> None:
        key = new_key()
        await self._repo.update_meeting(self.info.id, screen_key=key)
        await self._commit({'kind': 'meeting', 'fields': {'screen_key': key}})

    async def create_invite(self, label: str) -> Invite:
        if len(label) > 80:
            raise InvalidInput('error.label_too_long', max=80)
        row = await self._repo.create_invite(self.info.id, label)
        invite = Invite(row.id, row.key, row.label, row.revoked)
        await self._commit({'kind': 'invite', 'invite': [invite.id, invite.key, invite.label, invite.revoked]})
        return invite

    async def revoke_invite(self, invite_id: int) -> None:
        invite = next((i for i in self.invites.values() if i.id == invite_id), None)
        if invite is None or invite.revoked:
            return
        await self._repo.revoke_invite(self.info.id, invite_id)
        await self._commit({'kind': 'invite', 'invite': [invite.id, invite.key, invite.label, True]})

    # applying changes (from this instance or, over the bus, from another one)
    async def _commit(self, change: Change) -> None:
        self.apply(change, self._bus.origin)
        await self._bus.publish(self.info.id, change)

    def apply(self, change: Change, origin: str) -> None:
        kind = change['kind']
        if kind == 'joined':
            person = Person(*change['person'])
            self.people[person.id] = person
            self._device_of[person.id] = change['device']
            self._person_of[change['device']] = person.id
            self.roster_changed.emit(RosterChange('joined', person))
        elif kind == 'left':
            person = self.people.pop(change['id'], None)
            device = self._device_of.pop(change['id'], None)
            if device is not None:
                self._person_of.pop(device, None)
            self._presence.pop(change['id'], None)
            if person:
                self.roster_changed.emit(RosterChange('left', person))
                self.participant_gone.emit(person.id)
        elif kind == 'presence':
            person = self.people.get(change['id'])
            if person:
                was_online = self.is_online(person.id)
                self._presence.setdefault(person.id, {})[origin] = change['count']
                if self.is_online(person.id) != was_online:
                    self.roster_changed.emit(RosterChange('presence', person))
        elif kind == 'meeting':
            self.info = replace(self.info, **change['fields'])
            self.meeting_changed.emit(self.info)
        elif kind == 'invite':
            invite = Invite(*change['invite'])
            self.invites[invite.key] = invite
            self.invites_changed.emit()
        elif kind in ('round', 'round_clock'):
            self.speed.apply(change)
        elif kind.startswith('breakout'):
            self.breakouts.apply(change)
        else:
            self.agenda.apply(change)
