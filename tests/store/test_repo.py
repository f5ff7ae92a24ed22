import asyncio
from datetime import date

import pytest

from app.domain.codes import is_valid_code
from app.store import db
from app.store.repo import Repo


async def test_facilitators(repo: Repo) -> None:
    assert await repo.count_facilitators() == 0
    anna = await repo.create_facilitator('anna', 'hash')
    assert await repo.count_facilitators() == 1
    assert (await repo.facilitator_by_username('anna')).id == anna.id
    assert await repo.facilitator_by_username('bert') is None


async def test_meetings_get_unique_valid_codes(repo: Repo) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meetings = [await repo.create_meeting(anna.id, f'Sessie {i}', date(2026, 12, i + 1)) for i in range(10)]
    codes = {m.join_code for m in meetings}
    assert len(codes) == 10 and all(is_valid_code(c) for c in codes)
    assert len({m.screen_key for m in meetings}) == 10
    assert (await repo.meetings_of(anna.id))[0].title == 'Sessie 9'  # newest first
    found = await repo.meeting_by_code(meetings[3].join_code)
    assert found.id == meetings[3].id and found.date == date(2026, 12, 4)


async def test_meetings_are_per_facilitator(repo: Repo) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    bert = await repo.create_facilitator('bert', 'hash')
    await repo.create_meeting(anna.id, 'A', None)
    assert await repo.meetings_of(bert.id) == []


async def test_participants_and_status(repo: Repo) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'A', None)
    p1 = await repo.add_participant(meeting.id, 'device-1', 'Anna', 'Woonzorg')
    p2 = await repo.add_participant(meeting.id, 'device-2', 'Bert', '')
    assert [p.name for p in await repo.active_participants(meeting.id)] == ['Anna', 'Bert']
    await repo.set_participant_status(meeting.id, p1.id, 'left')
    assert [p.id for p in await repo.active_participants(meeting.id)] == [p2.id]


async def test_invites(repo: Repo) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'A', None)
    other = await repo.create_meeting(anna.id, 'B', None)
    invite = await repo.create_invite(meeting.id, 'Chloé')
    await repo.revoke_invite(other.id, invite.id)  # wrong meeting: no effect
    assert not (await repo.invites_of(meeting.id))[0].revoked
    await repo.revoke_invite(meeting.id, invite.id)
    assert (await repo.invites_of(meeting.id))[0].revoked


async def test_migrate_twice_is_harmless(database_url: str) -> None:
    db.migrate(database_url)
    db.migrate(database_url)


@pytest.mark.parametrize(('given', 'sync', 'asynchronous'), [
    ('sqlite:///data/x.db', 'sqlite:///data/x.db', 'sqlite+aiosqlite:///data/x.db'),
    ('postgresql://u:p@h/db', 'postgresql+psycopg://u:p@h/db', 'postgresql+psycopg://u:p@h/db'),
])
def test_url_drivers(given: str, sync: str, asynchronous: str) -> None:
    assert db.sync_url(given) == sync
    assert db.async_url(given) == asynchronous


def test_two_processes_migrating_at_once_take_turns(database_url: str) -> None:
    import subprocess
    import sys

    code = f'from app.store import db; db.migrate({database_url!r})'
    processes = [subprocess.Popen([sys.executable, '-c', code], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in processes]
    assert [code for code, _ in results] == [0, 0, 0], results


async def test_answers_sent_together_are_stored_together(repo: Repo) -> None:
    """300 votes at once (and a reason for some) need far fewer transactions than votes; every one is stored."""
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'A', None)
    activity = await repo.add_activity(meeting.id, 'statement', 'Stelling', {})
    people = [await repo.add_participant(meeting.id, f'device-{i}', f'P{i}', '') for i in range(300)]
    await asyncio.gather(*(repo.save_response(activity.id, p.id, choice='agree') for p in people))
    await asyncio.gather(*(repo.save_response(activity.id, p.id, choice='doubt') for p in people[::2]),
                         *(repo.save_response(activity.id, p.id, reason='omdat') for p in people[1::2]))
    stored = {r.participant_id: (r.choice, r.reason) for r in await repo.responses_of(meeting.id)}
    assert stored == {p.id: ('doubt', '') if i % 2 == 0 else ('agree', 'omdat') for i, p in enumerate(people)}
    assert repo._responses.rows == 600
    assert repo._responses.transactions < 20
