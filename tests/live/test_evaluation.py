"""The evaluation through a room: one tap stores the score, each text is added without touching the rest, the
export's summary line, a restart keeps everything (the second text too); answers count 48 hours after it closed."""

from __future__ import annotations

from datetime import timedelta

import pytest

import app.live.agenda
from app.domain.errors import Refused
from app.i18n import translator
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.services.meetings import Meetings
from app.store.repo import Repo


async def test_evaluation_answers_through_a_room(repo: Repo, rooms: Rooms) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    bert = await room.roster.join('device-1', 'Bert', 'OCMW')
    carla = await room.roster.join('device-2', 'Carla', '')
    nl = translator('nl')
    evaluation = await room.agenda.add('evaluation', nl('evaluation.question'), None)
    assert evaluation.options == ('0', '1', '2', '3', '4', '5')

    with pytest.raises(Refused):
        await room.agenda.answer(bert.id, evaluation.id, choice='4')  # not open yet
    await room.agenda.open(evaluation.id)
    with pytest.raises(Refused) as refused:
        await room.agenda.answer(bert.id, evaluation.id, text='Eerst tekst')  # the score comes first
    assert refused.value.key == 'error.score_first'
    with pytest.raises(Refused):
        await room.agenda.answer(bert.id, evaluation.id, choice='9')

    stored = await room.agenda.answer(bert.id, evaluation.id, choice='2')
    assert (stored.choice, stored.text, stored.reason, stored.extra) == ('2', '', '', '')
    await room.agenda.answer(bert.id, evaluation.id, reason='Meer tijd voor casussen')  # the why (score below 4)
    await room.agenda.answer(bert.id, evaluation.id, text='Het stappenplan van Gent')  # take-away keeps the score
    stored = await room.agenda.answer(bert.id, evaluation.id, extra='Kortere inleiding')  # change keeps the rest
    assert (stored.choice, stored.reason, stored.text, stored.extra) == \
        ('2', 'Meer tijd voor casussen', 'Het stappenplan van Gent', 'Kortere inleiding')
    stored = await room.agenda.answer(bert.id, evaluation.id, choice='3')  # a new score keeps the texts
    assert (stored.choice, stored.text, stored.extra) == ('3', 'Het stappenplan van Gent', 'Kortere inleiding')
    await room.agenda.answer(carla.id, evaluation.id, choice='5')
    assert not stored.show_name
    assert room.agenda.tallies[evaluation.id].counts == {'0': 0, '1': 0, '2': 0, '3': 1, '4': 0, '5': 1}
    summary = Meetings(repo, default_registry()).summary(room, nl, 'nl')
    assert f'1. Evaluatie: {evaluation.text}\n   ROTI: 2 antwoorden, gemiddelde 4, mediaan 4' in summary

    await room.agenda.close(evaluation.id)
    closed = room.agenda.activities[evaluation.id]
    assert closed.closed_at is not None and room.agenda.answerable(closed)
    await room.agenda.answer(carla.id, evaluation.id, text='Nog net op tijd')  # closed, but within 48 hours

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    again = restarted.agenda.answer_of(evaluation.id, bert.id)
    assert again is not None
    assert (again.choice, again.reason, again.text, again.extra) == \
        ('3', 'Meer tijd voor casussen', 'Het stappenplan van Gent', 'Kortere inleiding')
    assert restarted.agenda.tallies[evaluation.id].counts['5'] == 1
    assert restarted.agenda.activities[evaluation.id].settings.question('why', nl) == 'Wat zou er één punt bij doen?'


async def test_settings_are_kept_and_cleaned(rooms: Rooms, repo: Repo) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    activity = await room.agenda.add('evaluation', 'Hoe was het?', {'change': '  Wat   doen we anders? ',
                                                                     'results_live': False})
    assert activity.settings.change == 'Wat doen we anders?' and not activity.settings.results_live
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    assert restarted.agenda.activities[activity.id].settings == activity.settings


async def test_answers_count_for_48_hours_after_it_closed(rooms: Rooms, repo: Repo,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    bert = await room.roster.join('device-1', 'Bert', 'OCMW')
    statement = await room.agenda.add('statement', 'Kennis delen loont')
    evaluation = await room.agenda.add('evaluation', 'Hoe was het?')
    await room.agenda.open(statement.id)
    await room.agenda.close(statement.id)
    with pytest.raises(Refused) as refused:  # other kinds: closed is closed
        await room.agenda.answer(bert.id, statement.id, choice='agree')
    assert refused.value.key == 'error.vote_closed'
    assert room.agenda.late() is None

    await room.agenda.open(evaluation.id)
    await room.settings.set_state('closed')  # closing the meeting closes the evaluation: the 48 hours start
    closed_at = room.agenda.activities[evaluation.id].closed_at
    assert room.agenda.activities[evaluation.id].state == 'closed' and closed_at is not None
    assert room.agenda.late() == room.agenda.activities[evaluation.id]
    await room.agenda.answer(bert.id, evaluation.id, choice='4')

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)  # the time is stored
    assert restarted.agenda.activities[evaluation.id].closed_at == closed_at
    assert restarted.roster.participant_for_device('device-1') is not None  # the same device finds its participant
    monkeypatch.setattr(app.live.agenda, 'now', lambda: closed_at + timedelta(hours=47, minutes=59))
    await restarted.agenda.answer(bert.id, evaluation.id, extra='Meer pauzes')
    monkeypatch.setattr(app.live.agenda, 'now', lambda: closed_at + timedelta(hours=48, minutes=1))
    assert restarted.agenda.late() is None
    with pytest.raises(Refused) as refused:
        await restarted.agenda.answer(bert.id, evaluation.id, choice='5')
    assert refused.value.key == 'error.evaluation_closed'
    assert restarted.agenda.answer_of(evaluation.id, bert.id).choice == '4'

    await restarted.agenda.open(evaluation.id)  # opened again: no closing time until it closes again
    assert restarted.agenda.activities[evaluation.id].closed_at is None


async def test_a_device_that_joined_after_it_closed_cannot_score(rooms: Rooms, repo: Repo,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    bert = await room.roster.join('device-1', 'Bert', 'OCMW')
    evaluation = await room.agenda.add('evaluation', 'Hoe was het?')
    await room.agenda.open(evaluation.id)
    await room.agenda.close(evaluation.id)  # the meeting goes on: others may still join
    late = await room.roster.join('device-2', 'Laat', '')
    closed = room.agenda.activities[evaluation.id]
    assert room.agenda.answerable(closed, participant_id=bert.id)
    assert not room.agenda.answerable(closed, participant_id=late.id)
    with pytest.raises(Refused) as refused:
        await room.agenda.answer(late.id, evaluation.id, choice='5')
    assert refused.value.key == 'evaluation.not_joined'
    assert room.agenda.answer_of(evaluation.id, late.id) is None
    await room.agenda.answer(bert.id, evaluation.id, choice='4')  # who was there: within the 48 hours

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)  # join times come from the rows
    monkeypatch.setattr(app.live.agenda, 'now', lambda: closed.closed_at + timedelta(hours=47))
    await restarted.agenda.answer(bert.id, evaluation.id, extra='Meer pauzes')
    with pytest.raises(Refused) as refused:
        await restarted.agenda.answer(late.id, evaluation.id, choice='5')
    assert refused.value.key == 'evaluation.not_joined'
    assert restarted.agenda.tallies[evaluation.id].counts['5'] == 0
