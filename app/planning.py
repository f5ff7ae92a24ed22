"""``plan-pairs`` and ``plan-groups``: plan rounds ahead from a CSV of people, as facilitators do on paper."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from app.domain.encounters import repeated_pairs
from app.domain.plan_csv import Person, read_people, write_plan

Planner = Callable[[Sequence[tuple[str, str]]], Sequence[Sequence[Sequence[str]]]]


def run_plan(path: str, planner: Planner, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read people, plan, write the CSV to ``out`` and a summary line to ``err``; 2 on bad input."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        text = sys.stdin.read() if path == '-' else Path(path).read_text(encoding='utf-8-sig')
        people: list[Person] = read_people(text)
        if len(people) < 2:
            raise ValueError('at least 2 people are needed')
        plan = planner([(pid, org) for pid, _, org in people])
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f'error: {error}', file=err)
        return 2
    out.write(write_plan(people, plan))
    print(f'{len(people)} people, {len(plan)} rounds, {repeated_pairs(plan)} repeated pairs', file=err)
    return 0
