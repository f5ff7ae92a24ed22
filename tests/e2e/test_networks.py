"""A learning network in real Chromium: members, meeting 1 with speed dating on four phones, meeting 2 made from
meeting 1 (the phones are welcomed back, nobody meets the same person again), a preparer link, topics with dots,
forget-me."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, figure, goto, login, save

MEMBERS = [('Anna Peeters', 'Woonzorg Brugge'), ('Bram Janssens', 'OCMW Gent'), ('Chloë Maes', 'CAW Oost-Vlaanderen'),
           ('Dries Claes', 'Vzw Ons Huis'), ('Els Wouters', 'Woonzorg Brugge'), ('Fien Mertens', 'OCMW Gent'),
           ('Gert Jacobs', 'CAW Oost-Vlaanderen'), ('Hanne Willems', 'Stad Leuven')]
PRESENT = MEMBERS[:4]


def partners(phone: Page) -> set[str]:
    expect(phone.get_by_test_id('partner-name').first).to_be_visible()
    return set(phone.get_by_test_id('partner-name').all_inner_texts())


def pairs_seen(phones: list[Page]) -> set[frozenset[str]]:
    seen = {frozenset({name, *partners(phone)}) for (name, _), phone in zip(PRESENT, phones, strict=True)}
    assert sorted(p for pair in seen for p in pair) == sorted(name for name, _ in PRESENT)
    return seen


def open_activity(control: Page, text: str) -> None:
    item = control.get_by_test_id('agenda-item').filter(has_text=text)
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()


def plan_meeting(control: Page, network_url: str) -> tuple[str, int, float]:
    """From the network page; returns the control URL, the clicks it took and the seconds."""
    goto(control, network_url)
    started = time.perf_counter()
    control.get_by_role('button', name='Volgende bijeenkomst plannen').click()
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url('**/control')
    expect(control.get_by_test_id('join-code')).to_be_visible()
    return control.url, 2, time.perf_counter() - started


def test_a_network_of_meetings(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='Nieuw netwerk').click()
    control.get_by_label('Naam van het netwerk').fill('Lerend netwerk <b>armoede</b> & wonen')
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url(re.compile(r'.*/n/\d+$'))
    network_url = control.url
    expect(control.get_by_test_id('network-name')).to_have_text('Lerend netwerk <b>armoede</b> & wonen')  # as text

    # eight members pasted, one of them twice and one line without a name: a message, nothing added twice
    control.get_by_role('button', name='Lijst plakken').click()
    lines = [f'{name}, {org}' for name, org in MEMBERS] + ['anna peeters, woonzorg brugge', ', OCMW Gent']
    control.get_by_test_id('paste-text').fill('\n'.join(lines))
    control.get_by_role('button', name='Toevoegen', exact=True).click()
    expect(control.get_by_text('8 leden toegevoegd')).to_be_visible()
    expect(control.get_by_text('Al lid, niet opnieuw toegevoegd (regel 9).')).to_be_visible()
    expect(control.get_by_text(re.compile('Regel 10:'))).to_be_visible()
    expect(control.get_by_test_id('member-row')).to_have_count(8)

    # meeting 1 from the kick-off template (expectations, speed dating, …); four members come
    url1, _, _ = plan_meeting(control, network_url)
    code1 = control.get_by_test_id('join-code').inner_text().strip()
    phones = [people.phone() for _ in PRESENT]
    for (name, org), phone in zip(PRESENT, phones, strict=True):
        goto(phone, f'{server.url}/{code1}')
        phone.get_by_label('Je naam').fill(name)
        phone.get_by_label('Je organisatie').fill(org)
        phone.get_by_role('button', name='Ik doe mee').click()
        expect(phone.get_by_text('Je bent binnen')).to_be_visible()
    expect(control.get_by_test_id('guest-row')).to_have_count(0)  # all four matched to their member

    # Anna answers the expectations question with her name in the report
    open_activity(control, 'verwacht')
    phones[0].get_by_label('Jouw antwoord').fill('Leren hoe anderen wachtlijsten aanpakken')
    phones[0].get_by_text('Mijn naam mag bij mijn antwoord in het verslag').click()
    phones[0].get_by_role('button', name='Versturen').click()
    expect(phones[0].get_by_test_id('received')).to_be_visible()

    open_activity(control, 'Speed')
    control.get_by_role('button', name='Koppels maken').click()
    first = pairs_seen(phones)
    control.get_by_role('button', name='Start', exact=True).click()
    # an agreement noted in meeting 1
    control.get_by_test_id('agreement-text').fill('Anna stuurt haar procedure door')
    control.get_by_test_id('agreement-who').fill('Anna')
    control.get_by_test_id('add-agreement').click()
    expect(control.get_by_test_id('agreement-here')).to_have_count(1)

    # meeting 2 from meeting 1: two clicks
    url2, clicks, took = plan_meeting(control, network_url)
    figure(f'network: meeting 2 created from meeting 1 in {clicks} clicks, {took:.1f} s (click to control view)')
    code2 = control.get_by_test_id('join-code').inner_text().strip()
    assert code2 != code1
    expect(control.get_by_test_id('agenda-item')).to_have_count(5)  # the agenda came along, without answers
    expect(control.get_by_test_id('earlier-agreement')).to_have_text('Anna stuurt haar procedure door — Anna')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    control.get_by_test_id('show-agreements').click()
    expect(screen.get_by_test_id('screen-agreement')).to_have_text('Anna stuurt haar procedure door — Anna')
    save(screen, 'screen-network-agreements')

    # the same four phones are welcomed back by name and need one tap
    for (name, _), phone in zip(PRESENT, phones, strict=True):
        goto(phone, f'{server.url}/{code2}')
        expect(phone.get_by_test_id('welcome-back')).to_have_text(f'Welkom terug, {name}')
        phone.get_by_test_id('that-is-me').click()
        expect(phone.get_by_test_id('my-name')).to_have_text(name)
    save(phones[0], 'phone-network-joined')
    open_activity(control, 'Speed')
    control.get_by_role('button', name='Koppels maken').click()
    second = pairs_seen(phones)
    repeats = len(first & second)
    figure(f'network: pairs repeated from meeting 1 in meeting 2 round 1: {repeats} of {len(second)}')
    assert repeats == 0

    # a preparer link edits meeting 2's agenda and opens nothing else
    goto(control, network_url)
    meeting2 = control.get_by_test_id('network-meeting').nth(1)
    meeting2.get_by_test_id('preparer-select').click()
    control.get_by_role('option', name='Bram Janssens (OCMW Gent)').click()
    meeting2.get_by_test_id('add-preparer').click()
    link = control.get_by_test_id('network-meeting').nth(1).get_by_test_id('preparer-link')
    expect(link).to_be_visible()
    prepare_url = link.input_value()
    preparer = people.laptop(1000, 800)
    goto(preparer, prepare_url)
    expect(preparer.get_by_test_id('prepare-title')).to_contain_text('Bijeenkomst 2')
    expect(preparer.get_by_role('button', name='Antwoorden (CSV)')).to_have_count(0)
    expect(preparer.get_by_role('button', name='Nu tonen en laten antwoorden')).to_have_count(0)
    preparer.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = preparer.get_by_role('dialog')
    dialog.get_by_role('button', name='Stelling', exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill('Wachtlijsten zijn onvermijdelijk.')
    dialog.get_by_role('button', name='Bewaren').click()
    expect(preparer.get_by_test_id('agenda-item')).to_have_count(6)
    goto(control, url2)
    expect(control.get_by_test_id('agenda-item').filter(has_text='Wachtlijsten zijn onvermijdelijk.')).to_have_count(1)
    meeting2_id = re.search(r'/m/(\d+)/', url2)[1]
    meeting1_id = re.search(r'/m/(\d+)/', url1)[1]
    goto(preparer, f'{server.url}/m/{meeting2_id}/control')
    expect(preparer.get_by_test_id('access-denied')).to_be_visible()  # no roster, no answers
    goto(preparer, prepare_url.replace(f'/m/{meeting2_id}/', f'/m/{meeting1_id}/'))
    expect(preparer.get_by_test_id('access-denied')).to_be_visible()  # the key is for meeting 2 only

    # a member proposes a topic and three others place a dot; everyone sees it live
    for phone in phones:
        phone.get_by_test_id('topics').locator('.q-expansion-item__container > .q-item').click()
    phones[0].get_by_test_id('topic-input').fill('Hoe gaan jullie om met <script>wachtlijsten</script>?')
    phones[0].get_by_test_id('propose-topic').click()
    for phone in phones[1:]:
        topic = phone.get_by_test_id('topic').filter(has_text='<script>wachtlijsten</script>')
        topic.get_by_test_id('add-dot').click()
    expect(phones[0].get_by_test_id('topic-dots')).to_have_text('3')
    expect(phones[1].get_by_test_id('dots-left')).to_have_text('Je hebt nog 2 van je 3 stippen.')
    expect(control.get_by_test_id('control-topic')).to_contain_text('3 stippen')
    save(phones[1], 'phone-network-topics')
    save(control, 'control-network-meeting')

    # forget-me: Anna's name leaves meeting 1's CSV export, her answer stays
    goto(control, network_url)
    control.get_by_test_id('member-row').filter(has_text='Anna Peeters').get_by_test_id('forget-member').click()
    control.get_by_test_id('forget-confirm').click()
    expect(control.get_by_test_id('member-row')).to_have_count(7)
    save(control, 'network-page')
    goto(control, url1)
    with control.expect_download() as download:
        control.get_by_role('button', name='Antwoorden (CSV)').click()
    exported = Path(download.value.path()).read_text(encoding='utf-8-sig')
    assert 'Leren hoe anderen wachtlijsten aanpakken' in exported
    assert 'Anna' not in exported
    rows = list(csv.reader(io.StringIO(exported)))
    assert len(rows) >= 2

    # the network moves: exported as JSON, imported (under another name, the first one is taken) as a new network
    goto(control, network_url)
    with control.expect_download() as download:
        control.get_by_test_id('export-network').click()
    data = json.loads(Path(download.value.path()).read_text(encoding='utf-8'))
    assert len(data['members']) == 7 and 'Anna Peeters' not in json.dumps(data, ensure_ascii=False)
    moved = Path(download.value.path()).with_name('moved.json')
    goto(control, f'{server.url}/dashboard')
    control.get_by_role('button', name='Netwerk importeren').click()
    upload = control.locator('.q-uploader input[type=file]')
    moved.write_text(json.dumps(data), encoding='utf-8')
    upload.set_input_files(str(moved))
    expect(control.get_by_text('Je hebt al een netwerk met de naam')).to_be_visible()  # a clear message
    data['network']['name'] = 'Verhuisd netwerk'
    moved.write_text(json.dumps(data), encoding='utf-8')
    upload.set_input_files(str(moved))
    control.wait_for_url(re.compile(r'.*/n/\d+$'))
    assert control.url != network_url
    expect(control.get_by_test_id('network-name')).to_have_text('Verhuisd netwerk')
    expect(control.get_by_test_id('member-row')).to_have_count(7)
    expect(control.get_by_test_id('network-meeting')).to_have_count(2)
