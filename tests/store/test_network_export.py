"""A network as a file: exported, imported for another facilitator, exported again — the same network; files
that are not (quite) an export are refused before anything is written."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import String

from app.domain.errors import Refused
from app.domain.network_export import MAX_MEETINGS, MAX_MEMBERS, TEXT, parse
from app.domain.rounds import met_counts
from app.kinds.registry import default_registry
from app.live.rooms import Rooms
from app.services.network_export import NetworkExport, file_name
from app.services.networks import Networks
from app.store import models
from app.store.repo import Repo

MEMBERS = [('Anna Peeters', 'OCMW Gent', 'maatschappelijk werker', 'anna@ocmw.example'),
           ('Bart Maes', 'CAW Oost-Vlaanderen', '', ''),
           ('Chloë Willems', 'Woonzorg Brugge', 'teamcoach', 'chloe@woonzorg.example'),
           ('Dries Claes', 'OCMW Gent', '', ''),
           ('Eva Jacobs', 'Vzw Ons Huis', 'coördinator', '')]


async def build_network(repo: Repo, rooms: Rooms) -> tuple[int, int]:
    """A network of five members, two meetings with answers, a speed date of two rounds, a breakout with a
    harvest, a guest, topics with dots (one used), agreements. Returns (facilitator id, network id)."""
    owner = (await repo.create_facilitator('anna', 'x')).id
    networks = Networks(repo, rooms)
    network_id = await networks.create(owner, 'Lerend netwerk armoede', 'Samen leren over armoede', 4,
                                       '2025-01-01', '2025-12-31', 'Gent', 3)
    members = [await networks.members.add(owner, network_id, *m) for m in MEMBERS]
    first = await networks.planning.plan(owner, network_id, 'Kennismaking', '2025-01-20', 'Zaal 1', 'OCMW Gent')
    second = await networks.planning.plan(owner, network_id, 'Casussen', '2025-02-20', '', 'CAW Oost-Vlaanderen')

    room = await rooms.get(first)
    agenda = room.agenda
    statement = await agenda.add('statement', 'Kennis delen kost tijd.', {'with_doubt': True})
    score = await agenda.add('score', 'Hoe vlot deel je kennis?', {'scale_min': 1})
    speed = await agenda.add('speed_date', 'Leer elkaar kennen', {'minutes': 3, 'round_questions': 'Wie ben je?'})
    people = [await networks.at_meeting.join(room, f'device-{m.id}', m.name, m.organisation, member_id=m.id)
              for m in members[:4]]
    guest = await networks.at_meeting.join(room, 'device-guest', 'Gast Jansen', 'Stad Gent')
    await agenda.open(statement.id)
    for person, choice in zip([*people, guest], ['agree', 'doubt', 'disagree', 'agree', 'agree'], strict=True):
        await agenda.answer(person.id, statement.id, choice=choice, reason=f'Omdat {choice}', show_name=True)
    await agenda.hide(statement.id, people[1].id)
    await agenda.reveal(statement.id)
    await agenda.open(score.id)
    for n, person in enumerate(people):
        await agenda.answer(person.id, score.id, choice=str(5 + n))
    await agenda.open(speed.id)
    runner = room.runner('speed_date')
    for _ in range(2):
        await runner.next_round(agenda.activities[speed.id])
        await runner.start(speed.id)
        await runner.end_early(speed.id)
    await room.roster.leave(people[3].id)
    await room.roster.remove(guest.id)
    await agenda.show_nothing()
    await networks.agreements.agree(room, 'Anna stuurt haar procedure door', 'Anna Peeters')
    await room.settings.set_state('closed')

    room = await rooms.get(second)
    agenda = room.agenda
    question = await agenda.add('open', 'Wat leerde je van de vorige keer?', {'display': 'cloud'})
    breakout = await agenda.add('breakout', 'Casussen in groepjes', {'group_value': 2,
                                                                       'group_questions': 'Wat werkt?\nWat niet?'})
    await agenda.add('statement', 'Nog niet gebruikt.')
    people = [await networks.at_meeting.join(room, f'device-{m.id}', m.name, m.organisation, member_id=m.id)
              for m in members[1:]]
    await agenda.open(question.id)
    for person in people:
        await agenda.answer(person.id, question.id, text=f'Iets van {person.name}')
    await agenda.open(breakout.id)
    runner = room.runner('breakout')
    await runner.new_round(agenda.activities[breakout.id])
    await runner.start(breakout.id)
    await runner.save_note(breakout.id, 1, 0, '', 'Samen bellen werkt.\nDelen helpt.')
    await runner.pause(breakout.id)
    agreement = (await networks.agreements.all(owner, network_id))[0]
    await networks.agreements.set_done(owner, network_id, agreement.id, True)
    await networks.agreements.agree(room, 'Iedereen brengt een casus mee', '')

    await networks.topics.propose(network_id, members[0].id, 'Huisbezoeken')
    await repo.networks.add_topic(network_id, None, 'Budgetbegeleiding')  # a topic no member's (any more)
    topics = (await networks.topics.all(owner, network_id)).topics
    for member in members[:3]:
        await networks.topics.dot(network_id, member.id, topics[0].id)
    await networks.topics.dot(network_id, members[4].id, topics[1].id)
    await networks.topics.use(owner, network_id, topics[1].id, second)
    return owner, network_id


def without_dots(data: dict[str, Any]) -> dict[str, Any]:
    """The export without what an import does not bring along: when, the dots on open topics, and who is in
    (nobody is on the new server yet: who was in has left, and comes back as themselves)."""
    data = copy.deepcopy(data)
    data.pop('exported_at')
    for topic in data['topics']:
        topic['dots'] = 0
    for meeting in data['meetings']:
        for participant in meeting['participants']:
            participant['status'] = 'left' if participant['status'] == 'active' else participant['status']
    return data


async def test_round_trip(repo: Repo, rooms: Rooms) -> None:
    owner, network_id = await build_network(repo, rooms)
    files = NetworkExport(repo, rooms)
    first = await files.export(owner, network_id)

    assert first['format'] == 'uitwisselplek-network' and first['version'] == 1
    assert [m['name'] for m in first['members']] == [m[0] for m in MEMBERS]
    assert first['members'][0]['email'] == 'anna@ocmw.example'
    assert [m['title'] for m in first['meetings']] == ['Kennismaking', 'Casussen']
    one, two = first['meetings']
    assert one['state'] == 'closed' and one['date'] == '2025-01-20' and one['host'] == 'OCMW Gent'
    assert [a['kind'] for a in one['agenda']] == ['statement', 'score', 'speed_date']
    assert one['agenda'][1]['settings']['scale_min'] == 1
    assert one['attendance'] == [0, 1, 2, 3] and two['attendance'] == [1, 2, 3, 4]
    text = json.dumps(first, ensure_ascii=False)
    for name in ('Gast Jansen', 'Stad Gent', 'device-'):  # no guest's name, no device
        assert name not in text
    guest = next(p for p in one['participants'] if p['member'] is None)
    assert guest['status'] == 'removed'
    answers = one['agenda'][0]['answers']
    assert len(answers) == 5 and set(answers[0]) == {'participant', 'choice', 'text', 'reason', 'hidden'}
    assert sum(a['hidden'] for a in answers) == 1
    assert {a['participant'] for a in answers} == {p['ref'] for p in one['participants']}
    rounds = one['encounters']
    assert [(r['activity'], r['number']) for r in rounds] == [(2, 1), (2, 2)]
    assert all(sorted(map(len, r['groups'])) == [2, 3] for r in rounds) and all(r['ends_at'] for r in rounds)
    breakout = two['encounters'][0]
    assert breakout['details'][0]['note'] == 'Samen bellen werkt.\nDelen helpt.'
    assert sorted(p for g in breakout['groups'] for p in g) == sorted(p['ref'] for p in two['participants'])
    assert two['agenda'][-1]['text'] == 'Budgetbegeleiding'  # the topic on the agenda
    assert first['topics'] == [
        {'text': 'Huisbezoeken', 'member': 0, 'dots': 3, 'used_in': None, 'dots_when_used': 0},
        {'text': 'Budgetbegeleiding', 'member': None, 'dots': 0, 'used_in': 1, 'dots_when_used': 1}]
    assert first['agreements'] == [
        {'meeting': 0, 'text': 'Anna stuurt haar procedure door', 'who': 'Anna Peeters', 'done': True},
        {'meeting': 1, 'text': 'Iedereen brengt een casus mee', 'who': '', 'done': False}]

    other = (await repo.create_facilitator('bart', 'x')).id
    name, content = await files.export_file(owner, network_id)
    assert name.startswith('lerend-netwerk-armoede-') and name.endswith('.json')
    copy_id = await files.import_file(other, content)
    assert copy_id != network_id
    second = await files.export(other, copy_id)
    assert without_dots(second) == without_dots(first)

    # made anew: other codes and keys, participants without a device, members linked
    old = await Networks(repo, rooms).planning.meetings(owner, network_id)
    new = await Networks(repo, rooms).planning.meetings(other, copy_id)
    assert {m.join_code for m in old}.isdisjoint({m.join_code for m in new})
    room = await rooms.get(new[1].id)
    assert room.info.facilitator_id == other and room.info.network_id == copy_id
    removed = await repo.removed_participants(new[0].id)
    assert [(p.name, p.organisation, p.member_id) for p in removed] == [('', '', None)]  # the guest, anonymous
    assert removed[0].device_id.startswith('imported-')
    members = {m.id: m.name for m in await repo.networks.members_of(copy_id)}
    assert {members[m] for m in (await repo.networks.members_in(room.info.id)).values()} == \
        {m[0] for m in MEMBERS[1:]}
    assert room.runner('breakout').current(room.agenda.ordered()[1].id).info(1).note.startswith('Samen bellen')
    attendance = await Networks(repo, rooms).members.attendance(other, copy_id)
    assert len(attendance.present) == 8
    assert not room.roster.people  # nobody is in on the new server yet; the members come back as themselves
    for number, member in enumerate(MEMBERS[1:]):
        await Networks(repo, rooms).at_meeting.join(room, f'new-phone-{number}', member[0], member[1])
    here = await repo.networks.members_in(room.info.id)
    assert {members[m] for p, m in here.items() if p in room.roster.people} == {m[0] for m in MEMBERS[1:]}
    met = await room.memory.met()  # the second meeting's engines know who met in the first one's speed date
    assert sum(met.values()) > sum(met_counts(room.history()).values())

    with pytest.raises(Refused) as taken:
        await files.import_(other, first)
    assert taken.value.key == 'error.network_name_taken' and taken.value.params == {'name': 'Lerend netwerk armoede'}
    shouting = copy.deepcopy(first)
    shouting['network']['name'] = 'LEREND NETWERK ARMOEDE'
    with pytest.raises(Refused) as taken:
        await files.import_(other, shouting)
    assert taken.value.key == 'error.network_name_taken'
    with pytest.raises(Refused) as theirs:
        await files.export(other, network_id)
    assert theirs.value.key == 'error.unknown_network'


async def test_minimal_file_and_attendance(repo: Repo, rooms: Rooms) -> None:
    """A file written by hand: only what is required, attendance without participants."""
    owner = (await repo.create_facilitator('anna', 'x')).id
    files = NetworkExport(repo, rooms)
    network_id = await files.import_(owner, {
        'format': 'uitwisselplek-network', 'version': 1, 'network': {'name': 'Klein netwerk'},
        'members': [{'name': 'Anna'}, {'name': 'Bart', 'organisation': 'CAW'}],
        'meetings': [{'title': 'Eerste keer', 'date': '2025-03-01', 'attendance': [1]},
                     {'title': 'Tweede keer', 'agenda': [{'kind': 'open', 'text': 'Hoe gaat het?'}]}]})
    data = await files.export(owner, network_id)
    assert data['network']['planned_meetings'] == 6 and data['network']['dots'] == 3
    assert [m['attendance'] for m in data['meetings']] == [[1], []]
    assert data['meetings'][1]['agenda'][0]['settings']['display'] == 'wall'  # the kind's defaults
    assert data['meetings'][0]['state'] == 'open'


def good() -> dict[str, Any]:
    return {
        'format': 'uitwisselplek-network', 'version': 1, 'network': {'name': 'Netwerk'},
        'members': [{'name': 'Anna', 'organisation': 'OCMW'}],
        'meetings': [{'title': 'Eerste', 'participants': [{'ref': 1, 'member': 0}, {'ref': 2}],
                      'agenda': [{'kind': 'statement', 'text': 'Stelling', 'settings': {'with_doubt': True},
                                  'answers': [{'participant': 1, 'choice': 'agree'}]},
                                 {'kind': 'speed_date', 'text': 'Kennismaken'}],
                      'encounters': [{'activity': 1, 'number': 1, 'seconds': 120, 'groups': [[1, 2]]}]}],
        'topics': [{'text': 'Onderwerp', 'used_in': 0}],
        'agreements': [{'meeting': 0, 'text': 'Afspraak'}],
    }


def changed(path: str, value: object) -> dict[str, Any]:
    """``good()`` with the value at ``path`` ('meetings.0.title') replaced (``...``: removed)."""
    data = good()
    *parents, last = path.split('.')
    target: Any = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return data


BAD = [
    ('not a dict', [1, 2], 'error.import_format'),
    ('no format', changed('format', ...), 'error.import_format'),
    ('another format', changed('format', 'csv'), 'error.import_format'),
    ('newer version', changed('version', 2), 'error.import_version'),
    ('version true', changed('version', True), 'error.import_version'),
    ('no network', changed('network', ...), 'error.import_invalid'),
    ('network not an object', changed('network', 'Netwerk'), 'error.import_invalid'),
    ('no network name', changed('network.name', ''), 'error.network_name_required'),
    ('network name a number', changed('network.name', 7), 'error.import_invalid'),
    ('dots a text', changed('network.dots', '3'), 'error.import_invalid'),
    ('dots too many', changed('network.dots', 99), 'error.dots'),
    ('bad start', changed('network.starts_on', '2025-13-01'), 'error.import_invalid'),
    ('no members', changed('members', ...), 'error.import_invalid'),
    ('members not a list', changed('members', {'name': 'Anna'}), 'error.import_invalid'),
    ('too many members', changed('members', [{'name': f'Lid {i}'} for i in range(MAX_MEMBERS + 1)]),
     'error.import_too_many_members'),
    ('member twice', changed('members', [{'name': 'Anna'}, {'name': 'anna '}]), 'error.member_double'),
    ('member without name', changed('members.0.name', ...), 'error.import_invalid'),
    ('bad e-mail', changed('members.0.email', 'anna@'), 'error.email'),
    ('no meetings', changed('meetings', ...), 'error.import_invalid'),
    ('too many meetings', changed('meetings', [{'title': f'M{i}'} for i in range(MAX_MEETINGS + 1)]),
     'error.import_too_many_meetings'),
    ('no title', changed('meetings.0.title', ...), 'error.import_invalid'),
    ('title too long', changed('meetings.0.title', 'x' * 201), 'error.import_text_too_long'),
    ('NUL in a title', changed('meetings.0.title', 'a\x00b'), 'error.import_invalid'),
    ('lone surrogate', changed('meetings.0.place', '\ud800'), 'error.import_invalid'),
    ('bad state', changed('meetings.0.state', 'running'), 'error.import_invalid'),
    ('bad date', changed('meetings.0.date', 20250101), 'error.import_invalid'),
    ('current out of range', changed('meetings.0.current', 5), 'error.import_invalid'),
    ('unknown kind', changed('meetings.0.agenda.0.kind', 'quiz'), 'error.unknown_kind'),
    ('activity text too long', changed('meetings.0.agenda.0.text', 'x' * 401), 'error.import_text_too_long'),
    ('settings a list', changed('meetings.0.agenda.0.settings', [1]), 'error.import_invalid'),
    ('setting of a wrong type', changed('meetings.0.agenda.0.settings', {'with_doubt': 'ja'}),
     'error.import_invalid'),
    ('minutes not a number', changed('meetings.0.agenda.1.settings', {'minutes': 'twee'}), 'error.import_invalid'),
    ('minutes infinite', changed('meetings.0.agenda.1.settings', {'minutes': float('inf')}), 'error.import_invalid'),
    ('answer of nobody', changed('meetings.0.agenda.0.answers.0.participant', 9), 'error.import_invalid'),
    ('answer twice', changed('meetings.0.agenda.0.answers', [{'participant': 1}, {'participant': 1}]),
     'error.import_invalid'),
    ('answer of a list', changed('meetings.0.agenda.0.answers.0.participant', [1]), 'error.import_invalid'),
    ('choice too long', changed('meetings.0.agenda.0.answers.0.choice', 'x' * 17), 'error.import_text_too_long'),
    ('participant twice', changed('meetings.0.participants.1.ref', 1), 'error.import_invalid'),
    ('participant of no member', changed('meetings.0.participants.1.member', 3), 'error.import_invalid'),
    ('round of a statement', changed('meetings.0.encounters.0.activity', 0), 'error.import_invalid'),
    ('round without seconds', changed('meetings.0.encounters.0.seconds', ...), 'error.import_invalid'),
    ('group of a stranger', changed('meetings.0.encounters.0.groups', [[1, 3]]), 'error.import_invalid'),
    ('group not a list', changed('meetings.0.encounters.0.groups', [1, 2]), 'error.import_invalid'),
    ('bad ends_at', changed('meetings.0.encounters.0.ends_at', 'gisteren'), 'error.import_invalid'),
    ('topic of no meeting', changed('topics.0.used_in', 1), 'error.import_invalid'),
    ('topic without text', changed('topics.0.text', ' '), 'error.import_invalid'),
    ('agreement of no meeting', changed('agreements.0.meeting', ...), 'error.import_invalid'),
    ('agreement who too long', changed('agreements.0.who', 'x' * 81), 'error.import_text_too_long'),
]


@pytest.mark.parametrize(('data', 'key'), [(data, key) for _, data, key in BAD], ids=[name for name, _, _ in BAD])
def test_bad_files_refused(data: object, key: str) -> None:
    with pytest.raises(Refused) as refused:
        parse(data, default_registry())
    assert refused.value.key == key


def test_good_file_parses_and_refusals_say_where() -> None:
    plan = parse(good(), default_registry())
    assert plan.meetings[0].rounds[0].groups[0].members == (1, 2)
    with pytest.raises(Refused) as refused:
        parse(changed('meetings.0.agenda.0.answers.0.participant', 9), default_registry())
    assert refused.value.params == {'where': 'meetings[0].agenda[0].answers[0].participant'}


async def test_refused_import_writes_nothing(repo: Repo, rooms: Rooms) -> None:
    owner = (await repo.create_facilitator('anna', 'x')).id
    files = NetworkExport(repo, rooms)
    for raw in (b'not json', '{"format": 1}', json.dumps(changed('topics.0.used_in', 1))):
        with pytest.raises(Refused):
            await files.import_file(owner, raw)
    assert await repo.networks.networks_of(owner) == []
    assert await files.import_file(owner, json.dumps(good()).encode()) > 0


def test_text_limits_fit_the_columns() -> None:
    columns = {'title': models.Meeting.title, 'place': models.Meeting.place, 'host': models.Meeting.host,
               'activity': models.Activity.text, 'choice': models.Response.choice,
               'location': models.RoundGroup.location, 'topic': models.Topic.text,
               'agreement': models.Agreement.text, 'who': models.Agreement.who}
    for key, column in columns.items():
        assert isinstance(column.type, String) and TEXT[key] == column.type.length, key


def test_file_name() -> None:
    on = date(2025, 3, 1)
    assert file_name('Lerend netwerk — Zorg & Welzijn', on) == 'lerend-netwerk-zorg-welzijn-2025-03-01.json'
    assert file_name('***', on) == 'netwerk-2025-03-01.json'
