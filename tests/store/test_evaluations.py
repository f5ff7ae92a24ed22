"""The evaluation over a network's series on a real database (SQLite and PostgreSQL): the ROTI trend per meeting,
the fitted line, words that come back in "wat mag anders", "Vorige keer" (the previous meeting, the quotes the
facilitator may pick and what is refused), and the first meeting's expectations beside what was achieved."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import Refused
from app.domain.evaluation import Comparison, Trend
from app.kinds.evaluation.kind import Evaluation
from app.live.rooms import Rooms
from app.services.evaluations import Evaluations
from app.services.networks import Networks
from app.services.series import StoredSeries
from app.store.repo import Repo

# per meeting: (score, take-away, why, what may change); the scores rise: 2, 3, 4 on average
SERIES = [
    [('1', 'Het model van Anna', 'Meer tijd voor casussen', 'Minder theorie, meer casussen'),
     ('2', 'Netwerk leren kennen', '', 'Pauze is te kort'),
     ('3', 'Contacten in Gent', 'Concreter', 'Meer casussen graag')],
    [('2', 'De checklist van Bert', 'Kortere inleiding', 'Casussen vooraf sturen'),
     ('3', 'Intervisie werkt', '', ''),
     ('4', 'Samen oplossen', '', 'Langere pauze')],
    [('3', 'Ik probeer de methode morgen', '', 'Casussen uit eigen werk'),
     ('4', 'Goede gesprekken', '', ''),
     ('5', 'Een maatje gevonden', '', '')],
]


@pytest.fixture
def networks(repo: Repo, rooms: Rooms) -> Networks:
    return Networks(repo, rooms)


@pytest.fixture
def evaluations(repo: Repo, rooms: Rooms) -> Evaluations:
    return Evaluations(repo, rooms.kinds)


async def trend_of(repo: Repo, network_id: int) -> Trend:
    """The evaluation kind's trend over the series (its ``series`` hook, as the network page asks it)."""
    return (await Evaluation().series(StoredSeries(repo, network_id))).trend


async def comparison_of(repo: Repo, network_id: int) -> Comparison | None:
    return (await Evaluation().series(StoredSeries(repo, network_id))).comparison


async def a_series(repo: Repo, networks: Networks) -> tuple[int, list[int]]:
    """A network of three meetings, each with an evaluation answered by three people (and one hidden answer)."""
    facilitator = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(facilitator.id, 'Lerend netwerk zorg', 'Samen leren', 3)
    meetings = []
    for number, answers in enumerate(SERIES, start=1):
        meeting_id = await networks.planning.plan(facilitator.id, network_id, f'Bijeenkomst {number}',
                                                  date(2026, number, 10))
        if number == 1:
            other_first = await repo.add_activity(meeting_id, 'open', 'Wat verwacht je van de lunch?', {})  # no role
            question = await repo.add_activity(meeting_id, 'open', 'Wat verwacht je van dit netwerk?',
                                               {'role': 'expectations'})
            other = await repo.add_activity(meeting_id, 'open', 'Hoe heet je hond?', {})
        evaluation = await repo.add_activity(meeting_id, 'evaluation', 'Evaluatie', {})
        for i, (score, take_away, why, change) in enumerate(answers):
            person = await repo.add_participant(meeting_id, f'device-{number}-{i}', f'Persoon {i}', 'Org')
            await repo.save_response(evaluation.id, person.id, choice=score, text=take_away, reason=why, extra=change)
            if number == 1:
                await repo.save_response(question.id, person.id, text=f'Verwachting {i}')
                await repo.save_response(other.id, person.id, text='Rex')
                await repo.save_response(other_first.id, person.id, text='Soep')
        hidden = await repo.add_participant(meeting_id, f'device-{number}-hidden', 'Verborgen', 'Org')
        await repo.save_response(evaluation.id, hidden.id, choice='0', text='Scheldwoord', extra='casussen weg',
                                 hidden=True)
        meetings.append(meeting_id)
    return network_id, meetings


async def test_trend_over_three_meetings(repo: Repo, networks: Networks, evaluations: Evaluations) -> None:
    network_id, meetings = await a_series(repo, networks)
    trend = await trend_of(repo, network_id)
    assert [p.meeting_id for p in trend.points] == meetings
    assert [p.stats.mean for p in trend.points] == [2, 3, 4]            # the hidden 0 is left out
    assert [p.stats.count for p in trend.points] == [3, 3, 3]
    assert trend.points[0].stats.distribution == (0, 1, 1, 1, 0, 0)
    start, slope = trend.line
    assert slope > 0 and start == pytest.approx(2)
    assert trend.fitted(2) == pytest.approx(4)
    assert dict(trend.recurring).get('casussen') == 3                    # said in all three meetings
    assert 'weg' not in dict(trend.recurring)                            # hidden


async def test_a_meeting_without_evaluation_is_a_point_without_value(repo: Repo, networks: Networks,
                                                                   evaluations: Evaluations) -> None:
    network_id, meetings = await a_series(repo, networks)
    facilitator = (await repo.meeting(meetings[0])).facilitator_id
    later = await networks.planning.plan(facilitator, network_id, 'Zonder evaluatie', date(2026, 5, 10))
    trend = await trend_of(repo, network_id)
    assert trend.points[-1].meeting_id == later and trend.points[-1].stats.empty
    assert trend.line[1] > 0


async def test_previous_meeting_and_its_quotes(repo: Repo, rooms: Rooms, networks: Networks,
                                               evaluations: Evaluations) -> None:
    _, meetings = await a_series(repo, networks)
    assert await evaluations.previous(await rooms.get(meetings[0])) is None   # the first has no previous one
    previous = await evaluations.previous(await rooms.get(meetings[2]))
    assert previous.meeting_id == meetings[1] and previous.title == 'Bijeenkomst 2'
    assert (previous.stats.mean, previous.stats.count) == (3, 3)
    assert previous.take_away == ('De checklist van Bert', 'Intervisie werkt', 'Samen oplossen')
    assert previous.change == ('Casussen vooraf sturen', 'Langere pauze')
    assert previous.why == ('Kortere inleiding',)
    assert 'Scheldwoord' not in previous.quotes and len(previous.quotes) == 6


async def test_set_recap_and_what_it_refuses(repo: Repo, rooms: Rooms, networks: Networks,
                                             evaluations: Evaluations) -> None:
    _, meetings = await a_series(repo, networks)
    room = await rooms.get(meetings[2])
    quotes = ['Intervisie werkt', 'Langere pauze', 'Samen oplossen', 'De checklist van Bert']
    with pytest.raises(Refused) as error:
        await evaluations.set_recap(room, 'Langere pauze', quotes)
    assert error.value.key == 'error.recap_too_many_quotes' and error.value.count == 3
    with pytest.raises(Refused) as error:
        await evaluations.set_recap(room, '', ['Het model van Anna'])   # from the first meeting, not last time
    assert error.value.key == 'error.recap_unknown_quote'
    with pytest.raises(Refused) as error:
        await evaluations.set_recap(room, '', ['Scheldwoord'])          # hidden
    assert error.value.key == 'error.recap_unknown_quote'
    with pytest.raises(Refused) as error:
        await evaluations.set_recap(room, 'x' * 301, [])
    assert error.value.key == 'error.recap_note_too_long'
    with pytest.raises(Refused) as error:
        await evaluations.set_recap(await rooms.get(meetings[0]), 'Iets', [])
    assert error.value.key == 'error.no_previous_meeting'
    assert room.info.recap_note == '' and room.info.recap_quotes == ()

    await evaluations.set_recap(room, '  De pauze duurt nu   een half uur ', quotes[:3])
    assert room.info.recap_note == 'De pauze duurt nu een half uur'
    assert room.info.recap_quotes == tuple(quotes[:3])
    await room.settings.set_show_recap(True)
    rooms.forget_rooms([room.info.id])                                      # read again from the database
    again = await rooms.get(meetings[2])
    assert again.info.recap_quotes == tuple(quotes[:3]) and again.info.show_recap


async def test_comparison_of_first_and_last_meeting(repo: Repo, networks: Networks,
                                                    evaluations: Evaluations) -> None:
    network_id, meetings = await a_series(repo, networks)
    comparison = await comparison_of(repo, network_id)
    assert comparison.first_title == 'Bijeenkomst 1' and comparison.last_title == 'Bijeenkomst 3'
    assert comparison.expectations == ('Verwachting 0', 'Verwachting 1', 'Verwachting 2')   # not the dog's name
    assert comparison.achieved == ('Ik probeer de methode morgen', 'Goede gesprekken', 'Een maatje gevonden')
    assert comparison.roti == pytest.approx(3) and comparison.count == 9 and comparison.meetings_with_data == 3
    # a question of the last meeting in the role "achieved" wins over the take-aways; its text alone does not
    person = await repo.add_participant(meetings[2], 'device-last', 'Iemand', 'Org')
    unmarked = await repo.add_activity(meetings[2], 'open', 'Wat heb je gehaald uit de pauze?', {})
    await repo.save_response(unmarked.id, person.id, text='Koffie')
    assert (await comparison_of(repo, network_id)).achieved == comparison.achieved
    question = await repo.add_activity(meetings[2], 'score', 'Wat heb je gehaald uit dit netwerk?',
                                       {'role': 'achieved'})  # any kind may have the role
    await repo.save_response(question.id, person.id, text='Meer zelfvertrouwen')
    assert (await comparison_of(repo, network_id)).achieved == ('Meer zelfvertrouwen',)


async def test_no_meetings_no_comparison(repo: Repo, networks: Networks, evaluations: Evaluations) -> None:
    facilitator = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(facilitator.id, 'Leeg netwerk')
    assert await comparison_of(repo, network_id) is None
    assert (await trend_of(repo, network_id)).points == ()
