"""The evaluation over a network's series of meetings: the ROTI trend, "Vorige keer" (last meeting's evaluation,
quotes the facilitator picks for the screen, what we changed), and the first meeting's expectations beside what
the last one says was achieved.

Read from the database (``repo.activities_of``/``responses_of`` per meeting), not from the rooms: the page of a
network with ten past meetings must not load ten rooms. Hidden answers are left out everywhere.

Rules (also on the network page):

- an evaluation answer is an answer to an activity of kind ``evaluation``: ``choice`` the score '0'..'5', ``reason``
  "wat zou er één punt bij doen", ``text`` "wat neem je mee naar je eigen werk", ``extra`` "wat mag anders";
- a meeting without an evaluation (or without answers) is a point without a value: it keeps its place in the series
  (the trend line's x is the meeting's place), it does not pull the line;
- expectations: the answers to the first meeting's activity with the role ``expectations`` (the start template's
  "Wat verwacht je…", or marked in the agenda editor; migration 0012 marked them in older data);
- achieved: the answers to the last meeting's activity with the role ``achieved``; without one, the take-aways
  ("wat neem je mee") of the last meeting's evaluation;
- a quote for "Vorige keer" is one of the previous meeting's texts, word for word, never with a name.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.activities import Role
from app.domain.errors import Refused
from app.domain.evaluation import RotiStats, Trend, mean_of, roti_stats, trend
from app.domain.people import clean_text
from app.i18n import N_, NP_
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.models import Activity, Meeting, Response
from app.store.repo import Repo

KIND = 'evaluation'
MAX_NOTE = 300
MAX_QUOTES = 3


@dataclass(frozen=True, slots=True)
class MeetingEvaluation:
    """One meeting's evaluation: its scores and its texts (not hidden, not empty, each once)."""

    meeting_id: int
    title: str
    stats: RotiStats
    take_away: tuple[str, ...]   # "wat neem je mee naar je eigen werk"
    change: tuple[str, ...]      # "wat mag anders"
    why: tuple[str, ...]         # "wat zou er één punt bij doen"

    @property
    def quotes(self) -> tuple[str, ...]:
        """What the facilitator may pick from for the screen."""
        return tuple(dict.fromkeys((*self.take_away, *self.change, *self.why)))


@dataclass(frozen=True, slots=True)
class Comparison:
    first_title: str
    last_title: str
    expectations: tuple[str, ...]
    achieved: tuple[str, ...]
    roti: float | None           # over the whole series: every answer counts once
    count: int                   # evaluation answers over the series
    meetings_with_data: int


def _unique(texts) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in (clean_text(x) for x in texts) if t))


class Evaluations:
    def __init__(self, repo: Repo, rooms: Rooms) -> None:
        self._repo, self._db, self._rooms = repo, repo.networks, rooms

    async def _read(self, meeting_id: int) -> tuple[list[Activity], dict[int, list[Response]]]:
        activities = await self._repo.activities_of(meeting_id)
        answers: dict[int, list[Response]] = {}
        for response in await self._repo.responses_of(meeting_id):
            if not response.hidden:
                answers.setdefault(response.activity_id, []).append(response)
        return activities, answers

    async def _evaluation(self, meeting: Meeting) -> MeetingEvaluation:
        activities, answers = await self._read(meeting.id)
        rows = [r for a in activities if a.kind == KIND for r in answers.get(a.id, [])]
        return MeetingEvaluation(meeting.id, meeting.title, roti_stats(r.choice for r in rows),
                                 _unique(r.text for r in rows), _unique(r.extra for r in rows),
                                 _unique(r.reason for r in rows))

    async def series(self, network_id: int) -> list[MeetingEvaluation]:
        return [await self._evaluation(m) for m in await self._db.meetings_of(network_id)]

    async def trend(self, network_id: int) -> Trend:
        """Per meeting of the series, in order: its evaluation scores; the fitted line; words that come back in
        "wat mag anders"."""
        return trend([(e.meeting_id, e.title, _choices(e.stats), e.change)
                      for e in await self.series(network_id)])

    async def previous(self, room: Room) -> MeetingEvaluation | None:
        """The meeting before this one in its series, with its evaluation (None: not in a network, or the first)."""
        if room.info.network_id is None:
            return None
        meetings = await self._db.meetings_of(room.info.network_id)
        order = [m.id for m in meetings]
        if room.info.id not in order or order.index(room.info.id) == 0:
            return None
        return await self._evaluation(meetings[order.index(room.info.id) - 1])

    async def set_recap(self, room: Room, note: str | None, quotes: list[str] | tuple[str, ...]) -> None:
        """"Vorige keer": the line about what we changed and up to three quotes of last time's evaluation."""
        previous = await self.previous(room)
        if previous is None:
            raise Refused(N_('error.no_previous_meeting'))
        text = clean_text(note)
        if len(text) > MAX_NOTE:
            raise Refused(NP_('error.recap_note_too_long'), count=MAX_NOTE)
        picked = tuple(dict.fromkeys(quotes))
        if len(picked) > MAX_QUOTES:
            raise Refused(NP_('error.recap_too_many_quotes'), count=MAX_QUOTES)
        if any(quote not in previous.quotes for quote in picked):
            raise Refused(N_('error.recap_unknown_quote'))
        await room.set_recap(text, picked)

    async def comparison(self, network_id: int) -> Comparison | None:
        """The first meeting's expectations beside what the last one says was achieved, and ROTI over the series
        (None without meetings)."""
        meetings = await self._db.meetings_of(network_id)
        if not meetings:
            return None
        series = [await self._evaluation(m) for m in meetings]
        first, last = meetings[0], meetings[-1]
        activities, answers = await self._read(first.id)
        asked = _with_role(activities, 'expectations')
        expectations = _unique(r.text for r in answers.get(asked.id, [])) if asked else ()
        activities, answers = await self._read(last.id)
        asked = _with_role(activities, 'achieved')
        achieved = _unique(r.text for r in answers.get(asked.id, [])) if asked else series[-1].take_away
        stats = {e.meeting_id: e.stats for e in series}
        return Comparison(first.title, last.title, expectations, achieved, mean_of(stats),
                          sum(s.count for s in stats.values()), sum(1 for s in stats.values() if not s.empty))


def _with_role(activities: list[Activity], role: Role) -> Activity | None:
    """The first activity of the agenda with that role in the series, whatever its kind."""
    return next((a for a in activities if (a.settings or {}).get('role') == role), None)


def _choices(stats: RotiStats) -> list[str]:
    """The scores back from their distribution (the trend's input)."""
    return [str(score) for score, n in enumerate(stats.distribution) for _ in range(n)]
