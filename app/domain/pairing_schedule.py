"""Repeat-free round-robin schedules for speed dating, in position space (0 … m-1, m even).

The schedule is a 1-factorisation of the complete graph built by recursive halving: first the rounds that pair the
two halves (a cyclic Latin square), then the rounds inside the halves. :func:`arrange` puts people on positions so
that each halving separates organisations, which front-loads the cross-organisation rounds.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from functools import lru_cache

Pair = tuple[int, int]
Round = tuple[Pair, ...]


def _near_one_factor(h: int, r: int) -> list[Pair]:
    """Round ``r`` of the circle method on ``h`` (odd) positions; position ``r`` sits out."""
    return [(min(a, b), max(a, b)) for a, b in (((r + k) % h, (r - k) % h) for k in range(1, h // 2 + 1))]


@lru_cache(maxsize=64)
def factorization(m: int) -> tuple[Round, ...]:
    """``m - 1`` rounds of ``m / 2`` pairs in which every pair of positions meets exactly once."""
    if m < 2 or m % 2:
        raise ValueError(f'a schedule needs an even number of positions, not {m}')
    if m == 2:
        return (((0, 1),),)
    h = m // 2
    rounds: list[Round] = []
    if h % 2 == 0:
        rounds += [tuple((i, h + (i + t) % h) for i in range(h)) for t in range(h)]
        rounds += [tuple([*sub, *((a + h, b + h) for a, b in sub)]) for sub in factorization(h)]
    else:  # odd halves: near-1-factors inside both halves plus the diagonal pair of the two left out
        rounds += [tuple((i, h + (i + t) % h) for i in range(h)) for t in range(1, h)]
        for r in range(h):
            inside = _near_one_factor(h, r)
            rounds.append(tuple([*inside, *((a + h, b + h) for a, b in inside), (r, r + h)]))
    return tuple(rounds)


@lru_cache(maxsize=64)
def round_of_pair(m: int) -> dict[Pair, int]:
    """Which round of :func:`factorization` holds each pair ``(low, high)``."""
    return {pair: index for index, pairs in enumerate(factorization(m)) for pair in pairs}


@lru_cache(maxsize=64)
def trio_plan(m: int) -> dict[int, tuple[int, int, int]]:
    """Rounds of ``factorization(m)`` playable with one trio when position ``m - 1`` is empty (odd group).

    Maps round index to ``(sitter, a, b)``: the sitter (partner of the empty position) joins the pair ``a, b``. The
    two extra pairs of each trio lie in rounds left out of the plan (sacrificed), and no extra pair is used twice, so
    the planned rounds together repeat nobody. Greedy in round order (early rounds separate organisations best):
    each round takes the trio that sacrifices the fewest rounds not sacrificed yet.
    """
    rounds, where, empty = factorization(m), round_of_pair(m), m - 1
    plan: dict[int, tuple[int, int, int]] = {}
    sacrificed: set[int] = set()
    used: set[Pair] = set()
    for index, pairs in enumerate(rounds):
        if index in sacrificed:
            continue
        sitter = next(a + b - empty for a, b in pairs if empty in (a, b))
        best: tuple[int, tuple[int, int, int], tuple[Pair, Pair]] | None = None
        for a, b in pairs:
            if empty in (a, b):
                continue
            extra = (min(sitter, a), max(sitter, a)), (min(sitter, b), max(sitter, b))
            hits = {where[pair] for pair in extra}
            if index in hits or hits & plan.keys() or any(pair in used for pair in extra):
                continue
            if best is None or len(hits - sacrificed) < best[0]:
                best = (len(hits - sacrificed), (sitter, a, b), extra)
        if best is not None:
            plan[index] = best[1]
            used.update(best[2])
            sacrificed.update(where[pair] for pair in best[2])
    return plan


def schedule_round(
    orgs: Sequence[str],
    met: Collection[Pair],
    seed: int,
    *,
    trio: bool = False,
    pause_from: Collection[int] | None = None,
) -> tuple[list[list[int]], int | None] | None:
    """The next round for people ``0 … n-1``, or ``None`` when the history ``met`` does not follow the schedule.

    Among the unplayed rounds that pair nobody twice (for a pause: whose sitter may pause) it takes the one with the
    fewest same-organisation pairs. A trio may use any extra pairs from rounds outside :func:`trio_plan` that no
    other unplayed round of the plan reserves, so the plan's guarantee holds.
    """
    n = len(orgs)
    m = n + n % 2
    place = arrange(list(enumerate(orgs)), m, random.Random(seed))
    spot = {person: at for at, person in enumerate(place) if person is not None}
    plan, where = trio_plan(m) if trio else {}, round_of_pair(m)

    def planned(x: int, y: int) -> bool:
        return where[min(spot[x], spot[y]), max(spot[x], spot[y])] in plan

    allowed: set[Pair] = set()
    unplayed: list[tuple[int, list[Pair], int | None]] = []
    for index, positions in enumerate(factorization(m)):
        if trio and index not in plan:
            continue
        pairs: list[Pair] = []
        sitter = None
        for a, b in positions:
            x, y = place[a], place[b]
            if x is None or y is None:
                sitter = y if x is None else x
            else:
                pairs.append((min(x, y), max(x, y)))
        seen = sum(pair in met for pair in pairs)
        if seen == len(pairs):
            allowed.update(pairs)
            if trio and sitter is not None:  # the trio's two extra pairs lie outside the plan
                outside = (x for x in range(n) if x != sitter and not planned(sitter, x))
                allowed.update((min(sitter, x), max(sitter, x)) for x in outside)
        elif seen == 0 and (pause_from is None or sitter in pause_from):
            unplayed.append((index, pairs, sitter))
    if not unplayed or any(pair not in allowed for pair in met):
        return None
    reserved: dict[Pair, int] = {}
    for index, _, _ in unplayed:
        if index in plan:
            host, *guests = (place[p] for p in plan[index])
            reserved.update({(min(host, x), max(host, x)): index
                             for x in guests if host is not None and x is not None})

    def free(index: int, sitter: int, other: int) -> bool:
        """May round ``index`` add this extra pair to its trio?"""
        pair = (min(sitter, other), max(sitter, other))
        return not planned(sitter, other) and pair not in met and reserved.get(pair, index) == index

    best: tuple[int, int, list[list[int]], int | None] | None = None
    for index, pairs, sitter in unplayed:
        same = sum(orgs[x] == orgs[y] for x, y in pairs)
        groups = [[x, y] for x, y in pairs]
        if trio and sitter is not None:
            options = [
                (sum(orgs[sitter] == orgs[z] for z in group), k)
                for k, group in enumerate(groups)
                if all(free(index, sitter, z) for z in group)
            ]
            if not options:  # only when the history holds pairs from elsewhere
                continue
            extra, k = min(options)
            same += extra
            groups[k].append(sitter)
            sitter = None
        if best is None or same < best[0]:
            best = (same, index, groups, sitter)
    return None if best is None else (best[2], best[3])


def arrange(people: Sequence[tuple[int, str]], slots: int, rng: random.Random) -> list[int | None]:
    """People on ``slots`` positions (``None`` for the empty last one), each halving separating organisations."""
    by_org: dict[str, list[int]] = {}
    for person, org in people:
        by_org.setdefault(org, []).append(person)
    groups = list(by_org.values())
    rng.shuffle(groups)
    for group in groups:
        rng.shuffle(group)
    return _arrange(groups, slots, len(people) < slots)


def _arrange(groups: list[list[int]], slots: int, empty_last: bool) -> list[int | None]:
    groups = sorted(groups, key=len, reverse=True)  # stable: equal sizes keep their seeded order
    if slots % 2 or slots <= 2:  # circle method or a single pair: organisations as contiguous blocks
        return [*(person for group in groups for person in group), *([None] if empty_last else [])]
    h = slots // 2
    left, right = _split(groups, h, h - empty_last)
    return _arrange(left, h, False) + _arrange(right, h, empty_last)


def _split(groups: list[list[int]], cap_left: int, cap_right: int) -> tuple[list[list[int]], list[list[int]]]:
    """Whole organisations to the emptier side while they fit; the one that does not fit is cut in two."""
    sides: tuple[list[list[int]], list[list[int]]] = ([], [])
    room = [cap_left, cap_right]
    for group in groups:
        side = 0 if room[0] >= room[1] else 1
        head, tail = group[: room[side]], group[room[side] :]
        if head:
            sides[side].append(head)
            room[side] -= len(head)
        if tail:
            sides[1 - side].append(tail)
            room[1 - side] -= len(tail)
    return sides[0], sides[1]
