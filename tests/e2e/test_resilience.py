"""A server restart resumes the meeting; closed browsers release their subscriptions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import People, Server, create_meeting, figure, join, login, start_server


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
    screen.goto(control.get_by_test_id('screen-link').input_value())
    phone, english_phone = people.phone(), people.phone()
    join(phone, f'{server.url}/{code}', 'Anna')
    english_phone.goto(f'{server.url}/{code}')
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
    screen.goto(control.get_by_test_id('screen-link').input_value())
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
