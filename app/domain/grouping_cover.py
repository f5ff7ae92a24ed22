"""Exact cover by Knuth's Algorithm X, for the small searches that build designs (see ``grouping_unital`` and
``grouping_golfers``).

A row is a list of items; a cover picks rows so that every item of every row lies in exactly one picked row. The
search always branches on an item with the fewest rows left and tries those rows in their order, so it is
deterministic: the same rows give the same covers in the same order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence


def exact_covers(rows: Sequence[Sequence[Hashable]]) -> Iterator[list[int]]:
    """Every exact cover of the items of ``rows``, as the sorted numbers of the picked rows, one by one."""
    columns: dict[Hashable, set[int]] = {}
    for r, items in enumerate(rows):
        for item in items:
            columns.setdefault(item, set()).add(r)
    yield from _search(columns, rows, [])


def exact_cover(rows: Sequence[Sequence[Hashable]]) -> list[int] | None:
    """The first exact cover of ``exact_covers``, or None when there is none."""
    return next(exact_covers(rows), None)


def _search(columns: dict[Hashable, set[int]], rows: Sequence[Sequence[Hashable]],
            picked: list[int]) -> Iterator[list[int]]:
    if not columns:
        yield sorted(picked)
        return
    item = min(columns, key=lambda c: len(columns[c]))
    for r in sorted(columns[item]):
        picked.append(r)
        removed = _select(columns, rows, r)
        yield from _search(columns, rows, picked)
        _deselect(columns, rows, r, removed)
        picked.pop()


def _select(columns: dict[Hashable, set[int]], rows: Sequence[Sequence[Hashable]], r: int) -> list[set[int]]:
    """Take row ``r``: drop its items and every other row that shares one of them."""
    removed = []
    for item in rows[r]:
        for other in columns[item]:
            for clash in rows[other]:
                if clash != item:
                    columns[clash].discard(other)
        removed.append(columns.pop(item))
    return removed


def _deselect(columns: dict[Hashable, set[int]], rows: Sequence[Sequence[Hashable]], r: int,
              removed: list[set[int]]) -> None:
    """Undo ``_select``, in reverse order."""
    for item in reversed(rows[r]):
        columns[item] = removed.pop()
        for other in columns[item]:
            for clash in rows[other]:
                if clash != item:
                    columns[clash].add(other)
