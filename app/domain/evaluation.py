"""The evaluation after every meeting (pure): ROTI — return on time invested, 0 to 5 — its tally, and the trend
over a series of meetings.

An evaluation answer is stored like any answer: ``choice`` is the score '0'..'5', ``reason`` the answer to "Wat
zou er één punt bij doen?" (asked below 4), ``text`` "Wat neem je mee naar je eigen werk?", ``extra`` "Wat mag
anders?". All optional except the score.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.tallies import words
from app.i18n import N_

ROTI = tuple(str(score) for score in range(6))  # the options, as stored
ASK_WHY_BELOW = 4  # "Waarom?" ("Wat zou er één punt bij doen?") only for a score below this
# what each score means, on the phone beside its button
MEANING = {'0': N_('roti.0'), '1': N_('roti.1'), '2': N_('roti.2'), '3': N_('roti.3'), '4': N_('roti.4'),
           '5': N_('roti.5')}


@dataclass(frozen=True, slots=True)
class RotiStats:
    count: int
    mean: float | None
    median: float | None
    distribution: tuple[int, ...]   # answers per score 0..5

    @property
    def empty(self) -> bool:
        return self.count == 0


def roti_stats(choices: Iterable[str]) -> RotiStats:
    """The tally of evaluation scores; anything that is not 0..5 is left out."""
    counts = Counter(c for c in choices if c in ROTI)
    values = [int(score) for score, n in counts.items() for _ in range(n)]
    if not values:
        return RotiStats(0, None, None, (0,) * len(ROTI))
    return RotiStats(len(values), statistics.fmean(values), statistics.median(values),
                     tuple(counts.get(score, 0) for score in ROTI))


def asks_why(choice: str) -> bool:
    return choice in ROTI and int(choice) < ASK_WHY_BELOW


@dataclass(frozen=True, slots=True)
class TrendPoint:
    meeting_id: int
    title: str
    stats: RotiStats


@dataclass(frozen=True, slots=True)
class Trend:
    points: tuple[TrendPoint, ...]
    line: tuple[float, float] | None   # (value at the first meeting, change per meeting), least squares
    recurring: tuple[tuple[str, int], ...]  # words in "wat mag anders" that come back in several meetings

    def fitted(self, index: int) -> float | None:
        if self.line is None:
            return None
        start, slope = self.line
        return start + slope * index


def trend_line(values: Sequence[float | None]) -> tuple[float, float] | None:
    """Least-squares line through the meetings that have a value (x = the meeting's place in the series);
    None with fewer than two such meetings."""
    points = [(x, y) for x, y in enumerate(values) if y is not None]
    if len(points) < 2:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y - slope * mean_x, slope


def recurring_words(texts_per_meeting: Sequence[Iterable[str]], *, least: int = 2,
                    top: int = 10) -> list[tuple[str, int]]:
    """Words that come back: (word, in how many meetings), for words said in at least ``least`` meetings."""
    seen: Counter[str] = Counter()
    for texts in texts_per_meeting:
        seen.update({word for word, _ in words(list(texts), top=1000)})
    return sorted(((w, n) for w, n in seen.items() if n >= least), key=lambda item: (-item[1], item[0]))[:top]


def trend(meetings: Sequence[tuple[int, str, Iterable[str], Iterable[str]]]) -> Trend:
    """The series' trend from (meeting id, title, its evaluation scores, its "wat mag anders" texts), in order."""
    points = tuple(TrendPoint(meeting_id, title, roti_stats(scores)) for meeting_id, title, scores, _ in meetings)
    line = trend_line([p.stats.mean for p in points])
    return Trend(points, line, tuple(recurring_words([list(texts) for *_, texts in meetings])))


def mean_of(stats: Mapping[int, RotiStats]) -> float | None:
    """ROTI over the whole series: every answer of every meeting counts once."""
    total = sum(s.count for s in stats.values())
    if not total:
        return None
    return sum(s.mean * s.count for s in stats.values() if s.mean is not None) / total


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
        """What the facilitator may pick from for the screen ("Vorige keer")."""
        return tuple(dict.fromkeys((*self.take_away, *self.change, *self.why)))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The first meeting's expectations beside what the last one says was achieved, and ROTI over the series."""

    first_title: str
    last_title: str
    expectations: tuple[str, ...]
    achieved: tuple[str, ...]
    roti: float | None           # over the whole series: every answer counts once
    count: int                   # evaluation answers over the series
    meetings_with_data: int
