"""What a room must change to hold what the database holds: the typed changes between two copies of one room.

An instance that may have missed changes (its bus was down, it saw a gap in the room versions, a periodic check
found the database ahead) reads the meeting again into a fresh ``Room`` and applies ``differences(held, fresh)``
to the room its pages follow: the same changes the bus would have brought, so every screen, control view and phone
updates in place (no reload, a text being typed stays). Nothing here reads or writes the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from app.domain.rounds import Round
from app.live.agenda import _saved
from app.live.changes import (
    ActivityDeleted,
    AnswerSaved,
    ClockChanged,
    CurrentChanged,
    InviteSaved,
    Joined,
    Left,
    LetBackIn,
    MeetingUpdated,
    PlaceChanged,
    RoundSaved,
)

if TYPE_CHECKING:
    from app.live.room import Room

# the meeting's fields a MeetingUpdated carries under the same name (the date is ``on`` / ``no_date``)
MEETING_FIELDS = tuple(f.name for f in fields(MeetingUpdated) if f.name not in {'on', 'no_date'})


def differences(held: Room, fresh: Room) -> Iterator[object]:
    """The changes that make ``held`` what ``fresh`` is, in an order the handlers can take (activities before
    the current one, people before their answers)."""
    yield from _meeting(held, fresh)
    yield from _people(held, fresh)
    for key, invite in fresh.invites.by_key.items():
        if held.invites.by_key.get(key) != invite:
            yield InviteSaved(invite)
    yield from _agenda(held, fresh)
    yield from _rounds(held, fresh)


def _meeting(held: Room, fresh: Room) -> Iterator[object]:
    changed = {name: getattr(fresh.info, name) for name in MEETING_FIELDS
               if getattr(fresh.info, name) != getattr(held.info, name)}
    if fresh.info.date != held.info.date:
        changed['on'], changed['no_date'] = fresh.info.date, fresh.info.date is None
    if changed:
        yield MeetingUpdated(**changed)


def _people(held: Room, fresh: Room) -> Iterator[object]:
    for person_id, person in fresh.roster.people.items():
        if held.roster.people.get(person_id) != person:
            yield Joined(person, fresh.roster.device_of(person_id), fresh.roster.joined_at.get(person_id))
    for person_id in list(held.roster.people):
        if person_id not in fresh.roster.people:
            yield Left(person_id, removed=person_id in fresh.roster.removed)
    for person_id in list(held.roster.removed):
        if person_id not in fresh.roster.removed and person_id not in fresh.roster.people:
            yield LetBackIn(person_id)
    for person_id, place in fresh.roster.places.items():
        if held.roster.places.get(person_id) != place:
            yield PlaceChanged(person_id, place)


def _agenda(held: Room, fresh: Room) -> Iterator[object]:
    before, after = held.agenda, fresh.agenda
    for activity in after.ordered():
        if before.activities.get(activity.id) != activity:
            yield _saved(activity)
    for activity_id in list(before.activities):
        if activity_id not in after.activities:
            yield ActivityDeleted(activity_id)
    if before.current_id != after.current_id:
        yield CurrentChanged(after.current_id)
    for (activity_id, participant_id), version in after.versions.items():
        answer = after.answer_of(activity_id, participant_id)
        if answer is not None and version > before.versions.get((activity_id, participant_id), 0):
            yield AnswerSaved(activity_id, participant_id, answer, version)


def _rounds(held: Room, fresh: Room) -> Iterator[object]:
    for name, runner in held.runners.items():
        mine = {(r.activity_id, r.number): r for r in runner.rounds()}
        for r in fresh.runners[name].rounds():
            old = mine.get((r.activity_id, r.number))
            if old == r:
                continue
            if old is not None and _only_clock(old, r):
                yield ClockChanged(name, r)
            else:
                yield RoundSaved(name, r)


def _only_clock(old: Round, new: Round) -> bool:
    return replace(old, countdown=new.countdown) == new
