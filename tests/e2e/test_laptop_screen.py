"""An online meeting in real Chromium: the screen beside a laptop participant's own controls, one column on a phone,
the screen full-size in a second tab, and the projector view readable when shared small in a call."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, join, login, save
from tests.e2e.test_statements import add, start

QUESTION = ('Online leren we evenveel van elkaar als in de zaal, zolang iedereen de camera aanzet en er tijd is om '
            'echt door te vragen bij elkaars voorbeelden uit de praktijk.')


def go_online(control: Page) -> None:
    card = control.get_by_test_id('remote-card')
    card.get_by_role('button', name='Online', exact=True).click()
    card.get_by_label('Link van de plenaire').fill('https://call.example/plenaire-sessie')
    card.get_by_test_id('remote-save').click()
    expect(control.get_by_text('Bewaard')).to_be_visible()
    expect(card.get_by_test_id('invite-text')).to_have_value(
        f'Doe mee via {card.get_by_test_id("chat-link").input_value()} (code '
        f'{control.get_by_test_id("join-code").inner_text().strip()})\nPlenaire call: '
        'https://call.example/plenaire-sessie')


def fits(page: Page) -> bool:
    """Nothing sticks out sideways (long texts wrap)."""
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')


def test_laptop_sees_the_screen_beside_its_buttons(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Online lerend netwerk over digitale zorg en samenwerking tussen organisaties')
    code = control.get_by_test_id('join-code').inner_text().strip()
    go_online(control)
    save(control, 'laptop-remote-card')

    laptop = people.laptop(1280, 800)
    join(laptop, f'{server.url}/{code}', 'Anna Vermeulen-De Smedt', 'Woonzorgcentrum De Linde')
    phone = people.phone()
    join(phone, f'{server.url}/{code}', 'Bram')

    frame = laptop.frame_locator('[data-testid=screen-frame]')
    expect(laptop.get_by_test_id('screen-frame')).to_be_visible()
    expect(frame.get_by_test_id('qr')).to_be_visible()  # the welcome screen, as on the projector
    expect(frame.get_by_text('Link voor de chat')).to_have_count(0)

    add(control, 'Stelling', QUESTION, hidden=True)
    start(control, QUESTION)
    expect(frame.get_by_test_id('screen-question')).to_have_text(QUESTION)
    expect(laptop.get_by_test_id('activity-text')).to_have_text(QUESTION)
    box = laptop.get_by_test_id('screen-frame').bounding_box()
    buttons = laptop.get_by_test_id('vote-agree').bounding_box()
    assert box and buttons and box['x'] + box['width'] <= buttons['x']  # the screen left, the buttons right
    assert box['y'] < 200 and buttons['y'] < 800  # both in view without scrolling
    laptop.get_by_test_id('vote-agree').click()
    expect(laptop.get_by_test_id('received')).to_be_visible()
    expect(frame.get_by_test_id('answered')).to_contain_text('1 van 2')
    phone.get_by_test_id('vote-disagree').click()
    expect(phone.get_by_test_id('received')).to_be_visible()
    control.get_by_role('button', name='Toon resultaten').click()
    expect(frame.get_by_test_id('result-chart')).to_be_visible()
    expect(frame.get_by_test_id('result-summary')).to_have_text('Akkoord: 1 (50%) · Niet akkoord: 1 (50%)')
    assert fits(laptop)
    laptop.wait_for_timeout(1500)
    save(laptop, 'laptop-screen-beside')

    # a phone: one column, the screen never loaded
    expect(phone.get_by_test_id('screen-frame')).to_be_hidden()
    assert phone.get_by_test_id('screen-frame').get_attribute('src') is None
    expect(phone.get_by_test_id('open-screen')).to_be_visible()
    assert fits(phone)
    save(phone, 'phone-online-one-column')

    # the screen full-size in a second tab, from the participant's own page
    with laptop.context.expect_page() as opened:
        laptop.get_by_test_id('open-screen').click()
    tab = opened.value
    tab.wait_for_load_state()
    expect(tab.get_by_test_id('screen-question')).to_have_text(QUESTION)
    expect(tab.get_by_test_id('result-summary')).to_have_text('Akkoord: 1 (50%) · Niet akkoord: 1 (50%)')
    assert 'key=' not in tab.content()
    tab.wait_for_timeout(1500)  # the chart's bars have grown
    save(tab, 'laptop-screen-tab')

    # a stranger's browser gets no screen
    stranger = people.laptop()
    goto(stranger, tab.url)
    expect(stranger.get_by_test_id('access-denied')).to_be_visible()
    expect(stranger.get_by_test_id('screen-question')).to_have_count(0)


def test_screen_shared_small_in_a_call_stays_readable(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Gedeeld scherm')
    screen_url = control.get_by_test_id('screen-link').input_value()
    for width, height in ((960, 540), (1280, 720)):
        screen = people.laptop(width, height)
        goto(screen, screen_url)
        qr = screen.get_by_test_id('qr').bounding_box()
        short = screen.get_by_test_id('short-url')
        assert qr and qr['width'] >= 200, qr  # a phone still scans it from a shared window
        assert qr['y'] + qr['height'] <= height
        size = short.evaluate('e => parseFloat(getComputedStyle(e).fontSize)')
        assert size >= 24, size
        code_box = screen.get_by_test_id('join-code').bounding_box()
        assert code_box and code_box['y'] + code_box['height'] <= height  # nothing cut off at the bottom
        warning = screen.get_by_test_id('unreachable').bounding_box()  # this test server is at 127.0.0.1
        assert warning and warning['y'] + warning['height'] <= height
        assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')
        save(screen, f'screen-shared-{width}x{height}')
