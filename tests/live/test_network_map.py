"""The network map through a room: a map and its reflection stored, kept over a restart; yourself, a stranger and a
removed person refused with a message; who left stays drawn, the removed do not; hidden answers are not drawn;
before and after over a network's meetings (members matched, new ties found)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.activities import Activity
from app.domain.errors import Refused
from app.domain.network_map import Ties, pair, read_ties
from app.domain.networks import MemberFields
from app.domain.people import Person
from app.kinds.network_map.answers import graph_of, store_ties
from app.kinds.network_map.kind import NetworkMap
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.room import Room
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.series import StoredSeries
from app.store.models import Meeting
from app.store.repo import Repo


async def a_meeting(repo: Repo, rooms: Rooms) -> tuple[Meeting, Room, list[Person], Activity]:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    people = [await room.roster.join(f'device-{i}', name, org)
              for i, (name, org) in enumerate([('Bert', 'OCMW'), ('Carla', 'Thuiszorg'), ('Dirk', 'OCMW'),
                                               ('Eva', '')])]
    activity = await room.agenda.add('network_map', 'Wie heb je gevraagd, wie heb je geholpen?', None)
    return meeting, room, people, activity


async def test_a_map_is_stored_and_kept(repo: Repo, rooms: Rooms) -> None:
    meeting, room, (bert, carla, dirk, eva), activity = await a_meeting(repo, rooms)
    with pytest.raises(Refused):
        await store_ties(room, bert.id, activity.id, Ties(asked=(carla.id,)))  # not open yet
    await room.agenda.open(activity.id)
    with pytest.raises(Refused) as refused:
        await room.agenda.answer(bert.id, activity.id, reason='Eerst de reflectie')  # the map comes first
    assert refused.value.key == 'error.answer_first'
    stored = await store_ties(room, bert.id, activity.id,
                              Ties(asked=(carla.id, dirk.id, carla.id), gave=(eva.id,),
                                   outside=(('asked', 'expert'),)))
    assert read_ties(stored.text) == Ties(tuple(sorted((carla.id, dirk.id))), (eva.id,), (('asked', 'expert'),))
    await room.agenda.answer(bert.id, activity.id, reason='Ik wil niemand lastigvallen.')
    await store_ties(room, carla.id, activity.id, Ties(gave=(bert.id,)))
    stored = await store_ties(room, bert.id, activity.id, Ties(asked=(carla.id,)))  # changed while it is open
    assert stored.reason == 'Ik wil niemand lastigvallen.'  # the reflection stays

    graph = graph_of(room, activity.id)
    assert len(graph.nodes) == 4 and graph.ties == 1 and graph.across == 1
    assert graph.nobody_asked() == [bert.id, dirk.id, eva.id]

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    again = restarted.agenda.answer_of(activity.id, bert.id)
    assert again is not None and read_ties(again.text) == Ties(asked=(carla.id,))
    assert again.reason == 'Ik wil niemand lastigvallen.'
    assert graph_of(restarted, activity.id).ties == 1


async def test_bad_marks_are_refused_and_nothing_is_lost(repo: Repo, rooms: Rooms) -> None:
    meeting, room, (bert, carla, dirk, eva), activity = await a_meeting(repo, rooms)
    await room.agenda.open(activity.id)
    await store_ties(room, bert.id, activity.id, Ties(asked=(carla.id,)))
    with pytest.raises(Refused) as refused:
        await store_ties(room, bert.id, activity.id, Ties(asked=(bert.id, carla.id)))
    assert refused.value.key == 'error.map_self'
    with pytest.raises(Refused) as refused:
        await store_ties(room, bert.id, activity.id, Ties(gave=('stranger',)))
    assert refused.value.key == 'error.map_unknown'
    with pytest.raises(Refused):
        await room.agenda.answer(bert.id, activity.id, text='{"asked": "everyone"}')  # not a map
    assert read_ties(room.agenda.answer_of(activity.id, bert.id).text) == Ties(asked=(carla.id,))  # kept

    await store_ties(room, dirk.id, activity.id, Ties(asked=(eva.id,), gave=(bert.id,)))
    await room.roster.leave(eva.id)  # who left stays drawn, and may still be marked
    await store_ties(room, carla.id, activity.id, Ties(gave=(eva.id,)))
    await room.roster.remove(dirk.id)  # removed: not drawn, their ties neither, and not to be marked
    with pytest.raises(Refused) as refused:
        await store_ties(room, bert.id, activity.id, Ties(asked=(carla.id, dirk.id)))
    assert refused.value.key == 'error.map_removed' and refused.value.params == {'name': 'Dirk'}
    graph = graph_of(room, activity.id)
    assert set(graph.nodes) == {bert.id, carla.id, eva.id}
    assert graph.pairs() == {pair(bert.id, carla.id), pair(carla.id, eva.id)}

    await room.agenda.hide(activity.id, carla.id)  # a hidden answer is not drawn
    assert graph_of(room, activity.id).pairs() == {pair(bert.id, carla.id)}
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    assert set(graph_of(restarted, activity.id).nodes) == {bert.id, carla.id, eva.id}  # after a restart too


async def test_before_and_after_in_a_network(repo: Repo, rooms: Rooms) -> None:
    networks = Networks(repo, rooms)
    facilitator = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(facilitator.id, 'Lerend netwerk zorg', 'Samen leren', 3)
    added, _ = await repo.networks.add_members(network_id, [MemberFields('Anna', 'OCMW'), MemberFields('Bram', 'CAW'),
                                                            MemberFields('Chloé', 'OCMW')])
    member = {m.name: m.id for m in added}
    def before_after():  # the kind's hook, as the network page asks it (read again each time)
        return NetworkMap().series(StoredSeries(repo, network_id))

    assert await before_after() is None  # no meeting has a map yet
    plans = [(date(2026, 1, 10), [('Anna', 'asked', 'Bram')]),
             (date(2026, 2, 10), []),  # a map nobody answered: skipped
             (date(2026, 3, 10), [('Anna', 'gave', 'Bram'), ('Chloé', 'asked', 'Anna'), ('Gast', 'asked', 'Bram')])]
    for number, (on, ties) in enumerate(plans, start=1):
        meeting_id = await networks.planning.plan(facilitator.id, network_id, f'Bijeenkomst {number}', on)
        room = await rooms.get(meeting_id)
        activity = await room.agenda.add('network_map', 'Wie heb je gevraagd?', None)
        await room.agenda.open(activity.id)
        here = {name: await networks.at_meeting.join(room, f'd-{number}-{name}', name, 'OCMW',
                                                     member_id=member.get(name))
                for name in ('Anna', 'Bram', 'Chloé', 'Gast')}
        marks: dict[str, Ties] = {}
        for who, direction, whom in ties:
            old = marks.get(who, Ties())
            marks[who] = Ties(old.asked + ((here[whom].id,) if direction == 'asked' else ()),
                              old.gave + ((here[whom].id,) if direction == 'gave' else ()))
        for who, value in marks.items():
            await store_ties(room, here[who].id, activity.id, value)
        if number == 1:
            assert (await before_after()).last is None  # one map: nothing to compare yet
    found = await before_after()
    assert found is not None and found.last is not None
    assert (found.first.title, found.last.title) == ('Bijeenkomst 1', 'Bijeenkomst 3')
    anna, bram, chloe = (f'm{member[n]}' for n in ('Anna', 'Bram', 'Chloé'))
    assert found.comparison.kept == {pair(anna, bram)}  # asked then, helped now: the same pair
    assert pair(anna, chloe) in found.comparison.new and len(found.comparison.new) == 2  # and the guest's tie
    assert found.last.graph.ties == 3
