"""A network's agreements: made in a meeting ("Afspraken"), carried over to the next ones until done."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import Refused
from app.domain.networks import clean_agreement
from app.i18n import N_
from app.live.room import Room
from app.services.network_area import NetworkArea


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    id: int
    meeting_id: int
    text: str
    who: str
    done: bool


class Agreements(NetworkArea):
    # the facilitator's, over the network
    async def all(self, facilitator_id: int, network_id: int) -> list[AgreementInfo]:
        await self._owned(facilitator_id, network_id)
        return await self._of(network_id)

    async def set_done(self, facilitator_id: int, network_id: int, agreement_id: int, done: bool) -> None:
        await self._owned(facilitator_id, network_id)
        await self._db.update_agreement(network_id, agreement_id, done=bool(done))
        await self._tell(network_id, 'agreements')

    async def delete(self, facilitator_id: int, network_id: int, agreement_id: int) -> None:
        await self._owned(facilitator_id, network_id)
        await self._db.delete_agreement(network_id, agreement_id)
        await self._tell(network_id, 'agreements')

    # in a meeting: the room's network (the page holding the room let its viewer in)
    async def earlier(self, room: Room) -> list[AgreementInfo]:
        """What was agreed in the meetings before this one in the series and is not done yet ("Vorige keer
        afgesproken")."""
        if room.info.network_id is None:
            return []
        order = [m.id for m in await self._db.meetings_of(room.info.network_id)]
        before = set(order[:order.index(room.info.id)]) if room.info.id in order else set()
        return [a for a in await self._of(room.info.network_id) if a.meeting_id in before and not a.done]

    async def here(self, room: Room) -> list[AgreementInfo]:
        if room.info.network_id is None:
            return []
        return [a for a in await self._of(room.info.network_id) if a.meeting_id == room.info.id]

    async def agree(self, room: Room, text: str | None, who: str | None = '') -> None:
        if room.info.network_id is None:
            raise Refused(N_('error.not_in_network'))
        what, person = clean_agreement(text, who)
        await self._db.add_agreement(room.info.network_id, room.info.id, what, person)
        await self._tell(room.info.network_id, 'agreements')

    async def _of(self, network_id: int) -> list[AgreementInfo]:
        return [AgreementInfo(a.id, a.meeting_id, a.text, a.who, a.done)
                for a in await self._db.agreements_of(network_id)]
