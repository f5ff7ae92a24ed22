"""A server restart resumes the meeting; closed browsers release their subscriptions."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save, start_server


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    server = start_server(tmp_path / 'server')
    yield server
    server.stop()


def test_server_restart_brings_everyone_back(own_server: Server, people: People) -> None:
    server = own_server
    control = people.laptop()
    login(control, server)
    create_meeting(control, 'Herstart')
    code = control.get_by_test_id('join-code').inner_text().strip()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phone, english_phone = people.phone(), people.phone()
    join(phone, f'{server.url}/{code}', 'Anna')
    goto(english_phone, f'{server.url}/{code}')
    english_phone.get_by_role('button', name='English').click()
    english_phone.get_by_label('Your name').fill('Bert')
    english_phone.get_by_role('button', name='Join').click()
    expect(english_phone.get_by_text("You're in")).to_be_visible()
    expect(screen.get_by_test_id('wall-name')).to_have_text(['Anna', 'Bert'])

    started = time.perf_counter()
    server.restart()
    # nobody reloads by hand: the pages reconnect by themselves and rebuild from the database
    expect(phone.get_by_test_id('my-name')).to_have_text('Anna', timeout=30_000)
    expect(english_phone.get_by_text("You're in")).to_be_visible(timeout=30_000)
    expect(screen.get_by_test_id('wall-name')).to_have_text(['Anna', 'Bert'], timeout=30_000)
    figure(f'server restart -> phones and screen back: {time.perf_counter() - started:.1f} s')
    expect(control.get_by_test_id('roster-count')).to_have_text('2 deelnemers, 2 online', timeout=30_000)
    phone.reload()
    expect(phone.get_by_test_id('my-name')).to_have_text('Anna')
    expect(screen.get_by_test_id('wall-name')).to_have_count(2)  # still no duplicate


def test_closed_browsers_release_their_subscriptions(own_server: Server, people: People) -> None:
    server = own_server
    control = people.laptop()
    login(control, server)
    create_meeting(control, 'Opruimen')
    code = control.get_by_test_id('join-code').inner_text().strip()
    baseline = server.health()['subscribers']
    phones = [people.phone() for _ in range(6)]
    for i, phone in enumerate(phones):
        join(phone, f'{server.url}/{code}', f'Deelnemer {i}')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    expect(screen.get_by_test_id('wall-name')).to_have_count(6)
    busy = server.health()['subscribers']
    assert busy >= baseline + 2 * 7
    for page in [*phones, screen]:
        page.context.close()
    deadline = time.monotonic() + 60  # pages are kept 3 s after their browser is gone here
    while server.health()['subscribers'] != baseline and time.monotonic() < deadline:
        time.sleep(0.5)
    assert server.health()['subscribers'] == baseline
    expect(control.get_by_test_id('roster-count')).to_have_text('6 deelnemers, 0 online')


def test_full_wall_fits_a_16_9_screen_without_scrolling(own_server: Server, people: People) -> None:
    server = own_server
    control = people.laptop()
    login(control, server)
    control_url = create_meeting(control, 'Plenaire sessie met een lange titel over kennis delen in de zorg')
    screen_link = control.get_by_test_id('screen-link').input_value()
    meeting_id = int(control_url.split('/')[-2])
    server.stop()
    names = [f'{first} {last}' for first, last in zip(
        ['Anna', 'Bert', 'Chloé', 'Dries', 'Els', 'Femke', 'Geert', 'Hanne', 'Ilse', 'Jan'] * 6,
        ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Van den Broeck', 'Willems', 'Claes', 'Goossens', 'Wouters',
         'De Smet'] * 6, strict=True)]
    with sqlite3.connect(server.data_dir / 'uitwisselplek.db') as db:
        db.executemany(
            "INSERT INTO participant (id, meeting_id, device_id, name, organisation, status, joined_at) "
            "VALUES (?, ?, ?, ?, '', 'active', ?)",
            [(f'p{i}', meeting_id, f'd{i}', f'{name} {i}', f'2026-11-23 10:{i:02d}:00')
             for i, name in enumerate(names)])
    server.start()
    for width, height in ((1920, 1080), (1280, 720)):
        screen = people.laptop(width, height)
        goto(screen, screen_link)
        expect(screen.get_by_test_id('wall-name')).to_have_count(60)
        assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')
        last = screen.get_by_test_id('wall-name').last.bounding_box()
        assert last is not None and last['y'] + last['height'] <= height, 'names are cut off'
        qr = screen.get_by_test_id('qr').bounding_box()
        assert qr is not None and qr['height'] >= height * 0.35  # readable from the back of a room
        save(screen, f'screen-60-names-{width}x{height}')
