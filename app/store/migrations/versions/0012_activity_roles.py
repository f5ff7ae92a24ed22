"""activity roles: what an activity is for in a network's series (``settings['role']``), set where the network page
used to find it by its text, so that an existing series shows the same comparison

Until now the network page took a network's expectations from the first meeting's open question whose text mentions
"verwacht"/"expect" (without one: its first open question), and what was achieved from the last meeting's open
question that mentions "gehaald"/"bijgebleven"/"achiev". Templates and the agenda editor now mark these roles; this
marks them once in the data there was: in every meeting the first open question that mentions the expectation
words gets ``expectations``, the first other one that mentions the achieved words ``achieved``, and the first
meeting of each network without such a question gets ``expectations`` on its first open question. Names of kinds
and words are frozen here as they were stored: this migration must not change when the app does.

Revision ID: 0012
Revises: 0011
"""

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

OPEN_QUESTION = 'open'  # the stored kind name of the open question
EXPECTATION_WORDS = ('verwacht', 'expect')
ACHIEVED_WORDS = ('gehaald', 'bijgebleven', 'achiev')

meeting = sa.table('meeting', sa.column('id', sa.Integer()), sa.column('network_id', sa.Integer()),
                   sa.column('date', sa.Date()), sa.column('created_at', sa.DateTime(timezone=True)))
activity = sa.table('activity', sa.column('id', sa.Integer()), sa.column('meeting_id', sa.Integer()),
                    sa.column('position', sa.Integer()), sa.column('kind', sa.String()),
                    sa.column('text', sa.String()), sa.column('settings', sa.JSON()))


def _mentions(text: str | None, words: tuple[str, ...]) -> bool:
    lower = (text or '').lower()
    return any(word in lower for word in words)


def roles(questions: list[tuple[int, str]], first_of_network: bool) -> dict[int, str]:
    """Activity id -> role for one meeting's open questions (in agenda order)."""
    found: dict[int, str] = {}
    expected = next((i for i, text in questions if _mentions(text, EXPECTATION_WORDS)), None)
    if expected is None and first_of_network and questions:
        expected = questions[0][0]
    if expected is not None:
        found[expected] = 'expectations'
    achieved = next((i for i, text in questions if i not in found and _mentions(text, ACHIEVED_WORDS)), None)
    if achieved is not None:
        found[achieved] = 'achieved'
    return found


def _day(row) -> object:
    created = row.created_at
    if isinstance(created, str):  # SQLite without the type's conversion
        created = datetime.fromisoformat(created)
    return row.date or created.date()


def upgrade() -> None:
    connection = op.get_bind()
    firsts: dict[int, tuple[object, int]] = {}
    for row in connection.execute(sa.select(meeting).where(meeting.c.network_id.is_not(None))):
        key = (_day(row), row.id)  # the series' order: by date, an undated meeting on the day it was planned
        if row.network_id not in firsts or key < firsts[row.network_id]:
            firsts[row.network_id] = key
    first_meetings = {meeting_id for _, meeting_id in firsts.values()}
    questions: dict[int, list[tuple[int, str]]] = defaultdict(list)
    settings: dict[int, dict] = {}
    for row in connection.execute(sa.select(activity).where(activity.c.kind == OPEN_QUESTION)
                                  .order_by(activity.c.position, activity.c.id)):
        stored = row.settings if isinstance(row.settings, dict) else {}
        settings[row.id] = stored
        if not stored.get('role'):
            questions[row.meeting_id].append((row.id, row.text))
    for meeting_id, asked in questions.items():
        for activity_id, role in roles(asked, meeting_id in first_meetings).items():
            connection.execute(sa.update(activity).where(activity.c.id == activity_id)
                               .values(settings={**settings[activity_id], 'role': role}))


def downgrade() -> None:
    connection = op.get_bind()
    for row in connection.execute(sa.select(activity)):
        if isinstance(row.settings, dict) and 'role' in row.settings:
            rest = {k: v for k, v in row.settings.items() if k != 'role'}
            connection.execute(sa.update(activity).where(activity.c.id == row.id).values(settings=rest))
