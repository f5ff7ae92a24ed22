"""The evaluation over a network's series of meetings (its ``series`` and ``recap`` hooks): ROTI per meeting and the
trend, the first meeting's expectations beside what the last one says was achieved, one meeting's evaluation for
"Vorige keer". Read through ``app.domain.series.Series`` (the database, not the rooms); hidden answers are left out.

Rules (also on the network page):

- an evaluation answer is an answer to an activity of this kind: ``choice`` the score '0'..'5', ``reason``
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

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.evaluation import Comparison, MeetingEvaluation, RotiStats, Trend, mean_of, roti_stats, trend
from app.domain.people import clean_text
from app.domain.series import Series, SeriesActivity, SeriesMeeting


@dataclass(frozen=True, slots=True)
class SeriesEvaluation:
    """What the evaluation found over a network: the trend, and the comparison (None without meetings)."""

    trend: Trend
    comparison: Comparison | None


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in (clean_text(x) for x in texts) if t))


def _choices(stats: RotiStats) -> list[str]:
    """The scores back from their distribution (the trend's input)."""
    return [str(score) for score, n in enumerate(stats.distribution) for _ in range(n)]


def _with_role(activities: list[SeriesActivity], role: str) -> SeriesActivity | None:
    """The first activity of the agenda with that role in the series, whatever its kind."""
    return next((a for a in activities if a.role == role), None)


async def meeting_evaluation(series: Series, meeting: SeriesMeeting, kind: str) -> MeetingEvaluation:
    answers = await series.answers(meeting.id)
    rows = [r for a in await series.activities(meeting.id) if a.kind == kind for r in answers.get(a.id, [])]
    return MeetingEvaluation(meeting.id, meeting.title, roti_stats(r.choice for r in rows),
                             _unique(r.text for r in rows), _unique(r.extra for r in rows),
                             _unique(r.reason for r in rows))


async def over_series(series: Series, kind: str) -> SeriesEvaluation:
    meetings = await series.meetings()
    evaluations = [await meeting_evaluation(series, m, kind) for m in meetings]
    found = trend([(e.meeting_id, e.title, _choices(e.stats), e.change) for e in evaluations])
    if not meetings:
        return SeriesEvaluation(found, None)
    first, last = meetings[0], meetings[-1]
    asked = _with_role(await series.activities(first.id), 'expectations')
    expectations = _unique(r.text for r in (await series.answers(first.id)).get(asked.id, [])) if asked else ()
    asked = _with_role(await series.activities(last.id), 'achieved')
    achieved = (_unique(r.text for r in (await series.answers(last.id)).get(asked.id, [])) if asked
                else evaluations[-1].take_away)
    stats = {e.meeting_id: e.stats for e in evaluations}
    return SeriesEvaluation(found, Comparison(first.title, last.title, expectations, achieved, mean_of(stats),
                                              sum(s.count for s in stats.values()),
                                              sum(1 for s in stats.values() if not s.empty)))
