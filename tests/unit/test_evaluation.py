"""The evaluation (ROTI 0–5): its tally and trend (app/domain/evaluation.py) and the kind's rules."""

from __future__ import annotations

import pytest

from app.domain.activities import MAX_REASON, Activity, Answer
from app.domain.errors import Refused
from app.domain.evaluation import ROTI, asks_why, mean_of, recurring_words, roti_stats, trend, trend_line
from app.i18n import translator
from app.kinds.evaluation.rules import EvaluationRules, EvaluationSettings
from app.kinds.registry import default_registry

KIND = EvaluationRules()


def evaluation(**settings: object) -> Activity:
    return Activity(1, 'evaluation', 'Hoeveel heeft het je opgeleverd?', EvaluationSettings(**settings), 'open')


def test_roti_stats() -> None:
    stats = roti_stats(['4', '5', '3', '2', '2'])
    assert (stats.count, stats.mean, stats.median) == (5, 3.2, 3)
    assert stats.distribution == (0, 0, 2, 1, 1, 1)
    assert roti_stats(['1', '2']).median == 1.5
    assert roti_stats(['6', '', 'x', '-1']).empty  # not a ROTI score: left out
    empty = roti_stats([])
    assert (empty.mean, empty.median, empty.distribution) == (None, None, (0,) * 6)


def test_asks_why_below_four() -> None:
    assert [c for c in ROTI if asks_why(c)] == ['0', '1', '2', '3']
    assert not asks_why('') and not asks_why('7')


def test_trend_line() -> None:
    assert trend_line([]) is None and trend_line([3.0]) is None and trend_line([None, 4.0, None]) is None
    assert trend_line([2.0, 3.0, 4.0]) == pytest.approx((2.0, 1.0))
    start, slope = trend_line([4.0, None, 3.0])  # a meeting without answers keeps its place in the series
    assert (start, slope) == pytest.approx((4.0, -0.5))


def test_recurring_words_and_trend() -> None:
    meetings = [['Meer pauze graag', 'koffie'], ['De pauze was kort'], ['koffie was koud', 'pauze']]
    assert recurring_words(meetings) == [('pauze', 3), ('koffie', 2)]
    assert recurring_words(meetings, least=3) == [('pauze', 3)]
    series = trend([(1, 'Start', ['3', '4'], meetings[0]), (2, 'Verdieping', ['4', '5'], meetings[1])])
    assert [p.stats.mean for p in series.points] == [3.5, 4.5]
    assert series.fitted(2) == pytest.approx(5.5)
    assert mean_of({1: roti_stats(['3', '4']), 2: roti_stats(['5'])}) == pytest.approx(4.0)
    assert mean_of({}) is None


def test_clean_answer() -> None:
    activity = evaluation()
    assert KIND.clean_answer(activity, '4', None) == ('4', '')
    cleaned = KIND.clean_answer(activity, '0', '  Nieuwe   ideeën\nvoor mijn team ')
    assert cleaned == ('0', 'Nieuwe ideeën\nvoor mijn team')
    for bad in ('6', '10', 'agree', '-1'):
        with pytest.raises(Refused) as refused:
            KIND.clean_answer(activity, bad, '')
        assert refused.value.key == 'error.answer_invalid'
    with pytest.raises(Refused) as refused:
        KIND.clean_answer(activity, None, 'alleen tekst')
    assert refused.value.key == 'error.score_first'
    with pytest.raises(Refused) as refused:
        KIND.clean_answer(activity, '3', 'x' * (MAX_REASON + 1))
    assert refused.value.key == 'error.reason_too_long'


def test_settings_defaults_and_questions() -> None:
    nl, en = translator('nl'), translator('en')
    settings = EvaluationSettings()
    assert settings.options == ROTI
    assert settings.question('why', nl) == 'Wat zou er één punt bij doen?'
    assert settings.question('take_away', nl) == 'Wat neem je mee naar je eigen werk?'
    assert settings.question('change', nl) == 'Wat mag anders?'
    assert settings.question('why', en) == 'What would add one point?'  # a default follows the reader's language
    own = EvaluationSettings.from_dict({'change': '  Wat   doen we   volgende keer anders? ', 'unknown': 1})
    checked = own.checked(None, False)
    assert checked.question('change', en) == 'Wat doen we volgende keer anders?'  # written: shown as written
    with pytest.raises(Refused) as refused:  # too long: refused with a message, never cut
        EvaluationSettings(why='x' * 500).checked(None, True)
    assert refused.value.key == 'error.question_too_long' and refused.value.count == 200
    assert len(EvaluationSettings(why='x' * 200).checked(None, True).why) == 200
    assert EvaluationSettings.from_dict(checked.to_dict()) == checked
    assert KIND.new_settings(None) == settings


def test_summary() -> None:
    counts = {'0': 0, '1': 0, '2': 2, '3': 1, '4': 1, '5': 1}
    assert KIND.summary(evaluation(), counts, [], translator('nl'), 'nl') == \
        'ROTI: 5 antwoorden, gemiddelde 3,2, mediaan 3'
    assert KIND.summary(evaluation(), {'4': 1}, [], translator('en'), 'en') == 'ROTI: 1 answer, average 4, median 4'
    tally = KIND.tally(evaluation(), [Answer(choice='5'), Answer(choice='2', text='veel')])
    assert tally.counts == {'0': 0, '1': 0, '2': 1, '3': 0, '4': 0, '5': 1}


def test_phone_view_ignores_what_the_screen_shows() -> None:
    activity = evaluation()
    shown = Activity(1, 'evaluation', activity.text, EvaluationSettings(texts_on_screen=True), 'open', revealed=True)
    assert KIND.phone_view(activity) == KIND.phone_view(shown)
    assert KIND.phone_view(activity) != KIND.phone_view(evaluation(why='Waarom?'))


def test_report_has_stats_and_visible_texts_without_names() -> None:
    if not hasattr(KIND, 'report'):
        pytest.skip('no report hook')
    t = translator('nl')
    answers = {'p1': Answer(choice='2', reason='Meer tijd', text='Een nieuw contact', extra='Minder slides',
                            show_name=True),
               'p2': Answer(choice='5', text='Verborgen', hidden=True),
               'p3': Answer(choice='4', text='Het stappenplan')}
    section = KIND.report(evaluation(), answers, [], t, 'nl')
    assert section.summary == '3 antwoorden'
    assert [(f.label, f.value) for f in section.figures] == [('Gemiddelde', '3,7'), ('Mediaan', '4')]
    assert [b.count for b in section.bars] == [0, 0, 1, 0, 1, 1]
    assert section.bars[5].label == '5 – Veel meer gekregen dan gegeven'
    blocks = {b.title: [q.text for q in b.quotes] for b in section.blocks}
    assert blocks == {'Wat neem je mee naar je eigen werk?': ['Een nieuw contact', 'Het stappenplan'],
                      'Wat mag anders?': ['Minder slides'], 'Wat zou er één punt bij doen?': ['Meer tijd']}
    assert not any(q.person for b in section.blocks for q in b.quotes)  # anonymous, even if show_name was set


def test_registered_and_at_the_end_of_every_built_in_template() -> None:
    assert 'evaluation' in default_registry()
    built_in = default_registry().templates()
    assert len(built_in) == 3
    assert all(template.items[-1].kind == 'evaluation' for template in built_in)
    assert not any(item.text == 'template.closing.evaluation' for template in built_in for item in template.items)
