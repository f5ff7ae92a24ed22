"""The meeting report (pure): one model from the meeting's data, every kind's section, its privacy rules, and the
three renderings (HTML, Markdown, PDF)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from app.domain.activities import Activity, Answer
from app.domain.countdown import Countdown
from app.domain.meetings import MeetingInfo
from app.domain.people import Person
from app.domain.report import Agreement, Document, build_report
from app.domain.report_render import html_document, markdown
from app.domain.rounds import GroupDetails, Round
from app.i18n import translator
from app.kinds.breakout.rules import BreakoutSettings
from app.kinds.polls.rules import OpenSettings, ScoreSettings, StatementSettings
from app.kinds.registry import default_registry
from app.kinds.speed_date.rules import SpeedDateSettings

T = translator('nl')
KINDS = default_registry()
INFO = MeetingInfo(7, 1, 'Derde bijeenkomst', date(2026, 11, 20), 'ABC123', 'open', False, 'k', place='Gent',
                   host='Woonzorg')
PEOPLE = {'p1': Person('p1', 'Anna', 'Woonzorg'), 'p2': Person('p2', 'Bert', 'Woonzorg'),
          'p3': Person('p3', 'Chris', ''), 'p4': Person('p4', 'Dirk', 'Stad Gent')}
STATEMENT = Activity(1, 'statement', 'Kennis delen loont', StatementSettings(with_doubt=True), 'closed', position=1)
SCORE = Activity(2, 'score', 'Hoe nuttig?', ScoreSettings(), 'closed', position=2)
OPEN = Activity(3, 'open', 'Wat verwacht je?', OpenSettings(), 'closed', position=3)
SPEED = Activity(4, 'speed_date', 'Kennismaken', SpeedDateSettings(), 'closed', position=4)
BREAKOUT = Activity(5, 'breakout', 'In groepen', BreakoutSettings(), 'closed', position=5)
ACTIVITIES = [STATEMENT, SCORE, OPEN, SPEED, BREAKOUT]
ANSWERS = {
    1: {'p1': Answer('agree', reason='Omdat het werkt', show_name=True),
        'p2': Answer('agree', reason='Geheime reden', hidden=True),
        'p3': Answer('disagree', reason='Kost tijd'),
        'p4': Answer('doubt')},
    2: {'p1': Answer('8'), 'p2': Answer('6'), 'p3': Answer('9')},
    3: {'p2': Answer(text='Nieuwe contacten'), 'p3': Answer(text='Verborgen tekst', hidden=True)},
}
LONG_HARVEST = '\n'.join(f'Regel {n}: ' + 'we delen kennis over wonen en zorg ' * 6 for n in range(1, 80)) \
    + '\nLAATSTE REGEL van de oogst'
ROUNDS = [
    Round(11, 4, 1, (('p1', 'p2'), ('p3', 'p4')), None, Countdown(120), 'Wat drijft je?'),
    Round(12, 4, 2, (('p1', 'p3'), ('p2', 'p4')), None, Countdown(120), 'Waar loop je tegenaan?'),
    Round(21, 5, 1, (('p1', 'p2'), ('p3', 'p4')), None, Countdown(600), '',
          (GroupDetails(question='Hoe starten?', note='Eerst kennismaken\nDan een vraag'),
           GroupDetails(question='Wat werkt?', note=''))),
]


def report(answers=ANSWERS, rounds=ROUNDS, people=PEOPLE, activities=ACTIVITIES):
    return build_report(INFO, KINDS, activities, answers, rounds, people,
                        [Agreement('Volgende keer bij Stad Gent', 'Dirk')], T, 'nl')


def texts(r) -> str:
    """Everything the model holds, as one text (what any rendering could show)."""
    return markdown(Document('x', (r,)), T)


def test_header_and_sections_in_agenda_order() -> None:
    r = report()
    assert (r.title, r.place, r.host) == ('Derde bijeenkomst', 'Gent', 'Woonzorg')
    assert r.date == T.date(date(2026, 11, 20))
    assert [s.kind_label for s in r.sections] == [T(KINDS[a.kind].label) for a in ACTIVITIES]
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5]
    assert [s.text for s in r.sections] == [a.text for a in ACTIVITIES]
    assert r.agreements[0].text == 'Volgende keer bij Stad Gent'


def test_bars_counts_and_whole_percentages() -> None:
    statement = report().sections[0]
    assert [(b.label, b.count, b.percent) for b in statement.bars] == [
        ('Akkoord', 2, 50), ('Twijfel', 1, 25), ('Niet akkoord', 1, 25)]
    score = report().sections[1]
    assert sum(b.percent for b in score.bars) == 100
    assert [(f.label, f.value) for f in score.figures] == [('Gemiddelde', '7,7'), ('Mediaan', '8')]


def test_hidden_answers_never_appear_and_names_only_with_show_name() -> None:
    r = report()
    text = texts(r)
    assert 'Geheime reden' not in text and 'Verborgen tekst' not in text
    assert 'Omdat het werkt' in text and 'Kost tijd' in text and 'Nieuwe contacten' in text
    reasons = [q for b in r.sections[0].blocks for q in b.quotes]
    assert {(q.text, q.name) for q in reasons} == {('Omdat het werkt', 'Anna'), ('Kost tijd', '')}
    assert 'Bert' not in text and 'Chris' not in text  # none of their answers allowed their name


def test_attendance_names_who_allowed_it_and_counts_the_rest_per_organisation() -> None:
    people = report().attendance
    assert people.total == 4
    assert people.names == ('Anna (Woonzorg)',)
    assert people.others == (('Stad Gent', 1), ('Woonzorg', 1), ('zonder organisatie', 1))


def test_round_questions_and_harvests_not_the_pairs() -> None:
    r = report()
    speed, breakout = r.sections[3], r.sections[4]
    assert [(q.label, q.text) for b in speed.blocks for q in b.quotes] == [
        ('Ronde 1', 'Wat drijft je?'), ('Ronde 2', 'Waar loop je tegenaan?')]
    assert [(b.title, b.note, [q.text for q in b.quotes]) for b in breakout.blocks] == [
        ('Groep 1', 'Hoe starten?', ['Eerst kennismaken\nDan een vraag']), ('Groep 2', 'Wat werkt?', [])]
    md = texts(r)
    assert 'Anna' in md  # her statement reason, named
    for section in (speed, breakout):
        section_text = repr(section)
        assert all(pid not in section_text for pid in PEOPLE)


def test_evaluation_section_has_roti_and_texts_without_names() -> None:
    evaluation = Activity(6, 'evaluation', 'Hoe was het?', KINDS['evaluation'].new_settings(None), 'closed')
    answers = {6: {'p1': Answer('4', text='Meer samenwerken', extra='Korter', show_name=True),
                   'p2': Answer('2', reason='Meer tijd', text='Geheim', hidden=True),
                   'p3': Answer('5')}}
    r = report(answers, [], activities=[evaluation])
    section = r.sections[0]
    assert dict((f.label, f.value) for f in section.figures) == {'Gemiddelde': '3,7', 'Mediaan': '4'}
    assert [b.count for b in section.bars] == [0, 0, 1, 0, 1, 1]
    text = texts(r)
    assert 'Meer samenwerken' in text and 'Korter' in text and 'Geheim' not in text and 'Meer tijd' not in text


def test_a_meeting_without_answers() -> None:
    r = report({}, [], {})
    assert r.attendance.total == 0 and r.attendance.names == () and r.attendance.others == ()
    assert all(not s.bars and not s.figures and not s.blocks for s in r.sections)
    assert '0 antwoorden' in texts(r)
    assert 'Derde bijeenkomst' in html_document(Document('Verslag', (r,)), T)


def test_html_escapes_what_people_typed() -> None:
    answers = {3: {'p1': Answer(text='<script>alert(1)</script>')}}
    page = html_document(Document('Verslag', (report(answers),)), T)
    assert '<script>' not in page and '&lt;script&gt;' in page


def test_pdf_of_sixty_people_and_long_harvests_keeps_the_last_line() -> None:
    pytest.importorskip('weasyprint')
    pypdf = pytest.importorskip('pypdf')
    from app.services.reports import pdf_of

    people = {f'q{n}': Person(f'q{n}', f'Persoon {n}', f'Organisatie {n % 7}') for n in range(60)}
    answers = {1: {pid: Answer('agree' if n % 3 else 'disagree', reason=f'Reden nummer {n}', show_name=n < 5)
                   for n, pid in enumerate(people)}}
    groups = tuple(tuple(f'q{n}' for n in range(g * 4, g * 4 + 4)) for g in range(15))
    rounds = [Round(31, 5, 1, groups, None, Countdown(600), '',
                    tuple(GroupDetails(question=f'Vraag {g}', note=LONG_HARVEST if g == 14 else f'Oogst {g}')
                          for g in range(15)))]
    r = report(answers, rounds, people)
    pdf = pdf_of(html_document(Document('Verslag', (r,)), T))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = ' '.join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 2
    assert 'LAATSTE REGEL van de oogst' in text
    assert 'Reden nummer 59' in text
