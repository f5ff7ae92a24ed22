"""A meeting people can trust, in real Chromium: removed means removed, a flood is refused and cleaned up, a
round that runs out ends everywhere, a partner who leaves is told, long names and texts are never cut off, and
page loads that never connect cost nothing."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save, start_server
from tests.e2e.test_statements import add, start, vote

LONG_NAME = 'jan.vandenbroeck@woonzorg-brugge-oost.be'  # 40 characters, no space to break at


@pytest.fixture
def flood_server(tmp_path: Path) -> Iterator[Server]:
    server = start_server(tmp_path / 'server', JOINS_PER_ADDRESS='5')
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    server = start_server(tmp_path / 'server')
    yield server
    server.stop()


def no_sideways_scroll(page: Page) -> None:
    """No element sticks out: the page is as wide as the viewport (once a click's ripple has faded)."""
    try:
        page.wait_for_function('document.documentElement.scrollWidth <= window.innerWidth', timeout=5000)
    except Exception as error:
        width = page.evaluate('document.documentElement.scrollWidth')
        raise AssertionError(f'{page.url} is {width} px wide') from error


def new_meeting(people: People, server: Server, title: str) -> tuple[Page, str]:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, title)
    return control, control.get_by_test_id('join-code').inner_text().strip()


def test_a_removed_device_stays_out(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Veilige omgeving')
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Dries')
    control.get_by_test_id('roster-row').filter(has_text='Dries').get_by_role('button').click()
    control.get_by_role('dialog').get_by_role('button', name='Verwijderen').click()
    expect(phone.get_by_test_id('removed')).to_be_visible()
    phone.reload()  # a reload, or another name from the same browser, does not get them back in
    expect(phone.get_by_test_id('removed')).to_be_visible()
    expect(phone.get_by_role('button', name='Ik doe mee')).to_have_count(0)
    expect(control.get_by_test_id('roster-count')).to_have_text('0 deelnemers, 0 online')
    control.get_by_role('button', name='Opnieuw toelaten').click()  # the facilitator lets them back in
    expect(phone.get_by_role('button', name='Ik doe mee')).to_be_visible()
    phone.get_by_label('Je naam').fill('Dries')
    phone.get_by_role('button', name='Ik doe mee').click()
    expect(phone.get_by_text('Je bent binnen')).to_be_visible()


def test_a_join_flood_is_refused_and_removed_in_bulk(flood_server: Server, people: People) -> None:
    control, code = new_meeting(people, flood_server, 'Overspoeld')
    phones = [people.phone() for _ in range(8)]
    refused = 0
    for i, phone in enumerate(phones):
        goto(phone, f'{flood_server.url}/{code}')
        phone.get_by_label('Je naam').fill(f'Bot {i}')
        phone.get_by_role('button', name='Ik doe mee').click()
        outcome = phone.get_by_text('Je bent binnen').or_(phone.get_by_text('Er komen nu te veel mensen'))
        expect(outcome).to_be_visible()
        refused += phone.get_by_text('Er komen nu te veel mensen').count() > 0
    figure(f'join flood from one address (limit 5 per 10 min): {refused} of 8 refused with a message')
    assert refused == 3
    expect(control.get_by_test_id('roster-count')).to_have_text('5 deelnemers, 5 online')
    control.get_by_role('button', name='Recent binnengekomen verwijderen').click()
    control.get_by_role('dialog').get_by_role('button', name='Verwijderen').click()
    expect(control.get_by_test_id('roster-count')).to_have_text('0 deelnemers, 0 online')
    expect(control.get_by_test_id('removed-row')).to_have_count(5)
    expect(phones[0].get_by_test_id('removed')).to_be_visible()


def test_a_round_that_runs_out_and_a_partner_who_leaves(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Rondes')
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Speed dating', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Leer elkaar kennen')
    dialog.get_by_label('Minuten per ronde').fill('0.5')
    dialog.get_by_role('button', name='Bewaren').click()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    names = ['Anna', 'Bert', 'Chris', LONG_NAME]
    phones = {name: people.phone() for name in names}
    for name, phone in phones.items():
        join(phone, f'{server.url}/{code}', name, 'Woonzorg')
    control.get_by_test_id('agenda-item').get_by_role('button', name='Nu tonen en laten antwoorden').click()
    control.get_by_role('button', name='Koppels maken').click()
    control.get_by_role('button', name='Start', exact=True).click()
    expect(screen.get_by_test_id('pair')).to_have_count(2)
    for phone in phones.values():
        no_sideways_scroll(phone)
    save(phones[LONG_NAME], 'phone-long-name-pair')

    # Anna's partner leaves during the round: Anna is told, the facilitator pairs the ones left alone
    partner = phones['Anna'].get_by_test_id('partner-name').inner_text()
    leaver = phones[partner]
    leaver.get_by_role('button', name='Verlaten').click()
    leaver.get_by_role('dialog').get_by_role('button', name='Verlaten').click()
    expect(phones['Anna'].get_by_test_id('partner-left')).to_have_text(f'{partner} is vertrokken.')
    expect(screen.get_by_test_id('pair')).to_have_count(1)  # the broken pair is no longer shown as talking
    control.get_by_role('button', name='Nu koppelen').click()
    expect(phones['Anna'].get_by_test_id('partner-name')).to_have_count(2)  # joined the other pair: a trio
    expect(screen.get_by_test_id('pair')).to_have_count(1)

    # nobody presses anything: at zero the server tells every view
    expect(control.get_by_test_id('control-phase')).to_have_text('voorbij', timeout=45_000)
    # the three left have all met: the planned rounds are done, one more can still be made
    expect(control.get_by_test_id('rounds-done')).to_be_visible()
    expect(control.get_by_role('button', name='Toch nog een ronde')).to_be_visible()
    expect(control.get_by_role('button', name='Pauze')).to_have_count(0)
    expect(screen.get_by_test_id('countdown')).to_have_text('Wissel!')
    expect(phones['Anna'].get_by_test_id('countdown')).to_have_text('Wissel!')


def test_long_names_and_texts_are_never_cut_off(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Lange namen')
    statement = ('Bij een lerend netwerk kijk ik altijd eerst de kat uit de boom, want als je zelf eerst veel kennis '
                 'deelt riskeer je dat je er niets voor terugkrijgt en met lege handen achterblijft, terwijl de '
                 'anderen met jouw ideeën aan de haal gaan en je er zelf geen enkel voordeel uit haalt, zeker als je '
                 'nog maar net begint en niemand kent.')[:299] + '…'
    assert len(statement) == 300  # the most the app allows
    add(control, 'Stelling', statement)
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phone = people._page(viewport={'width': 360, 'height': 640}, is_mobile=True, has_touch=True)
    join(phone, f'{server.url}/{code}', LONG_NAME, 'Woon- en zorgcentrum Sint-Jozef Oostkamp-Ruddervoorde')
    expect(screen.get_by_test_id('wall-name')).to_have_text([LONG_NAME])
    right = screen.get_by_test_id('wall-name').bounding_box()
    assert right['x'] + right['width'] <= 1920
    no_sideways_scroll(phone)
    start(control, statement[:40])
    question = screen.get_by_test_id('screen-question')
    expect(question).to_have_text(statement)
    box = question.bounding_box()
    assert box['y'] >= 0 and box['y'] + box['height'] <= 1080  # all of it on the projector
    assert question.evaluate('e => e.scrollHeight <= e.clientHeight + 1')  # nothing clipped inside
    save(screen, 'screen-300-characters')
    no_sideways_scroll(phone)
    save(phone, 'phone-360-statement')


def test_page_loads_that_never_connect_cost_no_subscriptions(flood_server: Server, people: People) -> None:
    server = flood_server  # its own server: no pages of other tests come and go meanwhile
    control, code = new_meeting(people, server, 'Geen socket')
    baseline = server.health()['subscribers']
    started = time.perf_counter()
    for _ in range(200):
        with urllib.request.urlopen(f'{server.url}/{code}', timeout=10) as response:
            assert response.status == 200
    figure(f'200 anonymous page loads without a socket: subscribers {baseline} -> {server.health()["subscribers"]}'
           f' ({(time.perf_counter() - started) * 1000 / 200:.0f} ms per load)')
    assert server.health()['subscribers'] <= baseline
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Anna')  # a page that does connect follows the meeting
    expect(control.get_by_test_id('roster-count')).to_have_text('1 deelnemer, 1 online')
    assert server.health()['subscribers'] > baseline


def test_a_tap_made_offline_is_never_lost_without_a_word(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Slecht bereik')
    add(control, 'Stelling', 'Eerste stelling')
    add(control, 'Stelling', 'Tweede stelling')
    phone, other = people.phone(), people.phone()
    join(phone, f'{server.url}/{code}', 'Anna')
    join(other, f'{server.url}/{code}', 'Bert')
    start(control, 'Eerste stelling')
    expect(phone.get_by_test_id('activity-text')).to_have_text('Eerste stelling')

    # 1. signal lost, a tap, and meanwhile the facilitator closes the vote: the phone says it did not count
    phone.context.set_offline(True)
    expect(phone.locator('#popup')).to_have_attribute('aria-hidden', 'false')  # the phone knows it is offline
    phone.get_by_test_id('vote-agree').click()
    expect(phone.get_by_test_id('not-sent')).to_be_visible()
    expect(phone.get_by_test_id('received')).to_be_hidden()  # never "Ontvangen" for a tap that did not arrive
    control.get_by_role('button', name='Stemmen sluiten').click()
    phone.context.set_offline(False)
    expect(phone.get_by_text('Je keuze telde niet')).to_be_visible()
    expect(phone.get_by_test_id('not-sent')).to_be_hidden()
    expect(control.get_by_test_id('live-answered')).to_have_text('0 van 2 geantwoord')

    # 2. offline past the reconnect window (the server forgot the page, the phone reloads): still sent
    start(control, 'Tweede stelling')
    expect(other.get_by_test_id('activity-text')).to_have_text('Tweede stelling')
    other.context.set_offline(True)
    expect(other.locator('#popup')).to_have_attribute('aria-hidden', 'false')
    other.get_by_test_id('vote-disagree').click()
    expect(other.get_by_test_id('not-sent')).to_be_visible()
    time.sleep(5)  # the e2e server keeps a lost page 3 s
    other.context.set_offline(False)
    expect(control.get_by_test_id('live-answered')).to_have_text('1 van 2 geantwoord', timeout=20_000)
    expect(other.get_by_test_id('received')).to_be_visible(timeout=20_000)
    expect(other.get_by_test_id('vote-disagree')).to_have_attribute('aria-pressed', 'true')


def test_text_being_typed_survives_the_page_changing_around_it(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Oogsten')
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Werkgroepen (breakout)', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Wissel ervaringen uit')
    dialog.get_by_role('button', name='Aantal groepen').click()
    dialog.get_by_label('Hoeveel').fill('1')
    dialog.get_by_role('button', name='Bewaren').click()
    add(control, 'Stelling', 'Delen loont')
    els, jef = people.phone(), people.phone()
    join(els, f'{server.url}/{code}', 'Els', 'CAW')
    join(jef, f'{server.url}/{code}', 'Jef', 'OCMW')
    control.get_by_test_id('agenda-item').filter(has_text='Wissel ervaringen uit') \
        .get_by_role('button', name='Nu tonen en laten antwoorden').click()
    control.get_by_role('button', name='Groepen maken').click()
    control.get_by_role('button', name='Start', exact=True).click()
    expect(els.get_by_test_id('group-name')).to_be_visible()
    els.get_by_test_id('note').fill('Wat werkt: intervisie met een vaste trekker')
    time.sleep(0.5)  # what she typed has reached the server (NiceGUI sends the value as she types)

    late = people.phone()  # a latecomer joins her group: the group card is rebuilt with a new member
    goto(late, f'{server.url}/{code}')
    late.get_by_label('Je naam').fill(LONG_NAME)
    late.get_by_role('button', name='Ik doe mee').click()
    expect(late.get_by_test_id('group-name')).to_be_visible()
    expect(els.get_by_test_id('group-member')).to_have_count(2)
    no_sideways_scroll(els)  # a 40-character name in the group card
    no_sideways_scroll(late)
    expect(els.get_by_test_id('note')).to_have_value('Wat werkt: intervisie met een vaste trekker')

    # a reason being typed survives the facilitator correcting the statement's text
    start(control, 'Delen loont')
    expect(jef.get_by_test_id('activity-text')).to_have_text('Delen loont')
    jef.get_by_test_id('vote-agree').click()
    jef.get_by_test_id('reason-input').fill('Omdat ik zelf ook veel leer')
    time.sleep(0.5)
    control.get_by_test_id('agenda-item').filter(has_text='Delen loont').get_by_role('button', name='Aanpassen').click()
    control.get_by_role('dialog').get_by_label('Stelling of vraag').fill('Kennis delen loont altijd')
    control.get_by_role('dialog').get_by_role('button', name='Bewaren').click()
    expect(jef.get_by_test_id('activity-text')).to_have_text('Kennis delen loont altijd')
    expect(jef.get_by_test_id('reason-input')).to_have_value('Omdat ik zelf ook veel leer')


def reveal_time(people: People, server: Server, control: Page, code: str, phones: int, *,
                agenda_first: bool) -> tuple[float, float]:
    """Seconds from "Toon resultaten" to the chart on the screen, and on the last of the phones."""
    screen = people.projector()
    statement = f'Delen loont ({"voorbereid" if agenda_first else "achteraf toegevoegd"})'
    if agenda_first:  # the pages know a chart will come: they load the chart library while idle
        add(control, 'Stelling', statement, hidden=True)
    goto(screen, control.get_by_test_id('screen-link').input_value())
    pages = [people.phone() for _ in range(phones)]
    for i, phone in enumerate(pages):
        join(phone, f'{server.url}/{code}', f'Deelnemer {i + 1}')
    if not agenda_first:
        add(control, 'Stelling', statement, hidden=True)
    start(control, statement)
    for phone in pages[:3]:
        vote(phone, 'agree', statement)
    expect(screen.get_by_test_id('results-hidden')).to_be_visible()
    started = time.perf_counter()
    control.get_by_role('button', name='Toon resultaten').click()
    expect(screen.get_by_test_id('result-chart').locator('svg')).to_be_visible(timeout=30_000)
    on_screen = time.perf_counter() - started
    for phone in pages:
        expect(phone.get_by_test_id('result-chart').locator('svg')).to_be_visible(timeout=30_000)
    return on_screen, time.perf_counter() - started


def test_the_first_chart_is_as_fast_as_the_later_ones(fresh_server: Server, people: People) -> None:
    server = fresh_server
    control, code = new_meeting(people, server, 'Eerste grafiek')
    warm = reveal_time(people, server, control, code, 13, agenda_first=True)
    people.close()
    people.contexts.clear()
    control, code = new_meeting(people, server, 'Eerste grafiek, koud')
    cold = reveal_time(people, server, control, code, 13, agenda_first=False)
    figure(f'first reveal, chart library loaded while idle: screen {warm[0]:.2f} s, 13 phones {warm[1]:.2f} s '
           f'(not loaded before: screen {cold[0]:.2f} s, 13 phones {cold[1]:.2f} s)')
