"""A network's members: the list the facilitator keeps (add, paste, edit, forget me, attendance), and members at a
meeting (recognised on their device, picked when joining, a guest linked or made a member)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import Refused
from app.domain.networks import (
    Attendance,
    MemberRef,
    PastedList,
    clean_member,
    member_match,
    member_suggestions,
    parse_member_list,
)
from app.domain.people import Person, clean_text
from app.i18n import N_
from app.live.room import Room
from app.services.network_area import NetworkArea
from app.store.networks import Taken


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


class Members(NetworkArea):
    """The facilitator's list of a network's members."""

    async def all(self, facilitator_id: int, network_id: int) -> list[MemberInfo]:
        await self._owned(facilitator_id, network_id)
        return await _members(self, network_id)

    async def add(self, facilitator_id: int, network_id: int, name: str | None, organisation: str | None = '',
                  role: str | None = '', email: str | None = '') -> MemberInfo:
        await self._owned(facilitator_id, network_id)
        fields = clean_member(name, organisation, role, email)
        added, _ = await self._db.add_members(network_id, [fields])
        if not added:
            raise Refused(N_('error.member_double'), name=fields.name)
        await self._tell(network_id, 'members')
        member = added[0]
        return MemberInfo(member.id, member.name, member.organisation, member.role, member.email)

    async def paste(self, facilitator_id: int, network_id: int, text: str) -> tuple[int, PastedList]:
        """Members from a pasted list; returns how many were added, and what was left out and why."""
        await self._owned(facilitator_id, network_id)
        existing = [m.match_key for m in await self._db.members_of(network_id)]
        pasted = parse_member_list(text, existing)
        added, _ = await self._db.add_members(network_id, list(pasted.members))
        if added:
            await self._tell(network_id, 'members')
        return len(added), pasted

    async def update(self, facilitator_id: int, network_id: int, member_id: int, name: str | None,
                     organisation: str | None, role: str | None, email: str | None) -> None:
        await self._owned(facilitator_id, network_id)
        member = await self._member_of(network_id, member_id)
        fields = clean_member(name, organisation, role, email)
        try:
            await self._db.update_member(member.id, fields)
        except Taken as error:
            raise Refused(N_('error.member_double'), name=fields.name) from error
        await self._tell(network_id, 'members')

    async def from_meeting(self, facilitator_id: int, network_id: int, meeting_id: int) -> int:
        """Everyone who joined this meeting (and was not removed) becomes a member and is linked to it."""
        await self._owned(facilitator_id, network_id)
        room = await self._network_room(network_id, meeting_id)
        unlinked = await self._db.participants_without_member(meeting_id)
        count = 0
        for participant in unlinked:
            if participant.id in room.roster.people and await _make_member(self, network_id, room, participant.id):
                count += 1
        return count

    async def forget(self, facilitator_id: int, network_id: int, member_id: int) -> None:
        """Forget me: the member, their name, e-mail and devices go; their answers stay, anonymous."""
        await self._owned(facilitator_id, network_id)
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

    async def attendance(self, facilitator_id: int, network_id: int) -> Attendance:
        await self._owned(facilitator_id, network_id)
        members = tuple(m.ref for m in await _members(self, network_id))
        meetings = tuple(m.id for m in await self._db.meetings_of(network_id))
        return Attendance(members, meetings, frozenset(await self._db.attendance(network_id)))


class MeetingMembers(NetworkArea):
    """Members at a meeting of the network. Every method takes the meeting's room, not a network: the page that
    holds the room let its viewer in (the phone of a participant, the control view of its facilitator)."""

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
        return [m.ref for m in await _members(self, room.info.network_id) if m.id not in here]

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
        if not await _make_member(self, room.info.network_id, room, participant_id):
            raise Refused(N_('error.member_double'), name=room.roster.people[participant_id].name)
        await self._tell(room.info.network_id, 'members')

    async def member_of(self, room: Room, participant_id: str) -> int | None:
        return (await self._db.members_in(room.info.id)).get(participant_id)


async def _members(area: NetworkArea, network_id: int) -> list[MemberInfo]:
    return [MemberInfo(m.id, m.name, m.organisation, m.role, m.email)
            for m in await area._db.members_of(network_id)]


async def _make_member(area: NetworkArea, network_id: int, room: Room, participant_id: str) -> bool:
    person = room.roster.people[participant_id]
    added, _ = await area._db.add_members(network_id, [clean_member(person.name, person.organisation)])
    if not added:
        return False
    await area._db.link_participant(participant_id, added[0].id)
    return True
