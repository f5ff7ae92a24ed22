"""The meeting report's size and the time to make it, for a meeting of N people (15 by default).

    .venv/bin/python bench/meeting_report.py [--people 15] [--repeat 5]

A full evening: two statements with reasons, a score, an open question, speed dating (3 rounds with questions),
breakouts (groups of 4 with 10-line harvests) and the evaluation, every text answered. Builds the model, the HTML,
the Markdown and the PDF (WeasyPrint), and prints the figures. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.activities import Activity, Answer
from app.domain.countdown import Countdown
from app.domain.meetings import MeetingInfo
from app.domain.people import Person
from app.domain.report import Agreement, Document, build_report
from app.domain.report_render import html_document, markdown
from app.domain.rounds import GroupDetails, Round
from app.i18n import translator
from app.kinds.registry import default_registry
from app.services.reports import pdf_of

SENTENCE = 'we merken dat samen casussen bespreken meer oplevert dan losse presentaties'


def meeting(n: int):
    kinds = default_registry()
    people = {f'p{i}': Person(f'p{i}', f'Deelnemer {i}', f'Organisatie {i % 5}' if i % 6 else '') for i in range(n)}
    ids = list(people)
    activities = [
        Activity(1, 'statement', 'De rol van de facilitator is het allerbelangrijkste.',
                 kinds['statement'].new_settings({'with_doubt': True}), 'closed', position=1),
        Activity(2, 'statement', 'Wie eerst deelt, krijgt ook terug.', kinds['statement'].new_settings(None),
                 'closed', position=2),
        Activity(3, 'score', 'Hoe nuttig was de voorbereiding?', kinds['score'].new_settings(None), 'closed',
                 position=3),
        Activity(4, 'open', 'Wat verwacht je van dit netwerk?', kinds['open'].new_settings(None), 'closed',
                 position=4),
        Activity(5, 'speed_date', 'Kennismaken', kinds['speed_date'].new_settings(None), 'closed', position=5),
        Activity(6, 'breakout', 'Casussen in groepen', kinds['breakout'].new_settings(None), 'closed', position=6),
    ]
    options = ['agree', 'doubt', 'disagree']
    answers = {
        1: {p: Answer(options[i % 3], reason=f'Reden {i}: {SENTENCE}', show_name=i % 4 == 0, hidden=i == 3)
            for i, p in enumerate(ids)},
        2: {p: Answer(options[i % 2 * 2], reason=f'Omdat {SENTENCE} ({i})') for i, p in enumerate(ids)},
        3: {p: Answer(str(4 + i % 7)) for i, p in enumerate(ids)},
        4: {p: Answer(text=f'Verwachting {i}: {SENTENCE}') for i, p in enumerate(ids)},
    }
    if 'evaluation' in kinds:
        activities.append(Activity(7, 'evaluation', 'Hoe was het?', kinds['evaluation'].new_settings(None), 'closed',
                                   position=7))
        answers[7] = {p: Answer(str(2 + i % 4), reason='Meer tijd' if i % 4 < 2 else '',
                                text=f'Ik neem mee: {SENTENCE}', extra=f'Anders: {SENTENCE}')
                      for i, p in enumerate(ids)}
    pairs = tuple(tuple(ids[i:i + 2]) for i in range(0, n - n % 2, 2))
    rounds = [Round(10 + r, 5, r, pairs, None, Countdown(120), f'Vraag van ronde {r}?') for r in (1, 2, 3)]
    groups = tuple(tuple(ids[i:i + 4]) for i in range(0, n, 4))
    harvest = '\n'.join(f'- punt {k}: {SENTENCE}' for k in range(1, 11))
    rounds.append(Round(20, 6, 1, groups, None, Countdown(900), '',
                        tuple(GroupDetails(question=f'Casus {g + 1}', note=harvest) for g in range(len(groups)))))
    info = MeetingInfo(1, 1, 'Derde bijeenkomst lerend netwerk', date(2026, 12, 1), 'ABC123', 'closed', False, 'k',
                       place='Gent', host='Organisatie 1')
    return info, kinds, activities, answers, rounds, people


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--people', type=int, default=15)
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    t = translator('nl')
    info, kinds, activities, answers, rounds, people = meeting(args.people)
    pdf_of('<p>warm</p>')  # the first call loads Pango and the fonts
    times: dict[str, list[float]] = {'model': [], 'html': [], 'markdown': [], 'pdf': []}
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = build_report(info, kinds, activities, answers, rounds, people,
                              [Agreement('Volgende keer bij Organisatie 2', 'Deelnemer 2')], t, 'nl')
        times['model'].append(time.perf_counter() - started)
        document = Document('Verslag', (report,))
        started = time.perf_counter()
        page = html_document(document, t)
        times['html'].append(time.perf_counter() - started)
        started = time.perf_counter()
        text = markdown(document, t)
        times['markdown'].append(time.perf_counter() - started)
        started = time.perf_counter()
        pdf = pdf_of(page)
        times['pdf'].append(time.perf_counter() - started)
    pages = '?'
    try:
        import pypdf

        pages = str(len(pypdf.PdfReader(io.BytesIO(pdf)).pages))
    except ImportError:
        pass
    print(f'meeting of {args.people} people, {len(report.sections)} sections, {args.repeat} runs (median)')
    for name, values in times.items():
        print(f'  {name:<9} {statistics.median(values) * 1000:8.1f} ms')
    print(f'  PDF       {len(pdf) / 1024:8.1f} KiB, {pages} pages (A4)')
    print(f'  HTML      {len(page) / 1024:8.1f} KiB;  Markdown {len(text) / 1024:.1f} KiB')


if __name__ == '__main__':
    main()
