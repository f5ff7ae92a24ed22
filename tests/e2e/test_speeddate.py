"""Speed dating in real Chromium: control, screen and seven phones (two pairs and a trio), one shared countdown."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save

ORGS = ['Woonzorg Brugge', 'Woonzorg Brugge', 'OCMW Gent', 'OCMW Gent', 'CAW', 'CAW', 'Vzw Ons Huis']


def seconds(text: str) -> int:
    match = re.fullmatch(r'\s*(\d+):(\d\d)\s*(?:Pauze)?\s*', text)  # a paused countdown says so
    assert match, f'not a countdown: {text!r}'
    return int(match[1]) * 60 + int(match[2])


def partners(phone: Page) -> set[str]:
    expect(phone.get_by_test_id('partner-name').first).to_be_visible()
    return set(phone.get_by_test_id('partner-name').all_inner_texts())


def groups_seen(phones: list[Page], names: list[str]) -> set[frozenset[str]]:
    """The groups as the phones tell them; every phone must agree with its partners' phones."""
    seen = {frozenset({name, *partners(phone)}) for name, phone in zip(names, phones, strict=True)}
    assert sorted(p for g in seen for p in g) == sorted(names)  # everyone placed exactly once
    return seen


def test_speed_dating_rounds(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Speed dating')
    code = control.get_by_test_id('join-code').inner_text().strip()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Speed dating', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Leer elkaar kennen')
    dialog.get_by_label('Vraag per ronde').fill('Wanneer deelde je het laatst kennis met iemand buiten je team?')
    dialog.get_by_text('Genummerde tafels').click()
    dialog.get_by_role('button', name='Bewaren').click()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    names = [f'Deelnemer {i + 1}' for i in range(7)]
    phones = [people.phone() for _ in names]
    for name, org, phone in zip(names, ORGS, phones, strict=True):
        join(phone, f'{server.url}/{code}', name, org)

    control.get_by_test_id('agenda-item').get_by_role('button', name='Nu tonen en laten antwoorden').click()
    control.get_by_role('button', name='Koppels maken').click()
    first = groups_seen(phones, names)
    assert sorted(len(g) for g in first) == [2, 2, 3]  # two pairs and a trio
    expect(screen.get_by_test_id('pair')).to_have_count(3)
    expect(phones[0].get_by_test_id('ready')).to_be_visible()
    expect(phones[0].get_by_test_id('round-question')).to_have_text(
        'Wanneer deelde je het laatst kennis met iemand buiten je team?')

    started = time.perf_counter()
    control.get_by_role('button', name='Start', exact=True).click()
    expect(phones[6].get_by_test_id('ready')).to_be_hidden()  # hidden by the same update that starts the clock
    figure(f'"Start" -> countdown running on a phone: {(time.perf_counter() - started) * 1000:.0f} ms')
    expect(phones[6].get_by_test_id('countdown')).not_to_have_text('2:00')
    on_screen, on_phone = screen.get_by_test_id('countdown'), phones[3].get_by_test_id('countdown')
    difference = abs(seconds(on_screen.inner_text()) - seconds(on_phone.inner_text()))
    figure(f'countdown screen vs phone: {difference} s apart (whole seconds shown)')
    assert difference <= 1
    save(screen, 'screen-speeddate')
    save(phones[0], 'phone-speeddate')

    before = partners(phones[2])
    phones[2].reload()  # mid-round: same partner, same remaining time
    assert partners(phones[2]) == before
    assert abs(seconds(phones[2].get_by_test_id('countdown').inner_text()) - seconds(on_screen.inner_text())) <= 1

    control.get_by_role('button', name='Pauze').click()
    expect(on_screen).to_contain_text('Pauze')  # a paused countdown says so
    frozen = on_screen.inner_text()
    time.sleep(1.5)
    assert on_screen.inner_text() == frozen  # paused: the time stands still everywhere
    assert phones[5].get_by_test_id('countdown').inner_text() == frozen
    control.get_by_role('button', name='+1 minuut').click()
    expect(on_screen).to_have_text(re.compile(f'^{seconds(frozen) // 60 + 1}:{seconds(frozen) % 60:02d}\\s*Pauze$'))
    control.get_by_role('button', name='Start', exact=True).click()
    control.get_by_role('button', name='Ronde nu beëindigen').click()
    for phone in phones:
        expect(phone.get_by_test_id('countdown')).to_have_text('Wissel!')
    expect(on_screen).to_have_text('Wissel!')

    control.get_by_role('button', name='Volgende ronde').dblclick()  # a double press makes one round, not two
    expect(screen.get_by_test_id('round-label')).to_have_text(re.compile(r'Ronde 2 van \d+'))
    for phone in phones:  # every phone has switched to the new round before its partners are read
        expect(phone.get_by_test_id('round-label')).to_have_text(re.compile(r'Ronde 2 van \d+'))
    second = groups_seen(phones, names)
    pairs = {frozenset(p) for g in first for p in _pairs(g)}
    assert not pairs & {frozenset(p) for g in second for p in _pairs(g)}  # everyone has a new partner
    expect(control.get_by_test_id('control-round')).to_have_text(re.compile(r'Ronde 2 van'))


def _pairs(group: frozenset[str]) -> list[tuple[str, str]]:
    members = sorted(group)
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
