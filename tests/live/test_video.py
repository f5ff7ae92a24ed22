"""Online and hybrid meetings through a room: a video room per pair and per group, stored with the round (a restart
gives the same links), new rooms every round, tables for the room and rooms for online people in a hybrid meeting,
pasted links used in order, a participant who changes place is placed so from the next round."""

from __future__ import annotations

import pytest

from app.domain.errors import Refused
from app.domain.video import check_remote
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.store.repo import Repo

BASE = 'http://127.0.0.1:9/jitsi'  # loopback, never opened


async def meeting_with(repo: Repo, rooms: Rooms, count: int, mode: str, **remote: object):
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Online', None)
    room = await rooms.get(meeting.id)
    await room.settings.set_remote(check_remote(mode, remote.get('plenary', ''), remote.get('base', BASE),
                                       remote.get('links', ''), bool(remote.get('mixed', False))))
    people = [await room.roster.join(f'device-{i}', f'P{i}', f'Org {i}') for i in range(count)]
    return meeting, room, people


async def test_online_pairs_get_their_own_rooms(repo: Repo, rooms: Rooms) -> None:
    meeting, room, _ = await meeting_with(repo, rooms, 5, 'online', plenary='https://call.example/plenair')
    assert room.info.plenary_url == 'https://call.example/plenair'
    speed = await room.agenda.add('speed_date', 'Online speeddate', None)
    await room.agenda.open(speed.id)
    runner = room.runner('speed_date')
    first = await runner.next_round(room.agenda.activities[speed.id])
    links = [first.info(n).location for n in range(1, len(first.groups) + 1)]
    assert all(link.startswith(BASE + '/Uitwisselplek-') for link in links) and len(set(links)) == len(links)

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    again = restarted.runner('speed_date').current(speed.id)
    assert [again.info(n).location for n in range(1, len(again.groups) + 1)] == links  # stored with the round

    a, b = first.groups[0][0], first.groups[1][0]
    await runner.swap(speed.id, a, b)  # before the start: the tables keep their rooms
    swapped = runner.current(speed.id)
    assert [swapped.info(n).location for n in range(1, len(swapped.groups) + 1)] == links
    await runner.start(speed.id)
    await runner.end_early(speed.id)
    second = await runner.next_round(room.agenda.activities[speed.id])
    assert not {second.info(n).location for n in range(1, len(second.groups) + 1)} & set(links)  # new rooms

    breakout = await room.agenda.add('breakout', 'Groepen', {'group_value': 2})
    await room.agenda.open(breakout.id)
    groups = await room.runner('breakout').new_round(room.agenda.activities[breakout.id])
    assert all(groups.info(n).location.startswith(BASE) for n in range(1, len(groups.groups) + 1))


async def test_hybrid_tables_for_the_room_rooms_for_online(repo: Repo, rooms: Rooms) -> None:
    _, room, people = await meeting_with(repo, rooms, 7, 'hybrid')
    online = {p.id for p in people[3:]}
    for person in people:
        await room.roster.set_place(person.id, 'online' if person.id in online else 'room')
    with pytest.raises(Refused):
        await room.roster.set_place(people[0].id, 'op de maan')
    speed = await room.agenda.add('speed_date', 'Hybride', None)
    await room.agenda.open(speed.id)
    runner = room.runner('speed_date')
    r = await runner.next_round(room.agenda.activities[speed.id])
    for number, group in enumerate(r.groups, start=1):
        here = {p in online for p in group}
        assert len(here) == 1  # never mixed
        assert r.info(number).location.startswith(BASE) == (True in here)  # rooms online, tables in the room

    await runner.start(speed.id)
    await room.roster.set_place(people[0].id, 'online')  # during a round: the groups stay as they are
    assert runner.current(speed.id).groups == r.groups
    await runner.end_early(speed.id)
    nxt = await runner.next_round(room.agenda.activities[speed.id])
    group = nxt.groups[nxt.table_of(people[0].id) - 1]
    assert all(p in online | {people[0].id} for p in group)  # placed online from the next round


async def test_pasted_links_fewer_than_pairs(repo: Repo, rooms: Rooms) -> None:
    _, room, _ = await meeting_with(repo, rooms, 6, 'online', links='https://zoom.example/1\nhttps://zoom.example/2')
    speed = await room.agenda.add('speed_date', 'Eigen links', None)
    await room.agenda.open(speed.id)
    r = await room.runner('speed_date').next_round(room.agenda.activities[speed.id])
    assert [r.info(n).location for n in (1, 2, 3)] == ['https://zoom.example/1', 'https://zoom.example/2', '']
    with pytest.raises(Refused) as refused:
        check_remote('online', '', 'ftp://jitsi', '')
    assert refused.value.key == 'error.video_url_bad'


async def test_a_moderator_calls_back_only_their_own_group(repo: Repo, rooms: Rooms) -> None:
    _, room, _ = await meeting_with(repo, rooms, 6, 'online', plenary='https://call.example/plenair')
    first = await room.invites.create('Moderator 1')
    second = await room.invites.create('Moderator 2')
    breakout = await room.agenda.add('breakout', 'Groepen', {'group_value': 3})
    await room.agenda.open(breakout.id)
    runner = room.runner('breakout')
    r = await runner.new_round(room.agenda.activities[breakout.id])
    mine = next(n for n in range(1, len(r.groups) + 1) if r.info(n).moderator_key == first.key)
    other = next(n for n in range(1, len(r.groups) + 1) if r.info(n).moderator_key == second.key)
    await runner.call_back(breakout.id, mine, first.key, 'Terug naar de plenaire: https://call.example/plenair')
    assert runner.last_message(breakout.id, mine).text.endswith('https://call.example/plenair')
    with pytest.raises(Refused) as refused:
        await runner.call_back(breakout.id, other, first.key, 'Terug')
    assert refused.value.key == 'error.not_your_group'
    assert runner.last_message(breakout.id, other) is None  # nothing sent to the other group


async def test_hybrid_breakout_groups_keep_the_room_and_online_apart(repo: Repo, rooms: Rooms) -> None:
    _, room, people = await meeting_with(repo, rooms, 10, 'hybrid')
    online = {p.id for p in people[:4]}
    for person in people:
        await room.roster.set_place(person.id, 'online' if person.id in online else 'room')
    for settings in ({'group_by': 'count', 'group_value': 3}, {'group_by': 'size', 'group_value': 3}):
        breakout = await room.agenda.add('breakout', 'Groepen', settings)
        await room.agenda.open(breakout.id)
        r = await room.runner('breakout').new_round(room.agenda.activities[breakout.id])
        assert sorted(p for g in r.groups for p in g) == sorted(p.id for p in people)
        for number, group in enumerate(r.groups, start=1):
            here = {p in online for p in group}
            assert len(here) == 1  # never mixed
            assert r.info(number).location.startswith(BASE) == (True in here)
        if settings['group_by'] == 'count':
            assert len(r.groups) == 3  # shared: groups in the room and online
