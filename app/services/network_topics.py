"""A network's topics: members propose them and place dots on their phones; the facilitator sees the board, puts
a topic on a meeting's agenda or deletes it."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import Refused
from app.domain.networks import TopicScore, check_dot, clean_topic, ranking
from app.i18n import N_
from app.services.network_area import NetworkArea


@dataclass(frozen=True, slots=True)
class TopicBoard:
    topics: list[TopicScore]
    dots: int              # per member
    left: int              # the asking member's dots not placed yet


class Topics(NetworkArea):
    # the facilitator's
    async def all(self, facilitator_id: int, network_id: int) -> TopicBoard:
        await self._owned(facilitator_id, network_id)
        return await self._board(network_id, None)

    async def use(self, facilitator_id: int, network_id: int, topic_id: int, meeting_id: int,
                  kind: str | None = None) -> None:
        """A topic onto a meeting's agenda (as an activity of the kind that takes topics, ``Kind.takes_topics``: the
        open question); its dots go back to the members."""
        await self._owned(facilitator_id, network_id)
        topic = await self._db.topic(topic_id)
        if topic is None or topic.network_id != network_id or topic.used_in is not None:
            raise Refused(N_('error.unknown_topic'))
        room = await self._network_room(network_id, meeting_id)
        taker = kind or next((k.name for k in room.kinds if k.takes_topics), None)
        if taker is None:
            raise Refused(N_('error.unknown_kind'))
        await room.agenda.add(taker, topic.text)
        await self._db.use_topic(topic_id, meeting_id)
        await self._tell(network_id, 'topics')

    async def delete(self, facilitator_id: int, network_id: int, topic_id: int) -> None:
        await self._owned(facilitator_id, network_id)
        topic = await self._db.topic(topic_id)
        if topic is not None and topic.network_id == network_id:
            await self._db.delete_topic(topic_id)
            await self._tell(network_id, 'topics')

    # a member's own (their phone's topics panel): the member must be one of the network's
    async def of_member(self, network_id: int, member_id: int) -> TopicBoard:
        await self._member_of(network_id, member_id)
        return await self._board(network_id, member_id)

    async def propose(self, network_id: int, member_id: int, text: str | None) -> None:
        await self._member_of(network_id, member_id)
        await self._db.add_topic(network_id, member_id, clean_topic(text))
        await self._tell(network_id, 'topics')

    async def dot(self, network_id: int, member_id: int, topic_id: int) -> None:
        await self._member_of(network_id, member_id)
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
        await self._member_of(network_id, member_id)
        if await self._db.remove_dot(topic_id, member_id):
            await self._tell(network_id, 'topics')

    async def _board(self, network_id: int, member_id: int | None) -> TopicBoard:
        network = await self._db.network(network_id)
        topics = [tp for tp in await self._db.topics_of(network_id) if tp.used_in is None]
        votes = await self._db.votes_of(network_id)
        board = ranking({tp.id: tp.text for tp in topics}, votes, member_id)
        dots = network.dots if network else 3
        placed = sum(1 for _, voter in votes if voter == member_id) if member_id is not None else 0
        return TopicBoard(board, dots, max(0, dots - placed))
