"""Command line: ``uitwisselplek [serve]``, ``create-facilitator``, ``demo``, ``plan-pairs``, ``plan-groups``,
``export-network`` and ``import-network``."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from app import __version__
from app.settings import Settings, describe

if TYPE_CHECKING:
    from app.domain.errors import Refused
    from app.services.network_export import NetworkExport
    from app.store.repo import Repo

T = TypeVar('T')


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    command = args.command or 'serve'
    try:
        settings = Settings()
    except ValidationError as error:  # a setting that cannot work: say which, without a trace
        for problem in error.errors():
            print(f"setting {'.'.join(map(str, problem['loc'])) or '?'}: {problem['msg']}", file=sys.stderr)
        return 2
    if command == 'serve':
        return serve(settings)
    if command == 'create-facilitator':
        return create_facilitator(settings, args.username, args.password_stdin)
    if command == 'demo':
        return demo_command(settings, args.participants, args.network)
    if command == 'export-network':
        return export_network(settings, args.network, args.out)
    if command == 'import-network':
        return import_network(settings, args.facilitator, args.file)
    if command == 'plan-pairs':
        return plan_pairs_command(args)
    if command == 'plan-groups':
        return plan_groups_command(args)
    parser.print_help()
    return 2


def _parser() -> argparse.ArgumentParser:
    settings = '\n'.join(f'  {name:<42} {help_}' + (f' [default: {default}]' if default else '')
                         for name, default, help_ in describe())
    parser = argparse.ArgumentParser(
        prog='uitwisselplek',
        description='Uitwisselplek: live facilitation for learning networks (projector, phones, moderators).',
        epilog=f'settings (environment variables):\n{settings}',
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--version', action='version', version=f'uitwisselplek {__version__}')
    commands = parser.add_subparsers(dest='command', metavar='COMMAND')
    commands.add_parser('serve', help='run the web app (the default command)')
    create = commands.add_parser('create-facilitator', help='create a facilitator account')
    create.add_argument('username')
    create.add_argument('--password-stdin', action='store_true', help='read the password from standard input')
    demo = commands.add_parser('demo', help='run with a ready meeting and simulated participants (rehearsal)')
    demo.add_argument('--participants', type=int, default=12, help='how many simulated participants (default 12)')
    demo.add_argument('--network', action='store_true',
                      help='a learning network instead: 12 members, three past meetings and one ready to run today '
                           '(the simulated participants are its members first)')
    export = commands.add_parser('export-network', help='write a learning network to a JSON file (to keep it, or '
                                                        'to move it to another server)')
    export.add_argument('--network', type=int, required=True, metavar='ID', help='the network (the number in /n/ID)')
    export.add_argument('--out', default='-', metavar='FILE', help="the file to write ('-': standard output)")
    imports = commands.add_parser('import-network', help='make a learning network anew from an exported JSON file',
                                  description='New join codes and links; answers stay, without names.')
    imports.add_argument('--facilitator', required=True, metavar='USERNAME', help='who will own the network')
    imports.add_argument('file', metavar='FILE', help="the exported file ('-': standard input)")
    pairs = commands.add_parser('plan-pairs', help='plan speed-dating rounds from a CSV (name,organisation)',
                                description='Writes round,group,name,organisation to stdout and the number of '
                                            'repeated pairs to stderr.')
    pairs.add_argument('people', metavar='PEOPLE.csv', help="CSV with the header name,organisation ('-': stdin)")
    pairs.add_argument('--rounds', type=int, default=0, help='number of rounds (default: as many as possible '
                                                             'without repeats)')
    pairs.add_argument('--odd', choices=['trio', 'pause'], default='trio', help='odd count: a trio or a pause')
    pairs.add_argument('--seed', type=int, default=0)
    groups = commands.add_parser('plan-groups', help='plan breakout rounds from a CSV (name,organisation)',
                                 description='Writes round,group,name,organisation to stdout and the number of '
                                             'repeated pairs to stderr.')
    groups.add_argument('people', metavar='PEOPLE.csv', help="CSV with the header name,organisation ('-': stdin)")
    size = groups.add_mutually_exclusive_group(required=True)
    size.add_argument('--group-size', type=int, help='people per group (sizes differ by at most one)')
    size.add_argument('--groups', type=int, help='number of groups')
    groups.add_argument('--rounds', type=int, default=1)
    groups.add_argument('--seed', type=int, default=0)
    return parser


def demo_command(settings: Settings, participants: int, network: bool = False) -> int:
    if not 0 <= participants <= 300:
        print('error: --participants must be between 0 and 300', file=sys.stderr)
        return 2
    if 'UITWISSELPLEK_DATA_DIR' not in os.environ:  # a rehearsal does not touch the real data
        import tempfile
        settings = settings.model_copy(update={'data_dir': Path(tempfile.mkdtemp(prefix='uitwisselplek-demo-'))})
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(settings.resolved_data_dir() / 'sessions'))
    from nicegui import background_tasks

    from app import demo
    from app.main import run
    from app.system import System

    async def start(system: System) -> None:
        base = settings.public_url or f'http://{_lan_or_localhost()}:{settings.port}'
        if network:
            prepared = await demo.prepare_network(system)
            room = await system.rooms.get(prepared.meeting_id)
            print('\n'.join([
                '', 'Uitwisselplek demo of a learning network is running.',
                f'  network (facilitator): {base}/n/{prepared.network_id}   log in as {prepared.username!r}, '
                f'password {prepared.password!r}',
                f'  meeting of today:      {base}/m/{room.info.id}/control',
                f'  screen (projector):    {base}/m/{room.info.id}/screen?key={room.info.screen_key}',
                f'  phone (participant):   {base}/{room.info.join_code}',
                f'  12 members, three past meetings; {participants} simulated participants (members first) join '
                'the meeting of today and answer whatever you open.', ''], ), flush=True)
            system.demo_task = background_tasks.create(demo.simulate_network(system, room, participants),
                                                       name='demo: simulated participants')
            return
        meeting_id, username, password = await demo.prepare(system)
        room = await system.rooms.get(meeting_id)
        print('\n'.join([
            '', 'Uitwisselplek demo is running.',
            f'  control (facilitator): {base}/m/{meeting_id}/control   log in as {username!r}, password {password!r}',
            f'  screen (projector):    {base}/m/{meeting_id}/screen?key={room.info.screen_key}',
            f'  phone (participant):   {base}/{room.info.join_code}',
            f'  {participants} simulated participants join now and answer whatever you open.', ''], ), flush=True)
        system.demo_task = background_tasks.create(demo.simulate(room, participants),
                                                   name='demo: simulated participants')  # cancelled at shutdown

    run(settings, after_start=start)
    return 0


def _lan_or_localhost() -> str:
    from app.netaddr import lan_address

    return lan_address() or 'localhost'


def plan_pairs_command(args: argparse.Namespace) -> int:
    from app.domain.pairing import max_rounds_without_repeat, plan_pairs
    from app.planning import run_plan

    if args.rounds < 0:
        print('error: --rounds must be 0 or more', file=sys.stderr)
        return 2

    def planner(people: list[tuple[str, str]]) -> list[tuple[tuple[str, ...], ...]]:
        rounds = args.rounds or max(1, max_rounds_without_repeat(len(people), odd=args.odd))
        return [p.groups for p in plan_pairs(people, rounds, odd=args.odd, seed=args.seed)]

    return run_plan(args.people, planner)


def plan_groups_command(args: argparse.Namespace) -> int:
    from app.domain.grouping import plan_groups
    from app.planning import run_plan

    if args.rounds < 1:
        print('error: --rounds must be 1 or more', file=sys.stderr)
        return 2

    def planner(people: list[tuple[str, str]]) -> list[list[list[str]]]:
        return plan_groups(people, args.rounds, group_size=args.group_size, group_count=args.groups, seed=args.seed)

    return run_plan(args.people, planner)


def serve(settings: Settings) -> int:
    data_dir = settings.resolved_data_dir()
    # NiceGUI keeps user storage (language, facilitator login) in files: keep them with our data
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(data_dir / 'sessions'))
    from app.main import run  # imported late: NiceGUI reads the storage path on import

    run(settings)
    return 0


def create_facilitator(settings: Settings, username: str, password_stdin: bool) -> int:
    from app.domain.accounts import check_password, clean_username
    from app.domain.errors import Refused
    from app.domain.passwords import Throttle
    from app.i18n import translator
    from app.services.accounts import Accounts
    from app.store import db
    from app.store.repo import Repo

    t = translator('en')

    def refused(error: Refused) -> str:
        return f'error: {error.text(t)}'

    try:
        username = clean_username(username)
        typed = sys.stdin.readline().rstrip('\n') if password_stdin else getpass.getpass('Password: ')
        password = check_password(typed)
    except Refused as error:
        print(refused(error), file=sys.stderr)
        return 2

    async def create() -> None:
        url = settings.resolved_database_url()
        db.migrate(url)
        engine = db.create_engine_for(url)
        try:
            await Accounts(Repo(db.session_factory(engine)), Throttle(clock=time.monotonic)).create(username, password)
        finally:
            await engine.dispose()

    try:
        asyncio.run(create())
    except Refused as error:
        print(refused(error), file=sys.stderr)
        return 1
    print(f'facilitator {username!r} created')
    return 0


def _with_network_files(settings: Settings, work: Callable[[Repo, NetworkExport], Awaitable[T]]) -> T:
    """Run ``work`` on the database (migrated first), with the network export service."""
    from app.kinds.registry import default_registry
    from app.live.bus import LocalBus
    from app.live.rooms import Rooms
    from app.services.network_export import NetworkExport
    from app.store import db
    from app.store.repo import Repo

    async def run() -> T:
        url = settings.resolved_database_url()
        db.migrate(url)
        engine = db.create_engine_for(url)
        try:
            repo = Repo(db.session_factory(engine))
            return await work(repo, NetworkExport(repo, Rooms(repo, LocalBus(), default_registry())))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _refusal(error: Refused) -> str:
    from app.i18n import translator

    return f'error: {error.text(translator("en"))}'


def export_network(settings: Settings, network_id: int, out: str) -> int:
    """``export-network --network ID --out FILE``: everything of the network as JSON (the server's admin
    exports any network: it is written as its facilitator would download it)."""
    import json

    from app.domain.errors import Refused

    async def export(repo: Repo, files: NetworkExport) -> dict | None:
        network = await repo.networks.network(network_id)
        return await files.export(network.facilitator_id, network_id) if network is not None else None

    try:
        data = _with_network_files(settings, export)
    except Refused as error:
        print(_refusal(error), file=sys.stderr)
        return 1
    if data is None:
        print(f'error: there is no network {network_id}', file=sys.stderr)
        return 1
    text = json.dumps(data, ensure_ascii=False, indent=1) + '\n'
    try:
        if out == '-':
            sys.stdout.write(text)
        else:
            Path(out).write_text(text, encoding='utf-8')
    except OSError as error:
        print(f'error: {error}', file=sys.stderr)
        return 2
    print(f'network {data["network"]["name"]!r} exported: {len(data["members"])} members, '
          f'{len(data["meetings"])} meetings' + ('' if out == '-' else f', written to {out}'), file=sys.stderr)
    return 0


def import_network(settings: Settings, username: str, path: str) -> int:
    """``import-network --facilitator USERNAME FILE``: the exported network made anew for that facilitator."""
    from app.domain.errors import Refused
    from app.services.accounts import Accounts

    try:
        content = sys.stdin.buffer.read() if path == '-' else Path(path).read_bytes()
    except OSError as error:
        print(f'error: {error}', file=sys.stderr)
        return 2

    async def load(repo: Repo, files: NetworkExport) -> int | None:
        from app.domain.passwords import Throttle

        facilitator_id = await Accounts(repo, Throttle(clock=time.monotonic)).id_of(username)
        return await files.import_file(facilitator_id, content) if facilitator_id is not None else None

    try:
        network_id = _with_network_files(settings, load)
    except Refused as error:
        print(_refusal(error), file=sys.stderr)
        return 1
    if network_id is None:
        print(f'error: there is no facilitator {username!r} (uitwisselplek create-facilitator {username})',
              file=sys.stderr)
        return 1
    print(f'network imported for {username!r}: /n/{network_id}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
