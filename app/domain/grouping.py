"""Breakout groups that mix organisations and avoid people who already met.

The objective, most important first: keep-apart pairs in different groups, keep-together pairs in one group, few
repeated encounters, repeats spread out (a pair that already met ``c`` times costs ``c**2`` when it meets again), few
pairs from the same organisation. Each level weighs more than everything below it together, so the sum of
pair weights orders solutions lexicographically. ``make_groups`` runs a tabu search with swap moves (see
``grouping_search``) from a greedy start; ``plan_groups`` takes the first rounds from a resolvable design where one
is known (see ``grouping_designs``), plans the other rounds one by one and then runs the tabu search over the whole
schedule. The search counts work instead of time, so everything is deterministic per seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from app.domain.grouping_designs import MAX_FIELD, design_plan
from app.domain.grouping_search import Matrix, greedy_start, search

People = Sequence[tuple[str, str]]  # (participant id, organisation)
PairCounts = Mapping[frozenset[str], int]
Plan = list[list[list[str]]]  # rounds -> groups -> ids
WORK = 3_000_000  # search work per round (times ``effort``), see ``search``: 0.4-0.6 s at most when measured


def group_sizes(n: int, *, group_count: int | None = None, group_size: int | None = None) -> list[int]:
    """Sizes of the groups, largest first and differing by at most one; give exactly one of the two options.

    With ``group_size`` there are ``n // group_size`` groups, so 17 people in groups of 4 become ``[5, 4, 4, 4]``.
    """
    if (group_count is None) == (group_size is None):
        raise ValueError('give either group_count or group_size')
    if n < 1:
        raise ValueError('there is nobody to divide into groups')
    if group_size is not None:
        if group_size < 2:
            raise ValueError('a group needs at least 2 people')
        if group_size > n:
            raise ValueError(f'groups of {group_size} need at least {group_size} people, there are {n}')
        group_count = n // group_size
    assert group_count is not None
    if group_count < 1:
        raise ValueError('there must be at least one group')
    if group_count > n:
        raise ValueError(f'{group_count} groups need at least {group_count} people, there are {n}')
    base, extra = divmod(n, group_count)
    return [base + 1] * extra + [base] * (group_count - extra)


def make_groups(people: People, *, group_count: int | None = None, group_size: int | None = None,
                met: PairCounts | None = None, keep_apart: Iterable[frozenset[str]] = (),
                keep_together: Iterable[frozenset[str]] = (), seed: int = 0, effort: float = 1.0) -> list[list[str]]:
    """One round of groups with the sizes of ``group_sizes``; ``met`` counts earlier encounters per pair.

    Where a resolvable design is known for these sizes, round after round takes the design's next round as long as
    nobody in it met before (``_next_design_round``): a meeting that runs its breakouts one at a time gets the
    design's rounds without repeats too. ``effort`` scales the search work. Pairs naming unknown ids are ignored;
    organisations are compared without case and people without one (``''``) never count as colleagues.
    """
    sizes = group_sizes(len(people), group_count=group_count, group_size=group_size)
    index = _index(people)
    history, apart, together = _pairs(met or {}, index), _pairs(keep_apart, index), _pairs(keep_together, index)
    if not apart and not together and (from_design := _next_design_round(people, sizes, history)) is not None:
        return from_design
    problem = _Problem(people, sizes, 1, history, apart, together)
    rng = random.Random(seed)
    return _as_groups(people, problem.solve([problem.greedy(rng)], rng, effort)[0], len(sizes))


def _next_design_round(people: People, sizes: Sequence[int], history: Mapping[tuple[int, int], int]
                       ) -> list[list[str]] | None:
    """The first round of the known design for ``sizes`` in which no two people of a group met before, with people
    seated on the design's points in a way that depends only on who they are (sorted by id) and their organisations,
    so that consecutive calls walk through the design. None when there is no design or every round has a repeat
    (someone joined or left, or earlier rounds or meetings were grouped otherwise): then the search decides."""
    order = sorted(range(len(people)), key=lambda i: people[i][0])
    orgs = _organisations(people)
    for groups in _seated_design(tuple(orgs[i] for i in order), tuple(sizes)):
        members: dict[int, list[int]] = {}
        for position, g in enumerate(groups):
            members.setdefault(g, []).append(order[position])
        if not any(tuple(sorted((a, b))) in history for group in members.values()
                   for x, a in enumerate(group) for b in group[x + 1:]):
            return [[people[i][0] for i in sorted(members.get(g, []))] for g in range(len(sizes))]
    return None


@lru_cache(maxsize=64)
def _seated_design(orgs: tuple[str, ...], sizes: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """All rounds of the known design for ``sizes`` (each a group per person), seated by ``design_plan`` with a fixed
    seed and the fewest colleagues in the first rounds (a meeting may stop after two); ``()`` without a design.
    Cached: the live app asks again every round."""
    rounds = design_plan(list(orgs), sizes, MAX_FIELD + 1, random.Random(0), first_rounds_first=True)
    return tuple(tuple(groups) for groups in rounds)


def plan_groups(people: People, rounds: int, *, group_count: int | None = None, group_size: int | None = None,
                seed: int = 0, met: PairCounts | None = None, effort: float = 1.0, designs: bool = True) -> Plan:
    """``rounds`` rounds of groups, each round counting the encounters of the rounds before it.

    ``met`` holds encounters from earlier meetings; without it (and with ``designs``) a resolvable design supplies
    the first rounds where one is known. The other rounds are planned one by one, then a tabu search over the whole
    schedule improves it.
    """
    if rounds < 0:
        raise ValueError('the number of rounds cannot be negative')
    sizes = group_sizes(len(people), group_count=group_count, group_size=group_size)
    history = _pairs(met or {}, _index(people))
    rng = random.Random(seed)
    plan = design_plan(_organisations(people), sizes, rounds, rng) if designs and not history and rounds > 1 else []
    if len(plan) == rounds:  # no repeats at all; the design's seating already mixes organisations
        return [_as_groups(people, group, len(sizes)) for group in plan]
    while len(plan) < rounds:
        problem = _Problem(people, sizes, 1, _count(plan, history), {}, {})
        plan.append(problem.solve([problem.greedy(rng)], rng, effort)[0])
    if rounds > 1:  # half a round's work per round on top: at most 1.5 rounds' work per round in all
        plan = _Problem(people, sizes, rounds, history, {}, {}).solve(plan, rng, effort / 2)
    return [_as_groups(people, group, len(sizes)) for group in plan]


def greedy_plan(people: People, rounds: int, *, group_count: int | None = None,
                group_size: int | None = None) -> Plan:
    """The baseline to beat: everyone in turn joins the open group where they met the fewest people before."""
    sizes = group_sizes(len(people), group_count=group_count, group_size=group_size)
    counts: Counter[frozenset[str]] = Counter()
    plan: Plan = []
    for _ in range(rounds):
        groups: list[list[str]] = [[] for _ in sizes]
        for pid, _org in people:
            open_groups = [g for g in range(len(sizes)) if len(groups[g]) < sizes[g]]
            best = min(open_groups, key=lambda g: sum(counts[frozenset((pid, other))] for other in groups[g]))
            groups[best].append(pid)
        counts.update(frozenset((a, b)) for group in groups for i, a in enumerate(group) for b in group[i + 1:])
        plan.append(groups)
    return plan


class _Problem:
    """Pair weights for ``rounds`` rounds: each level of the objective outweighs all levels below it together.

    An encounter of a pair that already met ``c >= 1`` times costs ``w_repeat + w_spread * c**2``: first fewer
    repeated encounters, then the repeats spread over pairs that met least often.
    """

    def __init__(self, people: People, sizes: Sequence[int], rounds: int, history: Mapping[tuple[int, int], int],
                 apart: Mapping[tuple[int, int], int], together: Mapping[tuple[int, int], int]) -> None:
        orgs = _organisations(people)
        pairs = rounds * sum(s * (s - 1) // 2 for s in sizes)  # pairs that share a group, all rounds together
        most = max(history.values(), default=0) + rounds  # the highest count a pair can reach
        self.focus = pairs + 1  # w_spread: the smallest weight above all same-organisation pairs together
        w_repeat = self.focus * pairs * most**2 + pairs + 1
        self.marginal = [0] + [w_repeat + self.focus * c * c for c in range(1, most + 1)]
        w_together = pairs * self.marginal[-1] + pairs + 1
        w_apart = w_together * (rounds * len(together) + 1) + 1
        self.static: Matrix = [[int(o == org) for o in orgs] for org in orgs]
        for i, row in enumerate(self.static):
            row[i] = 0
        for weight, table in ((-w_together, together), (w_apart, apart)):
            for i, j in table:
                self.static[i][j] += weight
                self.static[j][i] += weight
        self.floor = organisation_bound(orgs, sizes, rounds) - rounds * w_together * len(together)
        self.sizes, self.history = sizes, history

    def greedy(self, rng: random.Random) -> list[int]:
        """A first round, built greedily."""
        weights = [list(row) for row in self.static]
        for (i, j), c in self.history.items():
            weights[i][j] += self.marginal[c]
            weights[j][i] += self.marginal[c]
        return greedy_start(weights, self.sizes, rng)

    def solve(self, plan: Sequence[Sequence[int]], rng: random.Random, effort: float) -> list[list[int]]:
        work = int(effort * WORK * len(plan))
        return search(plan, len(self.sizes), self.static, self.history, rng, marginal=self.marginal,
                      focus=self.focus, work=work, patience=work // 8, give_up=work // 2, floor=self.floor)


def organisation_bound(orgs: Sequence[str], sizes: Sequence[int], rounds: int) -> int:
    """A lower bound on same-organisation pairs over ``rounds`` rounds without repeated encounters.

    ``orgs`` holds one key per person (equal keys are colleagues).
    Per round each organisation is at best spread evenly over the groups; over all rounds everyone meets
    ``rounds * (smallest size - 1)`` different people, and only ``n - colleagues`` of them come from elsewhere.
    """
    k, n = len(sizes), len(orgs)
    spread, forced, meet = 0, 0, rounds * (min(sizes) - 1)
    for s in Counter(orgs).values():
        q, r = divmod(s, k)
        spread += r * (q + 1) * q // 2 + (k - r) * q * (q - 1) // 2
        forced += s * max(0, meet - (n - s))
    return max(rounds * spread, forced // 2)


def _organisations(people: People) -> list[str]:
    """Organisation keys, compared without case; people without an organisation get a key of their own."""
    return [org.strip().casefold() or f'\0{pid}' for pid, org in people]


def _index(people: People) -> dict[str, int]:
    index = {pid: i for i, (pid, _org) in enumerate(people)}
    if len(index) != len(people):
        raise ValueError('participant ids must be unique')
    return index


def _pairs(pairs: Iterable[frozenset[str]] | PairCounts, index: Mapping[str, int]) -> dict[tuple[int, int], int]:
    """Known pairs as sorted index tuples with their counts (1 for a plain set of pairs)."""
    counts = pairs if isinstance(pairs, Mapping) else dict.fromkeys(pairs, 1)
    result: dict[tuple[int, int], int] = {}
    for pair, count in counts.items():
        ids = sorted(pair)
        if len(ids) == 2 and count > 0 and ids[0] in index and ids[1] in index:
            i, j = sorted((index[ids[0]], index[ids[1]]))
            result[i, j] = result.get((i, j), 0) + count
    return result


def _count(plan: Iterable[Sequence[int]], history: Mapping[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Encounters per pair in ``history`` plus the rounds of ``plan`` (each a group number per person)."""
    counts = Counter(history)
    for group in plan:
        members: dict[int, list[int]] = {}
        for i, g in enumerate(group):
            members.setdefault(g, []).append(i)
        counts.update((a, b) for people in members.values() for x, a in enumerate(people) for b in people[x + 1:])
    return dict(counts)


def _as_groups(people: People, group: Sequence[int], k: int) -> list[list[str]]:
    groups: list[list[str]] = [[] for _ in range(k)]
    for (pid, _org), g in zip(people, group, strict=True):
        groups[g].append(pid)
    return groups
