"""The meeting's answers as CSV and as a short text summary (pure: fed with plain data)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.activities import Activity

HEADER = ['activity', 'kind', 'question', 'answer', 'reason', 'name', 'hidden', 'choice', 'extra']


@dataclass(frozen=True, slots=True)
class ExportRow:
    number: int          # position of the activity in the agenda, from 1
    activity: Activity
    choice: str
    text: str
    reason: str
    hidden: bool
    name: str            # empty unless the participant chose to show it (for a harvest: the group)
    extra: str = ''      # a second text (the evaluation's "wat mag anders")


def export_csv(rows: Sequence[ExportRow], label: Callable[[str], str]) -> str:
    """One line per answer; ``label`` turns an option ("agree") into the meeting's word for it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\n')
    writer.writerow(HEADER)
    for row in rows:
        answer = row.text or label(row.choice)  # an open answer or a harvest, else the option chosen
        writer.writerow([row.number, row.activity.kind, _safe(row.activity.text), _safe(answer), _safe(row.reason),
                         _safe(row.name), 'yes' if row.hidden else '', _safe(label(row.choice) if row.choice else ''),
                         _safe(row.extra)])  # the choice on its own too: an evaluation has a score and texts
    return out.getvalue()


def _safe(value: str) -> str:
    """Keep spreadsheet programs from running an answer as a formula."""
    return "'" + value if value[:1] in ('=', '+', '-', '@', '\t', '\r') else value


def summary(items: Sequence[tuple[Activity, dict[str, int], list[str]]], t: Callable[..., str], lang: str,
            kinds: Mapping[str, Any]) -> str:
    """Plain text, one block per activity: ``items`` are (activity, counts per option, visible open answers);
    each activity's kind (looked up in ``kinds``) says what its line holds."""
    blocks = []
    for number, (activity, counts, answers) in enumerate(items, start=1):
        kind = kinds[activity.kind]
        head = f'{number}. {t(kind.label)}: {activity.text}'
        body = kind.summary(activity, counts, answers, t, lang)
        blocks.append(f'{head}\n   {body}' if body else head)
    return '\n'.join(blocks)
