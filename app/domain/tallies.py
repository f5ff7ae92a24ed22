"""Tallies of answers, as pure functions and one small incremental counter."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

STOPWORDS = frozenset('''
de het een en van in op te dat die is voor met niet zijn aan er ook als bij of om wat je ik we wij ze zij hij
maar dan nog naar door over uit tot zo al meer dit deze was wordt worden kan kunnen moet moeten hebben heb heeft
mijn onze ons jouw jullie hun haar zich men geen wel veel heel iets iemand toch nu hier daar waar hoe
the a an and of to in is it that for on with as are be this by or at from
'''.split())


class Tally:
    """Counts per option, kept up to date one answer at a time."""

    def __init__(self, options: Sequence[str], answers: Iterable[str] = ()) -> None:
        self.options = tuple(options)
        self.counts: dict[str, int] = dict.fromkeys(self.options, 0)
        for answer in answers:
            self.change(None, answer)

    def change(self, old: str | None, new: str | None) -> None:
        """One participant's answer went from ``old`` to ``new`` (None: no answer)."""
        if old in self.counts:
            self.counts[old] -= 1
        if new in self.counts:
            self.counts[new] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percentages(self) -> dict[str, float]:
        return percentages(self.counts)


def percentages(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {key: (100.0 * value / total if total else 0.0) for key, value in counts.items()}


def whole_percentages(counts: dict[str, int]) -> dict[str, int]:
    """Percentages in whole numbers that add up to 100 (largest remainder): 1-1-1 is 34-33-33, not 33-33-33."""
    total = sum(counts.values())
    if not total:
        return dict.fromkeys(counts, 0)
    exact = {key: 100 * value / total for key, value in counts.items()}
    whole = {key: int(share) for key, share in exact.items()}
    by_remainder = sorted(counts, key=lambda key: (-(exact[key] - whole[key]), list(counts).index(key)))
    for key in by_remainder[:100 - sum(whole.values())]:
        whole[key] += 1
    return whole


@dataclass(frozen=True, slots=True)
class ScoreStats:
    count: int
    mean: float | None
    median: float | None


def score_stats(counts: dict[str, int]) -> ScoreStats:
    """Average and median of scores given as counts per score."""
    values = [int(score) for score, count in counts.items() for _ in range(count)]
    if not values:
        return ScoreStats(0, None, None)
    return ScoreStats(len(values), statistics.fmean(values), statistics.median(values))


def format_number(value: float | None, lang: str) -> str:
    """One decimal, without a trailing ",0"; a decimal comma in Dutch."""
    if value is None:
        return '–'
    return format_decimal(value, format='#,##0.#', locale='en_GB' if lang == 'en' else 'nl')


def words(texts: Iterable[str], *, top: int = 40) -> list[tuple[str, int]]:
    """The most frequent words of short answers for a word cloud (lower case, no stop words)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update({w for w in re.findall(r"[\w'’-]+", text.lower()) if len(w) > 2 and w not in STOPWORDS})
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]
