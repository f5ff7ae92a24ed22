"""The demo: a ready meeting and simulated participants who join and answer what the facilitator opens."""

import asyncio

from app import demo
from app.live.bus import LocalBus
from app.settings import Settings
from app.store.repo import Repo
from app.system import System


async def test_demo_meeting_and_participants(repo: Repo) -> None:
    system = System(Settings())
    system.attach(repo, LocalBus())
    meeting_id, username, password = await demo.prepare(system)
    room = await system.rooms.get(meeting_id)
    kinds = [a.kind for a in room.agenda.ordered()]
    assert kinds == ['open', 'statement', 'statement', 'statement', 'statement', 'score', 'speed_date', 'breakout']
    assert username == 'demo' and len(password) >= 8
    task = asyncio.get_running_loop().create_task(demo.simulate(room, 3, seed=1))
    for _ in range(100):
        if len(room.roster.people) == 3:
            break
        await asyncio.sleep(0.1)
    assert len(room.roster.people) == 3 and all(room.roster.is_online(pid) for pid in room.roster.people)
    first_statement = room.agenda.ordered()[1]
    await room.agenda.open(first_statement.id)
    for _ in range(100):
        if room.agenda.count(first_statement.id) == 3:
            break
        await asyncio.sleep(0.1)
    assert room.agenda.count(first_statement.id) == 3
    await task
