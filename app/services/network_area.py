"""What every area of the networks service shares (members, planning, topics, agreements): the one check that a
network is the asking facilitator's, and telling the network's open pages that something changed.

Every public method of an area that takes a network takes the facilitator first and starts with ``_owned``
(``tests/store/test_network_ownership.py`` calls each one as another facilitator and expects a refusal); methods
that take no network (a room, a member's own dots, a preparer's key) are listed there with the reason.
"""

from __future__ import annotations

from datetime import date

from app.domain.errors import Refused
from app.i18n import N_
from app.live.changes import NetworkChanged, NetworkPart
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.models import Member, Network
from app.store.repo import Repo


class NetworkArea:
    def __init__(self, repo: Repo, rooms: Rooms) -> None:
        self._repo = repo
        self._db = repo.networks
        self._rooms = rooms

    async def _owned(self, facilitator_id: int, network_id: int) -> Network:
        """The network, when it is this facilitator's; refused otherwise (an unknown one alike)."""
        network = await self._db.network(network_id)
        if network is None or network.facilitator_id != facilitator_id:
            raise Refused(N_('error.unknown_network'))
        return network

    async def _member_of(self, network_id: int, member_id: int) -> Member:
        member = await self._db.member(member_id)
        if member is None or member.network_id != network_id:
            raise Refused(N_('error.unknown_member'))
        return member

    async def _network_room(self, network_id: int, meeting_id: int) -> Room:
        room = await self._rooms.get(meeting_id)
        if room is None or room.info.network_id != network_id:
            raise Refused(N_('error.unknown_meeting'))
        return room

    async def _tell(self, network_id: int, what: NetworkPart) -> None:
        """Pages of the network's meetings (here and on other instances) show the change."""
        meetings = [m.id for m in await self._db.meetings_of(network_id)]
        await self._rooms.broadcast(meetings, NetworkChanged(network_id, what))


def as_date(on: str | date | None) -> date | None:
    if isinstance(on, str):
        try:
            return date.fromisoformat(on) if on else None
        except ValueError as error:
            raise Refused(N_('error.date')) from error
    return on
