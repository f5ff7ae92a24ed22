"""The network map over a network's series (its ``series`` hook): the map of the first meeting that has one (with
answers) beside the latest one, and the ties that are new.

Read through ``app.domain.series.Series`` (the database, not rooms). Rules (also on the network page):

- a meeting's map is its last network-map activity that has answers; hidden answers are left out, and so are the
  removed participants (``Series.people``) and every tie to or from them;
- people are matched across meetings by their member id: a participant who is a member is node ``m<member id>`` in
  every meeting; a guest is ``p<participant id>`` (a guest's ties are therefore always new);
- a new tie is a pair of people with a tie in the latest map and none in the first (``app.domain.network_map
  .compare``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.network_map import Comparison, MapGraph, Ties, compare, read_ties
from app.domain.series import Series, SeriesMeeting


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


async def map_of(series: Series, meeting: SeriesMeeting, kind: str) -> MeetingMap | None:
    """The meeting's map with stable ids (member ids), or None when it has no network map with answers."""
    maps = [a.id for a in await series.activities(meeting.id) if a.kind == kind]
    if not maps:
        return None
    answers_of = await series.answers(meeting.id)
    answered = [activity_id for activity_id in maps if answers_of.get(activity_id)]
    if not answered:
        return None
    stable = {p.id: (f'm{p.member_id}' if p.member_id is not None else f'p{p.id}', p)
              for p in await series.people(meeting.id)}  # the removed are not in it
    nodes = {key: (p.name, p.organisation) for key, p in stable.values()}

    def moved(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(stable[i][0] for i in ids if i in stable)

    answers: dict[str, Ties] = {}
    for answer in answers_of[answered[-1]]:
        if answer.participant_id in stable:
            ties = read_ties(answer.text)
            answers[stable[answer.participant_id][0]] = Ties(moved(ties.asked), moved(ties.gave), ties.outside)
    return MeetingMap(meeting.id, meeting.title, MapGraph.build(answers, nodes))


async def before_after(series: Series, kind: str) -> BeforeAfter | None:
    """The first and the latest meeting's maps and what is new (None: no meeting has a map with answers)."""
    found = [m for m in [await map_of(series, meeting, kind) for meeting in await series.meetings()] if m]
    if not found:
        return None
    if len(found) == 1:
        return BeforeAfter(found[0], None, None)
    return BeforeAfter(found[0], found[-1], compare(found[0].graph, found[-1].graph))
