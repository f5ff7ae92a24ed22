import csv
import io

from app.domain.activities import Activity
from app.domain.export import ExportRow, export_csv, summary
from app.i18n import translator
from app.kinds.polls.rules import OpenRules, OpenSettings, ScoreRules, ScoreSettings, StatementRules, StatementSettings
from app.kinds.registry import Registry

STATEMENT = Activity(1, 'statement', 'Stelling', StatementSettings())
SCORE = Activity(2, 'score', 'Cijfer', ScoreSettings())
QUESTION = Activity(3, 'open', 'Verwachting?', OpenSettings())
KINDS = Registry([StatementRules(), ScoreRules(), OpenRules()])


def test_csv_has_one_line_per_answer_and_no_formulas() -> None:
    t = translator('nl')
    rows = [ExportRow(1, STATEMENT, 'agree', '', 'omdat, "zo"', False, ''),
            ExportRow(1, STATEMENT, 'disagree', '', '=HYPERLINK("x")', True, 'Anna'),
            ExportRow(3, QUESTION, '', '<script>x</script>', '', False, '')]
    parsed = list(csv.reader(io.StringIO(export_csv(rows, lambda o: t(f'option.{o}')))))
    assert parsed[0] == ['activity', 'kind', 'question', 'answer', 'reason', 'name', 'hidden', 'choice', 'extra']
    assert parsed[1] == ['1', 'statement', 'Stelling', 'Akkoord', 'omdat, "zo"', '', '', 'Akkoord', '']
    assert parsed[2][3:] == ['Niet akkoord', '\'=HYPERLINK("x")', 'Anna', 'yes', 'Niet akkoord', '']
    assert parsed[3][3] == '<script>x</script>'


def test_csv_keeps_an_evaluation_score_beside_its_texts() -> None:
    evaluation = Activity(4, 'evaluation', 'Evaluatie', STATEMENT.settings, 'closed', False, 4)
    rows = [ExportRow(4, evaluation, '2', 'De casus van Anna', 'Minder uitleg vooraf', False, '', 'Later beginnen')]
    parsed = list(csv.reader(io.StringIO(export_csv(rows, str))))
    assert parsed[1][3:] == ['De casus van Anna', 'Minder uitleg vooraf', '', '', '2', 'Later beginnen']


def test_summary() -> None:
    text = summary([(STATEMENT, {'agree': 3, 'disagree': 2}, []),
                    (SCORE, {'7': 1, '8': 1, '10': 1}, []),
                    (QUESTION, {}, ['kennis delen', 'Kennis!'])], translator('nl'), 'nl', KINDS)
    assert 'Akkoord 3 (60%), Niet akkoord 2 (40%)' in text
    assert 'gemiddelde 8,3' in text and 'mediaan 8' in text
    assert '2 antwoorden — kennis (2), delen (1)' in text
