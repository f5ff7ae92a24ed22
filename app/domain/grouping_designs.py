"""Resolvable designs: schedules of rounds in which no two points ever share a group twice.

* ``transversal_rounds``: the resolvable transversal design over the finite field GF(m). Points are ``(row, x)`` with
  ``row < size <= m`` and ``x`` in GF(m); in round ``a`` group ``b`` holds the points with ``x = a·row + b``. Two points
  in different rows meet exactly once in these ``m`` rounds and points of one row never meet, so when ``size``
  divides ``m`` one more round cuts each row into groups. With ``size == m`` this is the affine plane AG(2, m): 16
  people in 4 groups of 4 get 5 rounds without a repeat.
* ``round_robin_rounds``: the circle method for pairs, ``n - 1`` rounds.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import product

Rounds = list[list[list[int]]]  # rounds -> groups -> point numbers
MAX_FIELD = 1024


def prime_power(q: int) -> tuple[int, int] | None:
    """``(p, e)`` with ``p ** e == q`` and ``p`` prime, or None."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    e = 0
    while q % p == 0:
        q //= p
        e += 1
    return (p, e) if q == 1 else None


def _poly_mod(poly: list[int], modulus: Sequence[int], p: int) -> list[int]:
    """Remainder of ``poly`` divided by the monic ``modulus`` over GF(p); coefficients lowest degree first."""
    poly, e = list(poly), len(modulus) - 1
    for top in range(len(poly) - 1, e - 1, -1):
        c = poly[top]
        if c:
            for j in range(e + 1):
                poly[top - e + j] = (poly[top - e + j] - c * modulus[j]) % p
    return (poly + [0] * e)[:e]


@cache
def _irreducible(p: int, e: int) -> tuple[int, ...]:
    """The first monic irreducible polynomial of degree ``e`` over GF(p), lowest degree first."""
    for low in product(range(p), repeat=e):
        candidate = (*low, 1)
        divisors = ((*d, 1) for degree in range(1, e // 2 + 1) for d in product(range(p), repeat=degree))
        if low[0] and all(any(_poly_mod(list(candidate), d, p)) for d in divisors):
            return candidate
    raise AssertionError('there is an irreducible polynomial of every degree')


class Field:
    """GF(q) with elements ``0..q-1``: the base-p digits of a number are the coefficients of a polynomial."""

    def __init__(self, q: int) -> None:
        pe = prime_power(q)
        if pe is None:
            raise ValueError(f'{q} is not a prime power')
        self.q, (self.p, self.e) = q, pe
        self.modulus = _irreducible(*pe)

    def _digits(self, x: int) -> list[int]:
        return [x // self.p**j % self.p for j in range(self.e)]

    def _number(self, digits: Sequence[int]) -> int:
        return sum(d * self.p**j for j, d in enumerate(digits))

    def add(self, x: int, y: int) -> int:
        if self.p == 2:
            return x ^ y
        return self._number([(a + b) % self.p for a, b in zip(self._digits(x), self._digits(y), strict=True)])

    def mul(self, x: int, y: int) -> int:
        dx, dy = self._digits(x), self._digits(y)
        product_ = [0] * (2 * self.e - 1)
        for i, a in enumerate(dx):
            for j, b in enumerate(dy):
                product_[i + j] = (product_[i + j] + a * b) % self.p
        return self._number(_poly_mod(product_, self.modulus, self.p))


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
    """The longest known design for groups of ``sizes`` (as ``group_sizes`` returns them), at most ``limit`` rounds
    of it, and its number of points.

    Points ``>= n`` are left out: they all lie in the last row of a transversal design, so every round loses at most
    one point per group, which turns some groups of ``size`` into groups of ``size - 1``.
    """
    k, n, size = len(sizes), sum(sizes), max(sizes)
    pairs = n - 1 if size == 2 and n == 2 * k and n >= 4 else 0  # round robin
    transversal = 0
    if 2 <= size <= k <= MAX_FIELD and prime_power(k) and size * k - n < k:
        transversal = k + (size * k == n and k % size == 0)
    if max(pairs, transversal) < 2:
        return None
    if pairs >= transversal:
        return round_robin_rounds(n, limit), n
    return transversal_rounds(size, k, min(limit, transversal)), size * k


def design_plan(orgs: Sequence[str], sizes: Sequence[int], rounds: int, rng: random.Random) -> list[list[int]]:
    """The first ``rounds`` rounds of the longest known design as the group of each person per round (groups in
    the order of ``sizes``), or ``[]``; ``orgs`` holds an organisation key per person, placed to meet rarely."""
    found = design_for(sizes, rounds)
    if found is None:
        return []
    design, points = found
    point_of = _relabel(design, orgs, _place(orgs, max(sizes), points, rng), rng)
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


def _relabel(design: Rounds, orgs: Sequence[str], point_of: list[int], rng: random.Random) -> list[int]:
    """Hill climbing on who sits on which point: swap two people when fewer colleagues then share a group."""
    n = len(orgs)
    group_of = [{p: g for g, points in enumerate(groups) for p in points} for groups in design]
    at = [[group_of[r][point_of[i]] for r in range(len(design))] for i in range(n)]  # person -> group per round
    tally = [[Counter() for _ in groups] for groups in design]
    for i in range(n):
        for r, g in enumerate(at[i]):
            tally[r][g][orgs[i]] += 1
    for _ in range(40 * n):
        a, b = int(rng.random() * n), int(rng.random() * n)
        oa, ob = orgs[a], orgs[b]
        if oa == ob:
            continue
        delta = 0
        for r, (ga, gb) in enumerate(zip(at[a], at[b], strict=True)):
            if ga != gb:
                delta += tally[r][gb][oa] + tally[r][ga][ob] - tally[r][ga][oa] - tally[r][gb][ob] + 2
        if delta <= 0:
            for r, (ga, gb) in enumerate(zip(at[a], at[b], strict=True)):
                tally[r][ga][oa] -= 1
                tally[r][gb][oa] += 1
                tally[r][gb][ob] -= 1
                tally[r][ga][ob] += 1
            at[a], at[b] = at[b], at[a]
            point_of[a], point_of[b] = point_of[b], point_of[a]
    return point_of
