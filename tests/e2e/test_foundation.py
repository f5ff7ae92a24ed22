"""The foundation's flows in real Chromium: screen + phones joining through the QR code, live."""

from __future__ import annotations

import io
import re
import time

import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save


def decode_qr(page: Page) -> str:
    """Read the URL the projected QR code encodes, from pixels, as a phone camera would."""
    png = page.get_by_test_id('qr').screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert results, 'no QR code found on the screen'
    return results[0].text


def open_screen(people: People, control: Page) -> Page:
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    expect(screen.get_by_test_id('qr')).to_be_visible()
    return screen


def test_three_phones_join_through_the_qr_code(server: Server, people: People) -> None:
    control = people.laptop()
    login(control, server)
    create_meeting(control, 'Lerend netwerk zorg — sessie 2')
    code = control.get_by_test_id('join-code').inner_text().strip()
    screen = open_screen(people, control)
    expect(screen.get_by_test_id('join-code')).to_have_text(code)
    target = decode_qr(screen)
    assert target == f'{server.url}/{code}'
    expect(screen.get_by_test_id('short-url')).to_have_text(f'127.0.0.1:{server.port}/{code}')

    names = ['Anna Peeters', 'Bert <script>alert("x")</script>', 'Chloé Van den Broeck']
    phones, durations = [], []
    for name in names:
        phone = people.phone()
        phone.on('dialog', lambda dialog: (_ for _ in ()).throw(AssertionError('a script ran')))
        durations.append(join(phone, target, name, 'Woonzorg Brugge'))
        phones.append(phone)
    figure('QR URL opened -> "Je bent binnen" (name typed by Playwright): '
           + ', '.join(f'{d * 1000:.0f} ms' for d in durations))

    # the screen shows every name, live and as text; the control view too
    expect(screen.get_by_test_id('wall-name')).to_have_text(names)
    expect(screen.get_by_test_id('wall-count')).to_have_text('3 binnen')
    expect(control.get_by_test_id('roster-name')).to_have_text(names)
    expect(control.get_by_test_id('roster-count')).to_have_text('3 deelnemers, 3 online')
    save(screen, 'screen-three-joined')
    save(phones[1], 'phone-joined')

    # a fourth phone: how long until its name is on the screen
    fourth = people.phone()
    goto(fourth, target)
    fourth.get_by_label('Je naam').fill('Dries')
    started = time.perf_counter()
    fourth.get_by_role('button', name='Ik doe mee').click()
    expect(screen.get_by_test_id('wall-name').filter(has_text='Dries')).to_be_visible()
    figure(f'phone taps "Ik doe mee" -> name on the screen: {(time.perf_counter() - started) * 1000:.0f} ms')

    # reload: the same participant, no duplicate on the wall
    phones[0].reload()
    expect(phones[0].get_by_text('Je bent binnen')).to_be_visible()
    expect(phones[0].get_by_test_id('my-name')).to_have_text(names[0])
    expect(screen.get_by_test_id('wall-name')).to_have_count(4)

    # one leaves: gone from the screen and the control view
    phones[2].get_by_role('button', name='Verlaten').click()
    phones[2].get_by_role('dialog').get_by_role('button', name='Verlaten').click()
    expect(phones[2].get_by_text('Je hebt de bijeenkomst verlaten.')).to_be_visible()
    expect(screen.get_by_test_id('wall-name')).to_have_text([names[0], names[1], 'Dries'])
    expect(control.get_by_test_id('roster-name')).to_have_text([names[0], names[1], 'Dries'])

    # a phone that closes goes offline on the control view
    fourth.context.close()
    dries = control.get_by_test_id('roster-row').filter(has_text='Dries')
    expect(dries.get_by_test_id('roster-status')).to_have_text('offline')
    save(control, 'control-live')


def test_participant_cannot_open_facilitator_views(server: Server, people: People) -> None:
    control = people.laptop()
    login(control, server)
    control_url = create_meeting(control, 'Afgeschermd')
    code = control.get_by_test_id('join-code').inner_text().strip()
    meeting_path = control_url.removesuffix('/control')
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Nieuwsgierige Nele')
    for path in ('/control', '/screen', '/screen?key=raden', '/moderate', '/moderate?key=raden'):
        goto(phone, meeting_path + path)
        expect(phone.get_by_test_id('access-denied')).to_be_visible()
        expect(phone.get_by_role('switch')).to_have_count(0)
    expect(phone.get_by_test_id('qr')).to_have_count(0)


def test_moderator_link_works_until_revoked(server: Server, people: People) -> None:
    control = people.laptop()
    login(control, server)
    create_meeting(control, 'Met moderator')
    code = control.get_by_test_id('join-code').inner_text().strip()
    control.get_by_label('Naam van de moderator').fill('Mo')
    control.get_by_role('button', name='Uitnodigen').click()
    link = control.get_by_test_id('invite-link').input_value()
    moderator = people.laptop()
    goto(moderator, link)
    expect(moderator.get_by_text('Je modereert deze bijeenkomst als Mo.')).to_be_visible()
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Anna', 'OCMW Gent')
    expect(moderator.get_by_test_id('roster-name')).to_have_text(['Anna'])  # live
    control.get_by_role('button', name='Intrekken').click()
    expect(moderator.get_by_test_id('access-denied')).to_be_visible()  # at once, without reload
    moderator.reload()
    expect(moderator.get_by_test_id('access-denied')).to_be_visible()
    expect(moderator.get_by_test_id('roster-name')).to_have_count(0)


def test_bad_input_gets_clear_messages(server: Server, people: People) -> None:
    control = people.laptop()
    login(control, server)
    create_meeting(control, 'Foute invoer')
    code = control.get_by_test_id('join-code').inner_text().strip()
    phone = people.phone()
    goto(phone, f'{server.url}/{code.lower()}')  # typed in lower case: still the meeting
    phone.get_by_role('button', name='Ik doe mee').click()
    expect(phone.get_by_text('Vul je naam in.')).to_be_visible()
    phone.get_by_label('Je naam').fill('N' * 41)
    phone.get_by_role('button', name='Ik doe mee').click()
    expect(phone.get_by_text('Je naam mag hoogstens 40 tekens lang zijn.')).to_be_visible()
    goto(phone, f'{server.url}/QQQQQQ')
    expect(phone.get_by_text('Deze code kennen we niet')).to_be_visible()
    control.get_by_text('Aanmelden vergrendeld').click()
    goto(phone, f'{server.url}/{code}')
    expect(phone.get_by_text('Aanmelden is gesloten')).to_be_visible()
    body = phone.content()
    assert 'Traceback' not in body and 'Exception' not in body


def test_english_on_request(server: Server, people: People) -> None:
    phone = people.phone()
    goto(phone, server.url)
    phone.get_by_role('button', name='English').click()
    expect(phone.get_by_text('Type the code you see on the screen.')).to_be_visible()
    goto(phone, f'{server.url}/QQQQQQ')
    expect(phone.get_by_text('We do not know this code')).to_be_visible()
    assert re.match(r'en', phone.evaluate('document.documentElement.lang'))
