"""Benchmark of the breakout-group engine: ``.venv/bin/python bench/grouping.py``. Prints figures, asserts nothing.

For every case three ways to plan the rounds:

* ``plan``: ``plan_groups`` (resolvable design where one is known, then tabu search over the whole schedule);
* ``live``: ``make_groups`` round by round, each round fed the encounters so far (what the live app does);
* ``greedy``: ``greedy_plan``, everyone in turn joins the open group where they met the fewest people before.

``effort`` (default 1) scales the search work of ``plan_groups`` and ``make_groups``.

``rep`` counts repeated encounters (a pair that met three times counts 2). ``rep LB`` is the counting bound
``max(0, rounds * pairs per round - n(n-1)/2)``; 0 there does not promise that a schedule without repeats exists,
while ``design`` gives the number of rounds without repeats that a known resolvable design (see ``grouping_designs``)
reaches for these sizes: the transversal designs, the Hermitian unital for 28 in groups of 4 and the 8-4-10
social golfer solution for 32 in groups of 4 (``grouping_unital``, ``grouping_golfers``). Those two are found by a
small search once per process and cached; the first ``plan_groups`` call that needs one pays for it, so the cases
run in the order of CASES. Where a transversal design gives enough rounds (32 in groups of 4 over 8 rounds)
``plan_groups`` takes it instead, as its rows help to mix organisations. For 30 in groups of 5 over 6 rounds a
schedule without repeats exists (one longer run found it) but the search does not find it reliably within its
budget.
``org`` counts pairs of colleagues in one group, summed over the rounds; ``org LB`` is ``organisation_bound``
(each organisation spread evenly in every round, and the colleagues everyone must meet once they run out of others).
Times are CPU time of this process (``time.process_time``; wall-clock time grows when other work shares the
machine, the largest wall-clock time is printed too): ``plan s`` for the whole ``plan_groups`` call and per round,
``live ms`` per ``make_groups`` call.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.encounters import pair_counts, repeated_pairs
from app.domain.grouping import greedy_plan, group_sizes, make_groups, organisation_bound, plan_groups
from app.domain.grouping_designs import design_for

CASES = [  # people, group size, rounds, organisations, effort
    (16, 4, 5, 4, 1.0),
    (30, 5, 6, 3, 1.0),
    (30, 5, 6, 3, 8.0),  # the same with eight times the search work
    (28, 4, 9, 4, 1.0),  # the Hermitian unital
    (32, 4, 10, 5, 1.0),  # the social golfer problem 8-4-10
    (32, 4, 8, 5, 1.0),
    (120, 6, 8, 4, 1.0),
    (200, 6, 8, 5, 1.0),
    (200, 10, 12, 5, 1.0),
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


def live(people: list[tuple[str, str]], size: int, rounds: int,
         effort: float) -> tuple[list[list[list[str]]], list[float], float]:
    """Round by round with ``make_groups``: the plan, CPU seconds per round and the largest wall-clock seconds."""
    met: Counter[frozenset[str]] = Counter()
    plan, times, wall = [], [], 0.0
    for r in range(rounds):
        cpu, start = time.process_time(), time.perf_counter()
        plan.append(make_groups(people, group_size=size, met=met, seed=r, effort=effort))
        times.append(time.process_time() - cpu)
        wall = max(wall, time.perf_counter() - start)
        met.update(pair_counts(plan[-1]))
    return plan, times, wall


def main() -> None:
    header = (f'{"case":<41}{"orgs":>5}{"design":>8}{"rep LB":>7}{"plan":>6}{"live":>6}{"greedy":>7}  |'
              f'{"org LB":>7}{"plan":>6}{"live":>6}{"greedy":>7}  |{"plan s":>7}{"/round":>7}'
              f'{"live ms":>8}{"max":>6}{"wall":>6}')
    print('repeated encounters (rep)' + ' ' * 52 + '| same-organisation pairs      | CPU time')
    print(header)
    print('-' * len(header))
    started = time.perf_counter()
    for n, size, rounds, orgs, effort in CASES:
        people = crowd(n, orgs)
        sizes = group_sizes(n, group_size=size)
        pairs = rounds * sum(s * (s - 1) // 2 for s in sizes)
        bound = max(0, pairs - n * (n - 1) // 2)
        cpu = time.process_time()
        plan = plan_groups(people, rounds, group_size=size, effort=effort)
        plan_time = time.process_time() - cpu
        found = design_for(sizes)  # after the timing: the first plan that needs a searched design pays its search
        design = f'{len(found[0])} rnd' if found else '-'
        by_round, times, wall = live(people, size, rounds, effort)
        greedy = greedy_plan(people, rounds, group_size=size)
        org_bound = organisation_bound([org for _pid, org in people], sizes, rounds)
        case = f'{n} in groups of {size}, {rounds} rounds' + (f' (effort {effort:g})' if effort != 1 else '')
        print(f'{case:<41}{orgs:>5}{design:>8}{bound:>7}'
              f'{repeated_pairs(plan):>6}{repeated_pairs(by_round):>6}{repeated_pairs(greedy):>7}  |'
              f'{org_bound:>7}{colleagues(plan, people):>6}{colleagues(by_round, people):>6}'
              f'{colleagues(greedy, people):>7}  |{plan_time:>7.2f}{plan_time / rounds:>7.2f}'
              f'{1000 * statistics.mean(times):>8.0f}{1000 * max(times):>6.0f}{1000 * wall:>6.0f}', flush=True)
    print(f'total {time.perf_counter() - started:.1f} s wall-clock. design: rounds without repeats from a known '
          'resolvable design for these group sizes.')


if __name__ == '__main__':
    main()
