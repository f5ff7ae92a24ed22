"""Trust, round 3 — security and access in real Chromium (one server for the module): a quote and a handler, or
HTML, typed into any field a person can type in never becomes an attribute or markup on any page; a preparer
changes only what never ran and sees nothing of the answers; a preparer link or a share link revoked while its page
is open stops at its next action and says so."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, goto, join, login, save

HANDLER = 'x" onmouseover="alert(1)'
HTML = '<b>vet</b><script>alert(2)</script>'
TEXT = f'Tekst {HANDLER} {HTML}'  # a text field: both at once
NAME = f'Anna {HANDLER}'[:40]
ORG = f'Org {HTML}'
BAD_LINK = 'http://x" onmouseover="alert(1)'
PLACE = f'tafel {HANDLER}'  # a place in words: shown as text
VIDEO = 'https://meet.jit.si/Uitwisselplek-proef'

# every attribute whose name starts with "on", on every element of the page (and in open shadow roots)
HANDLERS_JS = """() => {
  const found = [];
  const walk = root => root.querySelectorAll('*').forEach(element => {
    for (const attribute of element.attributes)
      if (attribute.name.toLowerCase().startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
    if (element.shadowRoot) walk(element.shadowRoot);
  });
  walk(document);
  return found;
}"""
# an injected <script> element (NiceGUI's own page script carries the texts as JSON data: not one of these)
SCRIPT_TAGS_JS = "() => [...document.scripts].filter(s => s.textContent.trim() === 'alert(2)').length"


def watch(page: Page) -> list[str]:
    """The dialogs an injected alert() would open on this page."""
    opened: list[str] = []
    page.on('dialog', lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def clean(page: Page, opened: list[str], *texts: str) -> None:
    """No element has an on… attribute, no injected script or <b> became markup, no alert opened; ``texts`` show
    as text."""
    for text in texts:
        expect(page.get_by_text(text, exact=False).first).to_be_attached()
    assert page.evaluate(HANDLERS_JS) == [], page.url
    assert page.evaluate(SCRIPT_TAGS_JS) == 0, page.url
    assert page.locator('b', has_text=re.compile('^vet$')).count() == 0, page.url
    assert opened == [], page.url


def add(control: Page, kind: str, text: str, **fields: str) -> None:
    """An activity of ``kind`` with ``text``; ``fields``: more fields by label."""
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name=kind, exact=True).click()
    dialog.locator('textarea').first.fill(text)
    for label, value in fields.items():
        dialog.get_by_label(label).fill(value)
    dialog.get_by_role('button', name='Bewaren').click()


def open_item(control: Page, text: str) -> None:
    control.get_by_test_id('agenda-item').filter(has_text=text).get_by_role(
        'button', name='Nu tonen en laten antwoorden').click()


def network_meeting(people: People, server: Server, name: str, **network: str) -> tuple[Page, str, str]:
    """A network (its fields typed as given) and its next meeting: (the control page, network URL, control URL)."""
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='Nieuw netwerk').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_label('Naam van het netwerk').fill(name)
    for label, value in network.items():
        dialog.get_by_label(label, exact=True).fill(value)
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url(re.compile(r'.*/n/\d+$'))
    network_url = control.url
    control.get_by_role('button', name='Volgende bijeenkomst plannen').click()
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url('**/control')
    expect(control.get_by_test_id('join-code')).to_be_visible()
    return control, network_url, control.url


def test_typed_text_never_becomes_a_handler_or_markup(server: Server, people: People) -> None:
    control, network_url, control_url = network_meeting(
        people, server, f'Netwerk {HANDLER} {HTML}', Doel=TEXT, Plaats=PLACE)
    on_control = watch(control)
    goto(control, network_url)  # a member typed in by the facilitator
    control.get_by_test_id('members-card').get_by_label('Je naam').fill(NAME)
    control.get_by_test_id('members-card').get_by_label('Je organisatie').fill(ORG)
    control.get_by_test_id('members-card').get_by_label('Functie').fill(TEXT[:80])
    control.get_by_role('button', name='Lid toevoegen').click()
    expect(control.get_by_test_id('member-row')).to_have_count(1)
    clean(control, on_control, HANDLER)

    goto(control, control_url)
    control.get_by_test_id('agreement-text').fill(TEXT)
    control.get_by_test_id('agreement-who').fill(NAME)
    control.get_by_test_id('add-agreement').click()
    expect(control.get_by_test_id('agreement-here')).to_have_count(1)
    control.get_by_label('Naam van de moderator').fill(TEXT[:80])
    control.get_by_role('button', name='Uitnodigen').click()
    moderator_link = control.get_by_test_id('invite-link').input_value()
    # links: only http(s), refused with a message, never stored
    card = control.get_by_test_id('remote-card')
    card.get_by_test_id('remote-mode').get_by_text('Online', exact=True).click()
    card.get_by_test_id('remote-links').fill(f'{VIDEO}\n{BAD_LINK}\njavascript:alert(3)')
    card.get_by_test_id('remote-save').click()
    expect(control.get_by_text('Regel 2').first).to_be_visible()
    card.get_by_test_id('remote-plenary').fill('javascript:alert(3)')
    card.get_by_test_id('remote-links').fill('')
    card.get_by_test_id('remote-save').click()
    expect(control.get_by_text('is geen link die begint met http').first).to_be_visible()
    card.get_by_test_id('remote-plenary').fill('')
    card.get_by_test_id('remote-mode').get_by_text('In de zaal', exact=True).click()
    card.get_by_test_id('remote-save').click()

    add(control, 'Stelling', f'Stelling {HANDLER} {HTML}')
    add(control, 'Werkgroepen (breakout)', 'Werkgroep', **{'Hoeveel': '2', 'Vraag of stelling per groep': TEXT,
                                                            'Plaats per groep': 'javascript:alert(3)'})
    expect(control.get_by_text('Plaats op regel 1').first).to_be_visible()  # refused: the dialog stays
    dialog = control.get_by_role('dialog')
    dialog.get_by_label('Plaats per groep').fill(f'{VIDEO}\n{PLACE}')
    dialog.get_by_role('button', name='Bewaren').click()
    expect(control.get_by_test_id('agenda-item').filter(has_text='Werkgroep')).to_have_count(1)
    add(control, 'Geven en vragen', f'Markt {HANDLER}', **{'Vraag naar het aanbod': f'Wat bied je? {HANDLER}',
                                                          'Thema’s om aan te duiden': f'roosters\n{HTML}'})

    screen = people.projector()
    on_screen = watch(screen)
    goto(screen, control.get_by_test_id('screen-link').input_value())
    code = control.get_by_test_id('join-code').inner_text().strip()
    phone, other = people.phone(), people.phone()
    on_phone, on_other = watch(phone), watch(other)
    join(phone, f'{server.url}/{code}', NAME, ORG)
    join(other, f'{server.url}/{code}', 'Bert <b>vet</b>', 'OCMW')
    expect(screen.get_by_test_id('wall-name')).to_have_count(2)
    clean(screen, on_screen, NAME)

    # a statement and a reason
    open_item(control, 'Stelling x"')
    phone.get_by_test_id('vote-agree').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    phone.get_by_label('Waarom?').fill(TEXT)
    phone.get_by_role('button', name='Reden bewaren').click()
    expect(phone.get_by_test_id('reason-saved')).to_be_visible()
    expect(control.get_by_text(TEXT).first).to_be_visible()
    for page, opened in ((phone, on_phone), (screen, on_screen), (control, on_control)):
        clean(page, opened, HANDLER)

    # a breakout: the group's question, its video room and place, the harvest, the moderator
    open_item(control, 'Werkgroep')
    control.get_by_role('button', name='Groepen maken').click()
    expect(phone.get_by_test_id('group-name')).to_be_visible()
    expect(phone.get_by_test_id('group-question')).to_have_text(TEXT)
    link = phone.get_by_test_id('video-link')
    expect(link).to_have_attribute('href', VIDEO)
    link.hover()
    link.tap()  # a tap on a phone also fires mouseover
    phone.get_by_test_id('note').fill(TEXT)
    phone.get_by_role('button', name='Bewaren').click()
    expect(phone.get_by_test_id('note-status')).to_have_text('Bewaard ✓')
    moderator = people.laptop(1200, 900)
    on_moderator = watch(moderator)
    goto(moderator, moderator_link)
    expect(moderator.get_by_test_id('group-card').first).to_be_visible()
    moderator.get_by_test_id('video-link').first.hover()
    for page, opened in ((phone, on_phone), (other, on_other), (moderator, on_moderator), (screen, on_screen),
                         (control, on_control)):
        clean(page, opened, TEXT)

    # give and need
    open_item(control, 'Markt')
    expect(phone.get_by_test_id('question-give')).to_be_visible()
    phone.get_by_test_id('give-0').fill(TEXT[:100])
    phone.get_by_test_id('need-0').fill(f'{HANDLER} roosters')
    phone.get_by_test_id('exchange-save').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    clean(phone, on_phone, 'Wat bied je? x"', HTML)  # the question, a theme to tap
    clean(screen, on_screen, HANDLER)
    clean(control, on_control, HANDLER)

    # the report (the facilitator's and the shared one) and the network page
    control.get_by_test_id('make-report-link').click()
    share_url = control.get_by_test_id('report-link').input_value()
    goto(control, control_url.replace('/control', '/report'))
    expect(control.get_by_test_id('report')).to_contain_text(HTML)
    clean(control, on_control, HANDLER)
    guest = people.laptop()
    on_guest = watch(guest)
    goto(guest, share_url)
    expect(guest.get_by_test_id('report')).to_contain_text(TEXT)
    clean(guest, on_guest, HANDLER)
    goto(control, network_url)
    clean(control, on_control, HANDLER)
    save(phone, 'phone-injection')


def test_a_preparer_changes_only_what_never_ran_and_stops_when_revoked(server: Server, people: People) -> None:
    control, network_url, control_url = network_meeting(people, server, 'Netwerk voorbereiden')
    goto(control, network_url)
    control.get_by_test_id('members-card').get_by_label('Je naam').fill('Bram Janssens')
    control.get_by_test_id('members-card').get_by_label('Je organisatie').fill('OCMW Gent')
    control.get_by_role('button', name='Lid toevoegen').click()
    expect(control.get_by_test_id('member-row')).to_have_count(1)
    meeting = control.get_by_test_id('network-meeting').first
    meeting.get_by_test_id('preparer-select').click()
    control.get_by_role('option', name='Bram Janssens (OCMW Gent)').click()
    meeting.get_by_test_id('add-preparer').click()
    prepare_url = control.get_by_test_id('preparer-link').first.input_value()

    # the facilitator runs the meeting: the first statement got an answer, the second is live
    goto(control, control_url)
    expect(control.get_by_test_id('agenda-item').first).to_be_visible()
    before = control.get_by_test_id('agenda-item').count()
    add(control, 'Stelling', 'Beantwoorde stelling')
    add(control, 'Stelling', 'Live stelling')
    add(control, 'Stelling', 'Nog niet geopend')
    expect(control.get_by_test_id('agenda-item')).to_have_count(before + 3)
    phone = people.phone()
    join(phone, f'{server.url}/{control.get_by_test_id("join-code").inner_text().strip()}', 'Anna')
    open_item(control, 'Beantwoorde stelling')
    phone.get_by_test_id('vote-agree').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    open_item(control, 'Live stelling')
    expect(phone.get_by_test_id('activity-text')).to_have_text('Live stelling')

    preparer = people.laptop(1100, 900)
    goto(preparer, prepare_url)
    items = preparer.get_by_test_id('agenda-item')
    expect(items).to_have_count(before + 3)
    for text in ('Beantwoorde stelling', 'Live stelling'):
        row = items.filter(has_text=text)
        expect(row.get_by_test_id('agenda-locked')).to_be_visible()
        expect(row.get_by_role('button', name='Verwijderen')).to_have_count(0)
        expect(row.get_by_role('button', name='Aanpassen')).to_have_count(0)
    expect(preparer.get_by_text(re.compile(r'\d+ antwoord'))).to_have_count(0)  # no count anywhere
    waiting = items.filter(has_text='Nog niet geopend')
    waiting.get_by_role('button', name='Verwijderen').click()
    dialog = preparer.get_by_role('dialog')
    expect(dialog).to_contain_text('Deze activiteit verwijderen?')
    expect(dialog).not_to_contain_text('antwoord')
    dialog.get_by_role('button', name='Verwijderen').click()
    expect(items).to_have_count(before + 2)
    expect(phone.get_by_test_id('activity-text')).to_have_text('Live stelling')  # the live one stays

    # revoked from the network page while the prepare page is open: it says so, and its next action does nothing
    goto(control, network_url)
    control.get_by_test_id('revoke-preparer').first.click()
    expect(preparer.get_by_test_id('access-denied')).to_be_visible()
    expect(preparer.get_by_test_id('agenda-item')).to_have_count(0)
    goto(control, control_url)
    add(control, 'Stelling', 'Na het intrekken')  # no more live updates on the revoked page
    expect(control.get_by_test_id('agenda-item').filter(has_text='Na het intrekken')).to_have_count(1)
    expect(preparer.get_by_text('Na het intrekken')).to_have_count(0)
    response = preparer.goto(prepare_url)
    assert response is not None and response.status == 403


def test_a_dialog_open_on_the_prepare_page_at_the_revocation_adds_nothing(server: Server, people: People) -> None:
    control, network_url, control_url = network_meeting(people, server, 'Netwerk stil ingetrokken')
    goto(control, network_url)
    control.get_by_test_id('members-card').get_by_label('Je naam').fill('Bram Janssens')
    control.get_by_test_id('members-card').get_by_label('Je organisatie').fill('OCMW Gent')
    control.get_by_role('button', name='Lid toevoegen').click()
    meeting = control.get_by_test_id('network-meeting').first
    meeting.get_by_test_id('preparer-select').click()
    control.get_by_role('option', name='Bram Janssens (OCMW Gent)').click()
    meeting.get_by_test_id('add-preparer').click()
    prepare_url = control.get_by_test_id('preparer-link').first.input_value()
    preparer = people.laptop(1100, 900)
    goto(preparer, prepare_url)
    before = preparer.get_by_test_id('agenda-item').count()
    preparer.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = preparer.get_by_role('dialog')
    dialog.get_by_role('button', name='Stelling', exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill('Te laat toegevoegd')
    control.get_by_test_id('revoke-preparer').first.click()  # while the dialog is open
    expect(preparer.get_by_test_id('access-denied')).to_be_visible()
    goto(control, control_url)
    expect(control.get_by_test_id('agenda-item')).to_have_count(before)
    expect(control.get_by_text('Te laat toegevoegd')).to_have_count(0)


def test_an_open_share_report_stops_when_revoked(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='Nieuwe bijeenkomst').click()
    control.get_by_label('Titel').fill('Gedeeld verslag')
    control.get_by_role('button', name='Aanmaken').click()
    control.wait_for_url('**/control')
    control.get_by_test_id('make-report-link').click()
    url = control.get_by_test_id('report-link').input_value()
    guest = people.laptop()
    goto(guest, url)
    expect(guest.get_by_test_id('report')).to_contain_text('Gedeeld verslag')
    with guest.expect_download() as download:
        guest.get_by_test_id('download-markdown').click()
    assert download.value.suggested_filename.endswith('.md')
    control.get_by_test_id('revoke-report-link').click()
    expect(guest.get_by_test_id('report-denied')).to_contain_text('Deze link werkt niet (meer)')  # at once
    expect(guest.get_by_test_id('report')).to_have_count(0)
    expect(guest.get_by_test_id('download-markdown')).to_have_count(0)
    response = guest.goto(url)
    assert response is not None and response.status == 403
