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


def _network_for(data_dir: Path) -> int:
    """A facilitator 'anna' with a small network (a member, a meeting, an answer), and a facilitator 'bart'."""
    import asyncio

    from app.kinds.registry import default_registry
    from app.live.bus import LocalBus
    from app.live.rooms import Rooms
    from app.services.networks import Networks
    from app.store import db
    from app.store.repo import Repo

    async def build() -> int:
        url = f'sqlite:///{data_dir / "uitwisselplek.db"}'
        db.migrate(url)
        engine = db.create_engine_for(url)
        try:
            repo = Repo(db.session_factory(engine))
            rooms = Rooms(repo, LocalBus(), default_registry())
            networks = Networks(repo, rooms)
            owner = (await repo.create_facilitator('anna', 'x')).id
            await repo.create_facilitator('bart', 'x')
            network_id = await networks.create(owner, 'Netwerk Één')
            member = await networks.members.add(owner, network_id, 'Anna Peeters', 'OCMW Gent')
            room = await rooms.get(await networks.planning.plan(owner, network_id, 'Eerste keer', '2025-01-20'))
            question = await room.agenda.add('open', 'Wat verwacht je?')
            person = await networks.at_meeting.join(room, 'phone', 'Anna Peeters', 'OCMW Gent', member_id=member.id)
            await room.agenda.open(question.id)
            await room.agenda.answer(person.id, question.id, text='Veel')
            return network_id
        finally:
            await engine.dispose()

    data_dir.mkdir(parents=True, exist_ok=True)
    return asyncio.run(build())


def test_export_and_import_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import json

    data_dir = tmp_path / 'data'
    monkeypatch.setenv('UITWISSELPLEK_DATA_DIR', str(data_dir))
    monkeypatch.delenv('UITWISSELPLEK_DATABASE_URL', raising=False)
    network_id = _network_for(data_dir)
    file = tmp_path / 'netwerk.json'
    code, out, err = run(['export-network', '--network', str(network_id), '--out', str(file)], capsys)
    assert code == 0 and out == '' and "network 'Netwerk Één' exported: 1 members, 1 meetings" in err
    data = json.loads(file.read_text(encoding='utf-8'))
    assert data['format'] == 'uitwisselplek-network'
    assert data['meetings'][0]['agenda'][0]['answers'][0]['text'] == 'Veel'
    code, out, _ = run(['export-network', '--network', str(network_id)], capsys)
    assert code == 0 and json.loads(out)['members'] == data['members']  # to standard output

    code, out, _ = run(['import-network', '--facilitator', 'bart', str(file)], capsys)
    assert code == 0 and out.startswith("network imported for 'bart': /n/")
    copy_id = int(out.strip().rsplit('/', 1)[1])
    code, out, _ = run(['export-network', '--network', str(copy_id)], capsys)
    copied = json.loads(out)
    for participant in data['meetings'][0]['participants']:  # nobody is on the new server yet
        participant['status'] = 'left' if participant['status'] == 'active' else participant['status']
    assert {**copied, 'exported_at': ''} == {**data, 'exported_at': ''}

    code, _, err = run(['import-network', '--facilitator', 'bart', str(file)], capsys)
    assert code == 1 and 'error:' in err and 'Netwerk Één' in err  # the name is taken now
    assert run(['import-network', '--facilitator', 'nobody', str(file)], capsys)[0] == 1
    assert run(['export-network', '--network', '999'], capsys)[0] == 1
    assert run(['import-network', '--facilitator', 'bart', str(tmp_path / 'missing.json')], capsys)[0] == 2
    (tmp_path / 'bad.json').write_text('{"format": "csv"}')
    code, _, err = run(['import-network', '--facilitator', 'bart', str(tmp_path / 'bad.json')], capsys)
    assert code == 1 and err.startswith('error: ') and 'export' in err


def test_demo_network_option_parses() -> None:
    from app.cli import _parser

    args = _parser().parse_args(['demo', '--network'])
    assert args.network and args.participants == 12
    assert not _parser().parse_args(['demo', '--participants', '3']).network
