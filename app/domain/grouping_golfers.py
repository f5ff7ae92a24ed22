"""Ten rounds of 32 people in 8 groups of 4 without a repeated pair: the social golfer problem 8-4-10.

Everyone meets 30 of the other 31, so the pairs that never meet form a perfect matching. The points are the
vectors of GF(2)⁵ as the numbers ``0..31`` (``^`` adds), and ``x`` never meets ``x ^ 1``. Every round is invariant
under adding an element of ``T = {0, 1, 2, 3}``: it consists of whole orbits ``{group ^ t}``. The cosets
``{4c, …, 4c + 3}`` of ``T`` are the 8 cells ``c``, and two kinds of rounds fill them:

* 8 rounds split the cells into two halves of 4; a group takes one point from each cell of a half, and its orbit of
  4 groups fills those cells;
* 2 rounds pair the cells along the cycle ``0-1-…-7-0``, the even edges in one and the odd edges in the other; on an
  edge ``(c, d)`` the group ``{4c, 4c ^ t, 4d + s, (4d + s) ^ t}`` (``t = 2`` in the first round, ``t = 3`` in the
  second) and the group ``^ 1`` fill both cells.

The pairs inside a cell with a difference 2 or 3 meet in the cycle rounds. The 16 pairs between two cells fall into
4 orbits of 4 (by their difference ``(x ^ y) & 3``); the groups of a half meet one of these orbits for every two
of its cells, those of a cycle edge two, so two cells share a half in 2 of the 8 splits when they are neighbours
on the cycle and in 4 otherwise. A small backtracking search picks such splits (0.07 s), then an exact cover picks
the first group of each orbit (which point of each cell) so that every orbit of pairs is met exactly once.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from itertools import combinations, product

from app.domain.grouping_cover import exact_cover

Schedule = tuple[tuple[tuple[int, ...], ...], ...]  # rounds -> groups -> point numbers
CELLS = 8  # cosets of T; point 4 * cell + s, s in T
SPLITS = 8  # rounds that split the cells into halves; the two cycle rounds come after them
CYCLE_STEPS = (2, 3)  # t of the round of the even edges and of the odd edges


@cache
def golfer_rounds() -> Schedule:
    """The 10 rounds, found once: the halves first, then which point of each cell every orbit starts from."""
    halves = [half for split in _splits() for half in split]
    edges = [[(c, (c + 1) % CELLS) for c in range(parity, CELLS, 2)] for parity in (0, 1)]
    rows: list[list[Hashable]] = []
    made: list[tuple[int, list[tuple[int, ...]]]] = []  # per row: its round and the groups of its orbit
    for part, half in enumerate(halves):
        for rest in product(range(4), repeat=3):
            s = (0, *rest)
            rows.append([('part', part), *(('cross', half[i], half[j], s[i] ^ s[j])
                                           for i, j in combinations(range(4), 2))])
            made.append((part // 2, [tuple(sorted(4 * c + (x ^ t) for c, x in zip(half, s, strict=True)))
                                     for t in range(4)]))
    for r, (t, cycle) in enumerate(zip(CYCLE_STEPS, edges, strict=True), start=SPLITS):
        for c, d in cycle:
            for side in (0, 1):
                rows.append([('part', r, c), ('inner', c, t), ('inner', d, t), ('cross', *sorted((c, d)), side),
                             ('cross', *sorted((c, d)), side ^ t)])
                group = (4 * c, 4 * c ^ t, 4 * d + side, (4 * d + side) ^ t)
                made.append((r, [tuple(sorted(group)), tuple(sorted(x ^ 1 for x in group))]))
    chosen = exact_cover(rows)
    if chosen is None:
        raise AssertionError('these halves have no lift')
    rounds: list[list[tuple[int, ...]]] = [[] for _ in range(SPLITS + len(CYCLE_STEPS))]
    for row in chosen:
        r, groups = made[row]
        rounds[r].extend(groups)
    return tuple(tuple(sorted(groups)) for groups in rounds)


def _splits() -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``SPLITS`` splits of the cells into two halves, by backtracking, in which cells share a half 2 times when
    they are neighbours on the cycle and 4 times otherwise."""
    options = []
    for rest in combinations(range(1, CELLS), CELLS // 2 - 1):
        half = (0, *rest)
        options.append((half, tuple(c for c in range(CELLS) if c not in half)))
    need = {(c, d): 2 if d - c in (1, CELLS - 1) else 4 for c, d in combinations(range(CELLS), 2)}
    together = [[pair for half in split for pair in combinations(half, 2)] for split in options]
    chosen: list[int] = []

    def extend(start: int) -> bool:
        if len(chosen) == SPLITS:
            return not any(need.values())
        for o in range(start, len(options)):
            if all(need[pair] for pair in together[o]):
                for pair in together[o]:
                    need[pair] -= 1
                chosen.append(o)
                if extend(o):
                    return True
                chosen.pop()
                for pair in together[o]:
                    need[pair] += 1
        return False

    if not extend(0):
        raise AssertionError('the splits exist')
    return [options[o] for o in chosen]
