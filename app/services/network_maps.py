"""The network map over a network's series: the map of the first meeting that has one (with answers) beside the
latest one, and the ties that are new.

Read from the database (like ``app/services/evaluations.py``), not from rooms. Rules (also on the network page):

- a meeting's map is its last network-map activity that has answers; hidden answers are left out, and so are the
  removed participants (``repo.participants_of``) and every tie to or from them;
- people are matched across meetings by their member id: a participant who is a member is node ``m<member id>`` in
  every meeting; a guest is ``p<participant id>`` (a guest's ties are therefore always new);
- a new tie is a pair of people with a tie in the latest map and none in the first (``app.domain.network_map
  .compare``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.network_map import Comparison, MapGraph, Ties, compare, read_ties
from app.kinds.registry import Registry
from app.store.models import Meeting
from app.store.repo import Repo

KIND = 'network_map'


@dataclass(frozen=True)
class MeetingMap:
    meeting_id: int
    title: str
    graph: MapGraph


@dataclass(frozen=True)
class BeforeAfter:
    first: MeetingMap
    last: MeetingMap | None          # None: only one meeting has a map so far
    comparison: Comparison | None


class NetworkMaps:
    def __init__(self, repo: Repo, kinds: Registry) -> None:
        self._repo, self._db, self._kinds = repo, repo.networks, kinds

    async def map_of(self, meeting: Meeting) -> MeetingMap | None:
        """The meeting's map with stable ids (member ids), or None when it has no network map with answers."""
        if KIND not in self._kinds:
            return None
        maps = [a.id for a in await self._repo.activities_of(meeting.id) if a.kind == KIND]
        if not maps:
            return None
        rows: dict[int, list] = {}
        for response in await self._repo.responses_of(meeting.id):
            if response.activity_id in maps and not response.hidden:
                rows.setdefault(response.activity_id, []).append(response)
        answered = [activity_id for activity_id in maps if rows.get(activity_id)]
        if not answered:
            return None
        stable = {p.id: (f'm{p.member_id}' if p.member_id is not None else f'p{p.id}', p)
                  for p in await self._repo.participants_of(meeting.id)}  # the removed are not in it
        nodes = {key: (p.name, p.organisation) for key, p in stable.values()}

        def moved(ids: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(stable[i][0] for i in ids if i in stable)

        answers: dict[str, Ties] = {}
        for response in rows[answered[-1]]:
            if response.participant_id in stable:
                ties = read_ties(response.text)
                answers[stable[response.participant_id][0]] = Ties(moved(ties.asked), moved(ties.gave), ties.outside)
        return MeetingMap(meeting.id, meeting.title, MapGraph.build(answers, nodes))

    async def before_after(self, network_id: int) -> BeforeAfter | None:
        """The first and the latest meeting's maps and what is new (None: no meeting has a map with answers)."""
        found = [m for m in [await self.map_of(meeting) for meeting in await self._db.meetings_of(network_id)] if m]
        if not found:
            return None
        if len(found) == 1:
            return BeforeAfter(found[0], None, None)
        return BeforeAfter(found[0], found[-1], compare(found[0].graph, found[-1].graph))
