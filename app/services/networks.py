"""Learning networks: the network itself (create, edit, list, delete) and its areas, each in its own module —
``members`` and ``at_meeting`` (``network_members.py``: the list, forget me, members recognised at a meeting),
``planning`` (``network_plan.py``: the series, host rota, templates, preparers), ``topics`` (topics with dots),
``agreements`` (carried over). Every area checks that a network is the facilitator's the same way, in
``NetworkArea._owned`` (``network_area.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.errors import Refused
from app.domain.networks import clean_network
from app.i18n import N_
from app.live.rooms import Rooms
from app.services.network_agreements import Agreements
from app.services.network_area import NetworkArea, as_date
from app.services.network_members import MeetingMembers, Members
from app.services.network_plan import PlannedMeeting, Planning, planned_meeting
from app.services.network_topics import Topics
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
class NetworkSummary:
    id: int
    name: str
    members: int
    next_meeting: PlannedMeeting | None


def _info(network: Network) -> NetworkInfo:
    return NetworkInfo(network.id, network.name, network.goal, network.planned_meetings, network.starts_on,
                       network.ends_on, network.place, network.dots)


class Networks(NetworkArea):
    def __init__(self, repo: Repo, rooms: Rooms) -> None:
        super().__init__(repo, rooms)
        self.members = Members(repo, rooms)
        self.at_meeting = MeetingMembers(repo, rooms)
        self.planning = Planning(repo, rooms)
        self.topics = Topics(repo, rooms)
        self.agreements = Agreements(repo, rooms)

    async def create(self, facilitator_id: int, name: str | None, goal: str | None = '', planned: int | None = 6,
                     starts_on: str | date | None = None, ends_on: str | date | None = None,
                     place: str | None = '', dots: int | None = 3) -> int:
        fields = clean_network(name, goal, planned, as_date(starts_on), as_date(ends_on), place, dots)
        await self._name_free(facilitator_id, fields.name)
        try:
            return (await self._db.create_network(facilitator_id, fields)).id
        except Taken as error:
            raise Refused(N_('error.network_name_taken'), name=fields.name) from error

    async def update(self, facilitator_id: int, network_id: int, name: str | None, goal: str | None,
                     planned: int | None, starts_on: str | date | None, ends_on: str | date | None,
                     place: str | None, dots: int | None) -> None:
        await self._owned(facilitator_id, network_id)
        fields = clean_network(name, goal, planned, as_date(starts_on), as_date(ends_on), place, dots)
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
        """The network, or None when it is not this facilitator's (a page then says it does not exist)."""
        try:
            return _info(await self._owned(facilitator_id, network_id))
        except Refused:
            return None

    async def of(self, facilitator_id: int, today: date) -> list[NetworkSummary]:
        networks = await self._db.networks_of(facilitator_id)
        upcoming = await self._db.next_meetings([n.id for n in networks], today)
        summaries = []
        for network in networks:
            members = await self._db.members_of(network.id)
            meeting = upcoming.get(network.id)
            summaries.append(NetworkSummary(network.id, network.name, len(members),
                                            planned_meeting(meeting) if meeting is not None else None))
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
