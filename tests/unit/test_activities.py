import pytest

from app.domain.activities import Activity, clean_activity_text, clean_reason
from app.domain.errors import Refused
from app.kinds.polls.rules import OpenRules, ScoreRules, ScoreSettings, StatementRules, StatementSettings
from app.kinds.speed_date.rules import SpeedDateSettings


def statement(settings: StatementSettings | None = None, **values: object) -> Activity:
    return Activity(1, 'statement', 'x', settings or StatementSettings(), **values)


def test_options() -> None:
    assert statement().options == ('agree', 'disagree')
    assert statement(StatementSettings(with_doubt=True)).options == ('agree', 'doubt', 'disagree')
    assert Activity(1, 'score', 'x', ScoreSettings()).options == tuple(str(i) for i in range(11))
    assert Activity(1, 'score', 'x', ScoreSettings(scale_min=1)).options[0] == '1'


def test_settings_round_trip_ignores_unknown_fields() -> None:
    settings = StatementSettings(with_doubt=True, results_live=False)
    assert StatementSettings.from_dict({**settings.to_dict(), 'future': 1}) == settings
    assert StatementSettings.from_dict(None) == StatementSettings()


def test_settings_are_checked_by_their_kind() -> None:
    answered = StatementSettings(with_doubt=False)
    assert StatementSettings(with_doubt=True).checked(answered, True).with_doubt is False  # answers depend on it
    assert StatementSettings(with_doubt=True).checked(answered, False).with_doubt is True
    assert SpeedDateSettings(minutes=500, rounds=-3).checked(None, False) == SpeedDateSettings(minutes=60, rounds=0)
    assert ScoreSettings(scale_min=7).checked(None, False).scale_min == 0


def test_results_visible() -> None:
    hidden = statement(StatementSettings(results_live=False))
    assert not hidden.results_visible
    assert statement(StatementSettings(results_live=False), revealed=True).results_visible


def test_answers() -> None:
    rules = StatementRules()
    assert rules.clean_answer(statement(), 'agree', None) == ('agree', '')
    with pytest.raises(Refused):
        rules.clean_answer(statement(), 'doubt', None)  # no middle option here
    score = Activity(2, 'score', 'x', ScoreSettings(scale_min=1))
    with pytest.raises(Refused):
        ScoreRules().clean_answer(score, '0', None)
    assert ScoreRules().clean_answer(score, '10', None) == ('10', '')
    question = Activity(3, 'open', 'x', OpenRules.settings())
    assert OpenRules().clean_answer(question, None, '  <b>vertrouwen</b> ') == ('', '<b>vertrouwen</b>')
    for text in ['', '   ', 'x' * 201]:
        with pytest.raises(Refused):
            OpenRules().clean_answer(question, None, text)


def test_reasons() -> None:
    assert clean_reason('  omdat\n\n  het   werkt ') == 'omdat\n\nhet werkt'
    assert clean_reason(None) == ''
    with pytest.raises(Refused) as error:
        clean_reason('x' * 10_000)
    assert error.value.key == 'error.reason_too_long'
    with pytest.raises(Refused):
        clean_activity_text('')
