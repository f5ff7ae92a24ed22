"""``uitwisselplek demo --network``: a learning network with a history, and a fourth meeting ready to run."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest

from app import demo
from app.live.bus import LocalBus
from app.settings import Settings
from app.store.repo import Repo
from app.system import System

pytestmark = pytest.mark.parametrize('database_url', ['sqlite'], indirect=True)


async def test_demo_network(repo: Repo) -> None:
    system = System(Settings())
    system.attach(repo, LocalBus())
    today = date.today()
    prepared = await demo.prepare_network(system, today=today)
    networks = system.networks
    assert prepared.username == 'demo' and len(prepared.password) >= 8
    me = (await system.rooms.get(prepared.meeting_id)).info.facilitator_id  # the demo account

    members = await networks.members.all(me, prepared.network_id)
    assert len(members) == 12 and len({m.organisation for m in members}) == 8
    assert all(m.email and m.role for m in members)
    meetings = await networks.planning.meetings(me, prepared.network_id)
    assert [m.id for m in meetings] == [*prepared.past, prepared.meeting_id]
    *past, current = meetings
    assert all(m.state == 'closed' and m.date < today for m in past)
    assert current.state == 'open' and current.date == today
    assert len({m.host for m in meetings}) == 4  # hosts in turn, one organisation after the other
    attendance = await networks.members.attendance(me, prepared.network_id)
    counts = [sum(attendance.came(m.id, meeting.id) for m in members) for meeting in meetings]
    assert all(9 <= n <= 12 for n in counts[:3]) and len(set(counts[:3])) > 1 and counts[3] == 0

    now = datetime.now(UTC)
    kinds = set()
    for meeting in past:
        room = await system.rooms.get(meeting.id)
        kinds |= {a.kind for a in room.agenda.ordered()}
        assert all(a.state == 'closed' for a in room.agenda.ordered())
        answered = [a for a in room.agenda.ordered() if room.kinds[a.kind].answered]
        assert answered and all(room.agenda.count(a.id) >= 5 for a in answered)
        participants = {p.id for p in await repo.active_participants(meeting.id)}
        for r, groups in await repo.rounds_of(meeting.id):
            ends = r.ends_at.replace(tzinfo=UTC) if r.ends_at.tzinfo is None else r.ends_at
            assert ends.date() == meeting.date and ends < now and r.remaining is None
            assert all(set(g.members) <= participants for g in groups)  # participant ids, as a real round
    assert {'statement', 'score', 'open', 'speed_date', 'breakout'} <= kinds
    speed_dates = [len(runs) for meeting in past
                   for runs in [[r for r, _ in await repo.rounds_of(meeting.id)
                                 if (await system.rooms.get(meeting.id)).agenda.activities[r.activity_id].kind
                                 == 'speed_date']] if runs]
    assert speed_dates and all(2 <= n <= 3 for n in speed_dates)
    agreements = await networks.agreements.all(me, prepared.network_id)
    assert len(agreements) >= 1 and any(a.done for a in agreements) and any(not a.done for a in agreements)
    board = await networks.topics.all(me, prepared.network_id)
    assert len(board.topics) >= 3 and sum(t.dots for t in board.topics) > 0
    topics = await repo.networks.topics_of(prepared.network_id)
    assert any(t.used_in == past[2].id and t.dots_when_used > 0 for t in topics)

    room = await system.rooms.get(prepared.meeting_id)
    steps = [a.kind for a in room.agenda.ordered()]
    assert steps == ['open', 'open', 'statement', 'breakout', 'open', 'evaluation']  # the 'deepening' template
    assert room.info.show_agreements and len(await networks.agreements.earlier(room)) >= 1
    annelies = next(m for m in members if m.name == 'Annelies Vandenberghe')
    known = await networks.at_meeting.recognise(room, demo.member_device(annelies.id))
    assert known is not None and known.id == annelies.id  # "Welkom terug"
    for member in members[:10]:
        await networks.at_meeting.join(room, demo.member_device(member.id), member.name, member.organisation,
                            member_id=member.id)
    met = await room.memory.met()
    assert met and all(set(pair) <= set(room.roster.people) for pair in met)
    assert len(met) >= 10  # the pairs and groups of three meetings, among ten of the members


async def test_demo_network_simulated_members(repo: Repo) -> None:
    system = System(Settings())
    system.attach(repo, LocalBus())
    prepared = await demo.prepare_network(system)
    again = await demo.prepare_network(system)  # a second run on the same data folder: another network
    assert again.network_id != prepared.network_id
    room = await system.rooms.get(prepared.meeting_id)
    task = asyncio.get_running_loop().create_task(demo.simulate_network(system, room, 2, seed=1))
    for _ in range(100):
        if len(room.roster.people) == 2:
            break
        await asyncio.sleep(0.1)
    assert len(room.roster.people) == 2 and all(room.roster.is_online(pid) for pid in room.roster.people)
    assert len(await repo.networks.members_in(room.info.id)) == 2  # members, recognised, not guests
    await task


async def test_demo_network_exports_and_imports(repo: Repo) -> None:
    system = System(Settings())
    system.attach(repo, LocalBus())
    prepared = await demo.prepare_network(system)
    owner = await system.accounts.id_of('demo')
    other = (await repo.create_facilitator('elders', 'x')).id
    first = await system.network_export.export(owner, prepared.network_id)
    copy_id = await system.network_export.import_(other, first)
    second = await system.network_export.export(other, copy_id)
    for data in (first, second):
        data.pop('exported_at')
        for topic in data['topics']:
            topic['dots'] = 0  # members place their dots again on the new server
        for meeting in data['meetings']:
            for participant in meeting['participants']:  # nobody is in on the new server yet
                participant['status'] = 'left' if participant['status'] == 'active' else participant['status']
    assert second == first
