"""Give and need in real Chromium: six phones enter offers and needs, each phone shows the match planted for it,
the screen shows the market without names and with names after "Namen tonen", and the speed-dating round made
from the matches pairs the planted mutual matches."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, join, login, save

LONG_NAME = 'Marie-Christine Vandenbroucke-Van Damme'
# name, organisation, offer, need — three planted mutual matches: 1↔2, 3↔4, 5↔6
PEOPLE = [
    (LONG_NAME, 'Woonzorgcentrum Sint-Jozef Oostende', 'Werving van vrijwilligers via de gemeente',
     'Roosters maken voor het weekend en de feestdagen zonder dat het team opbrandt, met een eerlijke verdeling'),
    ('Bram', 'Thuiszorg Kust', 'Planning van roosters en personeelsinzet', 'Vrijwilligers werven'),
    ('Cleo', 'OCMW Gent', 'Subsidieaanvragen schrijven', 'Een nieuwsbrief voor ouders'),
    ('Dirk', 'Zorgnet West', '<b>Onze nieuwsbrief</b> en het mailingprogramma', 'Subsidies aanvragen'),
    ('Eva', 'CAW Oost', 'Intervisie begeleiden', 'Valpreventie bij ouderen'),
    ('Fien', 'Buurtwerk Leuven', 'Valpreventie thuis', 'Intervisie in kleine teams'),
]
QUESTION = ('Wat kan je delen met de anderen in dit netwerk, en wat heb je zelf nodig in je werk? Denk aan wat je de '
            'voorbije maanden hebt uitgeprobeerd in je eigen organisatie, wat goed liep en wat niet, en aan de vragen '
            'waar je al lang mee zit en waar een collega van een andere organisatie je misschien mee kan helpen.')[:300]
PARTNER = {0: 1, 1: 0, 2: 3, 3: 2, 4: 5, 5: 4}


def fill(phone: Page, offer: str, need: str) -> None:
    expect(phone.get_by_test_id('question-give')).to_be_visible()
    phone.get_by_test_id('give-0').fill(offer)
    phone.get_by_test_id('need-0').fill(need)
    phone.get_by_test_id('exchange-save').click()
    expect(phone.get_by_test_id('received')).to_be_visible()


def test_give_and_need_market_and_pairs(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Geven en vragen')
    code = control.get_by_test_id('join-code').inner_text().strip()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Geven en vragen', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill(QUESTION)
    dialog.get_by_test_id('exchange-tags').fill('Roosters\nVrijwilligers')
    dialog.get_by_role('button', name='Bewaren').click()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phones = [people.phone() for _ in PEOPLE]
    phones[0].set_viewport_size({'width': 360, 'height': 640})
    for phone, (name, org, _, _) in zip(phones, PEOPLE, strict=True):
        join(phone, f'{server.url}/{code}', name, org)

    control.get_by_test_id('agenda-item').get_by_role('button', name='Nu tonen en laten antwoorden').click()
    expect(screen.get_by_test_id('market-empty')).to_be_visible()
    too_long = 'x' * 121  # never cut by the browser: it stays as typed and the field says at once it is too long
    phones[0].get_by_test_id('give-1').fill(too_long)
    expect(phones[0].get_by_test_id('give-1')).to_have_value(too_long)
    expect(phones[0].get_by_text('Te lang: 121 tekens, hoogstens 120.')).to_be_visible()
    phones[0].get_by_test_id('give-1').fill('')
    for phone, (_, _, offer, need) in zip(phones, PEOPLE, strict=True):
        fill(phone, offer, need)

    for i, phone in enumerate(phones):  # each phone: who can help you — the planted partner, with why
        helper = PEOPLE[PARTNER[i]][0]
        expect(phone.get_by_test_id('helps-me').filter(has_text=helper)).to_be_visible()
        expect(phone.get_by_test_id('i-help').filter(has_text=helper)).to_be_visible()
    expect(phones[1].get_by_test_id('helps-me').first).to_contain_text('Werving van vrijwilligers via de gemeente')
    save(phones[0], 'phone-exchange-360')

    expect(screen.get_by_test_id('screen-question')).to_have_text(QUESTION)  # all 300 characters, never clamped
    expect(screen.get_by_test_id('answered')).to_contain_text('6 van 6')
    expect(screen.get_by_test_id('market-match')).to_have_count(6)
    expect(screen.get_by_text('<b>Onze nieuwsbrief</b> en het mailingprogramma')).to_be_visible()  # as text
    expect(screen.get_by_test_id('market-name')).to_have_count(0)  # no names until the facilitator reveals
    save(screen, 'screen-exchange-anonymous')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')  # no scrolling

    control.get_by_test_id('exchange-names').click()
    expect(screen.get_by_test_id('market-name').filter(has_text=LONG_NAME).first).to_be_visible()
    save(screen, 'screen-exchange-names')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')

    control.get_by_test_id('exchange-pairs').click()  # a speed date right after, opened
    control.get_by_role('button', name='Koppels maken').click()
    for i, phone in enumerate(phones):
        expect(phone.get_by_test_id('partner-name')).to_contain_text(PEOPLE[PARTNER[i]][0])
    expect(phones[1].get_by_test_id('pair-reason')).to_contain_text(  # why: both ways
        f'{LONG_NAME} kan je helpen met „Vrijwilligers werven”')
    expect(phones[1].get_by_test_id('pair-reason')).to_contain_text(f'Je kan {LONG_NAME} helpen met „Roosters')
    save(phones[0], 'phone-exchange-pair-360')
