"""Learning networks: the network and its members, the series of meetings (host rota, preparers, templates),
members recognised at the next meeting, topics with dots, agreements carried over, forget-me."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.errors import Refused
from app.domain.networks import (
    Attendance,
    MemberRef,
    PastedList,
    TopicScore,
    check_dot,
    clean_agreement,
    clean_member,
    clean_network,
    clean_topic,
    member_match,
    member_suggestions,
    next_host,
    parse_member_list,
    ranking,
)
from app.domain.people import Person, clean_text, clean_title
from app.domain.templates import TRANSLATED_SETTINGS, as_items
from app.i18n import N_, Translate
from app.live.changes import NetworkChanged
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.models import Network
from app.store.networks import Taken
from app.store.repo import Repo


@dataclass(frozen=True, slots=True)
class NetworkInfo:
    id: int
    name: str
    goal: str
    planned_meetings: int
    starts_on: date | None
    ends_on: date | None
    place: str
    dots: int


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    name: str
    organisation: str
    role: str
    email: str             # for the facilitator only

    @property
    def ref(self) -> MemberRef:
        return MemberRef(self.id, self.name, self.organisation)


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    id: int
    title: str
    date: date | None
    place: str
    host: str
    state: str
    join_code: str
    preparers: tuple[tuple[int, str, str], ...] = ()   # (preparer id, member name, key)


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    id: int
    name: str
    members: int
    next_meeting: PlannedMeeting | None


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    id: int
    meeting_id: int
    text: str
    who: str
    done: bool


@dataclass(frozen=True, slots=True)
class TopicBoard:
    topics: list[TopicScore]
    dots: int              # per member
    left: int              # the asking member's dots not placed yet


@dataclass(frozen=True, slots=True)
class PrepareAccess:
    room: Room
    member: str            # the preparer's name


def _info(network: Network) -> NetworkInfo:
    return NetworkInfo(network.id, network.name, network.goal, network.planned_meetings, network.starts_on,
                       network.ends_on, network.place, network.dots)


def _date(on: str | date | None) -> date | None:
    if isinstance(on, str):
        try:
            return date.fromisoformat(on) if on else None
        except ValueError as error:
            raise Refused(N_('error.date')) from error
    return on


class Networks:
    def __init__(self, repo: Repo, rooms: Rooms) -> None:
        self._repo = repo
        self._db = repo.networks
        self._rooms = rooms

    # networks
    async def create(self, facilitator_id: int, name: str | None, goal: str | None = '', planned: int | None = 6,
                     starts_on: str | date | None = None, ends_on: str | date | None = None,
                     place: str | None = '', dots: int | None = 3) -> int:
        fields = clean_network(name, goal, planned, _date(starts_on), _date(ends_on), place, dots)
        await self._name_free(facilitator_id, fields.name)
        try:
            return (await self._db.create_network(facilitator_id, fields)).id
        except Taken as error:
            raise Refused(N_('error.network_name_taken'), name=fields.name) from error

    async def update(self, facilitator_id: int, network_id: int, name: str | None, goal: str | None,
                     planned: int | None, starts_on: str | date | None, ends_on: str | date | None,
                     place: str | None, dots: int | None) -> None:
        await self._owned(facilitator_id, network_id)
        fields = clean_network(name, goal, planned, _date(starts_on), _date(ends_on), place, dots)
        await self._name_free(facilitator_id, fields.name, network_id)
        try:
            await self._db.update_network(network_id, fields)
        except Taken as error:
            raise Refused(N_('error.network_name_taken'), name=fields.name) from error
        await self._tell(network_id, 'network')

    async def _name_free(self, facilitator_id: int, name: str, network_id: int | None = None) -> None:
        """Two networks whose names differ only in case would be told apart by nobody."""
        if any(n.name.casefold() == name.casefold() and n.id != network_id
               for n in await self._db.networks_of(facilitator_id)):
            raise Refused(N_('error.network_name_taken'), name=name)

    async def get(self, facilitator_id: int, network_id: int) -> NetworkInfo | None:
        network = await self._db.network(network_id)
        return _info(network) if network is not None and network.facilitator_id == facilitator_id else None

    async def info(self, network_id: int) -> NetworkInfo | None:
        network = await self._db.network(network_id)
        return _info(network) if network is not None else None

    async def of(self, facilitator_id: int, today: date) -> list[NetworkSummary]:
        networks = await self._db.networks_of(facilitator_id)
        upcoming = await self._db.next_meetings([n.id for n in networks], today)
        summaries = []
        for network in networks:
            members = await self._db.members_of(network.id)
            meeting = upcoming.get(network.id)
            summaries.append(NetworkSummary(network.id, network.name, len(members),
                                            self._planned(meeting) if meeting is not None else None))
        return summaries

    async def delete(self, facilitator_id: int, network_id: int, with_meetings: bool) -> None:
        """Delete a network; its meetings are deleted with it, or stay as stand-alone meetings."""
        await self._owned(facilitator_id, network_id)
        meetings = [m.id for m in await self._db.meetings_of(network_id)]
        if with_meetings:
            for meeting_id in meetings:
                room = self._rooms.loaded_room(meeting_id)
                if room is not None and room.info.state != 'closed':
                    await room.settings.set_state('closed')  # phones still open say the meeting is over
        await self._db.delete_network(network_id, with_meetings)
        self._rooms.forget_rooms(meetings)  # loaded again from the database when next opened

    async def _owned(self, facilitator_id: int, network_id: int) -> Network:
        network = await self._db.network(network_id)
        if network is None or network.facilitator_id != facilitator_id:
            raise Refused(N_('error.unknown_network'))
        return network

    # members
    async def members(self, network_id: int) -> list[MemberInfo]:
        return [MemberInfo(m.id, m.name, m.organisation, m.role, m.email)
                for m in await self._db.members_of(network_id)]

    async def add_member(self, network_id: int, name: str | None, organisation: str | None = '',
                         role: str | None = '', email: str | None = '') -> MemberInfo:
        fields = clean_member(name, organisation, role, email)
        added, _ = await self._db.add_members(network_id, [fields])
        if not added:
            raise Refused(N_('error.member_double'), name=fields.name)
        await self._tell(network_id, 'members')
        member = added[0]
        return MemberInfo(member.id, member.name, member.organisation, member.role, member.email)

    async def paste_members(self, network_id: int, text: str) -> tuple[int, PastedList]:
        """Members from a pasted list; returns how many were added, and what was left out and why."""
        existing = [m.match_key for m in await self._db.members_of(network_id)]
        pasted = parse_member_list(text, existing)
        added, _ = await self._db.add_members(network_id, list(pasted.members))
        if added:
            await self._tell(network_id, 'members')
        return len(added), pasted

    async def update_member(self, network_id: int, member_id: int, name: str | None, organisation: str | None,
                            role: str | None, email: str | None) -> None:
        member = await self._member_of(network_id, member_id)
        fields = clean_member(name, organisation, role, email)
        try:
            await self._db.update_member(member.id, fields)
        except Taken as error:
            raise Refused(N_('error.member_double'), name=fields.name) from error
        await self._tell(network_id, 'members')

    async def members_from_meeting(self, network_id: int, meeting_id: int) -> int:
        """Everyone who joined this meeting (and was not removed) becomes a member and is linked to it."""
        room = await self._network_room(network_id, meeting_id)
        unlinked = await self._db.participants_without_member(meeting_id)
        count = 0
        for participant in unlinked:
            if participant.id in room.roster.people and await self._make_member(network_id, room, participant.id):
                count += 1
        return count

    async def forget(self, network_id: int, member_id: int) -> None:
        """Forget me: the member, their name, e-mail and devices go; their answers stay, anonymous."""
        await self._member_of(network_id, member_id)
        gone = await self._db.forget_member(member_id)
        by_meeting: dict[int, list[str]] = {}
        for meeting_id, participant_id in gone:
            by_meeting.setdefault(meeting_id, []).append(participant_id)
        for meeting_id, participant_ids in by_meeting.items():
            room = await self._rooms.get(meeting_id)
            if room is not None:
                await room.roster.forget(participant_ids)
        await self._tell(network_id, 'members')

    async def _member_of(self, network_id: int, member_id: int):
        member = await self._db.member(member_id)
        if member is None or member.network_id != network_id:
            raise Refused(N_('error.unknown_member'))
        return member

    # the series
    async def meetings(self, network_id: int) -> list[PlannedMeeting]:
        meetings = await self._db.meetings_of(network_id)
        return [self._planned(m, tuple((p.id, member.name, p.key) for p, member in
                                       await self._db.preparers_of(m.id))) for m in meetings]

    @staticmethod
    def _planned(m, preparers: tuple = ()) -> PlannedMeeting:
        return PlannedMeeting(m.id, m.title, m.date, m.place, m.host, m.state, m.join_code, preparers)

    async def suggested_host(self, network_id: int) -> str | None:
        """The member organisation whose turn it is to host the next meeting."""
        members = await self._db.members_of(network_id)
        hosts = [m.host for m in await self._db.meetings_of(network_id) if m.host]
        return next_host([m.organisation for m in members], hosts)

    async def plan(self, facilitator_id: int, network_id: int, title: str | None, on: str | date | None = None,
                   place: str | None = '', host: str | None = '', source: str = '', t: Translate | None = None) -> int:
        """A new meeting in the series; ``source`` is '' (empty agenda), ``meeting:<id>`` (a copy of that
        meeting's agenda, without answers), ``builtin:<key>`` or ``template:<id>``. Returns its id."""
        network = await self._owned(facilitator_id, network_id)
        clean, place_text, host_text = clean_title(title), clean_text(place) or network.place, clean_text(host)
        if len(place_text) > 200 or len(host_text) > 120:
            raise Refused(N_('error.place_or_host_too_long'))
        items = await self._items(facilitator_id, network_id, source, t)
        meeting = await self._repo.create_meeting(facilitator_id, clean, _date(on), network_id, place_text, host_text,
                                                  language=t.lang if t is not None else '')  # the facilitator's
        room = await self._rooms.get(meeting.id)
        for kind, text, settings in items:
            if kind in room.kinds.names():
                await room.agenda.add(kind, text, settings)
        return meeting.id

    async def _items(self, facilitator_id: int, network_id: int, source: str,
                     t: Translate | None) -> list[tuple[str, str, dict[str, Any]]]:
        what, _, ref = source.partition(':')
        if what == 'meeting' and ref.isdigit():
            room = await self._rooms.get(int(ref))
            if room is None or room.info.facilitator_id != facilitator_id:
                raise Refused(N_('error.unknown_meeting'))
            return [(a.kind, a.text, a.settings.to_dict()) for a in room.agenda.ordered()]
        if what == 'builtin':
            template = self._rooms.kinds.template(ref)
            if template is None:
                raise Refused(N_('error.unknown_template'))
            say = t or (lambda key: key)
            return [(item.kind, say(item.text),
                     {k: say(v) if k in TRANSLATED_SETTINGS else v for k, v in item.settings.items()}
                     | ({'role': item.role} if item.role else {}))
                    for item in template.items]
        if what == 'template' and ref.isdigit():
            own = {tp.id: tp for tp in await self._db.templates_of(facilitator_id)}
            template = own.get(int(ref))
            if template is None:
                raise Refused(N_('error.unknown_template'))
            return [(i.get('kind', ''), i.get('text', ''), i.get('settings') or {}) for i in template.items]
        return []

    async def update_plan(self, network_id: int, meeting_id: int, title: str | None, on: str | date | None,
                          place: str | None, host: str | None) -> None:
        room = await self._network_room(network_id, meeting_id)
        place_text, host_text = clean_text(place), clean_text(host)
        if len(place_text) > 200 or len(host_text) > 120:
            raise Refused(N_('error.place_or_host_too_long'))
        await room.settings.set_plan(clean_title(title), _date(on), place_text, host_text)

    async def templates(self, facilitator_id: int, t: Translate) -> list[tuple[str, str]]:
        """(source, name) of every template: the built-in ones, then the facilitator's own."""
        own = await self._db.templates_of(facilitator_id)
        return [(f'builtin:{tp.key}', t(tp.name)) for tp in self._rooms.kinds.templates()] + [
            (f'template:{tp.id}', tp.name) for tp in own]

    async def save_template(self, facilitator_id: int, room: Room, name: str | None) -> None:
        if room.info.facilitator_id != facilitator_id:
            raise Refused(N_('error.unknown_meeting'))
        clean = clean_title(name)
        if not room.agenda.ordered():
            raise Refused(N_('error.template_empty'))
        items = as_items([(a.kind, a.text, a.settings.to_dict()) for a in room.agenda.ordered()])
        await self._db.save_template(facilitator_id, clean, items)

    async def attendance(self, network_id: int) -> Attendance:
        members = tuple(m.ref for m in await self.members(network_id))
        meetings = tuple(m.id for m in await self._db.meetings_of(network_id))
        return Attendance(members, meetings, frozenset(await self._db.attendance(network_id)))

    # preparers
    async def add_preparer(self, network_id: int, meeting_id: int, member_id: int) -> str:
        await self._network_room(network_id, meeting_id)
        await self._member_of(network_id, member_id)
        return (await self._db.add_preparer(meeting_id, member_id)).key

    async def revoke_preparer(self, network_id: int, meeting_id: int, preparer_id: int) -> None:
        await self._network_room(network_id, meeting_id)
        await self._db.revoke_preparer(meeting_id, preparer_id)
        await self._rooms.broadcast([meeting_id], NetworkChanged(network_id, 'preparers'))  # open pages stop

    async def preparer(self, meeting_id: int, key: str | None) -> PrepareAccess | None:
        """The meeting's room when ``key`` is a preparer link of that very meeting that was not revoked."""
        if not key:
            return None
        preparer = await self._db.preparer_by_key(key)
        if preparer is None or preparer.meeting_id != meeting_id:
            return None
        room = await self._rooms.get(meeting_id)
        member = await self._db.member(preparer.member_id)
        return PrepareAccess(room, member.name if member else '') if room is not None else None

    # members at a meeting
    async def recognise(self, room: Room, device: str) -> MemberRef | None:
        """The member who came to an earlier meeting of the network on this device ("Welkom terug, Anna")."""
        if room.info.network_id is None:
            return None
        member = await self._db.member_for_device(room.info.network_id, device, room.info.id)
        if member is None or member.id in await self._present(room):
            return None
        return MemberRef(member.id, member.name, member.organisation)

    async def _present(self, room: Room) -> set[int]:
        """The members in this meeting now (one who left or was removed may join again, and is a member again)."""
        return {member for participant, member in (await self._db.members_in(room.info.id)).items()
                if participant in room.roster.people}

    async def choices(self, room: Room) -> list[MemberRef]:
        """Members a new device may pick from: those of the network not in this meeting yet."""
        if room.info.network_id is None:
            return []
        here = await self._present(room)
        return [m.ref for m in await self.members(room.info.network_id) if m.id not in here]

    async def join(self, room: Room, device: str, name: str, organisation: str, address: str = '',
                   member_id: int | None = None) -> Person:
        """Join a meeting; in a network, as the member picked or the one who surely has this name and
        organisation (a guest otherwise)."""
        if room.info.network_id is not None and room.roster.participant_for_device(device) is None:
            choices = await self.choices(room)
            if member_id is not None and all(m.id != member_id for m in choices):
                member_id = None  # not (or no longer) a member here, or already in this meeting
            if member_id is None:
                match = member_match(clean_text(name), clean_text(organisation), choices)
                member_id = match.id if match else None
        elif room.info.network_id is None:
            member_id = None
        return await room.roster.join(device, name, organisation, address, member_id)

    async def guests(self, room: Room) -> list[tuple[Person, list[MemberRef]]]:
        """Participants who are no member yet, each with the members they may be (best first)."""
        if room.info.network_id is None:
            return []
        choices = await self.choices(room)
        return [(person, member_suggestions(person.name, person.organisation, choices))
                for p in await self._db.participants_without_member(room.info.id)
                if (person := room.roster.people.get(p.id)) is not None]

    async def link(self, room: Room, participant_id: str, member_id: int) -> None:
        if room.info.network_id is None or participant_id not in room.roster.people:
            raise Refused(N_('error.unknown_member'))
        if all(m.id != member_id for m in await self.choices(room)):
            raise Refused(N_('error.member_here'))
        await self._db.link_participant(participant_id, member_id)
        await self._tell(room.info.network_id, 'members')

    async def make_member(self, room: Room, participant_id: str) -> None:
        if room.info.network_id is None or participant_id not in room.roster.people:
            raise Refused(N_('error.unknown_member'))
        if not await self._make_member(room.info.network_id, room, participant_id):
            raise Refused(N_('error.member_double'), name=room.roster.people[participant_id].name)
        await self._tell(room.info.network_id, 'members')

    async def _make_member(self, network_id: int, room: Room, participant_id: str) -> bool:
        person = room.roster.people[participant_id]
        added, _ = await self._db.add_members(network_id, [clean_member(person.name, person.organisation)])
        if not added:
            return False
        await self._db.link_participant(participant_id, added[0].id)
        return True

    async def member_of(self, room: Room, participant_id: str) -> int | None:
        return (await self._db.members_in(room.info.id)).get(participant_id)

    # topics
    async def topics(self, network_id: int, member_id: int | None = None) -> TopicBoard:
        network = await self._db.network(network_id)
        topics = [tp for tp in await self._db.topics_of(network_id) if tp.used_in is None]
        votes = await self._db.votes_of(network_id)
        board = ranking({tp.id: tp.text for tp in topics}, votes, member_id)
        dots = network.dots if network else 3
        placed = sum(1 for _, voter in votes if voter == member_id) if member_id is not None else 0
        return TopicBoard(board, dots, max(0, dots - placed))

    async def propose(self, network_id: int, member_id: int | None, text: str | None) -> None:
        await self._db.add_topic(network_id, member_id, clean_topic(text))
        await self._tell(network_id, 'topics')

    async def dot(self, network_id: int, member_id: int, topic_id: int) -> None:
        network = await self._db.network(network_id)
        topic = await self._db.topic(topic_id)
        if network is None or topic is None or topic.network_id != network_id or topic.used_in is not None:
            raise Refused(N_('error.unknown_topic'))
        placed = sum(1 for _, voter in await self._db.votes_of(network_id) if voter == member_id)
        check_dot(placed, network.dots)
        if not await self._db.add_dot(topic_id, member_id, network.dots):  # another tab took the last slot
            check_dot(network.dots, network.dots)
        await self._tell(network_id, 'topics')

    async def undot(self, network_id: int, member_id: int, topic_id: int) -> None:
        if await self._db.remove_dot(topic_id, member_id):
            await self._tell(network_id, 'topics')

    async def use_topic(self, network_id: int, topic_id: int, meeting_id: int, kind: str = 'open') -> None:
        """A topic onto a meeting's agenda (an open question by default); its dots go back to the members."""
        topic = await self._db.topic(topic_id)
        if topic is None or topic.network_id != network_id or topic.used_in is not None:
            raise Refused(N_('error.unknown_topic'))
        room = await self._network_room(network_id, meeting_id)
        await room.agenda.add(kind, topic.text)
        await self._db.use_topic(topic_id, meeting_id)
        await self._tell(network_id, 'topics')

    async def delete_topic(self, network_id: int, topic_id: int) -> None:
        topic = await self._db.topic(topic_id)
        if topic is not None and topic.network_id == network_id:
            await self._db.delete_topic(topic_id)
            await self._tell(network_id, 'topics')

    # agreements
    async def agreements(self, network_id: int) -> list[AgreementInfo]:
        return [AgreementInfo(a.id, a.meeting_id, a.text, a.who, a.done)
                for a in await self._db.agreements_of(network_id)]

    async def earlier_agreements(self, room: Room) -> list[AgreementInfo]:
        """What was agreed in the meetings before this one in the series and is not done yet ("Vorige keer
        afgesproken")."""
        if room.info.network_id is None:
            return []
        order = [m.id for m in await self._db.meetings_of(room.info.network_id)]
        before = set(order[:order.index(room.info.id)]) if room.info.id in order else set()
        return [a for a in await self.agreements(room.info.network_id) if a.meeting_id in before and not a.done]

    async def agreements_here(self, room: Room) -> list[AgreementInfo]:
        if room.info.network_id is None:
            return []
        return [a for a in await self.agreements(room.info.network_id) if a.meeting_id == room.info.id]

    async def agree(self, room: Room, text: str | None, who: str | None = '') -> None:
        if room.info.network_id is None:
            raise Refused(N_('error.not_in_network'))
        what, person = clean_agreement(text, who)
        await self._db.add_agreement(room.info.network_id, room.info.id, what, person)
        await self._tell(room.info.network_id, 'agreements')

    async def set_done(self, network_id: int, agreement_id: int, done: bool) -> None:
        await self._db.update_agreement(network_id, agreement_id, done=bool(done))
        await self._tell(network_id, 'agreements')

    async def delete_agreement(self, network_id: int, agreement_id: int) -> None:
        await self._db.delete_agreement(network_id, agreement_id)
        await self._tell(network_id, 'agreements')

    # helpers
    async def _network_room(self, network_id: int, meeting_id: int) -> Room:
        room = await self._rooms.get(meeting_id)
        if room is None or room.info.network_id != network_id:
            raise Refused(N_('error.unknown_meeting'))
        return room

    async def _tell(self, network_id: int, what: str) -> None:
        """Pages of the network's meetings (here and on other instances) show the change."""
        meetings = [m.id for m in await self._db.meetings_of(network_id)]
        await self._rooms.broadcast(meetings, NetworkChanged(network_id, what))
