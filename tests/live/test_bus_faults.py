"""The bus goes away and comes back: the listener reconnects by itself, publishing never fails, rooms that missed
changes read themselves again (after an outage, on a gap in the room versions, and by the periodic check with no
bus at all). Redis here is an own redis-server on a free port, killed and started again by the test."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from app.kinds.registry import default_registry
from app.live.bus import BusHealth, LocalBus, RedisBus
from app.live.changes import MeetingUpdated, Presence
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.repo import Repo
from app.system import change_codec
from tests.faults import RedisServer, need_redis_server
from tests.live.test_bus import wait_for


class RecordingBus(LocalBus):
    """Another instance's bus, in the test's hands: what it publishes is kept (and delivered only when the test says
    so); ``state`` is what it reports (``'down'``: the rooms check the database at every check)."""

    def __init__(self, state: str = 'up') -> None:
        super().__init__()
        self.shared = True
        self.state = state
        self.sent: list[tuple[int, object, tuple[int, int] | None]] = []

    async def publish(self, meeting_id: int, change: object, versions: tuple[int, int] | None = None) -> None:
        self.sent.append((meeting_id, change, versions))

    def health(self) -> BusHealth:
        return BusHealth(self.state, None, None, 0)


@pytest.fixture
async def redis_server() -> AsyncIterator[RedisServer]:
    server = RedisServer(need_redis_server())
    server.start()
    yield server
    server.kill()


async def meeting_with_examples(repo: Repo) -> int:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    await (await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)).agenda.add_examples()
    return meeting.id


def same_as_database(room: Room, fresh: Room) -> bool:
    return (room.agenda.current_id == fresh.agenda.current_id and room.agenda.answers == fresh.agenda.answers
            and {a.id: a for a in room.agenda.ordered()} == {a.id: a for a in fresh.agenda.ordered()}
            and room.roster.people == fresh.roster.people
            and replace(room.info, current_activity_id=None) == replace(fresh.info, current_activity_id=None)
            and all(room.agenda.tallies[a].counts == fresh.agenda.tallies[a].counts for a in fresh.agenda.tallies))


async def test_the_listener_comes_back_after_redis_was_killed(redis_server: RedisServer,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    """Redis is killed and started again on its port: the listener tries again (backoff) until it listens again,
    says so once when it went down and once when it is back, and asks the rooms to read themselves again. What was
    published meanwhile did not fail and goes out once Redis is back; /healthz's view said "down" meanwhile."""
    caplog.set_level(logging.INFO)
    channel = f'test:{secrets.token_hex(4)}'
    codec = change_codec(default_registry())
    backoff = (0.05, 0.1, 0.2, 0.4)
    bus_a = RedisBus(redis_server.url, codec, channel, backoff)
    bus_b = RedisBus(redis_server.url, codec, channel, backoff)
    heard: list[object] = []
    reconnects: list[int] = []
    states: list[bool] = []
    bus_b.state_changed.subscribe(states.append)
    await bus_a.start(lambda *_: None)
    await bus_b.start(lambda _meeting, change, *_: heard.append(change), lambda: reconnects.append(1))
    try:
        assert bus_b.health().state == 'up'
        await bus_a.publish(1, Presence('before', 1))
        await wait_for(lambda: heard == [Presence('before', 1)])

        for outage in (1, 2):  # twice: it keeps coming back
            redis_server.kill()
            await wait_for(lambda: bus_b.health().state == 'down')
            await bus_a.publish(1, Presence(f'during {outage}', 1))  # stored elsewhere: this must not fail
            health = bus_b.health()
            assert health.down_since is not None
            await asyncio.sleep(1.0)  # several tries of the backoff fail meanwhile
            assert bus_b.health().state == 'down' and len(reconnects) == outage - 1
            redis_server.start()
            await wait_for(lambda: bus_b.health().state == 'up' and bus_a.health().state == 'up', 10)
            assert len(reconnects) == outage
            late = Presence(f'during {outage}', 1)
            await wait_for(lambda late=late: late in heard, 10)  # sent late, in order
        assert states == [False, True, False, True]
        assert bus_b.outages == 2
        downs = [r for r in caplog.records if r.getMessage().startswith('bus down') and r.name == 'app.live.bus']
        backs = [r for r in caplog.records if r.getMessage().startswith('bus back') and r.name == 'app.live.bus']
        assert len(downs) == 4 and len(backs) == 4  # once per outage and bus, not once per try
    finally:
        await bus_a.stop()
        await bus_b.stop()


async def test_a_bus_that_starts_without_redis_listens_once_it_is_there(redis_server: RedisServer) -> None:
    """An instance started while Redis was away starts anyway (down) and listens once Redis is there."""
    redis_server.kill()
    bus = RedisBus(redis_server.url, change_codec(default_registry()), f'test:{secrets.token_hex(4)}', (0.05, 0.1))
    await asyncio.wait_for(bus.start(lambda *_: None), 10)
    try:
        assert bus.health().state == 'down'
        redis_server.start()
        await wait_for(lambda: bus.health().state == 'up', 10)
    finally:
        await bus.stop()


async def test_a_gap_in_the_room_versions_reads_the_room_again(repo: Repo) -> None:
    """B hears A's second change but not its first (lost while B's bus reconnected): B sees the gap in the room
    versions and, since the missing change does not come, reads the meeting again: it shows what the database has."""
    meeting_id = await meeting_with_examples(repo)
    bus_a, bus_b = RecordingBus(), RecordingBus()
    rooms_a, rooms_b = Rooms(repo, bus_a, default_registry()), Rooms(repo, bus_b, default_registry())
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    shown: list[object] = []
    room_b.agenda.current_changed.subscribe(shown.append)
    first = room_a.agenda.ordered()[0]

    await room_a.agenda.next()  # lost on the way to B
    await room_a.settings.set_locked(True)
    meeting, change, versions = bus_a.sent[-1]
    assert isinstance(change, MeetingUpdated) and versions is not None
    rooms_b.apply_remote(meeting, change, bus_a.origin, versions)
    assert room_b.info.locked and room_b.missing  # applied, and the versions before it are missing
    assert rooms_b.out_of_date() == [meeting_id]
    await wait_for(lambda: not rooms_b.out_of_date())
    fresh = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    assert same_as_database(room_b, fresh)
    assert room_b.agenda.current_id == first.id and shown and shown[-1].id == first.id  # the screen followed
    assert room_b.stored_version == fresh.stored_version == room_a.stored_version

    # the lost messages arrive after all: held already, nothing happens twice
    reads = rooms_b.rereads
    for meeting, change, versions in bus_a.sent[:-1]:
        rooms_b.apply_remote(meeting, change, bus_a.origin, versions)
    await asyncio.sleep(0.1)
    assert rooms_b.rereads == reads and not rooms_b.out_of_date()


async def test_changes_that_arrive_in_order_read_nothing_again(repo: Repo) -> None:
    meeting_id = await meeting_with_examples(repo)
    bus_a = RecordingBus()
    rooms_a, rooms_b = Rooms(repo, bus_a, default_registry()), Rooms(repo, RecordingBus(), default_registry())
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    anna = await room_a.roster.join('device-1', 'Anna', '')
    statement = await room_a.agenda.next()
    await room_a.agenda.answer(anna.id, statement.id, choice='agree')
    for meeting, change, versions in bus_a.sent:
        rooms_b.apply_remote(meeting, change, bus_a.origin, versions)
    assert room_b.agenda.answer_of(statement.id, anna.id).choice == 'agree'
    assert not room_b.missing and not rooms_b.out_of_date() and rooms_b.rereads == 0
    assert room_b.stored_version == room_a.stored_version > 0


async def test_with_no_bus_at_all_the_periodic_check_keeps_a_room_right(repo: Repo) -> None:
    """B hears nothing of A (its bus is down): the check compares the room versions and the answers' versions with
    the database and reads the rooms that are behind; a room that is right is not read again."""
    meeting_id = await meeting_with_examples(repo)
    rooms_a = Rooms(repo, RecordingBus(), default_registry())
    rooms_b = Rooms(repo, RecordingBus(state='down'), default_registry())
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    anna = await room_a.roster.join('device-1', 'Anna', '')
    bert = await room_a.roster.join('device-2', 'Bert', '')
    statement = await room_a.agenda.next()
    await room_a.agenda.answer(anna.id, statement.id, choice='agree')
    assert await rooms_b.check() == [meeting_id]
    await wait_for(lambda: not rooms_b.out_of_date())
    assert room_b.agenda.answer_of(statement.id, anna.id).choice == 'agree'
    assert set(room_b.roster.people) == {anna.id, bert.id}

    assert await rooms_b.check() == []  # right: nothing read
    await room_a.agenda.answer(bert.id, statement.id, choice='disagree')  # only an answer: the room version stays
    await room_a.agenda.answer(anna.id, statement.id, choice='disagree')  # a changed answer
    assert await rooms_b.check() == [meeting_id]
    await wait_for(lambda: not rooms_b.out_of_date())
    assert room_b.agenda.tallies[statement.id].counts['disagree'] == 2
    fresh = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    assert same_as_database(room_b, fresh)


async def test_the_watch_runs_the_check_by_itself(repo: Repo) -> None:
    meeting_id = await meeting_with_examples(repo)
    rooms_a = Rooms(repo, RecordingBus(), default_registry())
    rooms_b = Rooms(repo, RecordingBus(state='down'), default_registry())
    room_a, room_b = await rooms_a.get(meeting_id), await rooms_b.get(meeting_id)
    watch = asyncio.create_task(rooms_b.watch(down=0.05, up=0.05))
    try:
        await room_a.agenda.next()
        await wait_for(lambda: room_b.agenda.current_id == room_a.agenda.current_id)
    finally:
        watch.cancel()
        await rooms_b.stop()


async def test_a_read_older_than_this_instances_own_joins_is_not_taken(repo: Repo) -> None:
    """Many join here while the room is read again (a gap, the bus back): when every read is older than what this
    instance stored meanwhile, the room does not take it (that would undo those joins: the phone of someone who
    just joined would show the join form again); it stays out of date and is read again a moment later."""
    meeting_id = await meeting_with_examples(repo)
    rooms = Rooms(repo, RecordingBus(), default_registry())
    room = await rooms.get(meeting_id)
    load, joined = rooms._load, []

    async def load_while_someone_joins(meeting: int) -> Room | None:
        fresh = await load(meeting)
        if len(joined) < 3:  # during each of the three reads of the first re-read
            joined.append((await room.roster.join(f'device-{len(joined)}', f'Nieuw {len(joined)}', '')).id)
        return fresh

    rooms._load = load_while_someone_joins  # type: ignore[method-assign]
    assert await rooms.reread(room) is None
    assert set(joined) <= set(room.roster.people) and rooms.out_of_date() == [meeting_id]
    rooms._schedule(meeting_id, 0.0)
    await wait_for(lambda: not rooms.out_of_date())
    fresh = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    assert same_as_database(room, fresh) and set(joined) <= set(room.roster.people)
