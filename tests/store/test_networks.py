"""Learning networks on a real database (SQLite and PostgreSQL): networks and members, the series of meetings
(sources of an agenda, host rota, preparers), members recognised at the next meeting, topics with dots,
agreements carried over, forget-me, deleting a network, and who met whom over the series."""

from __future__ import annotations

import asyncio
from datetime import date
from itertools import combinations

import pytest
from sqlalchemy import func, select

from app.domain.errors import Refused
from app.domain.networks import clean_member
from app.i18n import translator
from app.kinds.registry import default_registry
from app.live.room import Room
from app.live.rooms import Rooms
from app.services.meetings import Meetings
from app.services.networks import Networks
from app.store.models import Agreement, Member, Participant, Response, Topic, TopicVote
from app.store.repo import Repo

PEOPLE = [  # name, organisation (members_of orders them by name)
    ('Anna Peeters', 'vzw De Link'),
    ('Bert Claes', 'OCMW Gent'),
    ('Chloé Martens', 'Woonzorg Brugge'),
    ('Dirk Janssens', 'vzw De Link'),
]


@pytest.fixture
def networks(repo: Repo, rooms: Rooms) -> Networks:
    return Networks(repo, rooms)


async def refused(call) -> Refused:
    with pytest.raises(Refused) as error:
        await call
    return error.value


async def network_with_members(repo: Repo, networks: Networks, dots: int = 3,
                               place: str = 'Gent') -> tuple[int, int, dict[str, int]]:
    """A facilitator, a network and its four members: (facilitator id, network id, name -> member id)."""
    facilitator = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(facilitator.id, 'Lerend netwerk zorg', 'Samen leren', 4, place=place,
                                       dots=dots)
    for name, organisation in PEOPLE:
        await networks.members.add(facilitator.id, network_id, name, organisation)
    members = {m.name: m.id for m in await networks.members.all(facilitator.id, network_id)}
    return facilitator.id, network_id, members


async def meeting(networks: Networks, rooms: Rooms, facilitator_id: int, network_id: int, title: str,
                  on: date | None = None, **plan: object) -> Room:
    meeting_id = await networks.planning.plan(facilitator_id, network_id, title, on, **plan)
    return await rooms.get(meeting_id)


async def everyone_joins(networks: Networks, room: Room, prefix: str = 'device') -> dict[str, str]:
    """The four members join (recognised by name and organisation); returns name -> participant id."""
    return {name: (await networks.at_meeting.join(room, f'{prefix}-{name}', name, organisation)).id
            for name, organisation in PEOPLE}


# networks

async def test_create_network_and_a_taken_name(repo: Repo, networks: Networks) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    bert = await repo.create_facilitator('bert', 'hash')
    network_id = await networks.create(anna.id, '  Lerend netwerk  zorg ', 'Samen leren', 5, '2026-01-10',
                                       date(2026, 6, 30), 'Brugge', 4)
    info = await networks.get(anna.id, network_id)
    assert (info.name, info.goal, info.planned_meetings, info.starts_on, info.ends_on, info.place, info.dots) == \
        ('Lerend netwerk zorg', 'Samen leren', 5, date(2026, 1, 10), date(2026, 6, 30), 'Brugge', 4)
    error = await refused(networks.create(anna.id, 'Lerend netwerk zorg'))
    assert error.key == 'error.network_name_taken' and error.params == {'name': 'Lerend netwerk zorg'}
    other = await networks.create(bert.id, 'Lerend netwerk zorg')  # another facilitator may use the name
    assert await networks.get(anna.id, other) is None and await networks.get(bert.id, network_id) is None
    second = await networks.create(anna.id, 'Tweede netwerk')
    error = await refused(networks.update(anna.id, second, 'Lerend netwerk zorg', '', 6, None, None, '', 3))
    assert error.key == 'error.network_name_taken'
    assert (await refused(networks.update(bert.id, network_id, 'X', '', 6, None, None, '', 3))).key == \
        'error.unknown_network'
    assert (await refused(networks.create(anna.id, 'X', starts_on='2026-13-01'))).key == 'error.date'
    assert [s.name for s in await networks.of(anna.id, date(2026, 1, 1))] == ['Tweede netwerk', 'Lerend netwerk zorg']


# members

async def test_add_and_paste_members(repo: Repo, networks: Networks) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(anna.id, 'Netwerk')
    member = await networks.members.add(anna.id, network_id, 'Anna Peeters', 'vzw De Link', 'coördinator',
                                        'anna@delink.be')
    assert (member.name, member.organisation, member.role, member.email) == \
        ('Anna Peeters', 'vzw De Link', 'coördinator', 'anna@delink.be')
    error = await refused(networks.members.add(anna.id, network_id, 'anna  PEETERS', 'VZW de línk'))
    assert error.key == 'error.member_double' and error.params == {'name': 'anna PEETERS'}
    added, pasted = await networks.members.paste(anna.id, network_id, 'naam;organisatie\n'
                                                             'Bert Claes;OCMW Gent\n'
                                                             'anna peeters;vzw de link\n'  # a member already
                                                             'Chloé Martens\tWoonzorg Brugge\n'
                                                             'BERT CLAES;ocmw gent\n'      # pasted twice
                                                             ';Zonder naam\n'
                                                             'Dirk,X,,geen-adres\n')
    assert added == 2
    assert [m.name for m in pasted.members] == ['Bert Claes', 'Chloé Martens']
    assert pasted.doubles == (3, 5)
    assert [(p.number, p.problem.key) for p in pasted.problems] == [(6, 'error.name_required'), (7, 'error.email')]
    assert [m.name for m in await networks.members.all(anna.id, network_id)] == ['Anna Peeters', 'Bert Claes',
                                                                                 'Chloé Martens']
    # the database decides too: a double that slipped past the check is skipped, the rest is added
    fields = [clean_member('Chloe Martens', 'woonzorg brugge'), clean_member('Dirk', 'X')]
    new, skipped = await repo.networks.add_members(network_id, fields)
    assert [m.name for m in new] == ['Dirk'] and skipped == 1
    assert len(await networks.members.all(anna.id, network_id)) == 4
    other = await networks.create(anna.id, 'Ander netwerk')
    await networks.members.add(anna.id, other, 'Anna Peeters', 'vzw De Link')  # a member of two networks
    assert (await refused(networks.members.update(anna.id, other, member.id, 'Anna', '', '',
                                                  ''))).key == 'error.unknown_member'
    bert = next(m for m in await networks.members.all(anna.id, network_id) if m.name == 'Bert Claes')
    assert (await refused(networks.members.update(anna.id, network_id, bert.id, 'Anna Peeters', 'vzw De Link', '',
                                                  ''))).key \
        == 'error.member_double'


# the series: agendas, hosts, preparers

async def test_plan_meetings_from_nothing_a_meeting_a_built_in_and_an_own_template(
        repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1', '2026-02-01', host='OCMW Gent')
    assert first.info.network_id == network_id
    assert (first.info.place, first.info.host, first.info.date) == ('Gent', 'OCMW Gent', date(2026, 2, 1))
    assert first.agenda.ordered() == []
    statement = await first.agenda.add('statement', 'Kennis delen loont', {'with_doubt': True})
    question = await first.agenda.add('open', 'Wat neem je mee?', {})
    person = await networks.at_meeting.join(first, 'device-1', 'Anna Peeters', 'vzw De Link')
    await first.agenda.open(statement.id)
    await first.agenda.answer(person.id, statement.id, choice='agree', reason='Omdat het werkt')
    await first.agenda.open(question.id)
    await first.agenda.answer(person.id, question.id, text='Veel')
    await first.agenda.close(question.id)

    copy = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2', date(2026, 3, 1),
                         place='Brugge', source=f'meeting:{first.info.id}')
    assert copy.info.place == 'Brugge'
    assert [(a.kind, a.text, a.settings.to_dict(), a.state) for a in copy.agenda.ordered()] == [
        ('statement', 'Kennis delen loont', statement.settings.to_dict(), 'waiting'),
        ('open', 'Wat neem je mee?', question.settings.to_dict(), 'waiting')]
    assert copy.agenda.ordered()[0].settings.with_doubt
    assert all(copy.agenda.count(a.id) == 0 for a in copy.agenda.ordered())
    assert await repo.responses_of(copy.info.id) == [] and len(await repo.responses_of(first.info.id)) == 2

    t = translator('nl')
    start = await meeting(networks, rooms, facilitator_id, network_id, 'Start', None, source='builtin:start', t=t)
    items = start.agenda.ordered()
    assert [a.kind for a in items] == ['open', 'speed_date', 'open', 'score', 'evaluation']
    assert [a.text for a in items] == [t('template.start.expectations'), t('template.start.speed_date'),
                                       t('template.start.learning_goal'), t('template.start.confidence'),
                                       t('evaluation.question')]
    assert not any(a.text.startswith('template.') for a in items)  # laid out in Dutch, not as keys
    assert [a.settings.role for a in items] == ['expectations', '', '', '', '']  # stored with its settings
    assert (await repo.activities_of(start.info.id))[0].settings['role'] == 'expectations'
    speed_date = items[1].settings
    assert speed_date.minutes == 4
    assert speed_date.round_questions == t('template.start.speed_date_questions')
    assert len(speed_date.round_questions.splitlines()) >= 2
    english = await meeting(networks, rooms, facilitator_id, network_id, 'Closing', None, source='builtin:closing',
                            t=translator('en'))
    deepening = await meeting(networks, rooms, facilitator_id, network_id, 'Verdieping', None,
                              source='builtin:deepening', t=t)
    assert [a.kind for a in deepening.agenda.ordered()] == ['open', 'open', 'statement', 'breakout', 'open',
                                                            'evaluation']
    assert deepening.agenda.ordered()[3].settings.minutes == 20
    en = translator('en')
    assert [a.text for a in english.agenda.ordered()] == [en('template.applied'), en('template.closing.looking_back'),
                                                          en('template.closing.follow_up'),
                                                          en('evaluation.question')]
    assert [a.settings.role for a in english.agenda.ordered()] == ['', 'achieved', '', '']
    assert english.agenda.ordered()[-1].settings.question('why', en) == 'What would add one point?'

    await networks.planning.save_template(facilitator_id, copy, 'Mijn sjabloon')
    templates = await networks.planning.templates(facilitator_id, t)
    assert templates[:3] == [('builtin:start', 'Startbijeenkomst'), ('builtin:deepening', 'Verdieping'),
                             ('builtin:closing', 'Afsluitende sessie')]
    source, name = templates[3]
    assert name == 'Mijn sjabloon'
    own = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 3', None, source=source)
    assert [(a.kind, a.text) for a in own.agenda.ordered()] == [('statement', 'Kennis delen loont'),
                                                                ('open', 'Wat neem je mee?')]

    assert (await refused(networks.planning.plan(facilitator_id, network_id, 'X', source='builtin:nope'))).key == \
        'error.unknown_template'
    assert (await refused(networks.planning.plan(facilitator_id, network_id, 'X', source='template:999999'))).key == \
        'error.unknown_template'
    empty = await meeting(networks, rooms, facilitator_id, network_id, 'Leeg')
    assert (await refused(networks.planning.save_template(facilitator_id, empty, 'Leeg'))).key == 'error.template_empty'
    bert = await repo.create_facilitator('bert', 'hash')
    strange = await repo.create_meeting(bert.id, 'Van Bert', None)
    assert (await refused(networks.planning.plan(facilitator_id, network_id, 'X',
                                                 source=f'meeting:{strange.id}'))).key == \
        'error.unknown_meeting'
    assert (await refused(networks.planning.plan(bert.id, network_id, 'X'))).key == 'error.unknown_network'
    assert (await refused(networks.planning.plan(facilitator_id, network_id, 'X', place='p' * 201))).key == \
        'error.place_or_host_too_long'
    planned = await networks.planning.meetings(facilitator_id, network_id)
    assert [m.title for m in planned] == ['Sessie 1', 'Sessie 2', 'Start', 'Closing', 'Verdieping', 'Sessie 3',
                                          'Leeg']


async def test_suggested_host_rota(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    # the organisations as the members are listed: vzw De Link (Anna), OCMW Gent (Bert), Woonzorg Brugge (Chloé)
    hosts = []
    for number in range(1, 5):
        host = await networks.planning.suggested_host(facilitator_id, network_id)
        hosts.append(host)
        await networks.planning.plan(facilitator_id, network_id, f'Sessie {number}', date(2026, number, 1),
                            host=host.upper() if number == 1 else host)  # the case does not matter
    assert hosts == ['vzw De Link', 'OCMW Gent', 'Woonzorg Brugge', 'vzw De Link']
    assert await networks.planning.suggested_host(facilitator_id, network_id) == 'OCMW Gent'
    bert = await repo.create_facilitator('bert', 'hash')
    empty = await networks.create(bert.id, 'Leeg')
    assert await networks.planning.suggested_host(bert.id, empty) is None


async def test_preparers_have_a_key_for_one_meeting(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    key = await networks.planning.add_preparer(facilitator_id, network_id, first.info.id, members['Bert Claes'])
    access = await networks.planning.preparer(first.info.id, key)
    assert access.room is first and access.member == 'Bert Claes'
    assert await networks.planning.preparer(second.info.id, key) is None
    assert await networks.planning.preparer(first.info.id, key + 'x') is None
    assert await networks.planning.preparer(first.info.id,
                                            None) is None and await networks.planning.preparer(first.info.id,
                                                                                               '') is None
    [(preparer_id, name, listed_key)] = next(m for m in await networks.planning.meetings(facilitator_id, network_id)
                                             if m.id == first.info.id).preparers
    assert (name, listed_key) == ('Bert Claes', key)
    await networks.planning.revoke_preparer(facilitator_id, network_id, second.info.id,
                                            preparer_id)  # the other meeting: nothing happens
    assert await networks.planning.preparer(first.info.id, key) is not None
    await networks.planning.revoke_preparer(facilitator_id, network_id, first.info.id, preparer_id)
    assert await networks.planning.preparer(first.info.id, key) is None
    assert next(m for m in await networks.planning.meetings(facilitator_id,
                                                            network_id) if m.id == first.info.id).preparers == ()
    # only a member of this network, for a meeting of this network
    other = await networks.create(facilitator_id, 'Ander netwerk')
    stranger = await networks.members.add(facilitator_id, other, 'Eva', 'Elders')
    assert (await refused(networks.planning.add_preparer(facilitator_id, network_id, first.info.id,
                                                         stranger.id))).key == \
        'error.unknown_member'
    assert (await refused(networks.planning.add_preparer(facilitator_id, other, first.info.id,
                                                         stranger.id))).key == 'error.unknown_meeting'


# members at a meeting

async def test_join_links_members_and_recognises_a_device(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    anna = await networks.at_meeting.join(first, 'device-anna', 'Anna Peeters', 'vzw De Link')
    bert = await networks.at_meeting.join(first, 'device-bert', 'bert  claes', 'OCMW GENT')  # case and spacing aside
    guest = await networks.at_meeting.join(first, 'device-guest', 'Eva Wouters', 'Stad Gent')
    namesake = await networks.at_meeting.join(first, 'device-dirk', 'Dirk Janssens', 'Ander bedrijf')  # not surely Dirk
    linked = await repo.networks.members_in(first.info.id)
    assert linked == {anna.id: members['Anna Peeters'], bert.id: members['Bert Claes']}
    assert guest.id not in linked and namesake.id not in linked
    assert {m.name for m in await networks.at_meeting.choices(first)} == {'Chloé Martens', 'Dirk Janssens'}
    assert [(p.id, [m.name for m in suggested]) for p, suggested in await networks.at_meeting.guests(first)] == [
        (guest.id, []), (namesake.id, ['Dirk Janssens'])]
    # the next meeting knows the device
    assert await networks.at_meeting.recognise(second, 'device-anna') == \
        next(m.ref for m in await networks.members.all(facilitator_id, network_id) if m.name == 'Anna Peeters')
    assert await networks.at_meeting.recognise(second, 'device-guest') is None
    assert await networks.at_meeting.recognise(second, 'device-new') is None
    assert await networks.at_meeting.recognise(first,
                                               'device-anna') is None  # this meeting's own device is not "earlier"
    again = await networks.at_meeting.join(second, 'device-anna', 'Anna', '', member_id=members['Anna Peeters'])
    assert (await repo.networks.members_in(second.info.id))[again.id] == members['Anna Peeters']
    assert await networks.at_meeting.recognise(second, 'device-anna') is None  # here already
    # a member already here who picks themselves on a second device joins as a guest
    twice = await networks.at_meeting.join(second, 'device-anna-2', 'Anna Peeters', 'vzw De Link',
                                member_id=members['Anna Peeters'])
    assert twice.id not in await repo.networks.members_in(second.info.id)
    # the facilitator links a guest, or makes them a member
    await networks.at_meeting.link(first, namesake.id, members['Dirk Janssens'])
    assert (await repo.networks.members_in(first.info.id))[namesake.id] == members['Dirk Janssens']
    assert (await refused(networks.at_meeting.link(first, guest.id,
                                                   members['Anna Peeters']))).key == 'error.member_here'
    await networks.at_meeting.make_member(first, guest.id)
    assert 'Eva Wouters' in {m.name for m in await networks.members.all(facilitator_id, network_id)}
    assert guest.id in await repo.networks.members_in(first.info.id)
    # a stand-alone meeting has no members
    alone = await rooms.get((await repo.create_meeting(facilitator_id, 'Los', None)).id)
    person = await networks.at_meeting.join(alone, 'device-anna', 'Anna Peeters', 'vzw De Link',
                                  member_id=members['Anna Peeters'])
    assert await repo.networks.members_in(alone.info.id) == {} and person.id in alone.roster.people
    assert await networks.at_meeting.recognise(alone, 'device-anna') is None


# topics and dots

async def test_topics_and_dots(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks, dots=2)
    anna, bert = members['Anna Peeters'], members['Bert Claes']
    assert (await refused(networks.topics.propose(network_id, anna, 'x' * 1000))).key == 'error.topic_too_long'
    assert (await refused(networks.topics.propose(network_id, anna, '  '))).key == 'error.topic_required'
    await networks.topics.propose(network_id, anna, 'Dementie thuis')
    await networks.topics.propose(network_id, bert, 'Vrijwilligers vinden')
    board = await networks.topics.of_member(network_id, anna)
    dementia, volunteers = (s.id for s in board.topics)
    assert (board.dots, board.left) == (2, 2)
    await networks.topics.dot(network_id, anna, volunteers)
    await networks.topics.dot(network_id, anna, volunteers)
    error = await refused(networks.topics.dot(network_id, anna, dementia))
    assert error.key == 'error.no_dots_left' and error.count == 2
    await networks.topics.dot(network_id, bert, dementia)
    board = await networks.topics.of_member(network_id, anna)
    assert [(s.text, s.dots, s.mine) for s in board.topics] == [('Vrijwilligers vinden', 2, 2),
                                                                 ('Dementie thuis', 1, 0)]
    assert board.left == 0
    await networks.topics.undot(network_id, anna, volunteers)
    assert (await networks.topics.of_member(network_id, anna)).left == 1
    await networks.topics.dot(network_id, anna, dementia)  # the dot taken back may go elsewhere
    board = await networks.topics.all(facilitator_id, network_id)
    assert [s.dots for s in board.topics] == [2, 1]  # dementia 2, volunteers 1

    # a topic on a meeting's agenda: an open question, its dots back to the members
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    await networks.topics.use(facilitator_id, network_id, dementia, first.info.id)
    assert [(a.kind, a.text) for a in first.agenda.ordered()] == [('open', 'Dementie thuis')]
    board = await networks.topics.of_member(network_id, anna)
    assert [s.text for s in board.topics] == ['Vrijwilligers vinden'] and board.left == 1
    assert (await networks.topics.of_member(network_id, bert)).left == 2
    assert (await repo.networks.topic(dementia)).dots_when_used == 2
    assert (await refused(networks.topics.dot(network_id, anna, dementia))).key == 'error.unknown_topic'
    assert (await refused(networks.topics.use(facilitator_id, network_id, dementia,
                                              first.info.id))).key == 'error.unknown_topic'
    other = await networks.create(facilitator_id, 'Ander netwerk')
    assert (await refused(networks.topics.dot(other, anna, volunteers))).key == 'error.unknown_member'  # not its
    eva = (await networks.members.add(facilitator_id, other, 'Eva', 'Elders')).id
    assert (await refused(networks.topics.dot(other, eva, volunteers))).key == 'error.unknown_topic'  # not its topic
    assert (await refused(networks.topics.propose(other, anna, 'Via een ander netwerk'))).key == 'error.unknown_member'
    await networks.topics.delete(facilitator_id, network_id, volunteers)
    board = await networks.topics.of_member(network_id, anna)
    assert board.topics == [] and board.left == 2


async def test_two_tabs_cannot_place_one_dot_too_many(repo: Repo, networks: Networks) -> None:
    _, network_id, members = await network_with_members(repo, networks, dots=3)
    anna = members['Anna Peeters']
    for text in ('Een', 'Twee', 'Drie'):
        await networks.topics.propose(network_id, anna, text)
    one, two, three = (s.id for s in (await networks.topics.all(_, network_id)).topics)
    await networks.topics.dot(network_id, anna, one)
    await networks.topics.dot(network_id, anna, one)
    results = await asyncio.gather(networks.topics.dot(network_id, anna, two), networks.topics.dot(network_id, anna,
                                                                                                   three),
                                   return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], Refused) and failures[0].key == 'error.no_dots_left'
    async with repo.sessions() as s:
        slots = sorted(await s.scalars(select(TopicVote.slot).where(TopicVote.member_id == anna)))
    assert slots == [1, 2, 3]
    board = await networks.topics.of_member(network_id, anna)
    assert board.left == 0 and sum(s.dots for s in board.topics) == 3
    # many at once with one dot left: still one
    await networks.topics.undot(network_id, anna, one)
    results = await asyncio.gather(*(networks.topics.dot(network_id, anna, two) for _ in range(4)),
                                   return_exceptions=True)
    assert sum(r is None for r in results) == 1
    assert sum(s.dots for s in (await networks.topics.all(_, network_id)).topics) == 3


# agreements

async def test_agreements_carry_over_to_the_next_meeting(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1', date(2026, 2, 1))
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2', date(2026, 3, 1))
    await networks.agreements.agree(first, 'Anna stuurt haar procedure door', 'Anna Peeters')
    await networks.agreements.agree(first, 'Iedereen leest het artikel')
    assert [(a.text, a.who, a.done) for a in await networks.agreements.earlier(second)] == [
        ('Anna stuurt haar procedure door', 'Anna Peeters', False), ('Iedereen leest het artikel', '', False)]
    assert await networks.agreements.earlier(first) == []  # a meeting's own agreements are not "last time"
    assert [a.text for a in await networks.agreements.here(first)] == ['Anna stuurt haar procedure door',
                                                                       'Iedereen leest het artikel']
    assert await networks.agreements.here(second) == []
    done = (await networks.agreements.here(first))[0]
    await networks.agreements.set_done(facilitator_id, network_id, done.id, True)
    assert [a.text for a in await networks.agreements.earlier(second)] == ['Iedereen leest het artikel']
    await networks.agreements.delete(facilitator_id, network_id, (await networks.agreements.here(first))[1].id)
    assert await networks.agreements.earlier(second) == []
    assert [a.done for a in await networks.agreements.all(facilitator_id, network_id)] == [True]
    assert (await refused(networks.agreements.agree(first, ' '))).key == 'error.agreement_required'
    alone = await rooms.get((await repo.create_meeting(facilitator_id, 'Los', None)).id)
    assert (await refused(networks.agreements.agree(alone, 'Iets'))).key == 'error.not_in_network'
    assert await networks.agreements.earlier(alone) == []


# forget me

async def test_forget_a_member(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    people = await everyone_joins(networks, first)
    anna_id = members['Anna Peeters']
    anna = people['Anna Peeters']
    statement = await first.agenda.add('statement', 'Kennis delen loont', {})
    await first.agenda.open(statement.id)
    await first.agenda.answer(anna, statement.id, choice='agree', reason='Mijn eigen ervaring', show_name=True)
    await first.agenda.answer(people['Bert Claes'], statement.id, choice='disagree', show_name=True)
    await networks.agreements.agree(first, 'Anna stuurt haar procedure door', 'Anna Peeters')
    await networks.topics.propose(network_id, anna_id, 'Dementie thuis')
    topic = (await networks.topics.all(facilitator_id, network_id)).topics[0].id
    await networks.topics.dot(network_id, anna_id, topic)
    key = await networks.planning.add_preparer(facilitator_id, network_id, second.info.id, anna_id)
    export = Meetings(repo, default_registry())
    t = translator('nl')
    assert 'Anna Peeters' in (await export.export_csv(first, t)).decode('utf-8-sig')

    await networks.members.forget(facilitator_id, network_id, anna_id)

    assert 'Anna Peeters' not in {m.name for m in await networks.members.all(facilitator_id, network_id)}
    async with repo.sessions() as s:
        participant = await s.get(Participant, anna)
        assert (participant.name, participant.organisation, participant.member_id) == ('', '', None)
        assert 'device-' not in participant.device_id
        responses = list(await s.scalars(select(Response).where(Response.participant_id == anna)))
        assert [(r.choice, r.reason, r.show_name) for r in responses] == [('agree', 'Mijn eigen ervaring', False)]
        assert await s.get(Member, anna_id) is None
        assert [a.who for a in await s.scalars(select(Agreement))] == ['']  # the agreement stays, without her name
        assert [(tp.text, tp.member_id) for tp in await s.scalars(select(Topic))] == [('Dementie thuis', None)]
        assert await s.scalar(select(func.count()).select_from(TopicVote)) == 0
    csv = (await export.export_csv(first, t)).decode('utf-8-sig')
    assert 'Anna Peeters' not in csv and 'Mijn eigen ervaring' in csv and 'Bert Claes' in csv
    assert anna not in first.roster.people and 'Bert Claes' in {p.name for p in first.roster.people.values()}
    reloaded = Rooms(repo, rooms.bus, rooms.kinds)  # another instance reads the same from the database
    room = await reloaded.get(first.info.id)
    assert anna not in room.roster.people and not room.agenda.answer_of(statement.id, anna).show_name
    assert await networks.at_meeting.recognise(second, 'device-Anna Peeters') is None
    assert await networks.planning.preparer(second.info.id, key) is None
    assert (await refused(networks.members.forget(facilitator_id, network_id, anna_id))).key == 'error.unknown_member'


# deleting a network

async def test_delete_a_network_keeping_its_meetings(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    people = await everyone_joins(networks, first)
    await networks.agreements.agree(first, 'Iets afgesproken')
    question = await first.agenda.add('open', 'Wat neem je mee?', {})
    await first.agenda.open(question.id)
    await first.agenda.answer(people['Bert Claes'], question.id, text='Veel')

    await networks.delete(facilitator_id, network_id, with_meetings=False)

    assert await networks.get(facilitator_id, network_id) is None
    assert await repo.networks.members_of(network_id) == []
    for m in (first, second):
        stored = await repo.meeting(m.info.id)
        assert stored is not None and stored.network_id is None
    assert {m.id for m in await repo.meetings_of(facilitator_id, stand_alone=True)} == {first.info.id,
                                                                                        second.info.id}
    room = await rooms.get(first.info.id)  # read again: a stand-alone meeting now
    assert room is not first and room.info.network_id is None
    assert sorted(p.name for p in room.roster.people.values()) == sorted(name for name, _ in PEOPLE)
    assert room.agenda.answer_of(question.id, people['Bert Claes']).text == 'Veel'
    assert await repo.networks.members_in(first.info.id) == {}
    async with repo.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(Agreement)) == 0
    assert await room.memory.met() == {}


async def test_delete_a_network_with_its_meetings(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    await everyone_joins(networks, first)
    await networks.agreements.agree(first, 'Iets afgesproken')
    alone = await repo.create_meeting(facilitator_id, 'Los', None)
    other = await networks.create(facilitator_id, 'Ander netwerk')
    kept = await networks.planning.plan(facilitator_id, other, 'Blijft')

    await networks.delete(facilitator_id, network_id, with_meetings=True)

    assert first.info.state == 'closed'  # phones that are still open hear the meeting is over
    assert await repo.meeting(first.info.id) is None and await rooms.get(first.info.id) is None
    assert await repo.meeting(alone.id) is not None and await repo.meeting(kept) is not None
    async with repo.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(Participant)) == 0
        assert await s.scalar(select(func.count()).select_from(Member)) == 0
        assert await s.scalar(select(func.count()).select_from(Agreement)) == 0
    bert = await repo.create_facilitator('bert', 'hash')
    assert (await refused(networks.delete(bert.id, other, with_meetings=True))).key == 'error.unknown_network'
    assert await repo.meeting(kept) is not None


# who met whom over the series

def member_pairs(room: Room, member_of: dict[str, int]) -> set[frozenset[int]]:
    return {frozenset(member_of[p] for p in pair) for r in room.history() for group in r.groups
            for pair in combinations(group, 2) if all(p in member_of for p in pair)}


async def test_the_next_meeting_knows_who_met_in_the_last(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    people_1 = await everyone_joins(networks, first, 'first')
    guest_1 = await networks.at_meeting.join(first, 'first-guest', 'Eva Wouters', 'Stad Gent')
    activity = await first.agenda.add('speed_date', 'Leer elkaar kennen', {'odd': 'trio'})
    await first.agenda.open(activity.id)
    round_1 = await first.runner('speed_date').next_round(first.agenda.activities[activity.id])
    member_of_1 = {pid: members[name] for name, pid in people_1.items()}
    met_1 = member_pairs(first, member_of_1)
    assert met_1 and any(guest_1.id in group for group in round_1.groups)

    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    people_2 = await everyone_joins(networks, second, 'second')
    guest_2 = await networks.at_meeting.join(second, 'second-guest', 'Eva Wouters',
                                             'Stad Gent')  # a guest again: no link
    participant_of = {members[name]: pid for name, pid in people_2.items()}
    expected = {frozenset(participant_of[m] for m in pair): 1 for pair in met_1}
    met = await second.memory.met()
    assert dict(met) == expected  # the members' pairs, on this meeting's participants; the guest's are left out
    assert all(guest_2.id not in pair for pair in met)
    # a member who is not here yet adds nothing; one who comes late brings their pairs
    activity_2 = await second.agenda.add('speed_date', 'Leer elkaar nog beter kennen', {'odd': 'pause'})
    await second.agenda.open(activity_2.id)
    await second.runner('speed_date').next_round(second.agenda.activities[activity_2.id])
    member_of_2 = {pid: members[name] for name, pid in people_2.items()}
    assert not member_pairs(second, member_of_2) & met_1  # nobody meets the same member again
    own = await second.memory.met()
    for pair, count in expected.items():
        assert own[pair] == count
    assert sum(own.values()) > sum(expected.values())  # and this meeting's own round counts too

    # a third meeting sees both earlier ones
    third = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 3')
    people_3 = await everyone_joins(networks, third, 'third')
    both = member_pairs(first, member_of_1) | member_pairs(second, member_of_2)
    participant_of_3 = {members[name]: pid for name, pid in people_3.items()}
    assert set(await third.memory.met()) == {frozenset(participant_of_3[m] for m in pair) for pair in both}


async def test_update_plan(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    room = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1', date(2026, 2, 1))
    await networks.planning.update_plan(facilitator_id, network_id, room.info.id, 'Sessie één', '2026-02-08',
                                        'Brugge', 'OCMW Gent')
    assert (room.info.title, room.info.date, room.info.place, room.info.host) == \
        ('Sessie één', date(2026, 2, 8), 'Brugge', 'OCMW Gent')
    stored = await repo.meeting(room.info.id)
    assert (stored.title, stored.date, stored.place, stored.host) == ('Sessie één', date(2026, 2, 8), 'Brugge',
                                                                      'OCMW Gent')
    await networks.planning.update_plan(facilitator_id, network_id, room.info.id, 'Sessie één', '', '',
                                        '')  # no date, place nor host now
    assert (await repo.meeting(room.info.id)).date is None
    assert (room.info.place, room.info.host) == ('', '')
    assert (await refused(networks.planning.update_plan(facilitator_id, network_id, room.info.id, 'X', None, '',
                                                        'h' * 121))).key == \
        'error.place_or_host_too_long'
    assert (await refused(networks.planning.update_plan(facilitator_id, network_id, room.info.id, ' ', None, '',
                                                        ''))).key == \
        'error.title_required'
    elsewhere = await networks.create(facilitator_id, 'Ander netwerk')  # theirs, but the meeting is not of it
    assert (await refused(networks.planning.update_plan(facilitator_id, elsewhere, room.info.id, 'X', None, '',
                                                        ''))).key == 'error.unknown_meeting'
    assert (await refused(networks.planning.update_plan(facilitator_id, network_id + 100, room.info.id, 'X', None,
                                                        '', ''))).key == 'error.unknown_network'


async def test_update_plan_clears_the_date_in_the_room(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, _ = await network_with_members(repo, networks)
    room = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1', date(2026, 2, 1))
    await networks.planning.update_plan(facilitator_id, network_id, room.info.id, 'Sessie 1', None, '', '')
    assert (await repo.meeting(room.info.id)).date is None
    assert room.info.date is None


async def test_a_member_who_left_comes_back_as_the_member(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    second = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    anna = await networks.at_meeting.join(first, 'device-anna', 'Anna Peeters', 'vzw De Link')
    await first.roster.leave(anna.id)
    assert 'Anna Peeters' in {m.name for m in await networks.at_meeting.choices(first)}
    back = await networks.at_meeting.join(first, 'device-anna', 'Anna Peeters', 'vzw De Link')
    assert back.id != anna.id and back.id in first.roster.people
    assert (await repo.networks.members_in(first.info.id))[back.id] == members['Anna Peeters']
    assert 'Anna Peeters' not in {m.name for m in await networks.at_meeting.choices(first)}
    # on another device in the next meeting, after leaving it: welcome back
    on_phone = await networks.at_meeting.join(second, 'phone-anna', 'Anna', '', member_id=members['Anna Peeters'])
    await second.roster.leave(on_phone.id)
    assert (await networks.at_meeting.recognise(second, 'device-anna')).id == members['Anna Peeters']
    attendance = await networks.members.attendance(facilitator_id, network_id)
    assert attendance.meetings == (first.info.id, second.info.id)
    assert attendance.count(members['Anna Peeters']) == 2 and attendance.count(members['Bert Claes']) == 0


async def test_members_from_a_meeting_and_the_dashboard(repo: Repo, rooms: Rooms, networks: Networks) -> None:
    facilitator = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(facilitator.id, 'Netwerk')
    past = await meeting(networks, rooms, facilitator.id, network_id, 'Voorbij', date(2026, 1, 5))
    coming = await meeting(networks, rooms, facilitator.id, network_id, 'Straks', date(2026, 2, 5))
    await meeting(networks, rooms, facilitator.id, network_id, 'Ooit', None)
    for i, (name, organisation) in enumerate(PEOPLE):
        await past.roster.join(f'device-{i}', name, organisation)
    await past.roster.remove(next(p.id for p in past.roster.people.values() if p.name == 'Dirk Janssens'))
    assert await networks.members.from_meeting(facilitator.id, network_id, past.info.id) == 3
    assert [m.name for m in await networks.members.all(facilitator.id, network_id)] == ['Anna Peeters', 'Bert Claes',
                                                                                        'Chloé Martens']
    assert set((await repo.networks.members_in(past.info.id)).values()) == {
        m.id for m in await networks.members.all(facilitator.id, network_id)}
    assert await networks.members.from_meeting(facilitator.id, network_id, past.info.id) == 0  # all linked already
    [summary] = await networks.of(facilitator.id, date(2026, 1, 20))
    assert (summary.name, summary.members, summary.next_meeting.id) == ('Netwerk', 3, coming.info.id)
    await coming.settings.set_state('closed')
    [summary] = await networks.of(facilitator.id, date(2026, 1, 20))
    assert summary.next_meeting.title == 'Ooit'


async def test_forgetting_a_member_moves_the_versions_another_instance_checks(repo: Repo, rooms: Rooms,
                                                                             networks: Networks) -> None:
    """Another instance that hears nothing (its bus is down) finds the meeting behind the database at its next
    check once a member is forgotten, and reads it again: the answer no longer shows her name."""
    from tests.live.test_bus import wait_for
    from tests.live.test_bus_faults import RecordingBus

    facilitator_id, network_id, members = await network_with_members(repo, networks)
    first = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 1')
    anna = (await everyone_joins(networks, first))['Anna Peeters']
    statement = await first.agenda.add('statement', 'Kennis delen loont', {})
    await first.agenda.open(statement.id)
    await first.agenda.answer(anna, statement.id, choice='agree', show_name=True)
    other = Rooms(repo, RecordingBus(state='down'), default_registry())
    held = await other.get(first.info.id)
    assert held.agenda.answer_of(statement.id, anna).show_name and await other.check() == []

    await networks.members.forget(facilitator_id, network_id, members['Anna Peeters'])

    assert await other.check() == [first.info.id]
    await wait_for(lambda: not other.out_of_date())
    assert anna not in held.roster.people and not held.agenda.answer_of(statement.id, anna).show_name
