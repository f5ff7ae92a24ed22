"""The meeting report in real Chromium: a statement (reasons, one hidden, one named), a breakout harvest and the
evaluation answered on phones; the facilitator opens the report and downloads PDF and Markdown; the share link
opens without login in a fresh browser, shows no name that was not allowed, and says so clearly once revoked."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, figure, goto, join, login, save

pypdf = pytest.importorskip('pypdf')

STATEMENT = 'Kennis delen levert meer op dan het kost.'
HARVEST = 'Oogstregel: samen leren werkt het best in kleine groepen'
EVALUATION = 'Hoeveel heeft deze bijeenkomst je opgeleverd voor de tijd die je erin stak?'


def start(control: Page, text: str) -> None:
    item = control.get_by_test_id('agenda-item').filter(has_text=text)
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    expect(control.get_by_test_id('live-state')).to_contain_text('loopt')


def reason(phone: Page, text: str) -> None:
    phone.get_by_label('Waarom?').fill(text)
    phone.get_by_role('button', name='Reden bewaren').click()
    expect(phone.get_by_test_id('reason-saved')).to_be_visible()


def test_report_download_share_and_revoke(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Verslagavond')
    code = control.get_by_test_id('join-code').inner_text().strip()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Stelling', exact=True).click()
    dialog.get_by_label('Stelling of vraag').fill(STATEMENT)
    dialog.get_by_role('button', name='Bewaren').click()
    expect(control.get_by_test_id('agenda-item').filter(has_text=STATEMENT)).to_be_visible()
    control.get_by_role('button', name='Activiteit toevoegen').click()
    dialog = control.get_by_role('dialog')
    dialog.get_by_role('button', name='Werkgroepen (breakout)', exact=True).click()
    dialog.get_by_label('Titel', exact=True).fill('Groepsgesprek')
    dialog.get_by_role('button', name='Aantal groepen').click()
    dialog.get_by_label('Hoeveel').fill('1')
    dialog.get_by_label('Vraag of stelling per groep').fill('Wat werkt bij jullie?')
    dialog.get_by_role('button', name='Bewaren').click()
    expect(control.get_by_test_id('agenda-item').filter(has_text='Groepsgesprek')).to_be_visible()
    evaluation = control.get_by_role('button', name='Evaluatie toevoegen')
    has_evaluation = evaluation.count() > 0
    if has_evaluation:
        evaluation.click()
        expect(control.get_by_test_id('agenda-item').filter(has_text=EVALUATION)).to_be_visible()

    names = ['Anna', 'Bert', 'Chris']
    phones = [people.phone() for _ in names]
    for name, phone, org in zip(names, phones, ['Woonzorg', 'Woonzorg', ''], strict=True):
        join(phone, f'{server.url}/{code}', name, org)

    start(control, STATEMENT)
    for phone, option in zip(phones, ['agree', 'disagree', 'agree'], strict=True):
        expect(phone.get_by_test_id('activity-text')).to_have_text(STATEMENT)
        phone.get_by_test_id(f'vote-{option}').click()
        expect(phone.get_by_test_id('received')).to_be_visible()
    reason(phones[0], 'Wie deelt, krijgt terug')
    phones[0].get_by_text('Mijn naam mag bij mijn antwoord in het verslag').click()
    reason(phones[1], 'Dit mag niemand lezen')
    reason(phones[2], 'Het kost vooral tijd')
    hidden = control.get_by_test_id('answer-card').filter(has_text='Dit mag niemand lezen')
    expect(hidden).to_be_visible()
    hidden.get_by_role('button', name='Verbergen').click()
    expect(control.get_by_text('Dit mag niemand lezen')).to_have_count(0)

    start(control, 'Groepsgesprek')
    control.get_by_role('button', name='Groepen maken').click()
    expect(phones[0].get_by_test_id('group-name')).to_be_visible()
    phones[0].get_by_test_id('note').fill(HARVEST)
    phones[0].get_by_role('button', name='Bewaren').click()
    expect(phones[0].get_by_test_id('note-status')).to_have_text('Bewaard ✓')

    if has_evaluation:
        start(control, EVALUATION)
        for phone, score in zip(phones, ['4', '5', '2'], strict=True):
            expect(phone.get_by_test_id('activity-text')).to_have_text(EVALUATION)
            phone.get_by_test_id(f'vote-{score}').click()
            expect(phone.get_by_test_id(f'vote-{score}')).to_have_attribute('aria-pressed', 'true')

    # the facilitator opens the report from the control view (a new tab)
    with control.context.expect_page() as opened:
        control.get_by_test_id('open-report').click()
    report = opened.value
    report.wait_for_function('window.did_handshake === true')
    body = report.get_by_test_id('report')
    expect(body).to_contain_text('Verslagavond')
    expect(body).to_contain_text(HARVEST)
    expect(body).to_contain_text('Wie deelt, krijgt terug — Anna')
    expect(body).not_to_contain_text('Dit mag niemand lezen')
    started = time.perf_counter()
    with report.expect_download() as download:
        report.get_by_test_id('download-pdf').click()
    pdf = Path(download.value.path()).read_bytes()
    figure(f'report PDF of a 3-person meeting: {len(pdf) / 1024:.0f} KiB, click -> download '
           f'{(time.perf_counter() - started) * 1000:.0f} ms')
    assert download.value.suggested_filename == 'verslag-verslagavond.pdf'
    text = ' '.join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert HARVEST in ' '.join(text.split())
    assert 'Dit mag niemand lezen' not in text
    if has_evaluation:
        assert 'Gemiddelde: 3,7' in text  # ROTI (4 + 5 + 2) / 3
    with report.expect_download() as download:
        report.get_by_test_id('download-markdown').click()
    markdown = Path(download.value.path()).read_text(encoding='utf-8')
    assert markdown.startswith('# Verslagavond')
    assert HARVEST in markdown and 'Wie deelt, krijgt terug — Anna' in markdown
    assert 'Dit mag niemand lezen' not in markdown and 'Bert' not in markdown and 'Chris' not in markdown
    assert 'Woonzorg (1), zonder organisatie (1)' in markdown

    # the share link, in a browser that never logged in
    control.bring_to_front()
    control.get_by_test_id('make-report-link').click()
    link = control.get_by_test_id('report-link')
    expect(link).to_be_visible()
    url = link.input_value()
    control.get_by_test_id('report-card').scroll_into_view_if_needed()
    save(control, 'control-report-card')
    assert '/report?key=' in url
    guest = people.projector()
    goto(guest, url)
    shared = guest.get_by_test_id('report')
    expect(shared).to_contain_text(HARVEST)
    expect(shared).to_contain_text('Anna')
    for name in ('Bert', 'Chris'):
        expect(shared).not_to_contain_text(name)
    expect(guest.get_by_role('button', name='Afmelden')).to_have_count(0)  # not logged in
    save(guest, 'report-1920')
    small = people._page(viewport={'width': 360, 'height': 640}, is_mobile=True, has_touch=True)
    goto(small, url)
    expect(small.get_by_test_id('report')).to_contain_text(HARVEST)
    assert small.evaluate('document.documentElement.scrollWidth <= window.innerWidth')  # nothing sticks out
    save(small, 'report-360')

    control.get_by_test_id('revoke-report-link').click()
    expect(control.get_by_test_id('make-report-link')).to_be_visible()
    response = guest.goto(url)
    assert response is not None and response.status == 403
    expect(guest.get_by_test_id('report-denied')).to_contain_text('Deze link werkt niet (meer)')
    expect(guest.get_by_test_id('report')).to_have_count(0)
    other = people.laptop()
    response = other.goto(url.replace('/m/', '/m/9').split('?')[0] + '?key=' + url.split('key=')[1])
    assert response is not None and response.status == 403
