"""Load benchmark with simulated phones: ``.venv/bin/python bench/load.py [--sizes 100 500 1000 2000]``.

For each N: the app as a subprocess (``python -m app``, SQLite in a temporary DATA_DIR, pinned to core 0), a
meeting with two statements written into its database, a simulated screen, a facilitator logged in on the
control page, N simulated phones (generator processes pinned to core 1) that join, vote spread over 10 s,
all change their vote at one instant, then the facilitator clicks "Volgende". Then the same shape against the
bare python-socketio server of ``bench/bare_baseline.py``. Prints one table of figures; asserts nothing.
See bench/README.md for the columns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import multiprocessing
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.i18n import translator
from bench.bare_baseline import BareClient
from bench.harness import (
    Commands,
    LagMonitor,
    cpu_seconds,
    generator_options,
    launch,
    match_latencies,
    parsed,
    percentile,
    rss_kb,
    worker,
)
from bench.report import Row, column, print_table
from bench.simphone import DISCONNECTS, Facilitator, Screen, now

ROOT = Path(__file__).resolve().parents[1]
NL = translator('nl')
LABELS = {option: NL(f'option.{option}') for option in ('agree', 'doubt', 'disagree')}
STATEMENTS = ('Kennis delen loont pas als iedereen meedoet.', 'Een lerend netwerk heeft een vaste trekker nodig.')
USER, PASSWORD = 'bench', 'bench-wachtwoord-123'
SPREAD = 10.0  # seconds over which the first votes are spread
STARTED = time.monotonic()


def log(message: str) -> None:
    """Progress on stderr; the table goes to stdout."""
    print(f'[{time.monotonic() - STARTED:6.1f} s] {message}', file=sys.stderr, flush=True)


def limit(n: int) -> float:
    """Seconds one run (app or bare) of N phones may take at most."""
    return 300 + 0.5 * n


def first_option(index: int) -> str:
    return 'agree' if index % 5 < 3 else 'disagree'  # 60 % / 40 %


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def pinned(command: list[str], core: int | None) -> list[str]:
    return (['taskset', '-c', str(core)] if core is not None else []) + command


class Process:
    """A server under test, started as a subprocess, its output kept in a log file."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, cwd: Path) -> None:
        self.log = log
        with log.open('a') as out:
            self.popen = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)

    def wait_until(self, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f'server exited:\n{self.log.read_text()[-2000:]}')
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f'server did not start in {timeout} s:\n{self.log.read_text()[-2000:]}')

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)


def app_env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST', 'NICEGUI', 'UITWISSELPLEK_'))}
    env.update(UITWISSELPLEK_DATA_DIR=str(data_dir), UITWISSELPLEK_PORT=str(port), UITWISSELPLEK_HOST='127.0.0.1',
               UITWISSELPLEK_PUBLIC_URL=f'http://127.0.0.1:{port}',
               UITWISSELPLEK_JOINS_PER_ADDRESS='0', UITWISSELPLEK_JOINS_PER_MEETING='0',  # every phone is 127.0.0.1
               UITWISSELPLEK_PAGE_LOADS_PER_ADDRESS='0')
    return env


def prepare(data_dir: Path, env: dict[str, str]) -> tuple[int, str, str, int]:
    """The facilitator account (as a user makes it: the command line) and the seeded meeting."""
    subprocess.run([sys.executable, '-m', 'app', 'create-facilitator', USER, '--password-stdin'], input=PASSWORD + '\n',
                   text=True, env=env, cwd=data_dir, check=True, capture_output=True, timeout=60)
    return seed(data_dir / 'uitwisselplek.db')


def seed(database: Path | str, statements: tuple[str, ...] = STATEMENTS) -> tuple[int, str, str, int]:
    """A meeting with these statements (the first open and shown), written with the app's models before it starts;
    ``database`` is a SQLite file or a SQLAlchemy URL (PostgreSQL: bench/cluster.py)."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app.domain.codes import new_join_code, new_key
    from app.kinds.polls.rules import StatementSettings
    from app.store.models import Activity, Facilitator, Meeting

    engine = create_engine(database if isinstance(database, str) else f'sqlite:///{database}')
    settings = StatementSettings(ask_reason=False, with_doubt=True).to_dict()
    with Session(engine) as session, session.begin():
        owner = session.scalars(select(Facilitator)).one()
        meeting = Meeting(facilitator_id=owner.id, title='Belastingtest', join_code=new_join_code(),
                          screen_key=new_key(), state='open', locked=False)
        session.add(meeting)
        session.flush()
        activities = [Activity(meeting_id=meeting.id, position=i + 1, kind='statement', text=text,
                               settings=settings, state='open' if i == 0 else 'waiting', revealed=False)
                      for i, text in enumerate(statements)]
        session.add_all(activities)
        session.flush()
        first = activities[0]
        meeting.current_activity_id = first.id
        result = meeting.id, meeting.join_code, meeting.screen_key, first.id
    engine.dispose()
    return result


class Generators:
    """The generator processes; client ``i`` lives in worker ``i % count``."""

    def __init__(self, count: int, core: int | None, commands: Commands | None = None) -> None:
        """``commands``: a benchmark's own worker commands besides ``bench.harness.COMMANDS``."""
        context = multiprocessing.get_context('spawn')
        self.pipes = []
        self.processes = []
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=worker, args=(theirs, core, commands), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def split(self, items: list[Any], index: Callable[[Any], int]) -> list[list[Any]]:
        parts: list[list[Any]] = [[] for _ in self.pipes]
        for item in items:
            parts[index(item) % len(self.pipes)].append(item)
        return parts

    async def call(self, command: str, per_worker: list[dict[str, Any]] | dict[str, Any]) -> list[Any]:
        args = per_worker if isinstance(per_worker, list) else [per_worker] * len(self.pipes)
        for pipe, arg in zip(self.pipes, args, strict=True):
            pipe.send((command, arg))
        loop = asyncio.get_running_loop()
        results = await asyncio.gather(*(loop.run_in_executor(None, pipe.recv) for pipe in self.pipes))
        for result in results:
            if isinstance(result, dict) and 'error' in result:
                raise RuntimeError(f'generator {command}: {result["error"]}')
        return list(results)

    def stop(self) -> None:
        for pipe in self.pipes:
            with contextlib.suppress(OSError):
                pipe.send(('exit', {}))
        for process in self.processes:
            process.join(10)
            if process.is_alive():
                process.kill()


class Run:
    """One measured run (the app or the bare baseline) of N clients: its phases and figures."""

    def __init__(self, n: int, gens: Generators, args: argparse.Namespace) -> None:
        self.n, self.gens, self.args = n, gens, args
        self.figures: dict[str, Any] = {'lost': {}, 'lag': {}}
        self.errors: list[str] = []
        self.lag = LagMonitor()  # this process runs the screen: its lateness is in the latencies too
        self._lag_task = asyncio.create_task(self.lag.run())

    async def checkpoint(self, phase: str) -> None:
        """After a phase: the phones' disconnects during it (and why), the generators' worst loop lag."""
        statuses = await self.gens.call('status', {})
        self.figures['lag'][phase] = max([self.lag.take()] + [status['lag'] for status in statuses])
        reasons = Counter(reason for status in statuses for _, reason in status['disconnects'])
        self.figures['lost'][phase] = sum(reasons.values())
        if reasons:
            log(f'{phase}: {sum(reasons.values())} phones disconnected: {dict(reasons)}')
        own = Counter(reason for _, reason in DISCONNECTS)  # this process: the screen (and the control page)
        DISCONNECTS.clear()
        self.figures['own_lost'] = self.figures.get('own_lost', 0) + sum(own.values())
        if own:
            log(f'{phase}: the screen or control page disconnected: {dict(own)}')

    def note_errors(self, phase: str, errors: list[str]) -> None:
        """How many clients failed a phase, and the first few distinct reasons."""
        failed = [error for error in errors if error]
        if failed:
            reasons = sorted(set(failed))
            self.errors.append(f'{phase}: {len(failed)} failed; {len(reasons)} distinct reasons, e.g. {reasons[:3]}')

    async def join(self, kind: str, base_url: str, code: str) -> None:
        timeout = 60 + 0.1 * self.n
        per_worker = [{'kind': kind, 'base_url': base_url, 'code': code, 'indexes': part, 'timeout': timeout,
                       'concurrency': max(1, self.args.join_concurrency // len(self.gens.pipes))}
                      for part in self.gens.split(list(range(self.n)), int)]
        start = now()
        joins = [j for part in await self.gens.call('join', per_worker) for j in part]
        done = [end for _, _, end, _ in joins if end is not None]
        self.note_errors('join', [error for *_, error in joins])
        self.figures['joined'] = len(done)
        self.figures['join_all'] = max(done) - start if len(done) == self.n else None
        self.figures['join_p95'] = percentile([end - begin for _, begin, end, _ in joins if end is not None], 95)
        log(f'{kind} N={self.n}: {len(done)} joined in {now() - start:.1f} s')
        await self.checkpoint('join')

    async def votes(self, name: str, option: Callable[[int], str], spread: float,
                    timeline: list[tuple[float, dict[str, int]]]) -> None:
        start = now() + 1.0
        offsets = [spread * k / self.n for k in range(self.n)]
        random.Random(self.n).shuffle(offsets)
        plan = [(i, option(i), start + offsets[i]) for i in range(self.n)]
        results = [v for part in await self.gens.call('vote', [
            {'plan': p, 'timeout': 30 + 0.05 * self.n} for p in self.gens.split(plan, lambda step: step[0])])
            for v in part]
        sent = [(at, chosen) for _, chosen, at, _, _ in results if at is not None]
        acked = sum(1 for _, _, _, ack, _ in results if ack is not None)
        self.note_errors(f'{name} vote', [error for *_, error in results])
        wanted = {chosen for _, chosen in sent}
        deadline = now() + 15
        while now() < deadline and sum(timeline[-1][1].get(o, 0) if timeline else 0 for o in wanted) < acked:
            await asyncio.sleep(0.05)  # the screen may get the last tallies after the last acknowledgement
        latencies, missing = match_latencies(sent, timeline)
        self.figures[f'{name}_sent'] = len(sent)
        self.figures[f'{name}_acked'] = acked
        self.figures[f'{name}_missing'] = missing
        self.figures[name] = latencies
        log(f'{self.n} votes ({name}): {len(sent)} sent, {acked} acknowledged, {missing} not on the screen')
        await self.checkpoint(name)

    async def seen(self, text: str, since: float) -> None:
        seen = [at for part in await self.gens.call('seen', {'text': text, 'timeout': 30 + 0.05 * self.n})
                for _, at in part]
        self.figures['next'] = [at - since for at in seen if at is not None]
        self.figures['next_missing'] = sum(at is None for at in seen)
        log(f'next statement on {len(self.figures["next"])}/{len(seen)} phones')
        await self.checkpoint('next')

    async def close(self) -> None:
        """Close every client of this run (also after a failed phase) and count what went wrong on the way."""
        self._lag_task.cancel()
        try:
            counters = await asyncio.wait_for(self.gens.call('close', {}), 60)
        except Exception as error:
            self.errors.append(f'closing the clients: {error!r}')
            return
        for key in ('disconnects', 'reconnects', 'connect_errors', 'http_errors', 'reloads', 'close_errors',
                    'join_retries'):
            self.figures[key] = sum(c.get(key, 0) for c in counters)


async def run_app(n: int, gens: Generators, args: argparse.Namespace) -> Run:
    run = Run(n, gens, args)
    data_dir = Path(tempfile.mkdtemp(prefix=f'uitwisselplek-bench-{n}-'))
    port = free_port()
    base = f'http://127.0.0.1:{port}'
    env = app_env(data_dir, port)
    meeting_id, code, key, first_id = prepare(data_dir, env)
    command = [str(ROOT / 'bench' / 'profile_app.py'), str(Path(args.profile_server).resolve())] \
        if args.profile_server else ['-m', 'app']
    server = Process(pinned([sys.executable, *command], args.server_core), env, data_dir / 'server.log', data_dir)
    screen = Screen(base, f'/m/{meeting_id}/screen?key={key}', LABELS)
    facilitator = Facilitator(base)
    try:
        async with asyncio.timeout(limit(n)):  # the safety net; every phase has its own timeout
            await asyncio.to_thread(server.wait_until, f'{base}/healthz', 60)
            log(f'app N={n}: server up ({data_dir})')
            pid = server.popen.pid
            await asyncio.wait_for(screen.open(), 30)
            await asyncio.wait_for(facilitator.login(USER, PASSWORD, (NL('login.username'), NL('login.password'),
                                                                      NL('login.submit')), 30), 40)
            await asyncio.wait_for(facilitator.open(f'/m/{meeting_id}/control'), 30)
            log(f'app N={n}: screen open, facilitator on the control page')
            await asyncio.sleep(1)
            rss_before, cpu = rss_kb(pid), [cpu_seconds(pid)]
            await run.join('app', base, code)
            cpu.append(cpu_seconds(pid))
            await run.votes('spread', first_option, SPREAD, screen.timeline)
            await run.votes('burst', lambda _: 'doubt', 0.0, screen.timeline)
            cpu.append(cpu_seconds(pid))
            clicked = await facilitator.click_label(NL('live.next'))
            await run.seen(STATEMENTS[1], clicked)
            cpu.append(cpu_seconds(pid))
            rss_after = rss_kb(pid)
            run.figures.update(rss_before=rss_before, rss_after=rss_after,
                               cpu=[b - a for a, b in itertools.pairwise(cpu)])
    except Exception as error:
        run.errors.append(f'app N={n}: {error!r}'[:300])
    finally:
        await run.close()
        for closing in (screen.close(), facilitator.close()):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(closing, 10)
        server.stop()
    run.figures['db'] = stored_votes(data_dir / 'uitwisselplek.db', first_id)
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    return run


def stored_votes(database: Path, activity_id: int) -> tuple[int, int]:
    """Rows in ``response`` for the first statement, and how many hold the last vote sent ("doubt")."""
    try:
        with sqlite3.connect(f'file:{database}?mode=ro', uri=True) as db:
            row = db.execute("SELECT count(*), coalesce(sum(choice = 'doubt'), 0) FROM response "
                             'WHERE activity_id = ?', (activity_id,)).fetchone()
        return int(row[0]), int(row[1])
    except sqlite3.Error:
        return -1, -1


async def run_bare(n: int, gens: Generators, args: argparse.Namespace) -> Run:
    run = Run(n, gens, args)
    port = free_port()
    base = f'http://127.0.0.1:{port}'
    log = Path(tempfile.mkstemp(prefix='bare-baseline-', suffix='.log')[1])
    server = Process(pinned([sys.executable, str(ROOT / 'bench' / 'bare_baseline.py'), '--port', str(port)],
                            args.server_core), dict(os.environ), log, ROOT)
    screen = BareClient(base, 'screen')
    try:
        async with asyncio.timeout(limit(n)):  # the safety net; every phase has its own timeout
            await asyncio.to_thread(server.wait_until, f'{base}/socket.io/?EIO=4&transport=polling', 30)
            await screen.join(30)
            await run.join('bare', base, '')
            await run.votes('spread', first_option, SPREAD, screen.timeline)
            await run.votes('burst', lambda _: 'doubt', 0.0, screen.timeline)
            await run.seen(STATEMENTS[1], await screen.next(STATEMENTS[1]))
    except Exception as error:
        run.errors.append(f'bare N={n}: {error!r}'[:300])
    finally:
        await run.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(screen.close(), 10)
        server.stop()
        log.unlink(missing_ok=True)
    return run


async def main(args: argparse.Namespace) -> int:
    columns: list[Row] = []
    for n in args.sizes:
        workers = max(1, math.ceil(n / args.phones_per_worker))
        gens = Generators(workers, args.generator_core)
        log(f'N={n}: {workers} generator process(es)')
        try:
            app = await run_app(n, gens, args)
            bare = None if args.no_baseline else await run_bare(n, gens, args)
        finally:
            gens.stop()
        for error in app.errors + (bare.errors if bare else []):
            print(f'N={n}: {error}', file=sys.stderr)
        columns.append(column(n, app.figures, bare.figures if bare else None))
        log(f'N={n} done: {json.dumps(columns[-1], ensure_ascii=False)}')
    print_table(args.sizes, columns)
    print(f'\n{os.cpu_count()} cores; server on core {args.server_core}, generators on core {args.generator_core}; '
          f'{args.phones_per_worker} phones per generator process; {args.join_concurrency} joins in flight; '
          f'first votes spread over {SPREAD:.0f} s (60 % agree, 40 % disagree), then all switch to "doubt" at once; '
          f'total {time.monotonic() - STARTED:.0f} s')
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--sizes', type=int, nargs='+', default=[100, 500, 1000, 2000], help='numbers of phones')
    parser.add_argument('--no-baseline', action='store_true', help='skip the bare python-socketio baseline')
    generator_options(parser, "keep the app's temporary data folders (server.log)")
    parser.add_argument('--profile-server', metavar='FILE', help='run the app under cProfile, write its stats here '
                                                                 '(slower: figures are not comparable)')
    return parsed(parser, argv)


if __name__ == '__main__':
    launch(parse(), main)
