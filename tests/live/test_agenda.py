"""Statements, scores and open questions on a real database: answers stored once, tallies, restart."""

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from app.domain.errors import Refused
from app.kinds.polls.rules import EXAMPLE_STATEMENTS
from app.kinds.registry import default_registry
from app.live.agenda import AnswerChange
from app.live.bus import LocalBus
from app.live.room import Room
from app.live.rooms import Rooms
from app.store import db
from app.store.models import Base
from app.store.repo import Repo


async def new_room(repo: Repo, rooms: Rooms, people: int = 5) -> tuple[Room, list[str]]:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    room = await rooms.get(meeting.id)
    ids = [(await room.roster.join(f'device-{i}', f'Deelnemer {i}', '')).id for i in range(people)]
    return room, ids


def test_migrations_match_the_models(database_url: str) -> None:
    db.migrate(database_url)
    engine = create_engine(db.sync_url(database_url))
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


async def test_statement_votes_and_changes(repo: Repo, rooms: Rooms) -> None:
    room, people = await new_room(repo, rooms)
    agenda = room.agenda
    statement = await agenda.add('statement', EXAMPLE_STATEMENTS[0], {})
    seen: list[AnswerChange] = []
    agenda.answers_changed.subscribe(seen.append)
    with pytest.raises(Refused) as error:
        await agenda.answer(people[0], statement.id, choice='agree')
    assert error.value.key == 'error.vote_not_open'
    await agenda.open(statement.id)
    assert agenda.current.id == statement.id
    for pid, choice in zip(people, ['agree', 'agree', 'agree', 'disagree', 'disagree'], strict=True):
        await agenda.answer(pid, statement.id, choice=choice)
    assert agenda.tallies[statement.id].counts == {'agree': 3, 'disagree': 2}
    await agenda.answer(people[0], statement.id, choice='disagree')
    assert agenda.tallies[statement.id].counts == {'agree': 2, 'disagree': 3}
    await agenda.answer(people[0], statement.id, reason='<script>alert(1)</script>')
    assert agenda.answer_of(statement.id, people[0]).choice == 'disagree'  # the reason kept the vote
    responses = await repo.responses_of(room.info.id)
    assert len(responses) == 5  # a change is an update, never a second row
    assert len(seen) == 7
    await agenda.close(statement.id)
    with pytest.raises(Refused) as error:
        await agenda.answer(people[1], statement.id, choice='disagree')
    assert error.value.key == 'error.vote_closed'


async def test_double_tap_is_one_row(repo: Repo, rooms: Rooms) -> None:
    room, people = await new_room(repo, rooms, 1)
    statement = await room.agenda.add('statement', 'Stelling', {})
    await room.agenda.open(statement.id)
    await asyncio.gather(*(room.agenda.answer(people[0], statement.id, choice=c)
                           for c in ['agree', 'disagree', 'agree', 'agree']))
    assert room.agenda.tallies[statement.id].total == 1
    assert len(await repo.responses_of(room.info.id)) == 1


async def test_bad_answers_store_nothing(repo: Repo, rooms: Rooms) -> None:
    room, people = await new_room(repo, rooms, 1)
    question = await room.agenda.add('open', 'Wat verwacht je van dit netwerk?', {})
    await room.agenda.open(question.id)
    for kwargs in ({'text': ''}, {'text': '   '}, {'text': 'x' * 201}, {'reason': 'waarom'}):
        with pytest.raises(Refused):
            await room.agenda.answer(people[0], question.id, **kwargs)
    await room.agenda.answer(people[0], question.id, text='Ideeën uitwisselen')
    with pytest.raises(Refused):
        await room.agenda.answer(people[0], question.id, reason='x' * 10_000)
    assert room.agenda.answer_of(question.id, people[0]).reason == ''
    assert [r.text for r in await repo.responses_of(room.info.id)] == ['Ideeën uitwisselen']


async def test_scores_and_hidden_results(repo: Repo, rooms: Rooms) -> None:
    room, people = await new_room(repo, rooms, 3)
    score = await room.agenda.add('score', 'Geef een cijfer op 10', {'results_live': False})
    await room.agenda.open(score.id)
    for pid, value in zip(people, ['7', '8', '10'], strict=True):
        await room.agenda.answer(pid, score.id, choice=value)
    assert not room.agenda.current.results_visible
    await room.agenda.reveal(score.id)
    assert room.agenda.current.results_visible
    assert room.agenda.tallies[score.id].counts['10'] == 1


async def test_running_order(repo: Repo, rooms: Rooms) -> None:
    room, _ = await new_room(repo, rooms, 0)
    await room.agenda.add_examples()
    first, second, third, fourth = room.agenda.ordered()
    await room.agenda.move(fourth.id, -3)
    assert [a.id for a in room.agenda.ordered()] == [fourth.id, first.id, second.id, third.id]
    assert await room.agenda.next() == room.agenda.activities[fourth.id]
    await room.agenda.next()
    assert room.agenda.activities[fourth.id].state == 'closed'  # moving on closes the previous one
    assert room.agenda.current.id == first.id
    await room.agenda.delete(first.id)
    assert room.agenda.current is None
    await room.agenda.open(third.id)
    await room.agenda.next()
    assert room.agenda.current is None  # after the last: back to the welcome screen
    with pytest.raises(Refused):
        await room.agenda.add('statement', '', {})


async def test_restart_resumes_agenda(repo: Repo, rooms: Rooms) -> None:
    room, people = await new_room(repo, rooms, 2)
    statement = await room.agenda.add('statement', 'Stelling', {'with_doubt': True})
    await room.agenda.open(statement.id)
    await room.agenda.answer(people[0], statement.id, choice='doubt', reason='Hangt ervan af')
    await room.agenda.answer(people[1], statement.id, choice='agree')
    await room.agenda.hide(statement.id, people[0])
    restarted = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)
    agenda = restarted.agenda
    assert agenda.current.id == statement.id and agenda.current.state == 'open'
    assert agenda.current.settings.with_doubt
    assert agenda.tallies[statement.id].counts == {'agree': 1, 'doubt': 1, 'disagree': 0}
    assert agenda.answer_of(statement.id, people[0]).hidden
    assert [pid for pid, _ in agenda.visible_answers(statement.id)] == [people[1]]
