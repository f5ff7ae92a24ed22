"""Speed-dating rounds on a real database: pairs, countdown, swaps, one round per click, restart."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.errors import Refused
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.repo import Repo


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def room_with(repo: Repo, rooms: Rooms, orgs: list[str], **settings: object) -> tuple[Room, int, Clock]:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Speed dating', None)
    room = await rooms.get(meeting.id)
    for i, org in enumerate(orgs):
        await room.roster.join(f'device-{i}', f'Deelnemer {i}', org)
    activity = await room.agenda.add('speed_date', 'Leer elkaar kennen', settings)
    await room.agenda.open(activity.id)
    clock = Clock()
    room.runner('speed_date').clock = clock
    return room, activity.id, clock


async def test_rounds_pair_everyone_without_repeats(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, _ = await room_with(repo, rooms, ['A', 'A', 'B', 'B', 'C', 'C'])
    activity = room.agenda.activities[activity_id]
    seen: set[frozenset[str]] = set()
    for number in range(1, 6):
        r = await room.runner('speed_date').next_round(activity)
        assert r.number == number and r.phase(room.runner('speed_date').clock()) == 'ready'
        assert sorted(p for g in r.groups for p in g) == sorted(room.roster.people)
        pairs = {frozenset(g) for g in r.groups}
        assert not pairs & seen  # 6 people: 5 rounds without meeting anyone twice
        seen |= pairs
        await room.runner('speed_date').start(activity_id)
        room.runner('speed_date').clock.now += timedelta(minutes=3)


async def test_next_round_twice_quickly_is_one_round(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, _ = await room_with(repo, rooms, ['A', 'B', 'C', 'D'])
    activity = room.agenda.activities[activity_id]
    first, second = await asyncio.gather(*(room.runner('speed_date').next_round(activity) for _ in range(2)))
    assert first == second
    assert len(await repo.rounds_of(room.info.id)) == 1


async def test_odd_count_trio_or_rotating_pause(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, clock = await room_with(repo, rooms, ['A', 'B', 'C', 'D', 'E'], odd='pause')
    activity = room.agenda.activities[activity_id]
    paused = []
    for _ in range(3):
        r = await room.runner('speed_date').next_round(activity)
        assert r.paused is not None and len(r.groups) == 2
        paused.append(r.paused)
        await room.runner('speed_date').start(activity_id)
        clock.now += timedelta(minutes=5)
    assert len(set(paused)) == 3  # the pause rotates


async def test_countdown_controls(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, clock = await room_with(repo, rooms, ['A', 'B'], minutes=2)
    activity = room.agenda.activities[activity_id]
    with pytest.raises(Refused):
        await room.runner('speed_date').start(activity_id)  # no round yet
    await room.runner('speed_date').next_round(activity)
    await room.runner('speed_date').extend(activity_id)  # before the start: a longer round
    assert room.runner('speed_date').current(activity_id).countdown.seconds == 180
    await room.runner('speed_date').start(activity_id)
    clock.now += timedelta(seconds=30)
    await room.runner('speed_date').pause(activity_id)
    assert room.runner('speed_date').current(activity_id).phase(clock()) == 'paused'
    clock.now += timedelta(seconds=100)
    await room.runner('speed_date').start(activity_id)
    await room.runner('speed_date').extend(activity_id, 60)
    assert room.runner('speed_date').current(activity_id).countdown.left(clock()) == 210
    await room.runner('speed_date').end_early(activity_id)
    assert room.runner('speed_date').current(activity_id).phase(clock()) == 'over'
    stored, _ = (await repo.rounds_of(room.info.id))[0]
    assert stored.remaining is None and stored.ends_at is not None


async def test_swap_before_start_only(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, _ = await room_with(repo, rooms, ['A', 'B', 'C', 'D'])
    activity = room.agenda.activities[activity_id]
    r = await room.runner('speed_date').next_round(activity)
    a, b = r.groups[0][0], r.groups[1][0]
    with pytest.raises(Refused):
        await room.runner('speed_date').swap(activity_id, a, a)
    await room.runner('speed_date').swap(activity_id, a, b)
    swapped = room.runner('speed_date').current(activity_id)
    assert swapped.table_of(a) == 2 and swapped.table_of(b) == 1
    await room.runner('speed_date').start(activity_id)
    with pytest.raises(Refused):
        await room.runner('speed_date').swap(activity_id, a, b)


async def test_too_few_and_not_open(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, _ = await room_with(repo, rooms, ['A'])
    with pytest.raises(Refused) as error:
        await room.runner('speed_date').next_round(room.agenda.activities[activity_id])
    assert error.value.key == 'error.speeddate_too_few'
    await room.agenda.close(activity_id)
    with pytest.raises(Refused):
        await room.runner('speed_date').next_round(room.agenda.activities[activity_id])


async def test_late_joiner_and_leaver(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, clock = await room_with(repo, rooms, ['A', 'B', 'C', 'D'])
    activity = room.agenda.activities[activity_id]
    first = await room.runner('speed_date').next_round(activity)
    await room.runner('speed_date').start(activity_id)
    late = await room.roster.join('device-late', 'Laatkomer', 'E')
    assert first.table_of(late.id) is None  # waits for the next round
    leaver = first.groups[0][0]
    await room.roster.leave(leaver)
    clock.now += timedelta(minutes=3)
    second = await room.runner('speed_date').next_round(activity)
    assert second.table_of(late.id) is not None and second.table_of(leaver) is None
    assert len(second.placed()) == 4


async def test_restart_shows_same_pairs_and_time(repo: Repo, rooms: Rooms) -> None:
    room, activity_id, _ = await room_with(repo, rooms, ['A', 'B', 'C', 'D'])
    r = await room.runner('speed_date').next_round(room.agenda.activities[activity_id])
    await room.runner('speed_date').start(activity_id)
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)
    again = restarted.runner('speed_date').current(activity_id)
    assert again.groups == r.groups
    assert again.countdown.ends_at == room.runner('speed_date').current(activity_id).countdown.ends_at
    assert again.countdown.ends_at.tzinfo is not None
