"""Shared harvest notes: a save based on an old version is merged line by line, never silently dropped."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

MAX_NOTE = 5000


def merge_lines(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Three-way merge of ``mine`` and ``theirs``, both edited from ``base``.

    Changes to different lines are both kept. Where both changed the same lines differently, both
    versions stay (theirs first, then mine) and the second value is True, so the writer can be told.
    """
    if mine in (theirs, base):
        return theirs, False
    if theirs == base:
        return mine, False
    base_lines, my_lines, their_lines = base.splitlines(), mine.splitlines(), theirs.splitlines()
    my_edits = _edits(base_lines, my_lines)
    their_edits = _edits(base_lines, their_lines)
    merged: list[str] = []
    conflict = False
    position = 0
    for start, end, mine_new, theirs_new in _align(my_edits, their_edits):
        merged.extend(base_lines[position:start])
        if mine_new is None:
            merged.extend(theirs_new or [])
        elif theirs_new is None or theirs_new == mine_new:
            merged.extend(mine_new)
        elif start == end:  # both only added lines here: keep theirs, then mine
            merged.extend(theirs_new + [line for line in mine_new if line not in theirs_new])
        else:
            merged.extend(theirs_new)
            merged.extend(line for line in mine_new if line not in theirs_new)
            conflict = True
        position = end
    merged.extend(base_lines[position:])
    return '\n'.join(merged), conflict


Edit = tuple[int, int, list[str]]  # base lines [start, end) replaced by the new lines


def _edits(base: list[str], new: list[str]) -> list[Edit]:
    matcher = SequenceMatcher(a=base, b=new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != 'equal']


@dataclass
class _Region:
    """Lines [start, end) of the base and what each side put there (None: that side left them)."""

    start: int
    end: int
    sides: list[list[str] | None]


def _align(mine: list[Edit], theirs: list[Edit]) -> list[tuple[int, int, list[str] | None, list[str] | None]]:
    """Group the two edit lists into regions of the base; edits that overlap share one region."""
    tagged = sorted([(s, e, 0, lines) for s, e, lines in mine] + [(s, e, 1, lines) for s, e, lines in theirs],
                    key=lambda edit: (edit[0], edit[1], edit[2]))
    regions: list[_Region] = []
    for start, end, who, lines in tagged:
        last = regions[-1] if regions else None
        same_insertion_point = last is not None and start == end == last.start == last.end
        if last is not None and (start < last.end or same_insertion_point):
            last.end = max(last.end, end)
            last.sides[who] = (last.sides[who] or []) + lines
        else:
            regions.append(_Region(start, end, [lines if who == 0 else None, lines if who == 1 else None]))
    return [(r.start, r.end, r.sides[0], r.sides[1]) for r in regions]
