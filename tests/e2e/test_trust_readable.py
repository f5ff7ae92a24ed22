"""Readable and quiet, in real Chromium at 1920×1080: a wall of 15 reasons shows every one, whole, page after page;
every text on every kind's screen is at least 24 px; two "Deelnemer A"s are told apart; a facilitator who works in
English gets a meeting whose screen speaks English. One server for the module, its meeting seeded in the database
(15 participants with long names, answers with long reasons) before it starts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, goto, join, login, save

LONG = 'jan.vandenbroeck@woonzorg-brugge-oost.be'  # 40 characters, nowhere to break
NAMES = [('Deelnemer A', ''), ('Anna', 'Woonzorg Brugge'), ('Anna', 'Thuiszorg West'), (LONG, 'OCMW Oostende'),
         ('Bram', 'Wijkgezondheidscentrum De Kaai en omstreken vzw'), ('Chloé', 'CAW'), ('Dries', ''),
         ('Els', 'Huis van het Kind'), ('Fien', 'Mutualiteit'), ('Geert', 'Stad Gent'),
         ('Hanne Van den Broecke-Vermeersch', 'Kind en Gezin'), ('Ilse', 'Zorgbedrijf'), ('Jef', ''),
         ('Karim', 'Buurtwerk'), ('Lotte', 'Welzijnsschakels')]
STATEMENT = ('Een lerend netwerk werkt pas echt als elke organisatie om beurten een eigen casus meebrengt, '
             'ook wanneer die casus nog niet af is of als mislukt wordt gezien.')


def reason(n: int) -> str:
    """Reasons of every length up to the 500 characters allowed, each with its own number to find it by."""
    body = ('omdat we in ons team merken dat het pas werkt als iedereen durft te vertellen wat er misliep, '
            'en dat vraagt vertrouwen dat je niet op één bijeenkomst opbouwt. ') * (1 + n % 4)
    return f'Reden {n:02d}: {body}'[:500].strip()


GROUP_QUESTIONS = '\n'.join([
    'Welke casus uit jullie eigen organisatie zou je hier willen inbrengen, en wat zou je ervan willen leren?',
    'Wat hebben jullie het voorbije jaar geprobeerd dat niet werkte, en wat heb je daaruit meegenomen?',
    'Hoe betrekken jullie vrijwilligers en mantelzorgers bij beslissingen die hen aangaan?',
    'Welke afspraak met een andere organisatie in dit netwerk zou jullie werk morgen al makkelijker maken?'])


def seed(database: Path) -> dict[str, object]:
    """The meeting, written with the app's models before the server starts: the participants, a statement with
    15 reasons, an open question with long answers, a score, speed dating, breakouts, an evaluation, give and
    need, a network map. Nothing is shown yet (the welcome screen)."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app.domain.codes import new_join_code, new_key
    from app.kinds.breakout.rules import BreakoutSettings
    from app.kinds.evaluation.rules import EvaluationSettings
    from app.kinds.exchange.rules import ExchangeSettings
    from app.kinds.network_map.rules import NetworkMapSettings
    from app.kinds.polls.rules import OpenSettings, ScoreSettings, StatementSettings
    from app.kinds.speed_date.rules import SpeedDateSettings
    from app.store.models import Activity, Facilitator, Meeting, Participant, Response

    engine = create_engine(f'sqlite:///{database}')
    activities = [
        ('statement', STATEMENT, StatementSettings(ask_reason=True, reasons_on_screen=True)),
        ('open', 'Wat neem je vandaag mee naar je eigen organisatie, en wie ga je daarover als eerste vertellen?',
         OpenSettings(display='wall')),
        ('score', 'Hoe tevreden ben je over de samenwerking in dit netwerk? Geef een cijfer op 10 en zeg waarom.',
         ScoreSettings(reasons_on_screen=True)),
        ('speed_date', 'Leer elkaar kennen', SpeedDateSettings(
            rounds=2, tables=True,
            round_questions='Wat is de grootste uitdaging in jouw organisatie op dit moment, en wie zou je daarbij '
                            'kunnen helpen?')),
        ('breakout', 'Casussen in kleine groep', BreakoutSettings(group_value=4, group_questions=GROUP_QUESTIONS,
                                                                  locations='Zaal 1 naast de bar\nZaal 2\nTuin')),
        ('evaluation', 'Hoe waardevol was deze bijeenkomst voor jou?', EvaluationSettings(texts_on_screen=True)),
        ('exchange', 'Geven en vragen', ExchangeSettings()),
        ('network_map', 'Wie heb je om hulp gevraagd sinds de vorige keer?', NetworkMapSettings()),
    ]
    with Session(engine) as session, session.begin():
        owner = session.scalars(select(Facilitator)).one()
        meeting = Meeting(facilitator_id=owner.id, title='Lerend netwerk eerstelijnszorg Brugge-Oostende: '
                          'sessie 3 over vertrouwen en casussen', join_code=new_join_code(), screen_key=new_key(),
                          state='open', locked=False)
        session.add(meeting)
        session.flush()
        people = [Participant(id=f'seed{i:02d}', meeting_id=meeting.id, device_id=f'device-{i}', name=name,
                              organisation=org) for i, (name, org) in enumerate(NAMES)]
        session.add_all(people)
        ids = {}
        for position, (kind, text, settings) in enumerate(activities, start=1):
            row = Activity(meeting_id=meeting.id, position=position, kind=kind, text=text,
                           settings=settings.to_dict(), state='open', revealed=False)
            session.add(row)
            session.flush()
            ids[kind] = row.id
        for i, person in enumerate(people):
            session.add(Response(activity_id=ids['statement'], participant_id=person.id,
                                 choice=('agree', 'disagree')[i % 2], reason=reason(i + 1)))
            session.add(Response(activity_id=ids['open'], participant_id=person.id,
                                 text=f'Antwoord {i + 1}: ' + 'de methode van de casusbespreking in vier stappen, '
                                 'en ik vertel het eerst aan mijn teamleider op het overleg van maandag.'))
            session.add(Response(activity_id=ids['score'], participant_id=person.id, choice=str(5 + i % 6),
                                 reason='We leren veel van elkaar, maar de agenda is te vol om echt door te praten.'))
            if i < 6:
                session.add(Response(activity_id=ids['evaluation'], participant_id=person.id, choice=str(2 + i % 4),
                                     reason='Meer tijd voor de casussen en minder voor de uitleg vooraf.',
                                     text='Het model van de casusbespreking in vier stappen voor ons teamoverleg.',
                                     extra='Een pauze halverwege, en de presentaties korter.'))
                session.add(Response(activity_id=ids['exchange'], participant_id=person.id, text=json.dumps({
                    'give': [{'text': 'Ervaring met roosters voor vrijwilligers in de thuiszorg en het weekend'}],
                    'need': [{'text': 'Hulp bij het plannen van roosters voor mantelzorgers en vrijwilligers'}]})))
                session.add(Response(activity_id=ids['network_map'], participant_id=person.id, text=json.dumps({
                    'asked': [people[(i + 1) % 6].id], 'gave': [people[(i + 2) % 6].id], 'outside': []})))
        found = {'id': meeting.id, 'code': meeting.join_code, 'key': meeting.screen_key}
    engine.dispose()
    return found


@pytest.fixture(scope='module')
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, object]]]:
    server = Server(tmp_path_factory.mktemp('readable'), SCREEN_ROTATE_SECONDS='1.5', PAGE_LOADS_PER_ADDRESS='0')
    server.create_facilitator()  # also makes the database
    found = seed(server.data_dir / 'uitwisselplek.db')
    server.start()
    yield server, found
    server.stop()


def open_both(people: People, server: Server, found: dict[str, object]) -> tuple[Page, Page]:
    control = people.laptop(1400, 1000)
    login(control, server)
    goto(control, f'{server.url}/m/{found["id"]}/control')
    screen = people.projector()
    goto(screen, f'{server.url}/m/{found["id"]}/screen?key={found["key"]}')
    return control, screen


def show(control: Page, kind_text: str) -> None:
    control.get_by_test_id('agenda-item').filter(has_text=kind_text).get_by_role(
        'button', name='Nu tonen en laten antwoorden').click()
    expect(control.get_by_test_id('live-state')).to_contain_text('loopt')


def new_pairs(control: Page, screen: Page) -> None:
    """Speed dating on the screen with pairs of everyone there now (a round another test made ends first)."""
    show(control, 'Leer elkaar kennen')
    make = control.get_by_role('button', name=re.compile(r'^(Koppels maken|Volgende ronde|Toch nog een ronde)$'))
    start = control.get_by_role('button', name='Start', exact=True)
    expect(make.or_(start).first).to_be_visible()
    if not make.count():
        start.click()
        control.get_by_role('button', name=re.compile('Ronde nu beëindigen')).click()
    make.first.click()
    expect(screen.get_by_test_id('pair').first).to_be_visible()


def whole(page: Page, selector: str) -> list[str]:
    """The texts of the visible elements matching ``selector``, each checked whole: nothing cut off by a clamp, the
    wall's edge or the screen's."""
    return page.evaluate('''selector => {
        const texts = [];
        for (const el of document.querySelectorAll(selector)) {
            const box = el.getBoundingClientRect();
            if (!box.height) continue;
            const wall = el.closest('[data-testid=answer-wall]').getBoundingClientRect();
            if (el.scrollHeight > el.clientHeight + 1) throw new Error('clamped: ' + el.textContent);
            if (box.bottom > wall.bottom + 1 || box.bottom > window.innerHeight)
                throw new Error(`cut off at ${Math.round(wall.bottom)} px: ${el.textContent}`);
            texts.push(el.textContent);
        }
        return texts;
    }''', selector)


def test_the_reasons_wall_shows_all_15_reasons_whole(meeting: tuple[Server, dict], people: People) -> None:
    server, found = meeting
    control, screen = open_both(people, server, found)
    show(control, 'elke organisatie om beurten')
    expect(screen.get_by_test_id('screen-question')).to_contain_text('elke organisatie om beurten')
    expect(screen.get_by_test_id('wall-page')).to_contain_text(re.compile(r'Pagina \d+ van \d+'))
    pages = int(screen.get_by_test_id('answer-wall').get_attribute('data-pages') or 0)
    assert pages > 1  # 15 long reasons do not fit on one screen
    seen: dict[str, str] = {}
    shots = 0
    for _ in range(4 * pages):  # the pages turn by themselves (1.5 s each here)
        texts = whole(screen, '[data-testid=answer-wall] [data-testid=reason]')
        assert texts, 'an empty page'
        for text in texts:
            seen[text[:8]] = text
        if shots < 2:
            save(screen, f'readable-reasons-page-{shots + 1}')
            shots += 1
        if len(seen) == 15:
            break
        page = screen.get_by_test_id('answer-wall').get_attribute('data-page')
        expect(screen.get_by_test_id('answer-wall')).not_to_have_attribute('data-page', page or '')
    assert sorted(seen) == [f'Reden {n:02d}' for n in range(1, 16)]
    for n, text in enumerate(sorted(seen.values()), start=1):
        assert text == reason(n)  # every reason whole, to its last word
    assert screen.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')


TEXTS = '''() => {
    const small = [];
    const visible = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0
        && getComputedStyle(el).visibility !== 'hidden' && b.top < window.innerHeight; };
    for (const el of document.querySelectorAll('body *')) {
        if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !visible(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 24) small.push(`${size}px: ${el.textContent.trim().slice(0, 60)}`);
    }
    return small;
}'''


def small_texts(screen: Page, name: str) -> list[str]:
    screen.wait_for_timeout(400)  # charts draw after their data
    save(screen, f'readable-{name}')
    return [f'{name}: {text}' for text in screen.evaluate(TEXTS)]


def test_every_text_on_every_screen_is_at_least_24px(meeting: tuple[Server, dict], people: People) -> None:
    server, found = meeting
    control, screen = open_both(people, server, found)
    expect(screen.get_by_test_id('wall-name')).to_have_count(len(NAMES))
    small = small_texts(screen, 'welcome')
    show(control, 'Wat neem je vandaag mee')  # an open question: the answer wall
    expect(screen.get_by_test_id('answer-card').first).to_be_visible()
    small += small_texts(screen, 'open-wall')
    show(control, 'Geef een cijfer op 10')
    expect(screen.get_by_test_id('result-summary')).to_contain_text('gemiddelde')
    small += small_texts(screen, 'score')
    new_pairs(control, screen)
    small += small_texts(screen, 'speed-date')
    show(control, 'Casussen in kleine groep')
    control.get_by_role('button', name='Groepen maken', exact=True).click()
    expect(screen.get_by_test_id('screen-group').first).to_be_visible()
    control.get_by_role('button', name='Start', exact=True).click()
    expect(screen.get_by_test_id('countdown')).to_contain_text(re.compile(r'\d:\d\d'))
    small += small_texts(screen, 'breakout')
    show(control, 'Hoe waardevol was deze bijeenkomst')
    expect(screen.get_by_test_id('answer-card').first).to_be_visible()
    small += small_texts(screen, 'evaluation')
    show(control, 'Geven en vragen')
    expect(screen.get_by_test_id('market-theme').first).to_be_visible()
    small += small_texts(screen, 'exchange')
    show(control, 'Wie heb je om hulp gevraagd')
    expect(screen.get_by_test_id('map-chart')).to_be_visible()
    small += small_texts(screen, 'network-map')
    assert small == [], '\n'.join(small)


def test_namesakes_are_told_apart_on_roster_wall_and_pairs(meeting: tuple[Server, dict], people: People) -> None:
    server, found = meeting
    control, screen = open_both(people, server, found)
    back = control.get_by_role('button', name='Terug naar QR-code')
    if back.count():  # another test left an activity on the screen
        back.click()
        expect(screen.get_by_test_id('wall-count')).to_be_visible()
    phone = people.phone()
    phone.add_init_script('(() => { const real = Date.now; Date.now = () => real() + 30000; })()')  # 30 s ahead
    join(phone, f'{server.url}/{found["code"]}', 'Deelnemer A')  # a second one
    roster = control.get_by_test_id('roster-name')
    expect(roster.filter(has_text=re.compile(r'^Deelnemer A$'))).to_have_count(1)
    expect(roster.filter(has_text='Deelnemer A #2')).to_have_count(1)
    wall = screen.get_by_test_id('wall-name')
    expect(wall.filter(has_text=re.compile(r'^Deelnemer A$'))).to_have_count(1)
    expect(wall.filter(has_text='Deelnemer A #2')).to_have_count(1)
    expect(wall.filter(has_text='Anna (Woonzorg Brugge)')).to_have_count(1)  # the same name, other organisations
    expect(wall.filter(has_text='Anna (Thuiszorg West)')).to_have_count(1)
    save(screen, 'readable-wall-namesakes')
    # pairs: every pair on the control view and on the screen names people that can be told apart
    new_pairs(control, screen)
    expect(control.get_by_test_id('control-pair').filter(has_text='Deelnemer A #2')).to_have_count(1)  # the new round
    pairs = ' / '.join(control.get_by_test_id('control-pair').all_inner_texts())
    assert re.search(r'Deelnemer A(?! #)', pairs)
    expect(screen.get_by_test_id('pair').filter(has_text='Deelnemer A #2')).to_have_count(1)
    on_screen = ' / '.join(screen.get_by_test_id('pair').all_inner_texts())
    assert re.search(r'Deelnemer A(?! #)', on_screen)
    assert 'Anna (Woonzorg Brugge)' in on_screen and 'Anna (Thuiszorg West)' in on_screen
    expect(phone.get_by_test_id('partner-name').first).to_be_visible()  # the second one's phone: its partner
    save(screen, 'readable-pairs-namesakes')

    # that phone's clock runs 30 s ahead: measured when its page connected, its countdown shows the server's time
    control.get_by_role('button', name='Start', exact=True).click()
    countdown = phone.get_by_test_id('countdown')
    expect(countdown).to_contain_text(re.compile(r'^\d:\d\d'))
    handle = countdown.element_handle()
    phone.wait_for_function('el => typeof getElement(el).offset === "number"', arg=handle)
    offset = phone.evaluate('el => getElement(el).offset', handle)
    assert abs(offset + 30000) < 1000, offset  # server minus phone, in ms

    def left(page: Page) -> int:
        minutes, seconds = page.get_by_test_id('countdown').inner_text().split(':')[:2]
        return int(minutes) * 60 + int(seconds[:2])
    assert abs(left(phone) - left(screen)) <= 1


def test_a_facilitator_in_english_gets_an_english_screen(meeting: tuple[Server, dict], people: People) -> None:
    server, _ = meeting
    control = people.laptop(1400, 1000)
    login(control, server)
    control.get_by_role('button', name='English').click()  # the header's language switch
    expect(control.get_by_role('button', name='New meeting')).to_be_visible()
    control.get_by_role('button', name='New meeting').click()
    control.get_by_label('Title').fill('Network in English')  # a facilitator at work in English
    control.get_by_role('button', name='Create').click()
    control.wait_for_url('**/control')
    screen = people.projector()
    goto(screen, control.get_by_test_id('screen-link').input_value())
    expect(screen.get_by_test_id('wall-count')).to_be_visible()
    expect(screen.get_by_text('Scan to join')).to_be_visible()
    assert 'Scan' in screen.inner_text('body') and 'deelnemers' not in screen.inner_text('body')

