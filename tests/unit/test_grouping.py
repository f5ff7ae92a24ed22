import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.encounters import pair_counts, repeated_pairs
from app.domain.grouping import greedy_plan, group_sizes, make_groups, plan_groups
from app.domain.grouping_designs import Field, design_for, prime_power

FAST = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parents[2]


def people(n: int, orgs: int = 3) -> list[tuple[str, str]]:
    return [(f'p{i}', f'org{i % orgs}' if orgs else '') for i in range(n)]


def check_round(groups: list[list[str]], ids: list[str], sizes: list[int]) -> None:
    assert sorted(pid for group in groups for pid in group) == sorted(ids)
    assert [len(group) for group in groups] == sizes


@st.composite
def group_options(draw: st.DrawFn, max_people: int = 40) -> tuple[int, dict[str, int]]:
    n = draw(st.integers(1, max_people))
    if draw(st.booleans()):
        return n, {'group_count': draw(st.integers(1, n))}
    return max(n, 2), {'group_size': draw(st.integers(2, max(n, 2)))}


# --- group_sizes ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(('n', 'options', 'sizes'), [
    (17, {'group_size': 4}, [5, 4, 4, 4]),
    (16, {'group_size': 4}, [4, 4, 4, 4]),
    (7, {'group_size': 2}, [3, 2, 2]),
    (5, {'group_size': 5}, [5]),
    (10, {'group_count': 3}, [4, 3, 3]),
    (3, {'group_count': 3}, [1, 1, 1]),
])
def test_group_sizes_examples(n: int, options: dict[str, int], sizes: list[int]) -> None:
    assert group_sizes(n, **options) == sizes


@pytest.mark.parametrize(('n', 'options', 'message'), [
    (0, {'group_count': 1}, 'nobody'),
    (5, {'group_size': 1}, 'at least 2'),
    (5, {'group_size': 0}, 'at least 2'),
    (5, {'group_count': 0}, 'at least one group'),
    (3, {'group_count': 4}, '4 groups need at least 4 people'),
    (3, {'group_size': 4}, 'groups of 4 need at least 4 people'),
    (6, {'group_count': 2, 'group_size': 3}, 'either'),
    (6, {}, 'either'),
])
def test_group_sizes_refuses(n: int, options: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        group_sizes(n, **options)


@settings(database=None)
@given(group_options(max_people=500))
def test_group_sizes_properties(case: tuple[int, dict[str, int]]) -> None:
    n, options = case
    sizes = group_sizes(n, **options)
    assert sum(sizes) == n and sizes == sorted(sizes, reverse=True) and sizes[0] - sizes[-1] <= 1
    if 'group_size' in options:
        assert len(sizes) == n // options['group_size'] and sizes[-1] >= options['group_size']
    else:
        assert len(sizes) == options['group_count']


# --- make_groups ---------------------------------------------------------------------------------------------------

@FAST
@given(group_options(), st.integers(0, 5), st.randoms(use_true_random=False), st.integers(0, 3))
def test_everyone_in_exactly_one_group(case: tuple[int, dict[str, int]], orgs: int, rnd: random.Random,
                                       seed: int) -> None:
    n, options = case
    crowd = people(n, orgs)
    ids = [pid for pid, _org in crowd]
    met = {frozenset(rnd.sample(ids, 2)): rnd.randint(1, 3) for _ in range(n if n > 1 else 0)}
    groups = make_groups(crowd, met=met, seed=seed, effort=0.3, **options)
    check_round(groups, ids, group_sizes(n, **options))


@FAST
@given(st.integers(4, 30), st.integers(2, 6), st.randoms(use_true_random=False))
def test_keep_apart_is_respected_when_possible(n: int, size: int, rnd: random.Random) -> None:
    """Keep-apart pairs are drawn from a hidden valid solution, so they can all be respected."""
    size = min(size, n)
    sizes = group_sizes(n, group_size=size)
    ids = [f'p{i}' for i in range(n)]
    shuffled = rnd.sample(ids, n)
    hidden = {pid: g for g, s in enumerate(sizes) for pid in shuffled[sum(sizes[:g]):sum(sizes[:g]) + s]}
    candidates = [frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:] if hidden[a] != hidden[b]]
    apart = rnd.sample(candidates, min(len(candidates), n))
    together = [frozenset((a, b)) for a in ids for b in ids if a < b and hidden[a] == hidden[b] and rnd.random() < 0.1]
    groups = make_groups([(pid, 'org') for pid in ids], group_size=size, keep_apart=apart, keep_together=together,
                         seed=rnd.randint(0, 9))
    check_round(groups, ids, sizes)
    where = {pid: g for g, group in enumerate(groups) for pid in group}
    assert all(where[a] != where[b] for a, b in map(sorted, apart))
    assert all(where[a] == where[b] for a, b in map(sorted, together))


def test_keep_apart_wins_over_keep_together_and_history() -> None:
    crowd = people(4, orgs=0)
    pair = frozenset({'p0', 'p1'})
    groups = make_groups(crowd, group_count=2, keep_apart=[pair], keep_together=[pair], met={pair: 5})
    assert not any(pair <= set(group) for group in groups)


def test_impossible_keep_apart_is_violated_as_little_as_possible() -> None:
    crowd = people(4, orgs=0)
    triangle = [frozenset(pair) for pair in (('p0', 'p1'), ('p1', 'p2'), ('p0', 'p2'))]
    groups = make_groups(crowd, group_count=2, keep_apart=triangle)
    assert sum(pair <= set(group) for pair in triangle for group in groups) == 1
    assert make_groups(crowd, group_count=1, keep_apart=triangle) == [['p0', 'p1', 'p2', 'p3']]


def test_repeats_go_to_pairs_that_met_least() -> None:
    met = {frozenset('ab'): 3, frozenset('cd'): 3, frozenset('ac'): 1, frozenset('bd'): 1, frozenset('ad'): 1,
           frozenset('bc'): 1}
    groups = make_groups([(pid, '') for pid in 'abcd'], group_size=2, met=met)
    assert sorted(map(sorted, groups)) in ([['a', 'c'], ['b', 'd']], [['a', 'd'], ['b', 'c']])


def test_keep_together_beats_history_and_organisations() -> None:
    crowd = [('a', 'x'), ('b', 'x'), ('c', 'y'), ('d', 'y')]
    groups = make_groups(crowd, group_count=2, keep_together=[frozenset('ab')], met={frozenset('ab'): 3})
    assert sorted(map(sorted, groups)) == [['a', 'b'], ['c', 'd']]


@pytest.mark.parametrize(('n', 'orgs', 'size', 'rounds'), [(6, 2, 3, 0), (8, 4, 4, 0), (12, 3, 3, 3), (20, 4, 4, 4),
                                                           (25, 5, 5, 5)])
def test_organisations_are_mixed(n: int, orgs: int, size: int, rounds: int) -> None:
    """One round, and plans where a design leaves room: repeats come first, so forced repeats may cost mixing."""
    crowd = people(n, orgs)
    org = dict(crowd)
    for groups in (make_groups(crowd, group_size=size), *plan_groups(crowd, rounds, group_size=size)):
        for group in groups:
            assert len({org[pid] for pid in group}) == min(size, orgs)


def test_organisation_names_ignore_case_and_blank_means_none() -> None:
    crowd = [('a', 'Stad'), ('b', 'stad '), ('c', ''), ('d', '')]
    groups = make_groups(crowd, group_count=2)
    assert not any({'a', 'b'} <= set(group) for group in groups)


def test_history_is_avoided() -> None:
    crowd = people(24, orgs=4)
    first = make_groups(crowd, group_size=4, seed=1)
    second = make_groups(crowd, group_size=4, seed=1, met=pair_counts(first))
    assert repeated_pairs([first, second]) == 0


def test_unknown_ids_are_ignored_and_duplicates_refused() -> None:
    crowd = people(6)
    strange = frozenset({'p0', 'ghost'})
    groups = make_groups(crowd, group_count=2, met={strange: 2}, keep_apart=[strange, frozenset({'p1'})])
    check_round(groups, [pid for pid, _ in crowd], [3, 3])
    with pytest.raises(ValueError, match='unique'):
        make_groups([('p1', 'x'), ('p1', 'y')], group_count=1)
    with pytest.raises(ValueError):
        make_groups([], group_count=1)


# --- plan_groups ---------------------------------------------------------------------------------------------------

@FAST
@given(group_options(max_people=24), st.integers(1, 5), st.integers(0, 4))
def test_plans_are_valid_and_beat_greedy(case: tuple[int, dict[str, int]], rounds: int, orgs: int) -> None:
    n, options = case
    crowd = people(n, orgs)
    plan = plan_groups(crowd, rounds, effort=0.3, **options)
    assert len(plan) == rounds
    for groups in plan:
        check_round(groups, [pid for pid, _ in crowd], group_sizes(n, **options))
    assert repeated_pairs(plan) <= repeated_pairs(greedy_plan(crowd, rounds, **options))


@pytest.mark.parametrize(('n', 'size', 'rounds'), [(12, 3, 5), (17, 4, 5), (20, 4, 6), (24, 6, 4), (21, 3, 8)])
def test_repeats_at_or_below_greedy(n: int, size: int, rounds: int) -> None:
    crowd = people(n, 3)
    plan = plan_groups(crowd, rounds, group_size=size, effort=0.5)
    assert repeated_pairs(plan) <= repeated_pairs(greedy_plan(crowd, rounds, group_size=size))


@pytest.mark.parametrize(('n', 'options', 'rounds'), [
    (16, {'group_size': 4}, 5),  # the affine plane AG(2, 4)
    (16, {'group_count': 4}, 5),
    (25, {'group_size': 5}, 6),  # AG(2, 5)
    (32, {'group_size': 4}, 9),  # transversal design over GF(8) and one more round inside its rows
    (32, {'group_size': 4}, 10),  # the social golfer problem 8-4-10 (grouping_golfers)
    (28, {'group_size': 4}, 9),  # the Hermitian unital (grouping_unital)
    (31, {'group_count': 8}, 8),  # the same with one point left out
    (27, {'group_size': 3}, 9),  # over GF(9)
    (10, {'group_size': 2}, 9),  # round robin
])
def test_designs_give_no_repeats(n: int, options: dict[str, int], rounds: int) -> None:
    crowd = people(n, 4)
    plan = plan_groups(crowd, rounds, **options)
    for groups in plan:
        check_round(groups, [pid for pid, _ in crowd], group_sizes(n, **options))
    assert repeated_pairs(plan) == 0


def test_local_search_alone_finds_16_in_4_groups_over_5_rounds() -> None:
    crowd = people(16, 4)
    for seed in range(2):
        assert repeated_pairs(plan_groups(crowd, 5, group_size=4, designs=False, seed=seed)) == 0


def test_round_by_round_with_history() -> None:
    """What the live app does: each round from the encounters so far (no look-ahead, so no design guarantee)."""
    crowd = people(30, 4)
    met: Counter[frozenset[str]] = Counter()
    plan = []
    for seed in range(5):
        plan.append(make_groups(crowd, group_size=5, seed=seed, met=met))
        met.update(pair_counts(plan[-1]))
    assert repeated_pairs(plan) <= repeated_pairs(greedy_plan(crowd, 5, group_size=5))


def test_earlier_meetings_count() -> None:
    crowd = people(12, 3)
    earlier = plan_groups(crowd, 2, group_size=3)
    met = pair_counts(group for groups in earlier for group in groups)
    later = plan_groups(crowd, 2, group_size=3, met=met)
    assert repeated_pairs(earlier + later) == 0


def test_rounds_bounds() -> None:
    assert plan_groups(people(5), 0, group_count=2) == []
    with pytest.raises(ValueError, match='negative'):
        plan_groups(people(5), -1, group_count=2)


# --- determinism ---------------------------------------------------------------------------------------------------

def test_same_seed_same_groups() -> None:
    crowd = people(40, 5)
    met = {frozenset({'p1', 'p2'}): 1, frozenset({'p3', 'p9'}): 2}
    assert make_groups(crowd, group_size=4, met=met, seed=7) == make_groups(crowd, group_size=4, met=met, seed=7)
    twice = [plan_groups(crowd, 3, group_size=6, seed=2, effort=0.3) for _ in range(2)]
    assert twice[0] == twice[1]


def test_independent_of_hash_seed() -> None:
    script = ('import json; from app.domain.grouping import make_groups, plan_groups\n'
              'crowd = [(f"p{i}", f"o{i % 4}") for i in range(30)]\n'
              'met = {frozenset({f"p{i}", f"p{i + 1}"}): 1 + i % 2 for i in range(29)}\n'
              'apart = {frozenset({f"p{i}", f"p{i + 7}"}) for i in range(20)}\n'
              'met = dict(sorted(met.items(), key=lambda item: hash(min(item[0]))))\n'
              'print(json.dumps([make_groups(crowd, group_size=5, met=met, keep_apart=apart, seed=4),'
              ' plan_groups(crowd, 3, group_size=4, seed=4), plan_groups(crowd[:28], 9, group_size=4),'
              ' plan_groups(crowd + [("p30", "x"), ("p31", "y")], 10, group_size=4)]))')
    outputs = []
    for hash_seed in ('1', '2'):
        env = {**os.environ, 'PYTHONHASHSEED': hash_seed}
        done = subprocess.run([sys.executable, '-c', script], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


# --- designs -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('q', [2, 3, 4, 5, 7, 8, 9, 16, 25, 27])
def test_finite_fields(q: int) -> None:
    field = Field(q)
    for x in range(q):
        assert field.add(x, 0) == x and field.mul(x, 1) == x
        if x:
            assert sorted(field.mul(x, y) for y in range(q)) == list(range(q))  # no zero divisors
    rnd = random.Random(q)
    for _ in range(50):
        x, y, z = (rnd.randrange(q) for _ in range(3))
        assert field.mul(x, field.add(y, z)) == field.add(field.mul(x, y), field.mul(x, z))


def test_prime_powers() -> None:
    assert [q for q in range(1, 30) if prime_power(q)] == [2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 19, 23, 25, 27, 29]
    with pytest.raises(ValueError):
        Field(6)


@pytest.mark.parametrize('sizes', [[4] * 4, [4] * 8, [3] * 9, [5] * 5, [2] * 6, [4] * 7 + [3], [3] * 5 + [2] * 2,
                                   [2, 2, 1, 1]])
def test_designs_never_repeat(sizes: list[int]) -> None:
    found = design_for(sizes)
    assert found is not None
    design, points = found
    counts = pair_counts(group for groups in design for group in groups)
    assert max(counts.values()) == 1
    assert all(sorted(p for group in groups for p in group) == list(range(points)) for groups in design)
    assert design_for([6] * 6) is None and design_for([5] * 4) is None


@pytest.mark.parametrize(('n', 'size', 'rounds'), [(16, 4, 5), (28, 4, 9), (32, 4, 10), (25, 5, 6)])
def test_live_rounds_one_at_a_time_follow_the_design(n: int, size: int, rounds: int) -> None:
    """A meeting that makes its breakout groups one round at a time, each fed the encounters so far, meets nobody
    twice where a design exists, and the first rounds mix organisations fully."""
    crowd = people(n, 4)
    org = dict(crowd)
    met: Counter[frozenset[str]] = Counter()
    for r in range(rounds):
        groups = make_groups(crowd, group_size=size, met=met, seed=r)
        check_round(groups, [pid for pid, _ in crowd], group_sizes(n, group_size=size))
        if r < 2:
            assert all(len({org[pid] for pid in group}) == min(size, 4) for group in groups)
        met.update(frozenset((a, b)) for group in groups for i, a in enumerate(group) for b in group[i + 1:])
    assert max(met.values()) == 1


def test_live_rounds_after_someone_left_still_avoid_repeats_where_they_can() -> None:
    crowd = people(28, 4)
    met: Counter[frozenset[str]] = Counter()
    for r in range(3):
        groups = make_groups(crowd, group_size=4, met=met, seed=r)
        met.update(frozenset((a, b)) for group in groups for i, a in enumerate(group) for b in group[i + 1:])
    fewer = crowd[1:]  # p0 went home: the seating changes, the search takes over
    groups = make_groups(fewer, group_size=4, met=met, seed=3)
    check_round(groups, [pid for pid, _ in fewer], group_sizes(27, group_size=4))
    assert sum(met[frozenset((a, b))] for group in groups for i, a in enumerate(group) for b in group[i + 1:]) == 0
