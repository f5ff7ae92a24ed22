"""Statements and scores in real Chromium: control, screen and five phones, live without reloads."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save


def add(control: Page, kind_label: str, text: str, *, hidden: bool = False) -> None:
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name=kind_label, exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill(text)
    if hidden:
        dialog.get_by_text('Resultaten meteen tonen').click()
    dialog.get_by_role('button', name='Bewaren').click()
    expect(control.get_by_test_id('agenda-item').filter(has_text=text)).to_be_visible()


def start(control: Page, text: str) -> None:
    item = control.get_by_test_id('agenda-item').filter(has_text=text)
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    expect(control.get_by_test_id('live-state')).to_contain_text('loopt')


def vote(phone: Page, option: str, question: str) -> None:
    expect(phone.get_by_test_id('activity-text')).to_contain_text(question)  # the phone switched already
    phone.get_by_test_id(f'vote-{option}').click()
    expect(phone.get_by_test_id('received')).to_be_visible()


def test_statements_and_scores_live(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Stellingen')
    code = control.get_by_test_id('join-code').inner_text().strip()
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    phones = [people.phone() for _ in range(5)]
    for i, phone in enumerate(phones):
        join(phone, f'{server.url}/{code}', f'Deelnemer {i + 1}')

    statement = 'Lerende netwerken zijn vooral nuttig wanneer je al met een specifiek probleem zit.'
    add(control, 'Stelling', statement)
    start(control, statement)
    for phone in phones:
        expect(phone.get_by_test_id('activity-text')).to_have_text(statement)
    summary = screen.get_by_test_id('result-summary')
    for phone, option in zip(phones, ['agree', 'agree', 'agree', 'disagree', 'disagree'], strict=True):
        vote(phone, option, statement)
    expect(summary).to_have_text('Akkoord: 3 (60%) · Niet akkoord: 2 (40%)')
    expect(screen.get_by_test_id('answered')).to_have_text('5 van 5 geantwoord')
    chart = screen.get_by_test_id('result-chart')
    expect(chart.locator('text', has_text='3 (60%)')).to_have_count(1)  # the bar labels themselves
    expect(chart.locator('text', has_text='2 (40%)')).to_have_count(1)

    started = time.perf_counter()
    phones[0].get_by_test_id('vote-disagree').click()
    expect(summary).to_have_text('Akkoord: 2 (40%) · Niet akkoord: 3 (60%)')
    figure(f'phone changes its vote -> screen chart updated: {(time.perf_counter() - started) * 1000:.0f} ms')
    expect(chart.locator('text', has_text='3 (60%)')).to_have_count(1)

    phones[1].get_by_label('Waarom?').fill('<script>alert("x")</script> omdat het klopt')
    phones[1].get_by_role('button', name='Reden bewaren').click()
    expect(phones[1].get_by_test_id('reason-saved')).to_be_visible()
    control.get_by_role('button', name='Redenen op het scherm').click()
    reason = screen.get_by_test_id('reason')
    expect(reason).to_have_text('<script>alert("x")</script> omdat het klopt')  # literal text, not markup
    save(screen, 'screen-statement')
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')  # no scrolling

    phones[0].reload()  # still sees its own answer
    expect(phones[0].get_by_test_id('vote-disagree')).to_have_attribute('aria-pressed', 'true')
    expect(phones[0].get_by_test_id('vote-agree')).to_have_attribute('aria-pressed', 'false')
    save(phones[0], 'phone-statement')

    # hidden until reveal: only the count on the screen
    hidden = 'Bij een lerend netwerk kijk ik altijd eerst de kat uit de boom.'
    add(control, 'Stelling', hidden, hidden=True)
    start(control, hidden)
    for phone, option in zip(phones[:3], ['agree', 'disagree', 'disagree'], strict=True):
        vote(phone, option, hidden)
    expect(screen.get_by_test_id('answered')).to_have_text('3 van 5 geantwoord')
    expect(screen.get_by_test_id('results-hidden')).to_be_visible()
    expect(screen.get_by_test_id('result-summary')).to_have_count(0)
    control.get_by_role('button', name='Toon resultaten').click()
    expect(screen.get_by_test_id('result-summary')).to_have_text('Akkoord: 1 (33%) · Niet akkoord: 2 (67%)')

    # a score out of 10
    add(control, 'Score op 10', 'Geef een cijfer op 10. Waarom deze score?')
    start(control, 'Geef een cijfer op 10')
    for phone, score in zip(phones[:3], ['7', '8', '10'], strict=True):
        vote(phone, score, 'Geef een cijfer op 10')
    expect(screen.get_by_test_id('result-summary')).to_have_text('gemiddelde 8,3 · mediaan 8')
    save(screen, 'screen-score')

    # voting after closing is refused, and the phone says so
    control.get_by_role('button', name='Stemmen sluiten').click()
    expect(phones[4].get_by_test_id('vote-closed')).to_be_visible()
    expect(phones[4].get_by_test_id('vote-5')).to_be_disabled()

    with control.expect_download() as download:
        control.get_by_role('button', name='Antwoorden (CSV)').click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding='utf-8-sig'))))
    answers = rows[1:]
    assert len(answers) == 5 + 3 + 3  # every answer once, a changed vote is not a second row
    assert sum(1 for r in answers if r[2] == statement and r[3] == 'Niet akkoord') == 3
    assert sorted(r[3] for r in answers if r[1] == 'score') == ['10', '7', '8']
