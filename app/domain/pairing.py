"""Speed dating: who talks to whom in a round, preferring people from other organisations not met before.

A fixed group follows a repeat-free schedule (see :mod:`app.domain.pairing_schedule`); once the history does not fit
that schedule (people joined or left, or met before) each round is a maximum-weight matching that minimises repeats
first and same-organisation pairs second (see :mod:`app.domain.pairing_match`). Everything is deterministic for a
seed: inputs are sorted by id, never iterated as sets.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from app.domain.pairing_match import costs, match_round
from app.domain.pairing_schedule import schedule_round, trio_plan

Odd = Literal['trio', 'pause']


@dataclass(frozen=True, slots=True)
class Pairing:
    """One round: pairs (and at most one trio), plus who sits out."""

    groups: tuple[tuple[str, ...], ...]
    paused: str | None = None


def pair_round(
    people: Sequence[tuple[str, str]],
    met: Mapping[frozenset[str], int] | None = None,
    *,
    odd: Odd = 'trio',
    paused_before: Sequence[str] = (),
    seed: int = 0,
    round_no: int = 0,
) -> Pairing:
    """Pair the present ``(id, organisation)`` people; ``met`` counts earlier meetings per pair.

    With an odd count, ``odd='trio'`` makes one trio and ``odd='pause'`` lets one person sit out: someone who paused
    least often, among those the one whose last pause is longest ago (never counts as longest). ``seed`` fixes the
    schedule and ``round_no`` the tie-breaks of the fallback matching.
    """
    ids, orgs = _check(people, odd)
    index = {pid: i for i, pid in enumerate(ids)}
    counts: dict[tuple[int, int], int] = {}
    for pair, count in (met or {}).items():
        if count > 0 and len(pair) == 2:
            a, b = (index.get(pid) for pid in pair)  # order-free: stored as (low, high)
            if a is not None and b is not None:
                counts[min(a, b), max(a, b)] = count
    trio = odd == 'trio' and len(ids) % 2 == 1
    pause_from = _pause_candidates(ids, paused_before) if odd == 'pause' and len(ids) % 2 else None
    found = schedule_round(orgs, counts.keys(), seed, trio=trio, pause_from=pause_from)
    if found is None:
        cost = costs(orgs, counts, random.Random(f'{seed}:{round_no}'))
        found = match_round(cost, trio=trio, pause_from=pause_from)
    groups, paused = found
    named = sorted(tuple(sorted(ids[i] for i in group)) for group in groups)
    return Pairing(tuple(named), None if paused is None else ids[paused])


def pair_preferring(
    people: Sequence[tuple[str, str]],
    preferred: Mapping[frozenset[str], float],
    met: Mapping[frozenset[str], int] | None = None,
    *,
    odd: Odd = 'trio',
    paused_before: Sequence[str] = (),
    seed: int = 0,
    round_no: int = 0,
) -> tuple[Pairing, frozenset[frozenset[str]]]:
    """A round that first pairs the ``preferred`` pairs (strongest first, each person once, never a pair that met
    before), then lets :func:`pair_round` pair everyone left. Returns the round and which of its pairs came from
    ``preferred``. With one person left over, the weakest preferred pair goes back to the engine (a trio or a
    pause, as ``odd`` says); while the people left could only be paired with someone they met, the weakest preferred
    pair goes back too (no repeat the engine alone would have avoided)."""
    present = {pid for pid, _ in people}
    met = met or {}
    chosen: list[frozenset[str]] = []
    taken: set[str] = set()
    candidates = [(pair, strength) for pair, strength in preferred.items()
                  if len(pair) == 2 and pair <= present and strength > 0 and met.get(pair, 0) <= 0]
    for pair, _ in sorted(candidates, key=lambda item: (-item[1], sorted(item[0]))):
        if taken.isdisjoint(pair):
            chosen.append(pair)
            taken |= pair
    if len(people) - len(taken) == 1 and chosen:
        taken -= chosen.pop()
    while True:
        rest = [(pid, org) for pid, org in people if pid not in taken]
        found = pair_round(rest, met, odd=odd, paused_before=paused_before, seed=seed, round_no=round_no) \
            if len(rest) >= 2 else Pairing(())
        if not chosen or not _repeats(found, met):
            break
        taken -= chosen.pop()  # the preferred pairs left the others only pairs that met: give one back
        if chosen and len(people) - len(taken) == 1:
            taken -= chosen.pop()
    groups = sorted([tuple(sorted(pair)) for pair in chosen] + list(found.groups))
    return Pairing(tuple(groups), found.paused), frozenset(chosen)


def _repeats(pairing: Pairing, met: Mapping[frozenset[str], int]) -> int:
    return sum(1 for group in pairing.groups for pair in combinations(group, 2) if met.get(frozenset(pair), 0) > 0)


def plan_pairs(people: Sequence[tuple[str, str]], rounds: int, *, odd: Odd = 'trio', seed: int = 0) -> list[Pairing]:
    """``rounds`` rounds for a fixed group, each round's pairs feeding the history of the next."""
    _check(people, odd)
    if rounds < 0:
        raise ValueError(f'the number of rounds cannot be negative ({rounds})')
    met: Counter[frozenset[str]] = Counter()
    paused: list[str] = []
    plan: list[Pairing] = []
    for round_no in range(rounds):
        pairing = pair_round(people, met, odd=odd, paused_before=paused, seed=seed, round_no=round_no)
        met.update(frozenset(pair) for group in pairing.groups for pair in combinations(group, 2))
        paused += [pairing.paused] if pairing.paused else []
        plan.append(pairing)
    return plan


def max_rounds_without_repeat(n: int, *, odd: Odd = 'trio') -> int:
    """Rounds a fixed group of ``n`` plays before anyone meets someone a second time, as this module guarantees.

    Even ``n``: ``n - 1`` (everyone meets everyone once). Odd ``n`` with ``odd='pause'``: ``n`` (everyone sits out
    once). Odd ``n`` with ``odd='trio'``: the rounds of :func:`trio_plan`; a trio adds two pairs, so no schedule can
    pass ``n(n-1) / (n+3)`` rounds; this plan reaches two thirds to three quarters of that (``n = 31``: 20 of 27).
    Fewer than two people: 0.
    """
    if n < 2:
        return 0
    if n % 2 == 0:
        return n - 1
    return n if odd == 'pause' else len(trio_plan(n + 1))


def _check(people: Sequence[tuple[str, str]], odd: str) -> tuple[list[str], list[str]]:
    """Ids sorted, with organisation keys: case-insensitive, and an empty organisation matches nobody."""
    if odd not in ('trio', 'pause'):
        raise ValueError(f"odd must be 'trio' or 'pause', not {odd!r}")
    if len(people) < 2:
        raise ValueError(f'pairing needs at least 2 people, got {len(people)}')
    seen = Counter(pid for pid, _ in people)
    doubles = sorted(pid for pid, count in seen.items() if count > 1)
    if doubles:
        raise ValueError(f'duplicate participant ids: {", ".join(map(str, doubles))}')
    by_id = dict(people)
    ids = sorted(by_id)
    orgs = [' '.join((by_id[pid] or '').split()).casefold() or f'\0{pid}' for pid in ids]
    return ids, orgs


def _pause_candidates(ids: Sequence[str], paused_before: Sequence[str]) -> list[int]:
    """Indices of those who paused least, then longest ago; all who never paused tie."""
    count: Counter[str] = Counter(paused_before)
    last = {pid: at for at, pid in enumerate(paused_before)}
    keys = [(count[pid], last.get(pid, -1)) for pid in ids]
    low = min(keys)
    return [i for i, key in enumerate(keys) if key == low]
