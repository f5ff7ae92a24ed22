"""The evaluation over a series in real Chromium: a network of three meetings, each evaluated on three phones; the
third meeting's control view picks a quote of last time and a line about what changed, the projector shows
"Vorige keer" (updated live), and the network page shows the ROTI trend over the three meetings."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, goto, login, save

EVALUATION = 'Hoeveel heeft deze bijeenkomst je opgeleverd'
# per meeting, per phone: (score, "wat neem je mee", "wat mag anders"); averages 2, 3 1/3, 4 1/3
SERIES = [
    [('2', 'Het stappenplan van Gent', 'Meer tijd voor casussen'), ('3', '', 'Casussen vooraf'), ('1', '', '')],
    [('3', 'De checklist voor huisbezoeken', 'Kortere inleiding'),
     ('4', 'Intervisie werkt', 'Casussen uit de praktijk'), ('3', '', '')],
    [('4', 'Een maatje gevonden', ''), ('5', '', ''), ('4', '', '')],
]


def plan_meeting(control: Page, network_url: str) -> str:
    goto(control, network_url)
    control.get_by_role('button', name='Volgende bijeenkomst plannen').click()
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url('**/control')
    expect(control.get_by_test_id('join-code')).to_be_visible()
    return control.get_by_test_id('join-code').inner_text().strip()


def evaluate(control: Page, phones: list[Page], server: Server, code: str, number: int) -> None:
    """The meeting's evaluation (added in one click when its agenda has none), answered on three phones."""
    items = control.get_by_test_id('agenda-item').filter(has_text=EVALUATION)
    if items.count() == 0:
        control.get_by_test_id('quick-add-evaluation').click()
        expect(items).to_have_count(1)
    items.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    for i, (phone, (score, take_away, change)) in enumerate(zip(phones, SERIES[number - 1], strict=True)):
        goto(phone, f'{server.url}/{code}')
        phone.get_by_label('Je naam').fill(f'Deelnemer {i + 1}')
        phone.get_by_role('button', name='Ik doe mee').click()
        phone.get_by_test_id(f'vote-{score}').click()
        expect(phone.get_by_test_id('received')).to_be_visible()
        for name, text in (('take_away', take_away), ('change', change)):
            if text:
                phone.get_by_test_id(f'input-{name}').fill(text)
                phone.get_by_test_id(f'save-{name}').click()
                expect(phone.get_by_test_id(f'saved-{name}')).to_be_visible()


def test_trend_over_three_meetings_and_last_time_on_the_screen(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='Nieuw netwerk').click()
    control.get_by_label('Naam van het netwerk').fill('Lerend netwerk schuldhulp')
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url(re.compile(r'.*/n/\d+$'))
    network_url = control.url
    expect(control.get_by_test_id('trend-empty')).to_be_visible()

    phones = [people.phone() for _ in range(3)]
    for number in (1, 2):
        code = plan_meeting(control, network_url)
        if number == 1:
            expect(control.get_by_test_id('recap-card')).to_have_count(0)  # nothing before the first meeting
        evaluate(control, phones, server, code, number)

    # meeting 3: "Vorige keer" on the control view, picked and shown on the projector while nothing runs
    code = plan_meeting(control, network_url)
    card = control.get_by_test_id('recap-card')
    expect(card.get_by_test_id('recap-roti')).to_have_text('ROTI 3,3 van 5 · 3 antwoorden')
    quotes = card.get_by_test_id('recap-quote')
    expect(quotes).to_have_count(4)      # two take-aways, two "wat mag anders"; nothing of meeting 1
    expect(card).not_to_contain_text('stappenplan')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    expect(screen.get_by_test_id('screen-recap')).to_have_count(0)
    card.get_by_test_id('show-recap').click()
    expect(screen.get_by_test_id('screen-recap-roti')).to_have_text('ROTI 3,3 van 5')
    quotes.filter(has_text='Intervisie werkt').click()
    expect(screen.get_by_test_id('screen-recap-quote')).to_have_text('“Intervisie werkt”')
    card.get_by_test_id('recap-note').fill('De inleiding duurt nu tien minuten; casussen krijg je een week vooraf.')
    card.get_by_test_id('save-recap').click()
    expect(screen.get_by_test_id('screen-recap-note')).to_contain_text('De inleiding duurt nu tien minuten')
    for quote in ('De checklist voor huisbezoeken', 'Kortere inleiding'):
        quotes.filter(has_text=quote).click()
    expect(screen.get_by_test_id('screen-recap-quote')).to_have_count(3)
    expect(quotes.filter(has_text='Casussen uit de praktijk')).to_be_disabled()  # three picked: the fourth waits
    recap = screen.get_by_test_id('screen-recap').bounding_box()
    assert recap is not None and recap['y'] + recap['height'] <= 1080
    save(screen, 'screen-last-time')
    card.scroll_into_view_if_needed()
    save(control, 'control-last-time')

    # the evaluation of meeting 3 runs: the projector shows it instead
    evaluate(control, phones, server, code, 3)
    expect(screen.get_by_test_id('screen-recap')).to_be_hidden()

    goto(control, network_url)
    chart = control.get_by_test_id('trend-chart')
    expect(chart).to_have_attribute('data-points', '3')
    expect(control.get_by_test_id('trend-table').locator('tbody tr')).to_have_count(3)
    expect(control.get_by_test_id('trend-slope')).to_contain_text('+')
    expect(control.get_by_test_id('recurring-word').filter(has_text='casussen')).to_have_count(1)
    expect(control.get_by_test_id('series-roti')).to_have_text('ROTI over de hele reeks: 3,2 · 9 antwoorden')
    expect(control.get_by_test_id('achieved')).to_have_text(['“Een maatje gevonden”'])
    control.set_viewport_size({'width': 1920, 'height': 1080})
    control.get_by_test_id('trend-card').scroll_into_view_if_needed()
    save(control, 'network-trend')
