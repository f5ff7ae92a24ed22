"""Breakout rounds on a real database: mixed groups, moves, late joiners, notes merged, restart."""

import asyncio

import pytest

from app.domain.errors import Refused
from app.kinds.breakout.live import MessageSent, NoteSaved
from app.kinds.registry import default_registry
from app.live.agenda import Activity
from app.live.bus import LocalBus
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.repo import Repo


async def room_with(repo: Repo, rooms: Rooms, orgs: list[str], **settings: object) -> tuple[Room, Activity]:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Werkgroepen', None)
    room = await rooms.get(meeting.id)
    for i, org in enumerate(orgs):
        await room.roster.join(f'device-{i}', f'Deelnemer {i}', org)
    activity = await room.agenda.add('breakout', 'Wissel ervaringen uit', settings)
    await room.agenda.open(activity.id)
    return room, room.agenda.activities[activity.id]


async def test_groups_mix_organisations(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'A', 'A', 'B', 'B', 'B'], group_by='count', group_value=2,
                                     group_questions='Stelling 1\nStelling 2')
    r = await room.runner('breakout').new_round(activity)
    orgs = {p.id: p.organisation for p in room.roster.people.values()}
    assert sorted(len(g) for g in r.groups) == [3, 3]
    assert all({orgs[p] for p in g} == {'A', 'B'} for g in r.groups)
    assert [r.info(1).question, r.info(2).question] == ['Stelling 1', 'Stelling 2']


async def test_sizes_differ_by_at_most_one_and_bad_sizes(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A'] * 17, group_value=4)
    r = await room.runner('breakout').new_round(activity)
    assert sorted(len(g) for g in r.groups) == [4, 4, 4, 5]  # not a group of 1
    for settings in ({'group_value': 1}, {'group_value': 0}, {'group_by': 'count', 'group_value': 30}):
        bad = await room.agenda.add('breakout', 'Te veel groepen', settings)
        await room.agenda.open(bad.id)
        with pytest.raises(Refused) as error:
            await room.runner('breakout').new_round(room.agenda.activities[bad.id])
        assert error.value.key == 'error.breakout_sizes'


async def test_one_round_per_double_click_and_moves(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'B', 'C', 'D'], group_value=2)
    breakouts = room.runner('breakout')
    first, second = await asyncio.gather(breakouts.new_round(activity), breakouts.new_round(activity))
    assert first == second and len(await repo.rounds_of(room.info.id)) == 1
    someone = first.groups[0][0]
    with pytest.raises(Refused):
        await room.runner('breakout').move(activity.id, someone, 3)  # no such group
    await room.runner('breakout').move(activity.id, someone, 2)
    moved = room.runner('breakout').current(activity.id)
    assert moved.table_of(someone) == 2 and sorted(len(g) for g in moved.groups) == [1, 3]


async def test_late_joiner_goes_to_the_smallest_group(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'B', 'C', 'D', 'E'], group_value=2)
    r = await room.runner('breakout').new_round(activity)
    smallest = min(range(len(r.groups)), key=lambda i: len(r.groups[i])) + 1
    await room.runner('breakout').start(activity.id)
    late = await room.roster.join('device-late', 'Laatkomer', 'F')
    assert room.runner('breakout').current(activity.id).table_of(late.id) == smallest


async def test_notes_merge_and_messages(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'B', 'C', 'D'], group_value=2)
    await room.runner('breakout').new_round(activity)
    notes: list[NoteSaved] = []
    messages: list[MessageSent] = []
    room.runner('breakout').note_changed.subscribe(notes.append)
    room.runner('breakout').message_sent.subscribe(messages.append)
    saved, conflict = await room.runner('breakout').save_note(activity.id, 1, 0, '', 'Wat werkt:\n- intervisie')
    assert saved.version == 1 and not conflict
    # two people edited version 1 at the same time: the second save is merged, not lost
    await room.runner('breakout').save_note(activity.id, 1, 1, saved.text, saved.text + '\n- covisie')
    merged, _ = await room.runner('breakout').save_note(activity.id, 1, 1, saved.text,
                                                        'Wat werkt:\n- intervisie\n- buddy')
    assert '- covisie' in merged.text and '- buddy' in merged.text and merged.version == 3
    with pytest.raises(Refused):
        await room.runner('breakout').save_note(activity.id, 1, 3, merged.text, 'x' * 5001)
    with pytest.raises(Refused):
        await room.runner('breakout').save_note(activity.id, 9, 0, '', 'groep bestaat niet')
    await room.runner('breakout').send(activity.id, 'Nog 2 minuten!')
    with pytest.raises(Refused):
        await room.runner('breakout').send(activity.id, '   ')
    assert [n.version for n in notes] == [1, 2, 3]
    assert messages == [MessageSent('breakout', activity.id, None, 'Nog 2 minuten!')]
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)
    again = restarted.runner('breakout').current(activity.id)
    assert again.info(1).note == merged.text and again.info(1).note_version == 3
    assert again.groups == room.runner('breakout').current(activity.id).groups


async def test_moderators_are_assigned_in_turn(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'B', 'C', 'D', 'E', 'F'], group_value=2)
    mo = await room.invites.create('Mo')
    r = await room.runner('breakout').new_round(activity)
    assert {r.info(i).moderator_key for i in range(1, 4)} == {mo.key}
    await room.runner('breakout').set_moderator(activity.id, 2, '')
    assert room.runner('breakout').current(activity.id).info(2).moderator_key == ''


async def test_self_select_with_a_maximum(repo: Repo, rooms: Rooms) -> None:
    room, activity = await room_with(repo, rooms, ['A', 'B', 'C', 'D', 'E'], fill='choose',
                                     group_questions='Vorming\nIntervisie')
    r = await room.runner('breakout').new_round(activity)
    assert r.groups == ((), ()) and r.info(2).question == 'Intervisie'
    people = list(room.roster.people)
    assert room.runner('breakout').capacity(activity.id) == 3
    for pid in people[:3]:
        await room.runner('breakout').choose(activity.id, pid, 1)
    with pytest.raises(Refused) as error:
        await room.runner('breakout').choose(activity.id, people[3], 1)
    assert error.value.key == 'error.group_full'
    await room.runner('breakout').choose(activity.id, people[0], 2)  # changing your mind frees a place
    await room.runner('breakout').choose(activity.id, people[3], 1)
    await room.runner('breakout').start(activity.id)  # the one who did not choose is placed at the start
    started = room.runner('breakout').current(activity.id)
    assert sorted(len(g) for g in started.groups) == [2, 3] and started.table_of(people[4]) == 2
    with pytest.raises(Refused) as error:
        await room.runner('breakout').choose(activity.id, people[4], 1)
    assert error.value.key == 'error.choose_closed'
