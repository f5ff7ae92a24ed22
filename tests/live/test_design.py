"""Tests that hold the live layer's design (#24).

- Every change type, the core ones and every kind's, has a handler in a room and survives the bus codec (through
  JSON, as on Redis). Sample changes are made from the dataclasses' fields, so a new change type is covered
  without touching this file.
- A room that applied a sequence of changes equals the same meeting loaded fresh from the database: what a room
  holds in memory is what the database says (the check Zulip's event tests make).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from app.domain.video import Remote
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.changes import CORE_CHANGES, ChangeCodec
from app.live.room import Room
from app.live.rooms import Rooms
from app.store.repo import Repo
from app.system import change_codec

MOMENT = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def sample(hint: Any, owner: str = '') -> Any:
    """A value of type ``hint``, not a default one (so a field the codec dropped would show)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return args[-1]
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in args if a is not type(None)), owner)
    if origin is tuple:
        return tuple(sample(a, owner) for a in args) if args[-1] is not Ellipsis else (sample(args[0], owner),) * 2
    if origin is list:
        return [sample(args[0], owner)]
    if origin is dict:
        return {'a': 1, 'b': 'twee'} if args[1] is Any else {sample(args[0], owner): sample(args[1], owner)}
    if origin is frozenset:
        return frozenset({sample(args[0], owner)})
    if hint is bool:
        return True
    if hint is int:
        return 7
    if hint is float:
        return 2.5
    if hint is str:
        return f'{owner or "x"}-tekst'
    if hint is datetime:
        return MOMENT
    if hint is date:
        return MOMENT.date()
    if hint is timedelta:
        return timedelta(minutes=3)
    if dataclasses.is_dataclass(hint):
        return instance(hint)
    raise AssertionError(f'no sample for {hint!r} ({owner}): teach sample() this type')


def instance(cls: type) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: sample(hints[f.name], f.name) for f in dataclasses.fields(cls) if f.init})


def every_change_type() -> list[type]:
    """The core changes and every kind's (RoundSaved and ClockChanged are shared by the kinds with rounds)."""
    return list(dict.fromkeys([*CORE_CHANGES, *default_registry().change_types()]))


@pytest.mark.parametrize('change_type', every_change_type(), ids=lambda t: t.__name__)
def test_every_change_survives_the_bus_codec(change_type: type) -> None:
    codec: ChangeCodec = change_codec(default_registry())
    change = instance(change_type)
    wire = json.loads(json.dumps(codec.encode(change)))  # Redis carries JSON text
    assert codec.decode(wire) == change


def test_a_sample_is_not_made_of_defaults() -> None:
    """The generator must be able to catch a dropped field: its values differ from the fields' defaults."""
    for change_type in every_change_type():
        change = instance(change_type)
        for f in dataclasses.fields(change_type):
            if f.default is not dataclasses.MISSING:
                assert getattr(change, f.name) != f.default, (change_type.__name__, f.name)


async def test_every_change_type_has_a_handler(repo: Repo, rooms: Rooms) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    assert room is not None
    assert set(every_change_type()) == set(room.change_types()), 'the codec and the room must know the same changes'


def snapshot(room: Room) -> dict[str, Any]:
    """What a room holds that the database also holds (presence and versions are per instance, left out)."""
    return {
        # the agenda holds the current activity ('current' below); the info's copy is only what a load starts from
        'info': dataclasses.replace(room.info, current_activity_id=None),
        'people': dict(sorted(room.roster.people.items())),
        'devices': {pid: room.roster.device_of(pid) for pid in sorted(room.roster.people)},
        'removed': dict(sorted(room.roster.removed.items())),
        'gone': dict(sorted(room.roster.gone.items())),
        'places': dict(sorted(room.roster.places.items())),
        'joined_at': {pid: at.astimezone(UTC) for pid, at in sorted(room.roster.joined_at.items())},
        'invites': dict(sorted(room.invites.by_key.items())),
        'agenda': [dataclasses.replace(a, closed_at=a.closed_at.astimezone(UTC) if a.closed_at else None)
                   for a in room.agenda.ordered()],
        'current': room.agenda.current_id,
        'answers': {aid: dict(sorted(by.items())) for aid, by in sorted(room.agenda.answers.items()) if by},
        'tallies': {aid: t.counts for aid, t in sorted(room.agenda.tallies.items())},
        'rounds': sorted(room.history(), key=lambda r: (r.activity_id, r.number)),
    }


async def test_a_room_after_changes_equals_the_room_read_fresh(repo: Repo, rooms: Rooms) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    room = await rooms.get(meeting.id)
    assert room is not None
    people = [await room.roster.join(f'device-{i}', f'Deelnemer {i}', org)
              for i, org in enumerate(['Woonzorg', 'Woonzorg', 'OCMW', 'OCMW', 'CAW', 'Vrije tijd'])]
    settings = room.settings
    await settings.set_plan('Lerend netwerk, dag 2', date(2026, 11, 23), 'Gent', 'Anna')
    await settings.set_max_participants(40)
    await settings.set_language('en')
    await settings.set_show_agreements(True)
    await settings.set_remote(Remote('hybrid', '', '', (), False))
    await room.roster.set_place(people[5].id, 'online')
    moderator = await room.invites.create('Bert')
    second = await room.invites.create('Chris')
    await room.invites.revoke(second.id)
    await room.invites.new_screen_key()

    statement = await room.agenda.add('statement', 'Samenwerken loont', {'with_doubt': True})
    score = await room.agenda.add('score', 'Hoe nuttig was dit?')
    speed = await room.agenda.add('speed_date', 'Leer elkaar kennen', {'minutes': 3})
    dropped = await room.agenda.add('open', 'Weg ermee')
    await room.agenda.move(score.id, -1)
    await room.agenda.delete(dropped.id)
    await room.agenda.open(score.id)  # moved first
    await room.agenda.answer(people[0].id, score.id, choice='8', reason='veel geleerd')
    assert await room.agenda.next() == room.agenda.activities[statement.id]
    for person, choice in zip(people[:4], ['agree', 'disagree', 'doubt', 'agree'], strict=True):
        await room.agenda.answer(person.id, statement.id, choice=choice, reason=f'omdat {person.name}')
    await room.agenda.answer(people[0].id, statement.id, show_name=True)
    await room.agenda.hide(statement.id, people[1].id)
    await room.agenda.reveal(statement.id)
    await room.agenda.next()
    assert room.agenda.current_id == speed.id
    runner = room.runner('speed_date')
    activity = room.agenda.activities[speed.id]
    await runner.next_round(activity)
    await runner.start(speed.id)
    await runner.extend(speed.id, 60)
    await runner.pause(speed.id)
    await runner.next_round(room.agenda.activities[speed.id])
    await room.roster.remove(people[2].id)
    await room.roster.leave(people[3].id)
    await room.roster.remove(people[4].id)
    await room.roster.let_back_in(people[4].id)
    await room.agenda.close(speed.id)
    await settings.set_locked(True)
    assert moderator.key in room.invites.by_key

    fresh = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    assert fresh is not None
    mine, theirs = snapshot(room), snapshot(fresh)
    assert mine['rounds'] and mine['answers'] and mine['removed'] and mine['gone']  # the sequence did something
    for part in mine:
        assert mine[part] == theirs[part], part
