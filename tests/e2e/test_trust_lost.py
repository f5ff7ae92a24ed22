"""Nothing lost, nothing silently changed, in real Chromium: the name choice is stored whatever the order, a paste
past a limit is said at once and never cut nor confirmed, a name with an emoji sequence stays whole everywhere."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, join, login
from tests.e2e.test_statements import add, start

QUESTION = 'Wat neem je mee naar je eigen werk?'
STATEMENT = 'Samen leren kost tijd, maar levert meer op.'
CONSENT = 'Mijn naam mag bij mijn antwoord in het verslag'
TECHNOLOGIST = '👩\u200d💻 Sam'  # woman + zero-width joiner + laptop: one character on screen


def new_meeting(people: People, server: Server, title: str) -> tuple[Page, str]:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, title)
    return control, control.get_by_test_id('join-code').inner_text().strip()


def consent(phone: Page) -> Locator:
    return phone.get_by_role('checkbox', name=CONSENT)


def paste(field: Locator, text: str) -> None:
    """As a paste arrives: one insertText (which a maxlength would cut)."""
    field.click()
    field.page.keyboard.insert_text(text)


def test_consent_is_kept_in_either_order(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Toestemming')
    add(control, 'Open vraag', QUESTION)
    before, after, undone = phones = [people.phone() for _ in range(3)]
    for phone, name in zip(phones, ['Anna', 'Bert', 'Chris'], strict=True):
        join(phone, f'{server.url}/{code}', name)
    start(control, QUESTION)

    # ticked before sending: no refusal, the box stays ticked and says the name goes with the answer
    expect(before.get_by_test_id('activity-text')).to_have_text(QUESTION)
    before.get_by_label('Jouw antwoord').fill('Het stappenplan van Anna')
    consent(before).click()
    expect(before.get_by_test_id('show-name-note')).to_be_visible()
    before.get_by_role('button', name='Versturen').click()
    expect(before.get_by_test_id('received')).to_be_visible()
    expect(before.get_by_test_id('show-name-note')).to_be_hidden()
    expect(before.get_by_text('Geef eerst je antwoord')).to_have_count(0)
    expect(consent(before)).to_be_checked()

    # ticked after sending: stored at once
    after.get_by_label('Jouw antwoord').fill('De checklist van Bert')
    after.get_by_role('button', name='Versturen').click()
    expect(after.get_by_test_id('received')).to_be_visible()
    consent(after).click()
    expect(consent(after)).to_be_checked()

    # ticked, sent, then unticked: the name goes again
    undone.get_by_label('Jouw antwoord').fill('Het draaiboek van Chris')
    consent(undone).click()
    undone.get_by_role('button', name='Versturen').click()
    expect(undone.get_by_test_id('received')).to_be_visible()
    consent(undone).click()
    expect(consent(undone)).not_to_be_checked()

    for phone, stored in ((before, True), (after, True), (undone, False)):  # a reload shows what is stored
        phone.reload()
        expect(phone.get_by_test_id('activity-text')).to_have_text(QUESTION)
        expect(consent(phone)).to_be_checked(checked=stored)

    report = control.context.new_page()
    goto(report, control.url.replace('/control', '/report'))
    body = report.get_by_test_id('report')
    expect(body).to_contain_text('Het stappenplan van Anna — Anna')
    expect(body).to_contain_text('De checklist van Bert — Bert')
    expect(body).to_contain_text('Het draaiboek van Chris')
    expect(body).not_to_contain_text('Het draaiboek van Chris — Chris')


def test_a_long_paste_is_said_at_once_and_never_cut(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Lange teksten')
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Geven en vragen', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Wat deel je, wat zoek je?')
    dialog.get_by_role('button', name='Bewaren').click()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Stelling', exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill(STATEMENT)
    dialog.get_by_role('button', name='Bewaren').click()
    expect(control.get_by_test_id('agenda-item').filter(has_text=STATEMENT)).to_be_visible()
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Dana')

    start(control, 'Wat deel je, wat zoek je?')
    offer = phone.get_by_test_id('give-0')
    pasted = ('Ons draaiboek voor vrijwilligers, ' * 40)[:1000]
    paste(offer, pasted)
    expect(offer).to_have_value(pasted)  # all 1,000 characters stay
    expect(phone.get_by_text('Te lang: 1000 tekens, hoogstens 120.')).to_be_visible()
    phone.get_by_test_id('exchange-save').click()
    expect(phone.get_by_text('Dat is te lang: hoogstens 120 tekens.')).to_be_visible()
    expect(phone.get_by_test_id('received')).to_be_hidden()
    expect(offer).to_have_value(pasted)
    shortened = pasted[:119] + '.'
    offer.fill(shortened)
    expect(phone.get_by_text('Te lang:')).to_have_count(0)
    phone.get_by_test_id('exchange-save').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    phone.reload()
    expect(phone.get_by_test_id('give-0')).to_have_value(shortened)  # stored whole

    start(control, STATEMENT)
    phone.get_by_test_id('vote-agree').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    reason = phone.get_by_test_id('reason-input')
    long_reason = ('Omdat je van elkaars fouten leert. ' * 30)[:1000]
    paste(reason, long_reason)
    expect(reason).to_have_value(long_reason)
    expect(phone.get_by_text('Te lang: 1000 tekens, hoogstens 500.')).to_be_visible()
    phone.get_by_role('button', name='Reden bewaren').click()
    expect(phone.get_by_text('Je reden mag hoogstens 500 tekens lang zijn.')).to_be_visible()
    expect(phone.get_by_test_id('reason-saved')).to_be_hidden()
    expect(reason).to_have_value(long_reason)
    reason.fill(long_reason[:500].strip())
    expect(phone.get_by_text('Te lang:')).to_have_count(0)
    phone.get_by_role('button', name='Reden bewaren').click()
    expect(phone.get_by_test_id('reason-saved')).to_be_visible()
    phone.reload()
    expect(phone.get_by_test_id('reason-input')).to_have_value(long_reason[:500].strip())


def test_a_name_with_an_emoji_sequence_stays_whole(server: Server, people: People) -> None:
    control, code = new_meeting(people, server, 'Emoji')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phone = people.phone()
    join(phone, f'{server.url}/{code}', TECHNOLOGIST)
    expect(phone.get_by_test_id('my-name')).to_have_text(TECHNOLOGIST)
    expect(screen.get_by_test_id('wall-name')).to_have_text([TECHNOLOGIST])
    row = control.get_by_test_id('roster-row')
    expect(row).to_have_count(1)
    assert TECHNOLOGIST in row.inner_text()
