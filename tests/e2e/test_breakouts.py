"""Breakout groups in real Chromium: control, screen, a moderator and six phones from two organisations."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save

QUESTIONS = ['Wat werkt bij jullie?', 'Wat loopt er mis?']


def my_group(phone: Page) -> tuple[str, set[str], str]:
    """(group name, the other members, question) as the phone shows them."""
    expect(phone.get_by_test_id('group-name')).to_be_visible()
    members = {m.split(' (')[0] for m in phone.get_by_test_id('group-member').all_inner_texts()}
    return (phone.get_by_test_id('group-name').inner_text(), members,
            phone.get_by_test_id('group-question').inner_text())


def test_breakout_round_with_moderator_and_harvest(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Werkgroepen')
    code = control.get_by_test_id('join-code').inner_text().strip()
    control.get_by_label('Naam van de moderator').fill('Mo')
    control.get_by_role('button', name='Uitnodigen').click()
    moderator_link = control.get_by_test_id('invite-link').input_value()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Werkgroepen (breakout)', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Wissel ervaringen uit')
    dialog.get_by_role('button', name='Aantal groepen').click()
    dialog.get_by_label('Hoeveel').fill('2')
    dialog.get_by_label('Vraag of stelling per groep').fill('\n'.join(QUESTIONS))
    dialog.get_by_role('button', name='Bewaren').click()

    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    moderator = people.laptop(1200, 1000)
    goto(moderator, moderator_link)
    names = ['Anna', 'Bert', 'Chloé', 'Dries', 'Els', 'Femke']
    orgs = dict(zip(names, ['Woonzorg'] * 3 + ['OCMW'] * 3, strict=True))
    phones = [people.phone() for _ in names]
    for name, phone in zip(names, phones, strict=True):
        join(phone, f'{server.url}/{code}', name, orgs[name])

    control.get_by_test_id('agenda-item').get_by_role('button', name='Nu tonen en laten antwoorden').click()
    started = time.perf_counter()
    control.get_by_role('button', name='Groepen maken').click()
    expect(phones[-1].get_by_test_id('group-name')).to_be_visible()
    figure(f'"Groepen maken" -> group shown on a phone: {(time.perf_counter() - started) * 1000:.0f} ms')
    groups: dict[str, set[str]] = {}
    for name, phone in zip(names, phones, strict=True):
        group, others, question = my_group(phone)
        groups.setdefault(group, set()).add(name)
        assert len(others) == 2 and name not in others
        assert question in QUESTIONS
    assert sorted(len(g) for g in groups.values()) == [3, 3]
    for members in groups.values():  # each group mixes both organisations
        assert {orgs[m] for m in members} == {'Woonzorg', 'OCMW'}
    expect(screen.get_by_test_id('screen-group')).to_have_count(2)
    expect(moderator.get_by_test_id('group-card')).to_have_count(2)  # the only moderator has both groups

    control.get_by_role('button', name='Start', exact=True).click()
    control.get_by_label('Bericht aan alle').fill('Nog 2 minuten!')
    control.get_by_role('button', name='Versturen').click()
    for phone in phones:
        expect(phone.get_by_test_id('message')).to_have_text('Nog 2 minuten!')

    phones[0].get_by_test_id('note').fill('- intervisie werkt\n- <b>buddy</b>-systeem')
    phones[0].get_by_role('button', name='Bewaren').click()
    expect(phones[0].get_by_test_id('note-status')).to_have_text('Bewaard ✓')
    group_of_anna = next(g for g, m in groups.items() if 'Anna' in m)
    card = moderator.get_by_test_id('group-card').filter(has_text=group_of_anna)
    expect(card.get_by_test_id('note')).to_have_value('- intervisie werkt\n- <b>buddy</b>-systeem')  # live
    mate = phones[names.index(sorted(groups[group_of_anna] - {'Anna'})[0])]
    expect(mate.get_by_test_id('note')).to_have_value('- intervisie werkt\n- <b>buddy</b>-systeem')
    save(phones[0], 'phone-breakout')
    save(moderator, 'moderator-breakout')

    control.get_by_role('button', name='Terug naar plenaire').click()
    for phone in phones:
        expect(phone.get_by_test_id('countdown')).to_have_text('Terug naar plenaire!')
    control.get_by_role('button', name='Scherm: oogst').click()
    harvest = screen.get_by_test_id('screen-harvest').filter(has_text='intervisie')
    expect(harvest).to_have_text('- intervisie werkt\n- <b>buddy</b>-systeem')  # as text, not markup
    save(screen, 'screen-harvest')
    with control.expect_download() as download:
        control.get_by_role('button', name='Antwoorden (CSV)').click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding='utf-8-sig'))))
    harvests = [r for r in rows[1:] if r[1] == 'breakout']
    # the harvest is exported (a leading "-" is quoted so that spreadsheets do not read a formula)
    assert [r[3] for r in harvests] == ["'- intervisie werkt\n- <b>buddy</b>-systeem"]
