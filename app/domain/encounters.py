"""Who met whom: how often pairs of people shared a group (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

Plan = Sequence[Sequence[Sequence[str]]]  # rounds -> groups -> person ids


def pair_counts(groups: Iterable[Sequence[str]]) -> Counter[frozenset[str]]:
    """How often each pair of people shared a group."""
    counts: Counter[frozenset[str]] = Counter()
    for group in groups:
        counts.update(frozenset(pair) for pair in combinations(group, 2))
    return counts


def repeated_pairs(plan: Plan) -> int:
    """Encounters beyond the first: a pair that met three times counts 2."""
    counts = pair_counts(group for groups in plan for group in groups)
    return sum(count - 1 for count in counts.values() if count > 1)
