"""A room's people: who joined on which device, who is online, who left, was removed or let back in, where a
participant of a hybrid meeting is, and how each is shown (display names).

Like every part of a room (``room.roster``) it goes validate → store → commit; the room applies the change by
handing it to ``apply``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from nicegui import Event

from app.domain.errors import Refused
from app.domain.meetings import MeetingInfo
from app.domain.names import DisplayName, display_names
from app.domain.people import Person, clean_name, clean_organisation
from app.domain.video import PLACES
from app.live.changes import Forgotten, Joined, Left, LetBackIn, PlaceChanged, Presence
from app.live.gate import JoinGate
from app.store.repo import Repo


@dataclass(frozen=True, slots=True)
class RosterChange:
    kind: Literal['joined', 'left', 'presence']
    person: Person


class Roster:
    change_types = (Joined, Left, Forgotten, LetBackIn, Presence, PlaceChanged)

    def __init__(self, meeting: Callable[[], MeetingInfo], people: list[tuple[Person, str]],
                 removed: list[tuple[Person, str]], joined_at: dict[str, datetime], gone: list[Person],
                 places: dict[str, str], repo: Repo, commit: Callable[[object], Awaitable[None]], origin: str,
                 gate: JoinGate | None, joined: Callable[[Person], Awaitable[None]],
                 back: Callable[[str], Awaitable[None]]) -> None:
        self._meeting = meeting
        self.people: dict[str, Person] = {person.id: person for person, _ in people}
        self._names: dict[str, DisplayName] | None = None  # display names of ``people``, made when first asked
        self._device_of: dict[str, str] = {person.id: device for person, device in people}
        self._person_of: dict[str, str] = {device: person.id for person, device in people}
        self.joined_at = joined_at  # participant id -> when (UTC); the agenda reads it too (late answers)
        self.removed: dict[str, tuple[Person, str]] = {person.id: (person, device) for person, device in removed}
        self.gone: dict[str, Person] = {person.id: person for person in gone}  # who left (not removed): answers
        # may still name them (the network map's "asked Anna")
        self.places: dict[str, str] = places  # hybrid: participant id -> 'room' | 'online'
        self._presence: dict[str, dict[str, int]] = {}  # participant id -> instance -> open pages
        self._repo = repo
        self._commit = commit
        self._origin = origin
        self._gate = gate
        self._joined_hook = joined  # the current activity's runner may place a late joiner (a breakout group)
        self._back = back           # a participant's page is back on this instance (the room reads answers again)
        self._join_locks: dict[str, asyncio.Lock] = {}  # per device: a double tap must not make two participants
        self.changed = Event[RosterChange]()
        self.participant_gone = Event[str]()
        self.removed_changed = Event[[]]()  # the list of removed people (the facilitator may let them back in)
        self.place_changed = Event[str]()  # a participant's place (their id)

    # queries
    def names(self) -> dict[str, DisplayName]:
        """How each participant is shown: two "Deelnemer A"s told apart (``app.domain.names``), made once per roster."""
        if self._names is None:
            self._names = display_names(self.people.values())
        return self._names

    def device_of(self, participant_id: str) -> str:
        return self._device_of.get(participant_id, '')

    def participant_for_device(self, device_id: str) -> Person | None:
        participant_id = self._person_of.get(device_id)
        return self.people.get(participant_id) if participant_id else None

    def offline(self) -> list[Person]:
        return [p for p in self.people.values() if not self.is_online(p.id)]

    def joined_within(self, minutes: float) -> list[Person]:
        """Who joined in the last ``minutes`` (e.g. a flood of strangers)."""
        since = datetime.now(UTC) - timedelta(minutes=minutes)
        return [p for p in self.people.values() if self.joined_at.get(p.id, since) > since]

    def is_removed(self, device_id: str) -> bool:
        """This device's participant was removed by the facilitator (and not let back in)."""
        return any(device == device_id for _, device in self.removed.values())

    def is_online(self, participant_id: str) -> bool:
        return sum(self._presence.get(participant_id, {}).values()) > 0

    def events(self) -> tuple[Event[Any], ...]:
        return self.changed, self.participant_gone, self.removed_changed, self.place_changed

    # joining and leaving
    async def join(self, device_id: str, name: str, organisation: str, address: str = '',
                   member_id: int | None = None) -> Person:
        """Join (or come back as the same person on this device); ``address`` is where the request came from;
        ``member_id``: the network member this participant is (a member present on another device stays one)."""
        name, organisation = clean_name(name), clean_organisation(organisation)
        lock = self._join_locks.setdefault(device_id, asyncio.Lock())
        try:
            async with lock:
                return await self._join(device_id, name, organisation, address, member_id)
        finally:
            if not lock.locked():  # a waiter that still runs finds the participant made by the first tap
                self._join_locks.pop(device_id, None)

    async def _join(self, device_id: str, name: str, organisation: str, address: str,
                    member_id: int | None) -> Person:
        existing = self.participant_for_device(device_id)
        if existing:
            return existing
        info = self._meeting()
        if info.state == 'closed':
            raise Refused('error.meeting_closed')
        if self.is_removed(device_id):  # a new name from the same browser is the same device
            raise Refused('error.removed')
        if info.max_participants and len(self.people) >= info.max_participants:
            raise Refused('error.meeting_full')
        if self._gate is not None:
            self._gate.check_join(info.id, address)
        if info.locked:
            raise Refused('error.meeting_locked')
        if member_id is not None:
            here = await self._repo.networks.members_in(info.id)
            if any(m == member_id and p in self.people for p, m in here.items()):
                member_id = None  # already here on another device: this one joins as a guest
        row = await self._repo.add_participant(info.id, device_id, name, organisation, member_id)
        person = Person(row.id, row.name, row.organisation)
        await self._commit(Joined(person, device_id, row.joined_at))
        await self._joined_hook(person)
        return person

    async def leave(self, participant_id: str) -> None:
        await self._drop(participant_id, 'left')

    async def remove(self, participant_id: str) -> None:
        """The facilitator removes someone: their device cannot join this meeting again until let back in."""
        await self._drop(participant_id, 'removed')

    async def remove_many(self, participant_ids: list[str]) -> int:
        """Remove several at once (a flood, everyone offline); returns how many were removed."""
        present = [pid for pid in participant_ids if pid in self.people]
        for participant_id in present:
            await self._drop(participant_id, 'removed')
        return len(present)

    async def let_back_in(self, participant_id: str) -> None:
        if participant_id not in self.removed:
            return
        await self._repo.set_participant_status(self._meeting().id, participant_id, 'left')
        await self._commit(LetBackIn(participant_id))

    async def forget(self, participant_ids: list[str]) -> None:
        """A member was forgotten (stored already): their participants leave this meeting, no name kept."""
        await self._commit(Forgotten(tuple(participant_ids)))

    async def _drop(self, participant_id: str, status: str) -> None:
        if participant_id not in self.people:
            return
        await self._repo.set_participant_status(self._meeting().id, participant_id, status)
        await self._commit(Left(participant_id, removed=status == 'removed'))

    async def page_connected(self, participant_id: str, delta: int) -> None:
        """A participant's page on this instance (dis)connected; ``delta`` is +1 or -1."""
        count = max(0, self._presence.get(participant_id, {}).get(self._origin, 0) + delta)
        await self._commit(Presence(participant_id, count))
        if delta > 0:
            await self._back(participant_id)

    async def set_place(self, participant_id: str, place: str) -> None:
        """A participant of a hybrid meeting is in the room or online (changeable; a running round keeps its
        groups, the next round places them anew)."""
        if place not in PLACES:
            raise Refused('error.video_place')
        if participant_id not in self.people:
            raise Refused('error.unknown_participant')
        if self.places.get(participant_id) == place:
            return
        await self._repo.set_participant_place(self._meeting().id, participant_id, place)
        await self._commit(PlaceChanged(participant_id, place))

    # applying changes
    def apply(self, change: Any, origin: str) -> None:
        if isinstance(change, Joined):
            self._joined(change)
        elif isinstance(change, Left):
            self._left(change)
        elif isinstance(change, Forgotten):
            for participant_id in change.participant_ids:
                if self.removed.pop(participant_id, None) is not None:
                    self.removed_changed.emit()
                self._left(Left(participant_id))
                self.gone.pop(participant_id, None)  # forgotten: not even a name left to draw
        elif isinstance(change, LetBackIn):
            let_in = self.removed.pop(change.participant_id, None)
            if let_in is not None:
                self.gone[change.participant_id] = let_in[0]  # stored as left, as the database reads it again
                self.removed_changed.emit()
        elif isinstance(change, Presence):
            self._presence_changed(change, origin)
        elif isinstance(change, PlaceChanged):
            self.places[change.participant_id] = change.place
            self.place_changed.emit(change.participant_id)

    def _joined(self, change: Joined) -> None:
        person = change.person
        self.people[person.id] = person
        self._names = None
        self._device_of[person.id] = change.device
        self._person_of[change.device] = person.id
        self.joined_at[person.id] = change.at or datetime.now(UTC)
        self.gone.pop(person.id, None)
        self.changed.emit(RosterChange('joined', person))

    def _left(self, change: Left) -> None:
        person = self.people.pop(change.participant_id, None)
        self._names = None
        device = self._device_of.pop(change.participant_id, None)
        if device is not None:
            self._person_of.pop(device, None)
        self._presence.pop(change.participant_id, None)
        self.joined_at.pop(change.participant_id, None)
        if change.removed and person is not None and device is not None:
            self.removed[person.id] = (person, device)
            self.removed_changed.emit()
        elif person is not None:
            self.gone[person.id] = person
        if person:
            self.changed.emit(RosterChange('left', person))
            self.participant_gone.emit(person.id)

    def _presence_changed(self, change: Presence, origin: str) -> None:
        person = self.people.get(change.participant_id)
        if person:
            was_online = self.is_online(person.id)
            self._presence.setdefault(person.id, {})[origin] = change.count
            if self.is_online(person.id) != was_online:
                self.changed.emit(RosterChange('presence', person))
