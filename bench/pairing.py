"""Benchmark of the speed-dating pairing: repeats, same-organisation pairs and time per round.

Run as ``.venv/bin/python bench/pairing.py``. It prints figures and asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.pairing import Odd, max_rounds_without_repeat, pair_round

ROUNDS = 20
SIZES = (10, 50, 51, 200)


def organisations(n: int, size: int, rng: random.Random) -> list[str]:
    """``n`` draws from uneven organisations (weights 1, 1/2, 1/3 …), about one per six of ``size`` people."""
    count = max(2, size // 6)
    weights = [1 / (k + 1) for k in range(count)]
    return [f'org{k}' for k in rng.choices(range(count), weights=weights, k=n)]


def run(n: int, churn: float, odd: Odd, seed: int = 1) -> dict[str, float | str]:
    """``ROUNDS`` rounds; before each round after the first, ``churn`` of the people leave and as many new join."""
    rng = random.Random(seed)
    people = [(f'p{i}', org) for i, org in enumerate(organisations(n, n, rng))]
    fresh = n
    met: Counter[frozenset[str]] = Counter()
    paused: list[str] = []
    times: list[float] = []
    repeats = same = pairs = 0
    for round_no in range(ROUNDS):
        if round_no and churn:
            leave = max(1, round(churn * n))
            people = rng.sample(people, len(people) - leave)
            people += [(f'p{fresh + k}', org) for k, org in enumerate(organisations(leave, n, rng))]
            fresh += leave
        start = time.perf_counter()
        result = pair_round(people, met, odd=odd, paused_before=paused, seed=seed, round_no=round_no)
        times.append(time.perf_counter() - start)
        org = dict(people)
        for group in result.groups:
            for a, b in combinations(group, 2):
                key = frozenset((a, b))
                repeats += met[key] > 0
                same += org[a] == org[b]
                pairs += 1
                met[key] += 1
        paused += [result.paused] if result.paused else []
    unavoidable = max(0, pairs - n * (n - 1) // 2) if not churn else '-'
    return {
        'repeats': repeats,
        'unavoidable': unavoidable,
        'same': same,
        'pairs': pairs,
        'mean': statistics.mean(times) * 1000,
        'max': max(times) * 1000,
    }


def main() -> None:
    print(f'{ROUNDS} rounds per run; organisations of uneven size, about one per six people')
    print('repeats = encounters of a pair beyond its first; min = unavoidable for a fixed group (rounds x pairs > all)')
    header = f'{"n":>4} {"group":<12} {"odd":<6} {"no-repeat":>9} {"repeats":>7} {"min":>5} {"same-org":>8} '
    print(header + f'{"pairs":>6} {"mean ms":>8} {"max ms":>8}')
    total = time.perf_counter()
    for n in SIZES:
        for churn, label in ((0.0, 'fixed'), (0.1, '10% churn')):
            modes: tuple[Odd, ...] = ('trio', 'pause') if n % 2 else ('trio',)
            for odd in modes:
                row = run(n, churn, odd)
                limit = max_rounds_without_repeat(n, odd=odd) if not churn else '-'
                print(
                    f'{n:>4} {label:<12} {odd:<6} {limit!s:>9} {row["repeats"]:>7} {row["unavoidable"]!s:>5} '
                    f'{row["same"]:>8} {row["pairs"]:>6} {row["mean"]:>8.1f} {row["max"]:>8.1f}'
                )
    print(f'total {time.perf_counter() - total:.1f} s')


if __name__ == '__main__':
    main()
