"""The network map in real Chromium: five phones mark whom they asked and helped, the screen draws five people and the
planted ties (no names until the facilitator shows them), the control view has the figures and who nobody asked; a
late joiner appears on the phones' lists; a phone reloads and finds its map."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, join, login, save

QUESTION = 'Wie heb je sinds de vorige bijeenkomst om hulp gevraagd, en wie heb je geholpen?'
PEOPLE = [('Marie-Christine Vandenbroucke-Van Damme', 'Woonzorgcentrum Sint-Jozef Oostende'),
          ('Bram Peeters', 'OCMW Gent'), ('Chloé Martens', 'Thuiszorg Vlaanderen'), ('Dirk Janssens', 'OCMW Gent'),
          ('Eva Wouters', '')]
# who marks whom: (phone, direction, person); five distinct pairs, four across organisations (Eva has none)
PLANTED = {0: [('asked', 1), ('gave', 2)], 1: [('asked', 2)], 2: [], 3: [('gave', 0)], 4: [('asked', 0)]}


def add_map(control: Page) -> None:
    """Add the map from the agenda editor (unless the agenda was copied with one) and open it."""
    item = control.get_by_test_id('agenda-item').filter(has_text=QUESTION)
    if item.count():
        item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
        expect(control.get_by_test_id('live-state')).to_contain_text('loopt')
        return
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Netwerkkaart', exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill(QUESTION)
    expect(dialog.get_by_label('Reflectievraag daarna')).to_have_value('Wat maakt het moeilijk om hulp te vragen?')
    dialog.get_by_role('button', name='Bewaren').click()
    expect(item).to_be_visible()
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    expect(control.get_by_test_id('live-state')).to_contain_text('loopt')


def person(phone: Page, name: str) -> Locator:
    return phone.get_by_test_id('map-person').filter(has_text=name)


def chart_option(page: Page, test_id: str, expression: str) -> object:
    return page.get_by_test_id(test_id).evaluate(f'el => {{ const o = getElement(el).options; return {expression}; }}')


def test_network_map_live(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Lerend netwerk thuiszorg')
    code = control.get_by_test_id('join-code').inner_text().strip()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phones = [people.phone() for _ in PEOPLE]
    for phone in phones[:2]:  # the smallest phone: the longest name is on it, and in its list
        phone.set_viewport_size({'width': 360, 'height': 640})
    for phone, (name, organisation) in zip(phones, PEOPLE, strict=True):
        join(phone, f'{server.url}/{code}', name, organisation)
    add_map(control)

    expect(screen.get_by_test_id('map-empty')).to_have_text('Nog niemand heeft de kaart ingevuld.')
    expect(screen.get_by_test_id('answered')).to_have_text('0 van 5 geantwoord')
    first = phones[0]
    expect(first.get_by_test_id('activity-text')).to_have_text(QUESTION)
    expect(first.get_by_test_id('map-person')).to_have_count(4)  # everyone else, never yourself
    expect(person(first, PEOPLE[0][0])).to_have_count(0)
    expect(first.get_by_test_id('block-reflection')).to_be_hidden()  # after the map
    save(first, 'phone-network-map')
    person(phones[1], PEOPLE[0][0]).scroll_into_view_if_needed()
    save(phones[1], 'phone-network-map-long-name')
    assert phones[1].evaluate('document.documentElement.scrollWidth <= window.innerWidth')

    for i, marks in PLANTED.items():
        phone = phones[i]
        for direction, whom in marks:
            button = person(phone, PEOPLE[whom][0]).get_by_test_id(f'map-{direction}')
            button.click()
            expect(button).to_have_attribute('aria-pressed', 'true')
        if i == 4:
            phone.get_by_test_id('map-outside-client').get_by_test_id('map-asked').click()
        phone.get_by_test_id('map-save').click()
        expect(phone.get_by_test_id('received')).to_be_visible()
    expect(screen.get_by_test_id('answered')).to_have_text('5 van 5 geantwoord')
    expect(screen.get_by_test_id('map-figures')).to_have_text('5 mensen · 5 banden')
    chart = screen.get_by_test_id('map-chart')
    expect(chart).to_have_attribute('data-nodes', '5')
    expect(chart).to_have_attribute('data-ties', '5')
    assert chart_option(screen, 'map-chart', 'o.series[0].data.length') == 5
    assert chart_option(screen, 'map-chart', 'o.series[0].links.length') == 5  # one arrow per mark
    names = chart_option(screen, 'map-chart', 'o.series[0].data.map(d => d.name).join("|")')
    assert 'Bram' not in str(names) and 'Dirk' not in str(names)  # anonymous: no name reaches the screen
    expect(screen.get_by_test_id('map-empty')).to_be_hidden()
    screen.wait_for_timeout(1500)  # the force layout settles
    save(screen, 'screen-network-map')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')  # no scrolling

    # the facilitator: the figures, and who nobody asked (never on the screen)
    expect(control.get_by_test_id('map-figure-ties')).to_have_text('5')
    expect(control.get_by_test_id('map-figure-across')).to_have_text('4')
    expect(control.get_by_test_id('map-figure-density')).to_have_text('50%')
    expect(control.get_by_test_id('map-nobody-asked')).to_have_text('Nog door niemand gevraagd: Dirk Janssens, '
                                                                     'Eva Wouters')
    assert 'Dirk' not in screen.locator('body').inner_text()  # what the screen shows (the welcome wall is hidden)
    save(control, 'control-network-map')

    # the reflection, on the smallest phone; a reload brings the map and the text back
    first.get_by_test_id('input-reflection').fill('Ik wil niemand lastigvallen met mijn vragen, iedereen heeft het '
                                                  'al zo druk in de zorg.')
    first.get_by_test_id('save-reflection').click()
    expect(first.get_by_test_id('saved-reflection')).to_be_visible()
    first.reload()
    first.wait_for_function('window.did_handshake === true')
    expect(person(first, 'Bram Peeters').get_by_test_id('map-asked')).to_have_attribute('aria-pressed', 'true')
    expect(person(first, 'Chloé Martens').get_by_test_id('map-gave')).to_have_attribute('aria-pressed', 'true')
    expect(person(first, 'Chloé Martens').get_by_test_id('map-asked')).to_have_attribute('aria-pressed', 'false')
    expect(first.get_by_test_id('input-reflection')).to_have_value(
        'Ik wil niemand lastigvallen met mijn vragen, iedereen heeft het al zo druk in de zorg.')
    assert first.evaluate('document.documentElement.scrollWidth <= window.innerWidth')  # nothing sticks out
    first.evaluate('window.scrollTo(0, 0)')
    save(first, 'phone-network-map-saved')
    first.get_by_test_id('block-reflection').scroll_into_view_if_needed()
    save(first, 'phone-network-map-reflection')

    # someone joins late: on the phones' lists at once, and a node on the screen
    late = people.phone()
    goto(late, f'{server.url}/{code}')
    late.get_by_label('Je naam').fill('Fatima El Amrani')
    late.get_by_label('Je organisatie').fill('Stad Oostende')
    late.get_by_role('button', name='Ik doe mee').click()
    expect(late.get_by_test_id('activity-text')).to_have_text(QUESTION)
    expect(person(phones[1], 'Fatima El Amrani')).to_have_count(1)
    expect(screen.get_by_test_id('map-figures')).to_have_text('6 mensen · 5 banden')
    person(late, 'Dirk Janssens').get_by_test_id('map-asked').click()
    late.get_by_test_id('map-save').click()
    expect(late.get_by_test_id('received')).to_be_visible()
    expect(control.get_by_test_id('map-nobody-asked')).to_have_text('Nog door niemand gevraagd: Eva Wouters, '
                                                                     'Fatima El Amrani')

    # names on the screen, when the facilitator shows them
    control.get_by_test_id('map-names').click()
    expect(screen.get_by_test_id('map-figures')).to_have_text('6 mensen · 6 banden')
    screen.wait_for_function('() => [...document.querySelectorAll("[data-testid=map-chart] text")]'
                             '.some(t => t.textContent.includes("Bram Peeters"))')
    screen.wait_for_timeout(1500)
    save(screen, 'screen-network-map-names')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')


def plan_meeting(control: Page, network_url: str) -> str:
    goto(control, network_url)
    control.get_by_role('button', name='Volgende bijeenkomst plannen').click()
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url('**/control')
    expect(control.get_by_test_id('join-code')).to_be_visible()
    return control.get_by_test_id('join-code').inner_text().strip()


def test_first_and_latest_map_on_the_network_page(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='Nieuw netwerk').click()
    control.get_by_label('Naam van het netwerk').fill('Lerend netwerk zorg')
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url(re.compile(r'.*/n/\d+$'))
    network_url = control.url
    expect(control.get_by_test_id('network-map-card')).to_have_count(0)  # no map yet: no section
    # per meeting: who marks whom (guests: every tie of the latest map is new)
    for marks in ([(0, 'asked', 1)], [(0, 'asked', 1), (2, 'gave', 0), (1, 'gave', 2)]):
        code = plan_meeting(control, network_url)
        add_map(control)
        phones = [people.phone() for _ in range(3)]
        for i, phone in enumerate(phones):
            goto(phone, f'{server.url}/{code}')
            phone.get_by_label('Je naam').fill(PEOPLE[i][0])
            phone.get_by_label('Je organisatie').fill(PEOPLE[i][1])
            phone.get_by_role('button', name='Ik doe mee').click()
            expect(phone.get_by_test_id('activity-text')).to_have_text(QUESTION)
        for i, direction, whom in marks:
            person(phones[i], PEOPLE[whom][0]).get_by_test_id(f'map-{direction}').click()
        for i in {i for i, _, _ in marks}:
            phones[i].get_by_test_id('map-save').click()
            expect(phones[i].get_by_test_id('received')).to_be_visible()
    goto(control, network_url)
    card = control.get_by_test_id('network-map-card')
    expect(card).to_be_visible()
    expect(control.get_by_test_id('network-map-first')).to_have_attribute('data-ties', '1')
    expect(control.get_by_test_id('network-map-last')).to_have_attribute('data-ties', '3')
    expect(control.get_by_test_id('network-map-new')).to_have_text('3 nieuwe banden sinds de eerste bijeenkomst')
    widths = control.get_by_test_id('network-map-last').evaluate(
        'el => getElement(el).options.series[0].links.map(l => l.lineStyle.width)')
    assert len(widths) == 3 and min(widths) > 2.5  # new ties drawn thick
    card.scroll_into_view_if_needed()
    save(control, 'network-page-network-map')
