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
    assert parsed[0] == ['activity', 'kind', 'question', 'answer', 'reason', 'name', 'hidden']
    assert parsed[1] == ['1', 'statement', 'Stelling', 'Akkoord', 'omdat, "zo"', '', '']
    assert parsed[2][3:] == ['Niet akkoord', '\'=HYPERLINK("x")', 'Anna', 'yes']
    assert parsed[3][3] == '<script>x</script>'


def test_summary() -> None:
    text = summary([(STATEMENT, {'agree': 3, 'disagree': 2}, []),
                    (SCORE, {'7': 1, '8': 1, '10': 1}, []),
                    (QUESTION, {}, ['kennis delen', 'Kennis!'])], translator('nl'), 'nl', KINDS)
    assert 'Akkoord 3 (60%), Niet akkoord 2 (40%)' in text
    assert 'gemiddelde 8,3' in text and 'mediaan 8' in text
    assert '2 antwoorden — kennis (2), delen (1)' in text
