"""Resolvable designs: schedules of rounds in which no two points ever share a group twice.

* ``transversal_rounds``: the resolvable transversal design over the finite field GF(m). Points are ``(row, x)`` with
  ``row < size <= m`` and ``x`` in GF(m); in round ``a`` group ``b`` holds the points with ``x = a·row + b``. Two points
  in different rows meet exactly once in these ``m`` rounds and points of one row never meet, so when ``size``
  divides ``m`` one more round cuts each row into groups. With ``size == m`` this is the affine plane AG(2, m): 16
  people in 4 groups of 4 get 5 rounds without a repeat.
* ``round_robin_rounds``: the circle method for pairs, ``n - 1`` rounds.
* two designs found once by a small exact search and then cached: ``grouping_unital`` gives 28 points in 7 groups
  of 4 nine rounds in which every pair meets exactly once, ``grouping_golfers`` gives 32 points in 8 groups of 4 ten
  rounds (one more than the transversal design over GF(8)).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence

from app.domain.grouping_fields import Field, prime_power
from app.domain.grouping_golfers import golfer_rounds
from app.domain.grouping_unital import Schedule, unital_rounds

Rounds = list[list[list[int]]]  # rounds -> groups -> point numbers
MAX_FIELD = 1024
# The designs found by search: (groups, size, rounds, the schedule, how many of its last points may be left out).
# No two of those points share a group (30 and 31 never meet in ``golfer_rounds``), so a group loses at most one.
SEARCHED: list[tuple[int, int, int, Callable[[], Schedule], int]] = [
    (7, 4, 9, unital_rounds, 1),
    (8, 4, 10, golfer_rounds, 2),
]


def transversal_rounds(size: int, m: int, limit: int) -> Rounds:
    """Up to ``limit`` rounds of ``m`` groups of ``size`` points ``row * m + x`` (``2 <= size <= m``, ``m`` a prime
    power)."""
    field = Field(m)
    rounds: Rounds = []
    for a in range(min(m, limit)):
        shifts = [field.mul(a, row) for row in range(size)]
        rounds.append([[row * m + field.add(shifts[row], b) for row in range(size)] for b in range(m)])
    if m % size == 0 and limit > m:
        rounds.append([[row * m + x for x in range(start, start + size)]
                       for row in range(size) for start in range(0, m, size)])
    return rounds


def round_robin_rounds(n: int, limit: int) -> Rounds:
    """The circle method: up to ``n - 1`` rounds of pairs (``n`` even) in which everyone meets everyone once."""
    rounds: Rounds = []
    for r in range(min(n - 1, limit)):
        ring = [n - 1, *[(r + i) % (n - 1) for i in range(n - 1)]]
        rounds.append([[ring[i], ring[n - 1 - i]] for i in range(n // 2)])
    return rounds


def design_for(sizes: Sequence[int], limit: int = MAX_FIELD + 1) -> tuple[Rounds, int] | None:
    """A design for groups of ``sizes`` (as ``group_sizes`` returns them), at most ``limit`` rounds of it, and its
    number of points.

    The round robin or the transversal design where it gives ``limit`` rounds (points of a transversal design's row
    never or rarely meet, which ``_place`` uses for colleagues), else the longest known design. Points ``>= n`` are
    left out: they all lie in the last row of a transversal design, so every round loses at most one point per
    group, which turns some groups of ``size`` into groups of ``size - 1``; the searched designs leave out only
    points that never share a group.
    """
    k, n, size = len(sizes), sum(sizes), max(sizes)
    pairs = n - 1 if size == 2 and n == 2 * k and n >= 4 else 0  # round robin
    transversal = 0
    if 2 <= size <= k <= MAX_FIELD and prime_power(k) and size * k - n < k:
        transversal = k + (size * k == n and k % size == 0)
    if max(pairs, transversal) < limit:
        for groups, group_size, length, schedule, spare in SEARCHED:
            if (k, size) == (groups, group_size) and 0 <= size * k - n <= spare and length > max(pairs, transversal):
                return [[list(group) for group in rounds] for rounds in schedule()[:limit]], size * k
    if max(pairs, transversal) < 2:
        return None
    if pairs >= transversal:
        return round_robin_rounds(n, limit), n
    return transversal_rounds(size, k, min(limit, transversal)), size * k


def design_plan(orgs: Sequence[str], sizes: Sequence[int], rounds: int, rng: random.Random,
                first_rounds_first: bool = False) -> list[list[int]]:
    """The first ``rounds`` rounds of the design of ``design_for`` as the group of each person per round (groups in
    the order of ``sizes``), or ``[]``; ``orgs`` holds an organisation key per person, placed to meet rarely: in
    rows (``_place``), then swapped to fewer colleague pairs over all rounds together, or, with
    ``first_rounds_first``, fewer in the first round above all, then in the second, … (for a meeting that may stop
    after a few rounds)."""
    found = design_for(sizes, rounds)
    if found is None:
        return []
    design, points = found
    weights = [(len(orgs) ** 2) ** (len(design) - 1 - r) for r in range(len(design))] if first_rounds_first else None
    point_of = _relabel(design, orgs, _place(orgs, max(sizes), points, rng), rng, weights)
    person_at = {p: i for i, p in enumerate(point_of)}
    plan = []
    for groups in design:
        members = sorted(([person_at[p] for p in g if p in person_at] for g in groups), key=len, reverse=True)
        group = [0] * len(orgs)
        for g, persons in enumerate(members):
            for i in persons:
                group[i] = g
        plan.append(group)
    return plan


def _place(orgs: Sequence[str], rows: int, points: int, rng: random.Random) -> list[int]:
    """A point for each person: colleagues share a row where they fit, as points of a row rarely or never meet."""
    width = points // rows
    used = [0] * rows
    free = [width] * rows
    free[-1] -= points - len(orgs)
    order = list(range(len(orgs)))
    rng.shuffle(order)
    by_org: dict[str, list[int]] = {}
    for i in order:
        by_org.setdefault(orgs[i], []).append(i)
    point_of = [0] * len(orgs)
    for members in sorted(by_org.values(), key=len, reverse=True):
        fits = [r for r in range(rows) if free[r] >= len(members)]
        row = min(fits, key=lambda r: (free[r], r)) if fits else None
        for i in members:
            r = max(range(rows), key=lambda r: (free[r], -r)) if row is None else row
            point_of[i] = r * width + used[r]
            free[r] -= 1
            used[r] += 1
    return point_of


def _relabel(design: Rounds, orgs: Sequence[str], point_of: list[int], rng: random.Random,
             weights: Sequence[int] | None = None) -> list[int]:
    """Hill climbing on who sits on which point: swap two people when fewer colleagues then share a group (counted
    per round with ``weights``, by default 1 each)."""
    factors = weights or [1] * len(design)
    n = len(orgs)
    group_of = [{p: g for g, points in enumerate(groups) for p in points} for groups in design]
    at = [[group_of[r][point_of[i]] for r in range(len(design))] for i in range(n)]  # person -> group per round
    tally: list[list[Counter[str]]] = [[Counter() for _ in groups] for groups in design]
    for i in range(n):
        for r, g in enumerate(at[i]):
            tally[r][g][orgs[i]] += 1
    for _ in range((40 if weights is None else 400) * n):
        a, b = int(rng.random() * n), int(rng.random() * n)
        oa, ob = orgs[a], orgs[b]
        if oa == ob:
            continue
        delta = 0
        for r, (ga, gb) in enumerate(zip(at[a], at[b], strict=True)):
            if ga != gb:
                delta += factors[r] * (tally[r][gb][oa] + tally[r][ga][ob] - tally[r][ga][oa] - tally[r][gb][ob] + 2)
        if delta <= 0:
            for r, (ga, gb) in enumerate(zip(at[a], at[b], strict=True)):
                tally[r][ga][oa] -= 1
                tally[r][gb][oa] += 1
                tally[r][gb][ob] -= 1
                tally[r][ga][ob] += 1
            at[a], at[b] = at[b], at[a]
            point_of[a], point_of[b] = point_of[b], point_of[a]
    return point_of
