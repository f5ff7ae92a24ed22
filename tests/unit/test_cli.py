"""The command line as a facilitator uses it."""

import csv
import io
from pathlib import Path

import pytest

from app.cli import main

PEOPLE = 'name,organisation\n' + ''.join(f'Deelnemer {i},Org {i % 3}\n' for i in range(8))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_lists_commands_and_settings(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(['--help'])
    out = capsys.readouterr().out
    for word in ('serve', 'create-facilitator', 'plan-pairs', 'UITWISSELPLEK_DATABASE_URL', 'UITWISSELPLEK_PUBLIC_URL'):
        assert word in out


def test_plan_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = tmp_path / 'people.csv'
    people.write_text(PEOPLE)
    code, out, err = run(['plan-pairs', str(people), '--rounds', '5', '--seed', '1'], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ['round', 'group', 'name', 'organisation']
    assert {r['round'] for r in rows} == {'1', '2', '3', '4', '5'}
    for number in '12345':
        names = [r['name'] for r in rows if r['round'] == number]
        assert sorted(names) == sorted(f'Deelnemer {i}' for i in range(8))  # everyone once per round
    assert err.strip().endswith('0 repeated pairs')
    again = run(['plan-pairs', str(people), '--rounds', '5', '--seed', '1'], capsys)[1]
    assert again == out  # deterministic for a seed


def test_plan_pairs_default_rounds_and_odd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = tmp_path / 'people.csv'
    people.write_text('name\nA\nB\nC\nD\nE\n')
    code, out, err = run(['plan-pairs', str(people), '--odd', 'pause'], capsys)
    assert code == 0 and 'rounds' in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r['round'] for r in rows} == {str(i) for i in range(1, 6)}  # 5 people, one pauses: 5 rounds


@pytest.mark.parametrize('content', ['', 'naam\nA\n', 'name\nA\n'])
def test_plan_pairs_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    people = tmp_path / 'people.csv'
    people.write_text(content)
    code, out, err = run(['plan-pairs', str(people)], capsys)
    assert code == 2 and out == '' and err.startswith('error:')
    assert run(['plan-pairs', str(tmp_path / 'missing.csv')], capsys)[0] == 2


def test_plan_groups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = tmp_path / 'people.csv'
    people.write_text('name,organisation\n' + ''.join(f'P{i},Org {i % 4}\n' for i in range(16)))
    code, out, err = run(['plan-groups', str(people), '--group-size', '4', '--rounds', '5', '--seed', '1'], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ['round', 'group', 'name', 'organisation']
    assert {(r['round'], r['group']) for r in rows} == {(str(a), str(b)) for a in range(1, 6) for b in range(1, 5)}
    assert err.strip().endswith('0 repeated pairs')  # 16 people in 4 groups of 4 over 5 rounds: a resolvable design


@pytest.mark.parametrize('args', [['--group-size', '1'], ['--groups', '30'], ['--group-size', '0'],
                                  ['--groups', '2', '--rounds', '0']])
def test_plan_groups_bad_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    people = tmp_path / 'people.csv'
    people.write_text('name\nA\nB\nC\nD\n')
    code, out, err = run(['plan-groups', str(people), *args], capsys)
    assert code == 2 and out == '' and err.startswith('error:')
