"""The CSV format of ``plan-pairs`` and ``plan-groups``: people in, rounds of groups out."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from app.domain.errors import Refused
from app.domain.people import clean_name, clean_organisation

Person = tuple[str, str, str]  # id, name, organisation
Plan = Sequence[Sequence[Sequence[str]]]  # rounds -> groups -> person ids


def read_people(text: str) -> list[Person]:
    """Rows of a CSV with the header ``name,organisation``; ids are ``p1``, ``p2``, … in file order."""
    reader = csv.DictReader(io.StringIO(text.lstrip('\ufeff')))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if 'name' not in header:
        raise ValueError('the CSV needs a header line with the columns name,organisation')
    people: list[Person] = []
    for line, row in enumerate(reader, start=2):
        row = {(k or '').strip().lower(): (v or '') for k, v in row.items()}
        if not any(value.strip() for value in row.values()):
            continue
        try:
            name, org = clean_name(row.get('name')), clean_organisation(row.get('organisation'))
        except Refused as error:
            raise ValueError(f'line {line}: {error.key}') from error
        people.append((f'p{len(people) + 1}', name, org))
    return people


def write_plan(people: Sequence[Person], plan: Plan) -> str:
    """``round,group,name,organisation`` rows, rounds and groups numbered from 1."""
    by_id = {pid: (name, org) for pid, name, org in people}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\n')
    writer.writerow(['round', 'group', 'name', 'organisation'])
    for round_no, groups in enumerate(plan, start=1):
        for group_no, group in enumerate(groups, start=1):
            for pid in group:
                writer.writerow([round_no, group_no, *by_id[pid]])
    return out.getvalue()
