"""The report service on a real database: a running meeting's report, its share key, a network's report, the files."""

from __future__ import annotations

import io

import pytest

from app.i18n import translator
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.reports import Reports, file_name
from app.services.series import NetworkParts
from app.store.repo import Repo

T = translator('nl')


@pytest.fixture
def services(repo: Repo, rooms) -> tuple[Networks, Reports]:
    networks = Networks(repo, rooms)
    return networks, Reports(repo, rooms, networks, default_registry(), NetworkParts(repo, default_registry()))


async def meeting(repo: Repo, rooms, networks: Networks):
    anna = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(anna.id, 'Wonen en zorg')
    meeting_id = await networks.planning.plan(anna.id, network_id, 'Eerste bijeenkomst', place='Brugge',
                                              host='Woonzorg')
    room = await rooms.get(meeting_id)
    people = [await room.roster.join(f'device-{n}', name, org) for n, (name, org) in enumerate(
        [('Anna', 'Woonzorg'), ('Bert', 'Woonzorg'), ('Chris', ''), ('Dirk', 'Stad')])]
    statement = await room.agenda.add('statement', 'Kennis delen loont', {'ask_reason': True})
    await room.agenda.open(statement.id)
    await room.agenda.answer(people[0].id, statement.id, choice='agree', reason='Het werkt', show_name=True)
    await room.agenda.answer(people[1].id, statement.id, choice='disagree', reason='Geheime reden')
    await room.agenda.hide(statement.id, people[1].id)
    await room.agenda.answer(people[2].id, statement.id, choice='agree', reason='Tijdwinst')
    breakout = await room.agenda.add('breakout', 'In groepen', {'group_value': 2, 'group_questions': 'Hoe start je?'})
    await room.agenda.open(breakout.id)
    runner = room.runner('breakout')
    await runner.new_round(room.agenda.activities[breakout.id])
    await runner.save_note(breakout.id, 1, 0, '', 'Oogst: samen starten\nen doorgaan')
    await networks.agreements.agree(room, 'Volgende keer in Gent', 'Dirk')
    await room.roster.leave(people[2].id)  # left after answering: was there all the same
    return anna, network_id, room


async def test_report_of_a_running_meeting(repo: Repo, rooms, services) -> None:
    networks, reports = services
    _, _, room = await meeting(repo, rooms, networks)
    report = await reports.report(room, T, 'nl')
    assert (report.title, report.place, report.host) == ('Eerste bijeenkomst', 'Brugge', 'Woonzorg')
    assert report.attendance.total == 4
    assert report.attendance.names == ('Anna (Woonzorg)',)
    assert dict(report.attendance.others) == {'Woonzorg': 1, 'Stad': 1, 'zonder organisatie': 1}
    assert [a.text for a in report.agreements] == ['Volgende keer in Gent']
    document = await reports.document(room, T, 'nl')
    text = reports.markdown(document, T)
    assert 'Het werkt — Anna' in text and 'Tijdwinst' in text and 'Geheime reden' not in text
    assert 'Oogst: samen starten' in text and 'Hoe start je?' in text
    assert 'Bert' not in text and 'Chris' not in text
    pdf = await reports.pdf(document, T)
    pypdf = pytest.importorskip('pypdf')
    assert 'en doorgaan' in ' '.join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


async def test_share_key_revoked_or_of_another_meeting(repo: Repo, rooms, services) -> None:
    networks, reports = services
    anna, network_id, room = await meeting(repo, rooms, networks)
    assert await reports.shared(room.info.id, '') is None  # no link made yet
    key = await room.invites.new_report_key()
    assert await reports.shared(room.info.id, key) is room
    other = await rooms.get(await networks.planning.plan(anna.id, network_id, 'Tweede'))
    other_key = await other.invites.new_report_key()
    assert await reports.shared(room.info.id, other_key) is None
    assert await reports.shared(None, key) is None
    renewed = await room.invites.new_report_key()
    assert await reports.shared(room.info.id, key) is None and await reports.shared(room.info.id, renewed) is room
    await room.invites.revoke_report_key()
    assert await reports.shared(room.info.id, renewed) is None
    fresh = await Rooms(repo, LocalBus(), default_registry()).get(room.info.id)
    assert fresh.info.report_key == ''  # stored, not only in memory


async def test_network_report_has_every_meeting(repo: Repo, rooms, services) -> None:
    networks, reports = services
    anna, network_id, _ = await meeting(repo, rooms, networks)
    await networks.planning.plan(anna.id, network_id, 'Tweede bijeenkomst')
    document = await reports.network(anna.id, network_id, T, 'nl')
    assert [r.title for r in document.reports] == ['Eerste bijeenkomst', 'Tweede bijeenkomst']
    text = reports.markdown(document, T)
    assert text.startswith('# Verslag: Wonen en zorg') and '## Tweede bijeenkomst' in text
    assert await reports.network(anna.id + 1, network_id, T, 'nl') is None  # not theirs
    assert file_name(document.title, 'pdf') == 'verslag-wonen-en-zorg.pdf'
