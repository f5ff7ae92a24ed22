"""Tabu search over schedules of groups, after Dotú & Van Hentenryck's local search for social golfers.

People are numbers ``0..n-1`` and a schedule is ``group[r][i]``, the group of person ``i`` in round ``r``; group
sizes never change because the only move swaps two people of different groups in one round. A pair that shares a
group costs ``static[i][j]`` each time (organisation, keep apart, keep together) plus ``marginal[c]`` when they had
already met ``c`` times (earlier meetings and other rounds included; ``marginal[0] == 0``). The search keeps,
per round, the cost each person would add to each group (``load``) and the cost they save by leaving their own
(``own``): a swap is judged in O(1) and applied in O(rounds · size + n).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence

Matrix = list[list[int]]
Pairs = Mapping[tuple[int, int], int]
EVALUATIONS = 3000  # swaps looked at per step: the candidates are sampled down to about this many


def greedy_start(weights: Matrix, sizes: Sequence[int], rng: random.Random) -> list[int]:
    """One round built greedily: each block of people tied by negative weights (keep together), largest first,
    then everyone else (the most constrained first) joins the open group where they add the least weight."""
    n, k = len(weights), len(sizes)
    noise = [rng.random() for _ in range(n)]
    strain = [sum(abs(w) for w in row if abs(w) > 1) for row in weights]
    blocks = sorted(_blocks(weights), key=lambda b: (-len(b), -sum(strain[i] for i in b), noise[b[0]]))
    room = list(sizes)
    load = [[0] * n for _ in range(k)]
    group = [0] * n
    for block in blocks:
        fits = [g for g in range(k) if room[g] >= len(block)]
        for i in block:
            options = fits or [g for g in range(k) if room[g]]
            g = min(options, key=lambda g: (sum(load[g][j] for j in block), -room[g], g))
            fits = [g] if fits else []
            group[i] = g
            room[g] -= 1
            load[g] = [x + w for x, w in zip(load[g], weights[i], strict=True)]
    return group


def _blocks(weights: Matrix) -> list[list[int]]:
    """People joined, directly or through others, by negative weights."""
    parent = list(range(len(weights)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, row in enumerate(weights):
        if min(row) < 0:
            for j, w in enumerate(row):
                if w < 0:
                    parent[root(i)] = root(j)
    blocks: dict[int, list[int]] = {}
    for i in range(len(weights)):
        blocks.setdefault(root(i), []).append(i)
    return list(blocks.values())


class Schedule:
    """A schedule with its pair counts, loads and cost (relative to the earlier meetings in ``history``)."""

    def __init__(self, plan: Sequence[Sequence[int]], k: int, static: Matrix, history: Pairs,
                 marginal: Sequence[int]) -> None:
        n = len(static)
        self.static, self.marginal = static, marginal
        self.group = [list(g) for g in plan]
        self.members: list[list[list[int]]] = [[[] for _ in range(k)] for _ in plan]
        for r, group in enumerate(self.group):
            for i, g in enumerate(group):
                self.members[r][g].append(i)
        self.count = [[0] * n for _ in range(n)]
        for (i, j), c in history.items():
            self.count[i][j] = self.count[j][i] = c
        self.cost = 0
        for rounds in self.members:
            for people in rounds:
                for x, i in enumerate(people):
                    for j in people[x + 1:]:
                        self.cost += static[i][j] + marginal[self.count[i][j]]
                        self.count[i][j] += 1
                        self.count[j][i] += 1
        # what each pair would cost if they shared one more group now
        self.values = [[marginal[c] + s for c, s in zip(counts, row, strict=True)]
                       for counts, row in zip(self.count, static, strict=True)]
        self.load = [[[0] * n for _ in range(k)] for _ in plan]
        for r, rounds in enumerate(self.members):
            for g, people in enumerate(rounds):
                row = self.load[r][g]
                for y in people:
                    row = [x + v for x, v in zip(row, self.values[y], strict=True)]
                self.load[r][g] = row
        self.own = [[self._own(r, i) for i in range(n)] for r in range(len(plan))]

    def _own(self, r: int, i: int) -> int:
        count, static, marginal = self.count[i], self.static[i], self.marginal
        return sum(marginal[count[y] - 1] + static[y] for y in self.members[r][self.group[r][i]] if y != i)

    def deltas(self, r: int, a: int) -> list[float]:
        """The change in cost for swapping ``a`` with each person in round ``r`` (infinite for ``a``'s group)."""
        group, own, load = self.group[r], self.own[r], self.load[r]
        ga = group[a]
        column = [row[a] for row in load]
        base = own[a]
        deltas: list[float] = [column[g] + x - o - v - v - base
                               for g, x, o, v in zip(group, load[ga], own, self.values[a], strict=True)]
        for i in self.members[r][ga]:
            deltas[i] = math.inf
        return deltas

    def swap(self, r: int, a: int, b: int, delta: int) -> None:
        """Exchange ``a`` and ``b`` (in different groups) in round ``r``; ``delta`` is the change in cost."""
        ga, gb = self.group[r][a], self.group[r][b]
        for leaver, joiner, old in ((a, b, ga), (b, a, gb)):
            for x in self.members[r][old]:
                if x != leaver:
                    self._bump(leaver, x, -1)
                    self._bump(joiner, x, 1)
        value_a, value_b = self.values[a], self.values[b]
        load = self.load[r]
        load[ga] = [x - va + vb for x, va, vb in zip(load[ga], value_a, value_b, strict=True)]
        load[gb] = [x - vb + va for x, va, vb in zip(load[gb], value_a, value_b, strict=True)]
        members = self.members[r]
        members[ga].remove(a)
        members[ga].append(b)
        members[gb].remove(b)
        members[gb].append(a)
        self.group[r][a], self.group[r][b] = gb, ga
        for i in members[ga] + members[gb]:
            self.own[r][i] = self._own(r, i)
        self.cost += delta

    def _bump(self, i: int, j: int, step: int) -> None:
        """Change the count of pair ``i, j`` by ``step`` and update the loads of every round."""
        c = self.count[i][j]
        self.count[i][j] = self.count[j][i] = c + step
        marginal = self.marginal
        gain = marginal[c + step] - marginal[c]
        self.values[i][j] += gain
        self.values[j][i] += gain
        loss = marginal[c + step - 1] - marginal[c - 1] if c + step and c else 0
        for group, load, own in zip(self.group, self.load, self.own, strict=True):
            gi, gj = group[i], group[j]
            load[gj][i] += gain
            load[gi][j] += gain
            if gi == gj:
                own[i] += loss
                own[j] += loss


def search(plan: Sequence[Sequence[int]], k: int, static: Matrix, history: Pairs, rng: random.Random, *,
           marginal: Sequence[int], focus: int, work: int, patience: int, give_up: int,
           floor: int) -> list[list[int]]:
    """Improve ``plan`` (``k`` groups a round) by tabu search and return the best schedule found.

    Each step looks at people in a conflict (at the level of ``focus`` or above if anyone is, e.g. a repeated
    encounter) and makes the best swap that is not tabu; a swapped person may not return for a few steps. The search
    stops at cost ``floor``, after ``work`` units of work (a step costs ``n + 15`` per candidate it looks at plus
    ``2 * rounds * n + 300``; a unit took 0.12-0.27 µs when this was written) or after ``give_up`` units without a new
    best; each time another ``patience`` units pass without a new best it goes on from the best schedule with a few
    random swaps. Counting work instead of time keeps the result deterministic.
    """
    state = Schedule(plan, k, static, history, marginal)
    best, best_plan = state.cost, [list(g) for g in state.group]
    rounds, n = len(plan), len(static)
    if k < 2 or n < 2 or not rounds:
        return best_plan
    floor_own = [sum(s for s in row if s < 0) for row in static]
    tabu = [[[0] * n for _ in range(k)] for _ in range(rounds)]
    sample = max(2, EVALUATIONS // n)
    stall = spent = step = 0
    overhead, shake_at = 2 * rounds * n + 300, patience
    while spent < work and stall < give_up and best > floor:
        step += 1
        excess = [[o - f for o, f in zip(own, floor_own, strict=True)] for own in state.own]
        top = max(map(max, excess))
        if top <= 0:
            break
        level = focus if top >= focus else 1
        candidates = [(r, i) for r, row in enumerate(excess) for i, e in enumerate(row) if e >= level]
        if len(candidates) > sample:
            candidates = rng.sample(candidates, sample)
        cost = len(candidates) * (n + 15) + overhead
        spent += cost
        stall += cost
        move = _best_move(state, candidates, tabu, step, best - state.cost, rng)
        if move is None:
            continue
        r, a, b, delta = move
        tenure = 2 + int(rng.random() * (k + 8))
        tabu[r][state.group[r][a]][a] = tabu[r][state.group[r][b]][b] = step + tenure
        state.swap(r, a, b, delta)
        if state.cost < best:
            best, best_plan, stall, shake_at = state.cost, [list(g) for g in state.group], 0, patience
        elif stall >= shake_at:
            state = Schedule(_shake(best_plan, rng, max(2, n // 8)), k, static, history, marginal)
            shake_at += patience
    return best_plan


def _best_move(state: Schedule, candidates: Sequence[tuple[int, int]], tabu: list[Matrix], step: int,
               aspiration: int, rng: random.Random) -> tuple[int, int, int, int] | None:
    """The best allowed swap ``(round, a, b, delta)`` of any candidate ``(round, a)``, ties broken at random."""
    best: tuple[int, int, int, int] | None = None
    ties = 0
    for r, a in candidates:
        deltas = state.deltas(r, a)
        low = min(deltas)
        if low == math.inf or (best is not None and low > best[3]):
            continue
        group, tabu_r = state.group[r], tabu[r]
        ga, shift = group[a], int(rng.random() * len(deltas))
        pick = _first(deltas, low, shift)  # usually allowed; otherwise look further
        order = [pick] if pick >= 0 else []
        if not (low < aspiration or (tabu_r[group[pick]][a] <= step and tabu_r[ga][pick] <= step)):
            order = sorted([*range(shift, len(deltas)), *range(shift)], key=deltas.__getitem__)
        for b in order:
            delta = deltas[b]
            if delta == math.inf or (best is not None and delta > best[3]):
                break
            if delta < aspiration or (tabu_r[group[b]][a] <= step and tabu_r[ga][b] <= step):
                if best is None or delta < best[3]:
                    best, ties = (r, a, b, int(delta)), 1
                else:
                    ties += 1
                    if rng.random() * ties < 1:
                        best = (r, a, b, int(delta))
                break
    return best


def _first(values: list[float], value: float, start: int) -> int:
    """The first index of ``value`` at or after ``start``, wrapping around."""
    try:
        return values.index(value, start)
    except ValueError:
        return values.index(value)


def _shake(plan: Sequence[Sequence[int]], rng: random.Random, swaps: int) -> list[list[int]]:
    """``plan`` after a few random swaps."""
    shaken = [list(g) for g in plan]
    n = len(shaken[0])
    for _ in range(swaps):
        group = shaken[int(rng.random() * len(shaken))]
        a, b = int(rng.random() * n), int(rng.random() * n)
        group[a], group[b] = group[b], group[a]
    return shaken
