import pytest

from app.domain.activities import Activity, Settings, clean_activity_text, clean_answer, clean_reason
from app.domain.people import InvalidInput


def test_options() -> None:
    assert Activity(1, 'statement', 'x').options == ('agree', 'disagree')
    assert Activity(1, 'statement', 'x', Settings(with_doubt=True)).options == ('agree', 'doubt', 'disagree')
    assert Activity(1, 'score', 'x').options == tuple(str(i) for i in range(11))
    assert Activity(1, 'score', 'x', Settings(scale_min=1)).options[0] == '1'


def test_settings_round_trip_ignores_unknown_fields() -> None:
    settings = Settings(with_doubt=True, results_live=False)
    assert Settings.from_dict({**settings.to_dict(), 'future': 1}) == settings
    assert Settings.from_dict(None) == Settings()


def test_results_visible() -> None:
    hidden = Activity(1, 'statement', 'x', Settings(results_live=False))
    assert not hidden.results_visible
    assert Activity(1, 'statement', 'x', Settings(results_live=False), revealed=True).results_visible


def test_answers() -> None:
    statement = Activity(1, 'statement', 'x')
    assert clean_answer(statement, 'agree', None) == ('agree', '')
    with pytest.raises(InvalidInput):
        clean_answer(statement, 'doubt', None)  # no middle option here
    score = Activity(2, 'score', 'x', Settings(scale_min=1))
    with pytest.raises(InvalidInput):
        clean_answer(score, '0', None)
    assert clean_answer(score, '10', None) == ('10', '')
    question = Activity(3, 'open', 'x')
    assert clean_answer(question, None, '  <b>vertrouwen</b> ') == ('', '<b>vertrouwen</b>')
    for text in ['', '   ', 'x' * 201]:
        with pytest.raises(InvalidInput):
            clean_answer(question, None, text)


def test_reasons() -> None:
    assert clean_reason('  omdat\n\n  het   werkt ') == 'omdat\n\nhet werkt'
    assert clean_reason(None) == ''
    with pytest.raises(InvalidInput) as error:
        clean_reason('x' * 10_000)
    assert error.value.key == 'error.reason_too_long'
    with pytest.raises(InvalidInput):
        clean_activity_text('')
