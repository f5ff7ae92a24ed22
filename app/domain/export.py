"""The meeting's answers as CSV and as a short text summary (pure: fed with plain data)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.domain.activities import Activity
from app.domain.tallies import format_number, percentages, score_stats, words

HEADER = ['activity', 'kind', 'question', 'answer', 'reason', 'name', 'hidden']


@dataclass(frozen=True, slots=True)
class ExportRow:
    number: int          # position of the activity in the agenda, from 1
    activity: Activity
    choice: str
    text: str
    reason: str
    hidden: bool
    name: str            # empty unless the participant chose to show it (for a harvest: the group)


def export_csv(rows: Sequence[ExportRow], label: Callable[[str], str]) -> str:
    """One line per answer; ``label`` turns an option ("agree") into the meeting's word for it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\n')
    writer.writerow(HEADER)
    for row in rows:
        answer = row.text if row.activity.kind in ('open', 'breakout') else label(row.choice)
        writer.writerow([row.number, row.activity.kind, row.activity.text, _safe(answer), _safe(row.reason),
                         _safe(row.name), 'yes' if row.hidden else ''])
    return out.getvalue()


def _safe(value: str) -> str:
    """Keep spreadsheet programs from running an answer as a formula."""
    return "'" + value if value[:1] in ('=', '+', '-', '@', '\t', '\r') else value


def summary(items: Sequence[tuple[Activity, dict[str, int], list[str]]], t: Callable[..., str], lang: str) -> str:
    """Plain text, one block per activity: ``items`` are (activity, counts per option, visible open answers)."""
    blocks = []
    for number, (activity, counts, answers) in enumerate(items, start=1):
        head = f'{number}. {t(f"kind.{activity.kind}")}: {activity.text}'
        if activity.kind == 'statement':
            shares = percentages(counts)
            body = ', '.join(f'{t(f"option.{o}")} {counts.get(o, 0)} ({shares.get(o, 0):.0f}%)'
                             for o in activity.options)
        elif activity.kind == 'score':
            stats = score_stats(counts)
            body = t('summary.score', count=stats.count, mean=format_number(stats.mean, lang),
                     median=format_number(stats.median, lang))
        else:
            top = ', '.join(f'{word} ({count})' for word, count in words(answers, top=8))
            body = t('summary.open', count=len(answers)) + (f' — {top}' if top else '')
        blocks.append(f'{head}\n   {body}')
    return '\n'.join(blocks)
