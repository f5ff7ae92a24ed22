"""The live layer on a real database: validate → store → memory → emit, and a restart that resumes."""

import asyncio

import pytest

from app.domain.errors import Refused
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.room import Room
from app.live.rooms import Rooms
from app.live.roster import RosterChange
from app.store.repo import Repo


async def new_room(repo: Repo, rooms: Rooms) -> Room:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    room = await rooms.get(meeting.id)
    assert room is not None
    return room


async def test_join_is_stored_and_emitted(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    seen: list[RosterChange] = []
    room.roster.changed.subscribe(seen.append)
    person = await room.roster.join('device-1', '  Anna ', 'Woonzorg Brugge')
    assert person.name == 'Anna'
    assert [p.name for p in await repo.active_participants(room.info.id)] == ['Anna']
    assert seen == [RosterChange('joined', person)]


async def test_same_device_is_the_same_participant(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    first = await room.roster.join('device-1', 'Anna', '')
    again = await room.roster.join('device-1', 'Anna', '')
    assert again == first
    assert room.roster.participant_for_device('device-1') == first
    assert len(await repo.active_participants(room.info.id)) == 1


async def test_double_tap_makes_one_participant(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    results = await asyncio.gather(*(room.roster.join('device-1', 'Anna', '') for _ in range(5)))
    assert len({p.id for p in results}) == 1
    assert len(await repo.active_participants(room.info.id)) == 1


async def test_many_phones_join_at_once(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    people = await asyncio.gather(*(room.roster.join(f'device-{i % 30}', f'Deelnemer {i % 30}', '') for i in range(90)))
    assert len({p.id for p in people}) == 30  # three taps each, thirty people
    assert len(await repo.active_participants(room.info.id)) == 30
    assert len(room.roster.people) == 30


async def test_bad_names_are_refused_and_not_stored(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    for name in ['', '   ', 'x' * 41]:
        with pytest.raises(Refused):
            await room.roster.join('device-1', name, '')
    assert await repo.active_participants(room.info.id) == []


async def test_locked_and_closed_meetings_refuse(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    anna = await room.roster.join('device-1', 'Anna', '')
    await room.settings.set_locked(True)
    with pytest.raises(Refused) as error:
        await room.roster.join('device-2', 'Bert', '')
    assert error.value.key == 'error.meeting_locked'
    assert await room.roster.join('device-1', 'Anna', '') == anna  # who is in stays in
    await room.settings.set_locked(False)
    await room.settings.set_state('closed')
    with pytest.raises(Refused) as error:
        await room.roster.join('device-2', 'Bert', '')
    assert error.value.key == 'error.meeting_closed'
    assert (await repo.meeting(room.info.id)).state == 'closed'


async def test_leave_and_remove(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    anna = await room.roster.join('device-1', 'Anna', '')
    bert = await room.roster.join('device-2', 'Bert', '')
    gone: list[str] = []
    room.roster.participant_gone.subscribe(gone.append)
    await room.roster.leave(anna.id)
    await room.roster.remove(bert.id)
    await room.roster.remove(bert.id)  # twice: nothing more happens
    assert gone == [anna.id, bert.id]
    assert room.roster.people == {}
    assert room.roster.participant_for_device('device-1') is None
    assert await repo.active_participants(room.info.id) == []
    again = await room.roster.join('device-1', 'Anna', '')  # may come back, as a new participant
    assert again.id != anna.id


async def test_presence_counts_pages(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    anna = await room.roster.join('device-1', 'Anna', '')
    changes: list[RosterChange] = []
    room.roster.changed.subscribe(changes.append)
    assert not room.roster.is_online(anna.id)
    await room.roster.page_connected(anna.id, +1)
    await room.roster.page_connected(anna.id, +1)  # a second tab
    await room.roster.page_connected(anna.id, -1)
    assert room.roster.is_online(anna.id)
    await room.roster.page_connected(anna.id, -1)
    assert not room.roster.is_online(anna.id)
    assert [c.kind for c in changes] == ['presence', 'presence']  # only real changes are emitted


async def test_invites_and_revocation(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    invite = await room.invites.create('Chloé')
    assert room.invites.invite_for(invite.key) == invite
    assert room.invites.invite_for('wrong') is None
    await room.invites.revoke(invite.id)
    assert room.invites.invite_for(invite.key) is None
    with pytest.raises(Refused):
        await room.invites.create('x' * 81)


async def test_new_screen_key(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    old = room.info.screen_key
    await room.invites.new_screen_key()
    assert room.info.screen_key != old
    assert (await repo.meeting(room.info.id)).screen_key == room.info.screen_key


async def test_restart_resumes_from_the_database(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    anna = await room.roster.join('device-1', 'Anna', 'Woonzorg')
    await room.roster.join('device-2', 'Bert', '')
    await room.roster.leave((room.roster.participant_for_device('device-2')).id)
    await room.settings.set_locked(True)
    invite = await room.invites.create('Chloé')
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)  # a new process: nothing in memory
    assert restarted is not room
    assert list(restarted.roster.people.values()) == [anna]
    assert restarted.roster.participant_for_device('device-1') == anna
    assert restarted.info.locked
    assert restarted.invites.invite_for(invite.key) is not None


async def test_registry_shares_one_room_and_knows_unknowns(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    assert await asyncio.gather(rooms.get(room.info.id), rooms.get(room.info.id)) == [room, room]
    assert await rooms.get(999_999) is None
    assert await rooms.by_code('ZZZZZZ') is None
    assert await rooms.by_code(room.info.join_code) is room
