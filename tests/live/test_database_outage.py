"""PostgreSQL goes away for a moment (a TCP proxy between the app and the database, cut by the test): votes made
meanwhile wait (the phone shows them as not stored yet) and are stored once the database is back; none fails, the
app needs no restart, and the rooms of another instance catch up by the periodic check."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.store import db
from app.store.repo import Repo
from tests.conftest import POSTGRES_URL, need_service
from tests.faults import TcpProxy
from tests.live.test_bus_faults import RecordingBus, meeting_with_examples


@pytest.fixture
async def proxied() -> AsyncIterator[tuple[Repo, TcpProxy]]:
    url = make_url(POSTGRES_URL)
    need_service('PostgreSQL', url.host or '127.0.0.1', url.port or 5432)
    schema = f'test_{secrets.token_hex(6)}'
    admin = create_engine(db.sync_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA {schema}'))
    proxy = TcpProxy(url.host or '127.0.0.1', url.port or 5432)
    through = url.set(host='127.0.0.1', port=proxy.port).update_query_dict({'options': f'-csearch_path={schema}'})
    database_url = through.render_as_string(hide_password=False)
    db.migrate(database_url)
    engine = db.create_engine_for(database_url)
    try:
        yield Repo(db.session_factory(engine)), proxy
    finally:
        await engine.dispose()
        proxy.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA {schema} CASCADE'))
        admin.dispose()


async def test_votes_during_a_database_outage_are_stored_once_it_is_back(proxied: tuple[Repo, TcpProxy]) -> None:
    repo, proxy = proxied
    meeting_id = await meeting_with_examples(repo)
    rooms_a = Rooms(repo, RecordingBus(), default_registry())
    rooms_b = Rooms(repo, RecordingBus(state='down'), default_registry())  # hears nothing of a
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    people = [await room_a.roster.join(f'device-{i}', f'Deelnemer {i}', '') for i in range(20)]
    statement = await room_a.agenda.next()
    for person in people[:10]:
        await room_a.agenda.answer(person.id, statement.id, choice='agree')

    proxy.cut()
    votes = [asyncio.create_task(room_a.agenda.answer(p.id, statement.id, choice='disagree')) for p in people]
    await asyncio.sleep(1.5)  # the database is away: nothing is confirmed, nothing failed
    assert not any(v.done() for v in votes)
    assert room_a.agenda.tallies[statement.id].counts['disagree'] == 0  # not shown before it is stored
    proxy.restore()
    answers = await asyncio.wait_for(asyncio.gather(*votes), 30)
    assert all(a.choice == 'disagree' for a in answers)
    assert room_a.agenda.tallies[statement.id].counts == {'agree': 0, 'disagree': 20}
    stored = {r.participant_id: r.choice for r in await repo.responses_of(meeting_id)}
    assert stored == {p.id: 'disagree' for p in people}

    await rooms_b.check()  # instance b: caught up without a bus
    for _ in range(100):
        if not rooms_b.out_of_date():
            break
        await asyncio.sleep(0.05)
    assert room_b.agenda.tallies[statement.id].counts == {'agree': 0, 'disagree': 20}
    assert await db.ping(repo.sessions.kw['bind'])  # no restart needed


async def test_a_room_check_during_the_outage_does_not_break_the_watch(proxied: tuple[Repo, TcpProxy]) -> None:
    repo, proxy = proxied
    meeting_id = await meeting_with_examples(repo)
    rooms_a = Rooms(repo, LocalBus(), default_registry())
    rooms_b = Rooms(repo, RecordingBus(state='down'), default_registry())
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    watch = asyncio.create_task(rooms_b.watch(down=0.05, up=0.05))
    try:
        proxy.cut()
        await asyncio.sleep(0.5)  # several checks fail
        assert not watch.done()
        proxy.restore()
        await room_a.agenda.next()
        for _ in range(200):
            if room_b.agenda.current_id == room_a.agenda.current_id:
                break
            await asyncio.sleep(0.05)
        assert room_b.agenda.current_id == room_a.agenda.current_id is not None
    finally:
        watch.cancel()
        await rooms_b.stop()
