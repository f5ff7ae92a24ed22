"""A meeting people can trust: removed means removed, floods are refused, rounds end on the server."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.errors import Refused
from app.kinds.registry import default_registry
from app.kinds.speed_date.rules import SpeedDateSettings, total_rounds
from app.live.bus import LocalBus
from app.live.changes import ClockChanged
from app.live.gate import JoinGate
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.repo import Repo


async def new_room(repo: Repo, rooms: Rooms) -> Room:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    return await rooms.get(meeting.id)


async def test_a_removed_device_stays_out_until_let_back_in(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    dries = await room.roster.join('device-dries', 'Dries', 'OCMW')
    await room.roster.remove(dries.id)
    for name in ('Dries', 'Iemand anders'):  # a new name from the same browser is the same device
        with pytest.raises(Refused) as refused:
            await room.roster.join('device-dries', name, '')
        assert refused.value.key == 'error.removed'
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)
    with pytest.raises(Refused):
        await restarted.roster.join('device-dries', 'Dries', '')  # after a restart too
    await restarted.roster.let_back_in(dries.id)
    assert not restarted.roster.removed
    again = await restarted.roster.join('device-dries', 'Dries', 'OCMW')
    assert again.id in restarted.roster.people


async def test_bulk_removal(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    here = await room.roster.join('device-1', 'Anna', '')
    await room.roster.page_connected(here.id, +1)
    strangers = [await room.roster.join(f'flood-{i}', f'Bot {i}', '') for i in range(5)]
    assert {p.id for p in room.roster.offline()} == {p.id for p in strangers}
    assert len(room.roster.joined_within(5)) == 6
    room.roster.joined_at[here.id] = datetime.now(UTC) - timedelta(minutes=30)  # Anna came early
    assert {p.id for p in room.roster.joined_within(5)} == {p.id for p in strangers}
    assert await room.roster.remove_many([p.id for p in room.roster.joined_within(5)]) == 5
    assert list(room.roster.people) == [here.id] and len(room.roster.removed) == 5


async def test_joins_are_limited_per_address_and_the_maximum_holds(repo: Repo) -> None:
    rooms = Rooms(repo, LocalBus(), default_registry(), JoinGate(per_address=3, per_meeting=100))
    room = await new_room(repo, rooms)
    for i in range(3):
        await room.roster.join(f'device-{i}', f'Deelnemer {i}', '', address='192.0.2.1')
    with pytest.raises(Refused) as refused:
        await room.roster.join('device-3', 'Nog een', '', address='192.0.2.1')
    assert refused.value.key == 'error.too_many_joins'
    await room.roster.join('device-0', 'Deelnemer 0', '', address='192.0.2.1')  # coming back is not a new join
    await room.roster.join('device-4', 'Van elders', '', address='192.0.2.9')
    await room.settings.set_max_participants(4)
    with pytest.raises(Refused) as refused:
        await room.roster.join('device-5', 'Te laat', '', address='192.0.2.10')
    assert refused.value.key == 'error.meeting_full'
    assert len(room.roster.people) == 4


async def test_a_round_that_runs_out_is_announced_by_the_server(repo: Repo, rooms: Rooms) -> None:
    room = await new_room(repo, rooms)
    for i in range(4):
        await room.roster.join(f'device-{i}', f'Deelnemer {i}', '')
    activity = await room.agenda.add('speed_date', 'Leer elkaar kennen', {'minutes': 0.5})
    await room.agenda.open(activity.id)
    speed = room.runner('speed_date')
    await speed.next_round(room.agenda.activities[activity.id])
    await speed.start(activity.id)
    seen: list[ClockChanged] = []
    speed.clock_changed.subscribe(seen.append)
    await speed.end_early(activity.id)  # the deadline is now: the end is announced once, then nothing
    assert speed.current(activity.id).phase(speed.clock()) == 'over'
    await asyncio.sleep(0.2)
    assert len(seen) == 1
    # a round that runs out by itself: the server's timer tells every view at zero
    await speed.next_round(room.agenda.activities[activity.id])
    await speed.start(activity.id)
    current = speed.current(activity.id)
    speed._ended(activity.id, current.number)  # what the timer does when the deadline passes (not yet: re-armed)
    assert activity.id in speed._timers
    speed.clock = lambda: current.countdown.ends_at + timedelta(seconds=1)
    speed._ended(activity.id, current.number)
    assert isinstance(seen[-1], ClockChanged) and seen[-1].round.number == current.number


def test_the_total_of_rounds_is_fixed_by_the_first_round() -> None:
    from app.domain.countdown import Countdown
    from app.domain.rounds import Round

    first = Round(1, 1, 1, (('a', 'b'), ('c', 'd'), ('e', 'f')), None, Countdown.ready(60))
    settings = SpeedDateSettings()
    total = total_rounds(settings, [first])
    later = Round(2, 1, 2, (('a', 'c'),), None, Countdown.ready(60))  # people left: the total stays
    assert total_rounds(settings, [first, later]) == total == 5
    assert total_rounds(SpeedDateSettings(rounds=3), [first, later]) == 3
