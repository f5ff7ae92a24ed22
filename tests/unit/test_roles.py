"""An activity's role in the series is a settings field every kind has: stored only when set, an unknown one read as
none, kept when the settings change."""

from dataclasses import replace

from app.kinds.evaluation.rules import EvaluationSettings
from app.kinds.polls.rules import OpenSettings, ScoreSettings


def test_a_role_is_stored_only_when_set_and_read_back() -> None:
    assert 'role' not in OpenSettings().to_dict()  # stored settings of activities without a role do not change
    marked = OpenSettings.from_dict({'display': 'cloud', 'role': 'expectations'})
    assert marked.role == 'expectations' and marked.to_dict() == {'display': 'cloud', 'results_live': True,
                                                                   'results_on_phones': True, 'role': 'expectations'}
    assert ScoreSettings.from_dict({'role': 'achieved'}).role == 'achieved'  # any kind may have one
    assert EvaluationSettings.from_dict(marked.to_dict()).role == 'expectations'


def test_an_unknown_role_is_none() -> None:
    for role in ('boss', 3, None, ['expectations']):
        assert OpenSettings.from_dict({'role': role}).role == ''


def test_the_role_survives_checks_and_edits() -> None:
    marked = OpenSettings.from_dict({'role': 'achieved', 'display': 'nonsense'}).checked(None, False)
    assert (marked.display, marked.role) == ('wall', 'achieved')
    assert replace(marked, display='cloud').role == 'achieved'
