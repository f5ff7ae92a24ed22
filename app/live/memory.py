"""A room's network memory (``room.memory``): in a learning network, who met whom in its other meetings and what a
member answered there, for the engines and the phones; and the news that something of the network changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from nicegui import Event

from app.domain.meetings import MeetingInfo
from app.domain.networks import member_encounters, merged_history
from app.domain.people import Person
from app.domain.rounds import Round, met_counts
from app.live.changes import NetworkChanged, NetworkPart
from app.store.repo import Repo


class NetworkMemory:
    change_types = (NetworkChanged,)

    def __init__(self, meeting: Callable[[], MeetingInfo], people: Mapping[str, Person],
                 history: Callable[[], list[Round]], repo: Repo) -> None:
        self._meeting = meeting
        self._people = people  # the roster's: who is here
        self._history = history
        self._repo = repo
        self.changed = Event[NetworkPart]()  # what of its network changed

    async def met(self) -> Counter[frozenset[str]]:
        """Who met whom, for the engines: this meeting's rounds, and in a network the members' pairs and groups of
        its other meetings (put on the participants who are those members here)."""
        own = met_counts(self._history())
        info = self._meeting()
        if info.network_id is None:
            return own
        networks = self._repo.networks
        groups, member_of = await networks.earlier_groups(info.network_id, info.id)
        here = await networks.members_in(info.id)
        return merged_history(own, member_encounters(groups, member_of),
                              {p: m for p, m in here.items() if p in self._people})

    async def earlier_text(self, kind: str, participant_id: str) -> str:
        """In a network: what this participant, as a member, answered last to an activity of ``kind`` in another
        meeting (the text of that answer); '' for a guest, a stand-alone meeting or nothing found."""
        info = self._meeting()
        if info.network_id is None or participant_id not in self._people:
            return ''
        networks = self._repo.networks
        member_id = (await networks.members_in(info.id)).get(participant_id)
        if member_id is None:
            return ''
        found = await networks.latest_answers(info.network_id, kind, not_in=info.id, member_id=member_id)
        return found.get(member_id, '')

    def apply(self, change: NetworkChanged, _: str) -> None:
        self.changed.emit(change.what)
