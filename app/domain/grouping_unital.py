"""Nine rounds of 28 people in 7 groups of 4 in which every two people meet exactly once: the Hermitian unital.

The unital of order 3 is the set of the 28 points ``(x:y:z)`` of the projective plane over GF(9) with
``x⁴ + y⁴ + z⁴ = 0``. A line of the plane meets it in 1 point (a tangent) or 4 (a secant), and two points of the
unital lie on exactly one line, so the 63 secants cut it into groups of 4 in which every pair lies exactly once: a
2-(28, 4, 1) design. The design is resolvable: an exact cover of the 28 points by these groups is a round (there are
63 such parallel classes), and an exact cover of the 63 groups by 9 of those rounds is the schedule.
"""

from __future__ import annotations

from functools import cache

from app.domain.grouping_cover import exact_cover, exact_covers
from app.domain.grouping_fields import Field

Schedule = tuple[tuple[tuple[int, ...], ...], ...]  # rounds -> groups -> point numbers
ORDER = 3  # the unital lives in the plane over GF(ORDER²); ORDER + 1 points per group


def unital_points() -> list[tuple[int, int, int]]:
    """The points of the unital, each as its coordinates with the first nonzero one equal to 1, sorted."""
    field = Field(ORDER * ORDER)
    power = [_power(field, x, ORDER + 1) for x in range(field.q)]
    return [point for point in _projective_points(field)
            if field.add(field.add(power[point[0]], power[point[1]]), power[point[2]]) == 0]


def unital_groups() -> list[tuple[int, ...]]:
    """The 63 groups of 4: each secant line's points of the unital, as numbers into ``unital_points``."""
    field = Field(ORDER * ORDER)
    points = unital_points()
    groups = []
    for a, b, c in _projective_points(field):  # a line a·x + b·y + c·z = 0
        on = tuple(i for i, (x, y, z) in enumerate(points)
                   if field.add(field.add(field.mul(a, x), field.mul(b, y)), field.mul(c, z)) == 0)
        if len(on) > 1:
            groups.append(on)
    return groups


@cache
def unital_rounds() -> Schedule:
    """The 9 rounds of 7 groups, found once: the parallel classes of the unital, then 9 of them covering each group
    once."""
    groups = unital_groups()
    classes = list(exact_covers(groups))  # rows are the groups, items their points
    chosen = exact_cover([[groups[g] for g in cls] for cls in classes])  # rows are classes, items their groups
    if chosen is None:
        raise AssertionError('the Hermitian unital of order 3 is resolvable')
    return tuple(tuple(groups[g] for g in classes[c]) for c in chosen)


def _power(field: Field, x: int, e: int) -> int:
    result = 1
    for _ in range(e):
        result = field.mul(result, x)
    return result


def _projective_points(field: Field) -> list[tuple[int, int, int]]:
    """One coordinate vector per point of the projective plane over ``field``: the first nonzero coordinate is 1."""
    q = field.q
    return [(0, 0, 1)] + [(0, 1, z) for z in range(q)] + [(1, y, z) for y in range(q) for z in range(q)]
