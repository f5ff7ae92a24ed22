"""Two instances behind a load balancer: a change on one reaches the other's room over Redis."""

import asyncio
import secrets

from app.kinds.registry import default_registry
from app.live.bus import RedisBus
from app.live.rooms import Rooms
from app.live.roster import RosterChange
from app.store.repo import Repo
from app.system import change_codec
from tests.conftest import REDIS_URL, need_service


async def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, 'timed out'
        await asyncio.sleep(0.02)


async def test_changes_travel_between_instances(repo: Repo) -> None:
    need_service('Redis', '127.0.0.1', 6379)
    channel = f'test:{secrets.token_hex(4)}'
    codec = change_codec(default_registry())
    bus_a, bus_b = RedisBus(REDIS_URL, codec, channel), RedisBus(REDIS_URL, codec, channel)
    rooms_a, rooms_b = Rooms(repo, bus_a, default_registry()), Rooms(repo, bus_b, default_registry())
    await bus_a.start(rooms_a.apply_remote)
    await bus_b.start(rooms_b.apply_remote)
    try:
        anna_account = await repo.create_facilitator('anna', 'hash')
        meeting = await repo.create_meeting(anna_account.id, 'Netwerk', None)
        room_a, room_b = await rooms_a.get(meeting.id), await rooms_b.get(meeting.id)
        seen_on_b: list[RosterChange] = []
        room_b.roster.changed.subscribe(seen_on_b.append)
        await asyncio.sleep(0.1)  # both subscriptions are live

        anna = await room_a.roster.join('device-1', 'Anna', 'Woonzorg')
        await wait_for(lambda: anna.id in room_b.roster.people)
        assert room_b.roster.participant_for_device('device-1') == anna

        await room_a.roster.page_connected(anna.id, +1)
        await wait_for(lambda: room_b.roster.is_online(anna.id))
        await room_b.roster.page_connected(anna.id, +1)  # a second tab, on the other instance
        await room_a.roster.page_connected(anna.id, -1)
        await asyncio.sleep(0.2)
        assert room_a.roster.is_online(anna.id) and room_b.roster.is_online(anna.id)

        await room_b.settings.set_locked(True)
        await wait_for(lambda: room_a.info.locked)

        await room_a.roster.leave(anna.id)
        await wait_for(lambda: anna.id not in room_b.roster.people)
        assert [c.kind for c in seen_on_b] == ['joined', 'presence', 'left']
    finally:
        await bus_a.stop()
        await bus_b.stop()


async def test_a_burst_of_changes_goes_out_in_order() -> None:
    """A thousand votes at once are a thousand publishes: sent through one connection (redis-py's pool refused
    more connections than its limit: "Too many connections"), in the order they were made."""
    need_service('Redis', '127.0.0.1', 6379)
    from app.live.changes import Presence

    channel = f'test:{secrets.token_hex(4)}'
    codec = change_codec(default_registry())
    bus_a, bus_b = RedisBus(REDIS_URL, codec, channel), RedisBus(REDIS_URL, codec, channel)
    heard: list[object] = []
    await bus_a.start(lambda *_: None)
    await bus_b.start(lambda _meeting, change, *_: heard.append(change))
    try:
        await asyncio.sleep(0.1)
        await asyncio.gather(*(bus_a.publish(1, Presence(f'p{i}', 1)) for i in range(3000)))
        await wait_for(lambda: len(heard) == 3000)
        assert heard == [Presence(f'p{i}', 1) for i in range(3000)]
    finally:
        await bus_a.stop()
        await bus_b.stop()
