"""Benchmark of the breakout-group engine: ``.venv/bin/python bench/grouping.py``. Prints figures, asserts nothing.

For every case three ways to plan the rounds:

* ``plan``: ``plan_groups`` (resolvable design where one is known, then tabu search over the whole schedule);
* ``live``: ``make_groups`` round by round, each round fed the encounters so far (what the live app does);
* ``greedy``: ``greedy_plan``, everyone in turn joins the open group where they met the fewest people before.

``rep`` counts repeated encounters (a pair that met three times counts 2). ``rep LB`` is the counting bound
``max(0, rounds * pairs per round - n(n-1)/2)``; 0 there does not promise a schedule without repeats exists (for 30
in groups of 5 over 6 rounds none is known to this code), while ``design`` names the construction that does reach 0.
``org`` counts pairs of colleagues in one group, summed over the rounds; ``org LB`` is ``organisation_bound``
(each organisation spread evenly in every round, and the colleagues everyone must meet once they run out of others).
Times are wall-clock on this machine: ``plan s`` for the whole call, ``live ms`` per ``make_groups`` call.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.grouping import greedy_plan, group_sizes, make_groups, organisation_bound, plan_groups
from app.domain.grouping_designs import design_for
from app.domain.plan_csv import pair_counts, repeated_pairs

CASES = [  # people, group size, rounds, organisations
    (16, 4, 5, 4),
    (30, 5, 6, 3),
    (32, 4, 8, 5),
    (120, 6, 8, 4),
    (200, 6, 8, 5),
    (200, 10, 12, 5),
]


def crowd(n: int, orgs: int) -> list[tuple[str, str]]:
    """``n`` people over ``orgs`` organisations of unequal size (the first org largest), fixed per ``n``."""
    rng = random.Random(n)
    names = [f'org{o}' for o in range(orgs)]
    weights = [orgs + 1 - o for o in range(orgs)]
    return [(f'p{i}', rng.choices(names, weights)[0]) for i in range(n)]


def colleagues(plan: list[list[list[str]]], people: list[tuple[str, str]]) -> int:
    org = dict(people)
    return sum(org[a] == org[b] for groups in plan for group in groups for x, a in enumerate(group)
               for b in group[x + 1:])


def live(people: list[tuple[str, str]], size: int, rounds: int) -> tuple[list[list[list[str]]], list[float]]:
    met: Counter[frozenset[str]] = Counter()
    plan, times = [], []
    for r in range(rounds):
        start = time.perf_counter()
        plan.append(make_groups(people, group_size=size, met=met, seed=r))
        times.append(time.perf_counter() - start)
        met.update(pair_counts(plan[-1]))
    return plan, times


def main() -> None:
    header = (f'{"case":<30}{"orgs":>5}{"design":>9}{"rep LB":>8}{"plan":>6}{"live":>6}{"greedy":>8}  |{"org LB":>7}'
              f'{"plan":>6}{"live":>6}{"greedy":>8}  |{"plan s":>8}{"s/round":>8}{"live ms mean":>13}{"max":>7}')
    print('repeated encounters (rep) | same-organisation pairs (org) | time')
    print(header)
    print('-' * len(header))
    started = time.perf_counter()
    for n, size, rounds, orgs in CASES:
        people = crowd(n, orgs)
        sizes = group_sizes(n, group_size=size)
        pairs = rounds * sum(s * (s - 1) // 2 for s in sizes)
        bound = max(0, pairs - n * (n - 1) // 2)
        found = design_for(sizes)
        design = f'{len(found[0])} rnd' if found else '-'
        start = time.perf_counter()
        plan = plan_groups(people, rounds, group_size=size)
        plan_time = time.perf_counter() - start
        by_round, times = live(people, size, rounds)
        greedy = greedy_plan(people, rounds, group_size=size)
        org_bound = organisation_bound([org for _pid, org in people], sizes, rounds)
        print(f'{f"{n} in groups of {size}, {rounds} rounds":<30}{orgs:>5}{design:>9}{bound:>8}'
              f'{repeated_pairs(plan):>6}{repeated_pairs(by_round):>6}{repeated_pairs(greedy):>8}  |'
              f'{org_bound:>7}{colleagues(plan, people):>6}{colleagues(by_round, people):>6}'
              f'{colleagues(greedy, people):>8}  |{plan_time:>8.2f}{plan_time / rounds:>8.2f}'
              f'{1000 * statistics.mean(times):>13.0f}{1000 * max(times):>7.0f}', flush=True)
    print(f'total {time.perf_counter() - started:.1f} s; "design" = rounds without repeats that a known '
          'resolvable design gives for these group sizes')


if __name__ == '__main__':
    main()
