"""Where the map's nodes go (pure): a force-directed layout (Fruchterman–Reingold) computed here, not in the browser.

ECharts' own force layout does not fit itself to the chart (a few nodes huddle in the middle, many spill over the
edge); with positions from here the chart scales them into its box, so nothing is cut off. It is deterministic (the
same map is drawn the same way on every screen) and it starts from the previous positions, so a new answer moves
the nodes a little instead of throwing the whole map around.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from itertools import combinations

Point = tuple[float, float]


def spread(ids: Sequence[str], pairs: Collection[frozenset[str]], previous: Mapping[str, Point] | None = None,
           iterations: int = 120) -> dict[str, Point]:
    """Positions in about [-1, 1]² for ``ids`` (in a stable order) with springs along ``pairs``."""
    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    previous = previous or {}
    pos = {}
    for place, node in enumerate(ids):  # on a circle, in order; known nodes where they were
        angle = 2 * math.pi * place / n
        pos[node] = previous.get(node) or (math.cos(angle), math.sin(angle))
    known = sum(1 for node in ids if node in previous)
    heat = 0.05 if known == n else 0.2 if known else 0.4  # a small nudge when nothing new came in
    k = 2 / math.sqrt(n)
    edges = [tuple(pair) for pair in pairs if len(pair) == 2 and all(node in pos for node in pair)]
    for step in range(iterations):
        move = {node: [0.0, 0.0] for node in ids}
        for a, b in combinations(ids, 2):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 1e-3)
            push = k * k / d
            move[a][0] += dx / d * push
            move[a][1] += dy / d * push
            move[b][0] -= dx / d * push
            move[b][1] -= dy / d * push
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 1e-3)
            pull = d * d / k
            move[a][0] -= dx / d * pull
            move[a][1] -= dy / d * pull
            move[b][0] += dx / d * pull
            move[b][1] += dy / d * pull
        limit = heat * (1 - step / iterations) + 0.005
        for node in ids:
            x, y = pos[node]
            mx, my = move[node][0] - x * k, move[node][1] - y * k  # gravity: loose people stay near
            length = math.hypot(mx, my)
            if length > 0:
                scale = min(length, limit) / length
                pos[node] = (x + mx * scale, y + my * scale)
    return _normalised(pos)


def _normalised(pos: dict[str, Point]) -> dict[str, Point]:
    """Centred and stretched to fill [-1, 1]² on both axes (a chart fills its box only when the drawing's shape
    is the box's: the chart stretches x by its aspect; a flat drawing would squash the symbols)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    hx, hy = (max(xs) - min(xs)) / 2 or 1, (max(ys) - min(ys)) / 2 or 1
    return {node: (round((x - cx) / hx, 4), round((y - cy) / hy, 4)) for node, (x, y) in pos.items()}
