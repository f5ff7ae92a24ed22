"""A kind that is not part of the app (tests/fixtures/mood) plugs into the registry and runs like the others:
stored, answered, tallied, sent over the bus, reloaded after a restart, found by the host pages."""

import pytest

from app.domain.activities import Answer
from app.domain.errors import Refused
from app.kinds.registry import Registry, default_registry
from app.live.bus import LocalBus
from app.live.changes import ActivitySaved, AnswerSaved
from app.live.rooms import Rooms
from app.store.repo import Repo
from app.system import change_codec
from app.ui.parts import views_for
from tests.fixtures.mood.kind import Mood
from tests.fixtures.mood.views import MoodCounts, MoodPhone


def with_mood() -> Registry:
    return Registry([*default_registry(), Mood()])


async def test_a_new_kind_runs_through_the_room(repo: Repo) -> None:
    kinds = with_mood()
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await Rooms(repo, LocalBus(), kinds).get(meeting.id)
    bert = await room.roster.join('device-1', 'Bert', 'OCMW')
    mood = await room.agenda.add('mood', 'Hoe zit je erbij?', {'with_orange': False})
    assert mood.options == ('green', 'red')
    await room.agenda.open(mood.id)
    with pytest.raises(Refused):
        await room.agenda.answer(bert.id, mood.id, choice='orange')  # not offered in this one
    await room.agenda.answer(bert.id, mood.id, choice='red')
    assert room.agenda.tallies[mood.id].counts == {'green': 0, 'red': 1}

    restarted = await Rooms(repo, LocalBus(), kinds).get(meeting.id)
    assert restarted.agenda.tallies[mood.id].counts == {'green': 0, 'red': 1}
    assert MoodCounts in views_for(restarted, 'screen') and MoodPhone in views_for(restarted, 'phone')


def test_its_changes_travel_over_the_bus() -> None:
    codec = change_codec(with_mood())
    saved = ActivitySaved(7, 'mood', 'Hoe zit je erbij?', {'with_orange': True}, 'open', False, 1)
    assert codec.decode(codec.encode(saved)) == saved
    answered = AnswerSaved(7, 'p1', Answer(choice='green'))
    assert codec.decode(codec.encode(answered)) == answered
    assert codec.decode({'type': 'MoodFromTheFuture', 'data': {}}) is None  # logged and ignored


async def test_an_instance_without_the_kind_ignores_it(repo: Repo) -> None:
    """An older instance (no mood kind) keeps running next to a newer one: the activity is left out, not a crash."""
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    newer = await Rooms(repo, LocalBus(), with_mood()).get(meeting.id)
    mood = await newer.agenda.add('mood', 'Hoe zit je erbij?')
    older = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    assert mood.id not in older.agenda.activities
    older.apply(ActivitySaved(mood.id, 'mood', 'x', {}, 'open', False, 1), 'other-instance')
    assert mood.id not in older.agenda.activities
