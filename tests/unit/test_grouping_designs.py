"""The designs found by search: exact cover, the Hermitian unital (28 in groups of 4, 9 rounds) and the social
golfer solution 8-4-10 (32 in groups of 4, 10 rounds), and how ``design_for`` and ``plan_groups`` use them."""

from collections import Counter
from itertools import combinations

import pytest

from app.domain.encounters import repeated_pairs
from app.domain.grouping import group_sizes, organisation_bound, plan_groups
from app.domain.grouping_cover import exact_cover, exact_covers
from app.domain.grouping_designs import design_for
from app.domain.grouping_fields import Field
from app.domain.grouping_golfers import golfer_rounds
from app.domain.grouping_unital import unital_groups, unital_points, unital_rounds


def pair_tally(rounds: object) -> Counter[tuple[int, int]]:
    return Counter(pair for groups in rounds for group in groups for pair in combinations(sorted(group), 2))


def check_schedule(rounds: object, points: int, groups: int, size: int) -> Counter[tuple[int, int]]:
    """Every round a partition of ``0..points-1`` into ``groups`` groups of ``size``; no pair meets twice."""
    for round_ in rounds:
        assert len(round_) == groups and all(len(group) == size for group in round_)
        assert sorted(p for group in round_ for p in group) == list(range(points))
    tally = pair_tally(rounds)
    assert max(tally.values()) == 1
    return tally


def people(n: int, orgs: int) -> list[tuple[str, str]]:
    return [(f'p{i}', f'org{i % orgs}') for i in range(n)]


# --- exact cover ---------------------------------------------------------------------------------------------------

def test_exact_cover_finds_knuths_example_and_all_covers() -> None:
    rows = ['CEF', 'ADG', 'BCF', 'AD', 'BG', 'DEG']  # Knuth's example: rows 0, 3 and 4 are the only cover
    assert exact_cover(rows) == [0, 3, 4]
    assert list(exact_covers(rows)) == [[0, 3, 4]]
    assert exact_cover(['ab', 'bc', 'ca']) is None


def test_exact_cover_counts() -> None:
    singles_and_pairs = ['ab', 'cd', 'ac', 'bd', 'ad', 'bc', 'a', 'b', 'c', 'd']
    covers = list(exact_covers(singles_and_pairs))
    assert len(covers) == 10  # the set partitions of 4 items into blocks of at most 2
    assert len({tuple(c) for c in covers}) == 10
    for cover in covers:
        assert sorted(''.join(singles_and_pairs[r] for r in cover)) == list('abcd')


# --- the Hermitian unital ------------------------------------------------------------------------------------------

def test_unital_points_lie_on_the_hermitian_curve() -> None:
    field = Field(9)
    points = unital_points()
    assert len(points) == len(set(points)) == 28

    def fourth(x: int) -> int:
        return field.mul(field.mul(x, x), field.mul(x, x))

    for x, y, z in points:
        assert field.add(field.add(fourth(x), fourth(y)), fourth(z)) == 0
        assert next(c for c in (x, y, z) if c) == 1  # one coordinate vector per projective point


def test_unital_is_a_2_28_4_1_design() -> None:
    groups = unital_groups()
    assert len(groups) == 63 and all(len(group) == 4 for group in groups)
    assert pair_tally([groups]) == Counter({pair: 1 for pair in combinations(range(28), 2)})


def test_unital_rounds_resolve_the_design() -> None:
    rounds = unital_rounds()
    assert len(rounds) == 9
    assert len(check_schedule(rounds, 28, 7, 4)) == 28 * 27 // 2  # every pair meets, exactly once
    assert sorted(group for round_ in rounds for group in round_) == sorted(unital_groups())


# --- the social golfer problem 8-4-10 ------------------------------------------------------------------------------

def test_golfer_rounds_never_repeat_a_pair() -> None:
    rounds = golfer_rounds()
    assert len(rounds) == 10
    met = check_schedule(rounds, 32, 8, 4)
    missed = {pair for pair in combinations(range(32), 2) if pair not in met}
    assert missed == {(x, x ^ 1) for x in range(0, 32, 2)}  # everyone misses exactly one other


def test_golfer_rounds_are_invariant_under_t() -> None:
    for round_ in golfer_rounds():
        groups = {frozenset(group) for group in round_}
        assert all(frozenset(p ^ t for p in group) in groups for group in groups for t in range(4))


# --- design_for and plan_groups ------------------------------------------------------------------------------------

@pytest.mark.parametrize(('sizes', 'rounds', 'points'), [
    ([4] * 8, 10, 32), ([4] * 7 + [3], 10, 32), ([4] * 6 + [3] * 2, 10, 32),
    ([4] * 7, 9, 28), ([4] * 6 + [3], 9, 28),
    ([4] * 5 + [3] * 2, 7, 28),  # two points of the unital meet once: the transversal design over GF(7) instead
    ([4] * 5 + [3] * 3, 8, 32),  # the same over GF(8)
])
def test_design_for_the_longest(sizes: list[int], rounds: int, points: int) -> None:
    found = design_for(sizes)
    assert found is not None
    design, n = found
    assert (len(design), n) == (rounds, points)
    for round_ in design:
        kept = sorted((len([p for p in group if p < sum(sizes)]) for group in round_), reverse=True)
        assert kept == sizes


def rounds_of(sizes: list[int], limit: int) -> list[list[list[int]]]:
    found = design_for(sizes, limit)
    assert found is not None
    return found[0]


def test_design_for_prefers_the_transversal_design_when_it_is_long_enough() -> None:
    """Points of one row of the transversal design over GF(8) never meet in its first 8 rounds."""
    design = rounds_of([4] * 8, 8)
    assert len(design) == 8
    assert not any(a < 8 and b < 8 for a, b in pair_tally(design))
    assert len(rounds_of([4] * 8, 9)) == 9
    assert rounds_of([4] * 8, 10) == [[list(g) for g in r] for r in golfer_rounds()]
    assert rounds_of([4] * 7, 7) != [[list(g) for g in r] for r in unital_rounds()[:7]]
    assert rounds_of([4] * 7, 8) == [[list(g) for g in r] for r in unital_rounds()[:8]]


@pytest.mark.parametrize(('n', 'options', 'rounds', 'orgs'), [
    (28, {'group_size': 4}, 9, 4), (32, {'group_size': 4}, 10, 4), (32, {'group_size': 4}, 10, 8),
    (31, {'group_count': 8}, 10, 5), (27, {'group_count': 7}, 9, 3),
])
def test_plans_without_repeats_that_mix_organisations(n: int, options: dict[str, int], rounds: int,
                                                      orgs: int) -> None:
    crowd = people(n, orgs)
    sizes = group_sizes(n, **options)
    plan = plan_groups(crowd, rounds, **options)
    assert len(plan) == rounds and repeated_pairs(plan) == 0
    for groups in plan:
        assert sorted(pid for group in groups for pid in group) == sorted(pid for pid, _ in crowd)
        assert [len(group) for group in groups] == sizes
    org = dict(crowd)
    colleagues = sum(org[a] == org[b] for groups in plan for group in groups for a, b in combinations(group, 2))
    if n == 32:  # the seating reaches the bound; placed in order the design puts 112 and 48 colleagues together
        assert colleagues == organisation_bound([org for _pid, org in crowd], sizes, rounds)
