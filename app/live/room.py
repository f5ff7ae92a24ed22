"""One running meeting: validate → store → keep in memory → emit.

The room owns the meeting's people, invites and agenda, and one runner per activity kind that needs
one (``room.runner('speed_date')``). Every change is a typed object (``app/live/changes.py``):
applied here at once, published on the bus, applied by the other instances' rooms.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from nicegui import Event

from app.domain.activities import Activity, Answer, clamp
from app.domain.codes import new_key
from app.domain.errors import Refused
from app.domain.meetings import MAX_INVITE_LABEL, MAX_PARTICIPANTS, Invite, MeetingInfo
from app.domain.names import DisplayName, display_names
from app.domain.networks import member_encounters, merged_history
from app.domain.people import Person, clean_name, clean_organisation
from app.domain.rounds import Round, met_counts
from app.domain.video import PLACES, Placement, Remote, place_people, provider_for
from app.i18n import LANGUAGES, NP_
from app.live.agenda import Agenda
from app.live.bus import Bus
from app.live.changes import (
    AnswerSaved,
    Forgotten,
    InviteSaved,
    Joined,
    Left,
    LetBackIn,
    MeetingUpdated,
    NetworkChanged,
    OrderChanged,
    PlaceChanged,
    Presence,
)
from app.live.gate import JoinGate
from app.live.runner import Runner, RunnerContext
from app.store.repo import Repo, take_written

if TYPE_CHECKING:
    from app.kinds.registry import Registry

log = logging.getLogger(__name__)


# changes that show on no phone but maybe one's own (which then knows already): they do not count as missed
QUIET_FOR_PHONES = (Joined, Presence, AnswerSaved, InviteSaved, OrderChanged)
GAP_LIMIT = 1000  # more room versions missed than this: no list of them, the room is read again anyway
COMMUTING = (Joined, InviteSaved)  # changes whose order with others does not matter (someone new, an invite)


@dataclass(frozen=True, slots=True)
class RosterChange:
    kind: Literal['joined', 'left', 'presence']
    person: Person


class Room:
    def __init__(self, info: MeetingInfo, people: list[tuple[Person, str]], invites: list[Invite],
                 repo: Repo, bus: Bus, kinds: Registry, removed: list[tuple[Person, str]] = (),
                 joined_at: dict[str, datetime] | None = None, gate: JoinGate | None = None,
                 gone: list[Person] = (), places: dict[str, str] | None = None) -> None:
        self.info = info
        self.kinds = kinds
        self.people: dict[str, Person] = {person.id: person for person, _ in people}
        self._names: dict[str, DisplayName] | None = None  # display names of ``people``, made when first asked
        self._device_of: dict[str, str] = {person.id: device for person, device in people}
        self._person_of: dict[str, str] = {device: person.id for person, device in people}
        self.invites: dict[str, Invite] = {invite.key: invite for invite in invites}
        self.joined_at: dict[str, datetime] = dict(joined_at or {})  # participant id -> when (UTC)
        self.removed: dict[str, tuple[Person, str]] = {person.id: (person, device) for person, device in removed}
        self.video_url = ''  # the app's Jitsi base URL (set by Rooms)
        self.places: dict[str, str] = dict(places or {})  # hybrid: participant id -> 'room' | 'online'
        self.place_changed = Event[str]()  # a participant's place (their id)
        self.gone: dict[str, Person] = {person.id: person for person in gone}  # who left (not removed): answers
        # may still name them (the network map's "asked Anna")
        self._presence: dict[str, dict[str, int]] = {}  # participant id -> instance -> open pages
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
        self._gate = gate
        self._join_locks: dict[str, asyncio.Lock] = {}  # per device: a double tap must not make two participants
        # views subscribe while building their page; NiceGUI releases them with the client
        self.roster_changed = Event[RosterChange]()
        self.meeting_changed = Event[MeetingInfo]()
        self.invites_changed = Event()
        self.participant_gone = Event[str]()
        self.removed_changed = Event()  # the list of removed people (the facilitator may let them back in)
        self.network_changed = Event[str]()  # its network's 'members', 'topics', 'agreements' or 'network'
        self.agenda = Agenda(info.id, kinds, [], None, {}, repo, self._commit, self.joined_at)
        self.runners: dict[str, Runner] = {
            kind.name: kind.runner(self._context(kind.name)) for kind in kinds if kind.runner is not None}
        self._handlers: dict[type, Callable[[Any, str], None]] = {
            Joined: self._joined, Left: self._left, Forgotten: self._forgotten, LetBackIn: self._let_back_in,
            Presence: self._presence_changed, PlaceChanged: self._place_changed,
            NetworkChanged: lambda change, _: self.network_changed.emit(change.what),
            MeetingUpdated: self._meeting_updated, InviteSaved: self._invite_saved,
            **{t: lambda change, _: self.agenda.apply(change) for t in Agenda.change_types}}
        for kind in kinds:
            for change_type in kind.change_types:  # routed by the change's kind name to that kind's runner
                self._handlers[change_type] = lambda change, _: self.runners[change.kind].apply(change)

    def _context(self, kind: str) -> RunnerContext:
        return RunnerContext(kind=kind, repo=self._repo, commit=self._commit, people=lambda: list(self.people.values()),
                             invites=lambda: list(self.invites.values()), history=self.history, met=self.met,
                             preferred=self.preferred_pairs, placement=self.placement, video_rooms=self.video_rooms)

    def load_agenda(self, activities: list[Activity], answers: dict[int, dict[str, Answer]],
                    rounds: list[Round]) -> None:
        self.agenda = Agenda(self.info.id, self.kinds, activities, self.info.current_activity_id, answers,
                             self._repo, self._commit, self.joined_at)
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

    async def met(self) -> Counter[frozenset[str]]:
        """Who met whom, for the engines: this meeting's rounds, and in a network the members' pairs and groups of
        its other meetings (put on the participants who are those members here)."""
        own = met_counts(self.history())
        if self.info.network_id is None:
            return own
        networks = self._repo.networks
        groups, member_of = await networks.earlier_groups(self.info.network_id, self.info.id)
        here = await networks.members_in(self.info.id)
        return merged_history(own, member_encounters(groups, member_of),
                              {p: m for p, m in here.items() if p in self.people})

    def placement(self, ids: list[str]) -> Placement:
        """Who the engines may pair with whom (hybrid: the room and online apart unless mixing is allowed)."""
        return place_people(ids, self.places, self.info.mode, self.info.mixed)

    def video_rooms(self, count: int) -> list[str | None]:
        """A video room link for each of ``count`` online groups of a new round (None: a table instead)."""
        info = self.info
        remote = Remote(info.mode, info.plenary_url, info.video_base, info.video_links, info.mixed)
        return provider_for(remote, self.video_url).rooms(count)

    async def earlier_text(self, kind: str, participant_id: str) -> str:
        """In a network: what this participant, as a member, answered last to an activity of ``kind`` in another
        meeting (the text of that answer); '' for a guest, a stand-alone meeting or nothing found."""
        if self.info.network_id is None or participant_id not in self.people:
            return ''
        networks = self._repo.networks
        member_id = (await networks.members_in(self.info.id)).get(participant_id)
        if member_id is None:
            return ''
        found = await networks.latest_answers(self.info.network_id, kind, not_in=self.info.id, member_id=member_id)
        return found.get(member_id, '')

    def preferred_pairs(self, activity_id: int) -> dict[frozenset[str], float]:
        """Pairs of present people that activity ``activity_id`` of this meeting would like to see talk (give and
        need matches), with a strength; empty when that activity is gone or its kind suggests none."""
        activity = self.agenda.activities.get(activity_id)
        kind = self.kinds.get(activity.kind) if activity is not None else None
        if activity is None or kind is None:
            return {}
        return kind.preferred_pairs(activity, self.agenda.answers.get(activity_id, {}), list(self.people.values()))

    def device_of(self, participant_id: str) -> str:
        return self._device_of.get(participant_id, '')

    def answer_sums(self) -> dict[int, int]:
        """Per activity, the sum of the versions of the answers held (what ``Repo.room_versions`` sums)."""
        sums: dict[int, int] = {}
        for (activity_id, _), version in self.agenda.versions.items():
            sums[activity_id] = sums.get(activity_id, 0) + version
        return sums

    def names(self) -> dict[str, DisplayName]:
        """How each participant is shown: two "Deelnemer A"s told apart (``app.domain.names``), made once per roster."""
        if self._names is None:
            self._names = display_names(self.people.values())
        return self._names

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

    def invite_for(self, key: str) -> Invite | None:
        invite = self.invites.get(key)
        return invite if invite and not invite.revoked else None

    def subscriber_count(self) -> int:
        own = (self.roster_changed, self.meeting_changed, self.invites_changed, self.participant_gone,
               self.removed_changed, self.network_changed, self.place_changed)
        return (sum(len(e.callbacks) for e in own) + self.agenda.subscriber_count()
                + sum(runner.subscriber_count() for runner in self.runners.values()))

    # participants
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
        if self.info.state == 'closed':
            raise Refused('error.meeting_closed')
        if self.is_removed(device_id):  # a new name from the same browser is the same device
            raise Refused('error.removed')
        if self.info.max_participants and len(self.people) >= self.info.max_participants:
            raise Refused('error.meeting_full')
        if self._gate is not None:
            self._gate.check_join(self.info.id, address)
        if self.info.locked:
            raise Refused('error.meeting_locked')
        if member_id is not None:
            here = await self._repo.networks.members_in(self.info.id)
            if any(m == member_id and p in self.people for p, m in here.items()):
                member_id = None  # already here on another device: this one joins as a guest
        row = await self._repo.add_participant(self.info.id, device_id, name, organisation, member_id)
        person = Person(row.id, row.name, row.organisation)
        await self._commit(Joined(person, device_id, row.joined_at))
        current = self.agenda.current
        runner = self.runners.get(current.kind) if current is not None else None
        if runner is not None:
            await runner.joined(current, person)  # e.g. into the smallest breakout group
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
        await self._repo.set_participant_status(self.info.id, participant_id, 'left')
        await self._commit(LetBackIn(participant_id))

    async def _drop(self, participant_id: str, status: str) -> None:
        if participant_id not in self.people:
            return
        await self._repo.set_participant_status(self.info.id, participant_id, status)
        await self._commit(Left(participant_id, removed=status == 'removed'))

    async def page_connected(self, participant_id: str, delta: int) -> None:
        """A participant's page on this instance (dis)connected; ``delta`` is +1 or -1."""
        count = max(0, self._presence.get(participant_id, {}).get(self._bus.origin, 0) + delta)
        await self._commit(Presence(participant_id, count))
        if delta > 0 and self._bus.shared:
            await self._reread_answers(participant_id)

    async def _reread_answers(self, participant_id: str) -> None:
        """Several instances: the one that served this phone before may have stored an answer and died before it
        told the others (the phone was not told "stored" either). The phone is back, here: read its answers again
        (one query) so that the screen's counts are the database's. Versions keep this right when a late message
        from the dead instance comes after it."""
        for r in await self._repo.responses_of_participant(self.info.id, participant_id):
            held = self.agenda.versions.get((r.activity_id, participant_id), 0)
            if r.activity_id in self.agenda.activities and r.version > held:
                log.info('room %s: answer of %s to %s read again from the database (version %s, held %s)',
                         self.info.id, participant_id, r.activity_id, r.version, held)
                answer = Answer(r.choice, r.text, r.reason, r.hidden, r.show_name, r.extra)
                self.apply(AnswerSaved(r.activity_id, participant_id, answer, r.version), self._bus.origin)  # here

    # meeting
    async def set_locked(self, locked: bool) -> None:
        await self._repo.update_meeting(self.info.id, locked=locked)
        await self._commit(MeetingUpdated(locked=locked))

    async def set_state(self, state: Literal['open', 'closed']) -> None:
        current = self.agenda.current
        if state == 'closed' and current is not None and current.state == 'open':
            await self.agenda.close(current.id)  # its closing time counts (an evaluation takes answers 48 h more)
        await self._repo.update_meeting(self.info.id, state=state)
        await self._commit(MeetingUpdated(state=state))

    async def set_max_participants(self, most: int) -> None:
        """At most ``most`` participants (0: no maximum); who is in already stays in."""
        most = int(clamp(int(most or 0), 0, MAX_PARTICIPANTS))
        await self._repo.update_meeting(self.info.id, max_participants=most)
        await self._commit(MeetingUpdated(max_participants=most))

    async def set_language(self, lang: str) -> None:
        """The meeting's language: the screen speaks it (phones keep their own choice)."""
        if lang not in LANGUAGES:
            raise Refused('error.unknown_language')
        await self._repo.update_meeting(self.info.id, language=lang)
        await self._commit(MeetingUpdated(language=lang))

    async def set_show_agreements(self, show: bool) -> None:
        """The screen shows last time's agreements while no activity runs (a network meeting)."""
        await self._repo.update_meeting(self.info.id, show_agreements=bool(show))
        await self._commit(MeetingUpdated(show_agreements=bool(show)))

    async def set_plan(self, title: str, on: date | None, place: str, host: str) -> None:
        """Title, date, place and host (already checked by the networks service)."""
        await self._repo.update_meeting(self.info.id, title=title, date=on, place=place, host=host)
        await self._commit(MeetingUpdated(title=title, on=on, no_date=on is None, place=place, host=host))

    async def new_report_key(self) -> str:
        """A (new) share link for the report; the old one stops working."""
        key = new_key()
        await self._repo.update_meeting(self.info.id, report_key=key)
        await self._commit(MeetingUpdated(report_key=key))
        return key

    async def revoke_report_key(self) -> None:
        await self._repo.update_meeting(self.info.id, report_key='')
        await self._commit(MeetingUpdated(report_key=''))

    async def set_recap(self, note: str, quotes: tuple[str, ...]) -> None:
        """"Vorige keer" (checked by the service): what we changed, and the quotes picked from last time."""
        await self._repo.update_meeting(self.info.id, recap_note=note, recap_quotes=list(quotes))
        await self._commit(MeetingUpdated(recap_note=note, recap_quotes=tuple(quotes)))

    async def set_place(self, participant_id: str, place: str) -> None:
        """A participant of a hybrid meeting is in the room or online (changeable; a running round keeps its
        groups, the next round places them anew)."""
        if place not in PLACES:
            raise Refused('error.video_place')
        if participant_id not in self.people:
            raise Refused('error.unknown_participant')
        if self.places.get(participant_id) == place:
            return
        await self._repo.set_participant_place(self.info.id, participant_id, place)
        await self._commit(PlaceChanged(participant_id, place))

    async def set_remote(self, remote: Remote) -> None:
        """Where the meeting happens and its video settings (checked by ``app.domain.video.check_remote``)."""
        await self._repo.update_meeting(self.info.id, mode=remote.mode, plenary_url=remote.plenary_url,
                                        video_base=remote.video_base, video_links='\n'.join(remote.video_links),
                                        mixed=remote.mixed)
        await self._commit(MeetingUpdated(mode=remote.mode, plenary_url=remote.plenary_url,
                                          video_base=remote.video_base, video_links=remote.video_links,
                                          mixed=remote.mixed))

    async def set_show_recap(self, show: bool) -> None:
        await self._repo.update_meeting(self.info.id, show_recap=bool(show))
        await self._commit(MeetingUpdated(show_recap=bool(show)))

    async def forget(self, participant_ids: list[str]) -> None:
        """A member was forgotten (stored already): their participants leave this meeting, no name kept."""
        await self._commit(Forgotten(tuple(participant_ids)))

    async def new_screen_key(self) -> None:
        key = new_key()
        await self._repo.update_meeting(self.info.id, screen_key=key)
        await self._commit(MeetingUpdated(screen_key=key))

    async def create_invite(self, label: str) -> Invite:
        if len(label) > MAX_INVITE_LABEL:
            raise Refused(NP_('error.label_too_long'), count=MAX_INVITE_LABEL)
        row = await self._repo.create_invite(self.info.id, label)
        invite = Invite(row.id, row.key, row.label, row.revoked)
        await self._commit(InviteSaved(invite))
        return invite

    async def revoke_invite(self, invite_id: int) -> None:
        invite = next((i for i in self.invites.values() if i.id == invite_id), None)
        if invite is None or invite.revoked:
            return
        await self._repo.revoke_invite(self.info.id, invite_id)
        await self._commit(InviteSaved(replace(invite, revoked=True)))

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
            self.info = replace(self.info, network_id=fresh.info.network_id)
        self.gone = dict(fresh.gone)
        self.stored_version = max(self.stored_version, fresh.stored_version)
        self.missing = {v for v in self.missing if v > fresh.stored_version}
        self.out_of_date = bool(self.missing)
        return len(changes)

    def apply(self, change: object, origin: str) -> None:
        handler = self._handlers.get(type(change))
        if handler is None:
            log.warning('room %s: no handler for %s, ignored', self.info.id, type(change).__name__)
            return
        if not isinstance(change, QUIET_FOR_PHONES):
            self.version += 1
        handler(change, origin)

    def _joined(self, change: Joined, _: str) -> None:
        person = change.person
        self.people[person.id] = person
        self._names = None
        self._device_of[person.id] = change.device
        self._person_of[change.device] = person.id
        self.joined_at[person.id] = change.at or datetime.now(UTC)
        self.gone.pop(person.id, None)
        self.roster_changed.emit(RosterChange('joined', person))

    def _left(self, change: Left, _: str) -> None:
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
            self.roster_changed.emit(RosterChange('left', person))
            self.participant_gone.emit(person.id)

    def _forgotten(self, change: Forgotten, origin: str) -> None:
        for participant_id in change.participant_ids:
            if self.removed.pop(participant_id, None) is not None:
                self.removed_changed.emit()
            self._left(Left(participant_id), origin)
            self.gone.pop(participant_id, None)  # forgotten: not even a name left to draw

    def _let_back_in(self, change: LetBackIn, _: str) -> None:
        if self.removed.pop(change.participant_id, None) is not None:
            self.removed_changed.emit()

    def _presence_changed(self, change: Presence, origin: str) -> None:
        person = self.people.get(change.participant_id)
        if person:
            was_online = self.is_online(person.id)
            self._presence.setdefault(person.id, {})[origin] = change.count
            if self.is_online(person.id) != was_online:
                self.roster_changed.emit(RosterChange('presence', person))

    def _place_changed(self, change: PlaceChanged, _: str) -> None:
        self.places[change.participant_id] = change.place
        self.place_changed.emit(change.participant_id)

    def _meeting_updated(self, change: MeetingUpdated, _: str) -> None:
        fields = {name: getattr(change, name) for name in ('locked', 'state', 'screen_key', 'max_participants',
                                                           'language', 'show_agreements', 'title', 'place', 'host',
                                                           'report_key', 'recap_note', 'recap_quotes', 'show_recap',
                                                           'mode', 'plenary_url', 'video_base', 'video_links', 'mixed')
                  if getattr(change, name) is not None}
        if change.on is not None or change.no_date:
            fields['date'] = change.on
        self.info = replace(self.info, **fields)
        self.meeting_changed.emit(self.info)

    def _invite_saved(self, change: InviteSaved, _: str) -> None:
        self.invites[change.invite.key] = change.invite
        self.invites_changed.emit()
