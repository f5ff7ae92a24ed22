"""Fallback pairing when history does not follow a schedule: maximum-weight matching on a sparse graph.

People are indices ``0 … n-1``; ``cost[i][j]`` says how bad it is to pair ``i`` and ``j`` (see :func:`costs`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import combinations

import networkx as nx

REPEAT = 10_000  # per earlier meeting of the pair: always worse than any organisation cost
SAME_ORG = 100
NOISE = 10  # seeded tie-break, smaller than SAME_ORG
MAX_COUNT = 9
NEIGHBOURS = 8  # cheapest partners per person kept in the graph

Group = list[int]


def costs(orgs: Sequence[str], met: Mapping[tuple[int, int], int], rng: random.Random) -> list[list[int]]:
    """Symmetric cost matrix: earlier meetings, then same organisation, then seeded noise."""
    n = len(orgs)
    cost = [[0] * n for _ in range(n)]
    for i in range(n):
        row, org = cost[i], orgs[i]
        for j in range(i + 1, n):
            value = int(NOISE * rng.random()) + (SAME_ORG if orgs[j] == org else 0)
            row[j] = cost[j][i] = value
    for (i, j), count in met.items():
        cost[i][j] = cost[j][i] = cost[i][j] + REPEAT * min(count, MAX_COUNT)
    return cost


def group_cost(group: Sequence[int], cost: list[list[int]]) -> int:
    return sum(cost[a][b] for a, b in combinations(group, 2))


def match_round(
    cost: list[list[int]], *, trio: bool = False, pause_from: Sequence[int] | None = None
) -> tuple[list[Group], int | None]:
    """Pairs of everyone (one trio if ``trio``; one person from ``pause_from`` sits out) at minimal total cost."""
    people = list(range(len(cost)))
    paused = None
    if pause_from is not None and len(pause_from) == 1:
        paused = pause_from[0]
        people.remove(paused)
    extra = len(cost)  # a stand-in: whoever is matched to it pauses or becomes the third of the trio
    if pause_from is not None:
        to_extra = {i: 0 for i in pause_from}
    else:  # the third should have two cheap partners
        to_extra = {i: sum(sorted(cost[i][j] for j in people if j != i)[:2]) for i in people}
    groups: list[Group] = []
    for a, b in _match(people, cost, to_extra, extra):
        if extra in (a, b):
            paused = a + b - extra
        else:
            groups.append([a, b])
    if trio and paused is not None:
        third, paused = paused, None
        min(groups, key=lambda pair: cost[third][pair[0]] + cost[third][pair[1]]).append(third)
    return _improve(groups, cost), paused


def _match(people: list[int], cost: list[list[int]], to_extra: dict[int, int], extra: int) -> list[tuple[int, int]]:
    """Maximum-weight perfect matching (with ``extra`` at the given costs for an odd count), each person linked to
    their cheapest partners; when that needs a repeat, to all not met yet; when it is not perfect, to everyone."""
    top = REPEAT * (MAX_COUNT + 1) * 3
    nearest = {
        (min(i, j), max(i, j))
        for i in people
        for j in sorted((j for j in people if j != i), key=cost[i].__getitem__)[:NEIGHBOURS]
    }
    fresh = {(i, j) for i, j in combinations(people, 2) if cost[i][j] < REPEAT}
    pairs: list[tuple[int, int]] = []
    for edges in (nearest, nearest | fresh, set(combinations(people, 2))):
        graph: nx.Graph[int] = nx.Graph()
        graph.add_nodes_from(people)
        graph.add_weighted_edges_from((i, j, top - cost[i][j]) for i, j in sorted(edges))
        if len(people) % 2:
            graph.add_weighted_edges_from((extra, i, top - price) for i, price in to_extra.items())
        pairs = sorted((min(a, b), max(a, b)) for a, b in nx.max_weight_matching(graph, maxcardinality=True))
        perfect = 2 * len(pairs) == len(graph)
        if perfect and (edges is not nearest or all(cost[a][b] < REPEAT for a, b in pairs if extra not in (a, b))):
            break
    return pairs


def _improve(groups: list[Group], cost: list[list[int]], passes: int = 2) -> list[Group]:
    """Swap members between a group with a repeat (or the trio) and any other group while that lowers the cost."""
    for _ in range(passes):
        changed = False
        for g in groups:
            if len(g) == 2 and cost[g[0]][g[1]] < REPEAT:
                continue
            for h in groups:
                if h is g:
                    continue
                before = group_cost(g, cost) + group_cost(h, cost)
                for x, y in ((x, y) for x in range(len(g)) for y in range(len(h))):
                    g[x], h[y] = h[y], g[x]
                    if group_cost(g, cost) + group_cost(h, cost) < before:
                        before, changed = group_cost(g, cost) + group_cost(h, cost), True
                    else:
                        g[x], h[y] = h[y], g[x]
        if not changed:
            break
    return groups
