"""Online and hybrid speed dating in real Chromium: five laptops and a phone online — each pair's members see the
same video room, different pairs different rooms, the next round new ones, "Terug naar de plenaire" with the main
call's link when a round ends, the countdown on the laptop's screen view; a hybrid meeting with three people in the
room and four online — tables for the room, rooms for online people. Video links point to loopback, never opened."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, join, login, save

BASE = 'http://127.0.0.1:9/jitsi'
PLENARY = 'https://call.example.org/plenaire-zaal'
ORGS = ['Woonzorg Brugge', 'OCMW Gent', 'CAW Oost', 'Thuiszorg Kust', 'Zorgnet West', 'Buurtwerk Leuven',
        'Huis van het Kind']


def remote(control: Page, mode: str) -> None:
    card = control.get_by_test_id('remote-card')
    card.get_by_test_id('remote-mode').get_by_text(mode, exact=True).click()
    card.get_by_test_id('remote-plenary').fill(PLENARY)
    card.get_by_test_id('remote-video-base').fill(BASE)
    card.get_by_test_id('remote-save').click()
    expect(control.get_by_text('Bewaard').first).to_be_visible()


def add_speed_date(control: Page) -> None:
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Speed dating', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Online kennismaken')
    dialog.get_by_role('button', name='Bewaren').click()
    control.get_by_test_id('agenda-item').get_by_role('button', name='Nu tonen en laten antwoorden').click()


def room_of(page: Page) -> str:
    link = page.get_by_test_id('video-link')
    expect(link).to_be_visible()
    return link.get_attribute('href') or ''


def names_with(page: Page) -> set[str]:
    expect(page.get_by_test_id('partner-name').first).to_be_visible()
    return set(page.get_by_test_id('partner-name').all_inner_texts())


def test_online_speed_dating(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Online lerend netwerk')
    code = control.get_by_test_id('join-code').inner_text().strip()
    remote(control, 'Online')
    pages = [people.laptop(1280, 800) for _ in range(5)] + [people.phone()]
    names = [f'Deelnemer {i + 1}' for i in range(6)]
    for page, name, org in zip(pages, names, ORGS, strict=False):
        join(page, f'{server.url}/{code}', name, org)
    add_speed_date(control)

    rooms_seen: list[set[str]] = []
    for number in (1, 2):  # two rounds: new rooms each time
        control.get_by_role('button', name='Koppels maken' if number == 1 else 'Volgende ronde').click()
        for page in pages:
            expect(page.get_by_test_id('round-label')).to_contain_text(f'Ronde {number} van')
        by_name = {name: (room_of(page), names_with(page)) for name, page in zip(names, pages, strict=True)}
        for link, partners in by_name.values():
            assert link.startswith(BASE + '/Uitwisselplek-')
            for partner in partners:
                assert by_name[partner][0] == link  # the same room for everyone in the pair
        pairs = {link for link, _ in by_name.values()}
        assert len(pairs) == 3  # three pairs, three different rooms
        expect(control.get_by_test_id('control-room')).to_have_count(3)  # the facilitator can drop in
        rooms_seen.append(pairs)
        control.get_by_role('button', name='Start').click()
        expect(pages[0].get_by_test_id('plenary')).to_be_hidden()
        save(pages[0], 'laptop-online-round')
        frame = pages[0].frame_locator('[data-testid=screen-frame]')
        expect(frame.get_by_test_id('round-label')).to_be_visible()  # the projector's round beside the controls
        expect(frame.get_by_test_id('countdown')).to_have_text(re.compile(r'^\s*\d:\d\d'))  # and its countdown
        save(pages[5], 'phone-online-round')
        control.get_by_role('button', name='Ronde nu beëindigen').click()
        for page in pages:
            expect(page.get_by_test_id('plenary')).to_be_visible()
            expect(page.get_by_test_id('plenary-link')).to_have_attribute('href', PLENARY)
    assert not rooms_seen[0] & rooms_seen[1]
    save(pages[5], 'phone-online-plenary')


def test_hybrid_tables_and_rooms(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Hybride lerend netwerk')
    code = control.get_by_test_id('join-code').inner_text().strip()
    remote(control, 'Hybride')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    pages = [people.phone() for _ in range(7)]
    names = [f'Persoon {i + 1}' for i in range(7)]
    online = set(names[3:])
    for page, name, org in zip(pages, names, ORGS, strict=True):
        join(page, f'{server.url}/{code}', name, org)
        page.get_by_test_id('place-online' if name in online else 'place-room').click()
        expect(page.get_by_test_id('place-online' if name in online else 'place-room')) \
            .to_have_attribute('aria-pressed', 'true')
    add_speed_date(control)
    control.get_by_role('button', name='Koppels maken').click()
    for page, name in zip(pages, names, strict=True):
        partners = names_with(page)
        assert (partners | {name}) <= online or not (partners | {name}) & online  # never mixed
        if name in online:
            assert room_of(page).startswith(BASE)
        else:
            expect(page.get_by_test_id('table')).to_be_visible()
            expect(page.get_by_test_id('video-link')).to_have_count(0)
    expect(screen.get_by_test_id('pair-online')).to_have_count(2)  # the screen shows both
    expect(screen.get_by_test_id('pair-table')).to_have_count(1)
    save(screen, 'screen-hybrid-pairs')
