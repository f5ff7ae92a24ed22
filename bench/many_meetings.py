"""Many meetings on one app: ``.venv/bin/python bench/many_meetings.py [--meetings 50 --phones 20]``.

M meetings of one facilitator run at the same time on one app instance (``python -m app`` as a subprocess, SQLite
in a temporary DATA_DIR, pinned to core 0, as in ``bench/load.py``), like an organisation running many learning
networks on one server. Each meeting has a statement (open, shown) and a speed-date activity after it; each has
its own simulated screen and its own facilitator browser (logged in, on the control page) and P phones. The
phones join; per meeting they vote spread over 10 s, then all P change their vote at one instant (a burst). The
meetings are staggered in G groups, so that while one group bursts the others vote quietly. Then every
facilitator clicks "Volgende" (the speed date opens), "Koppels maken" and "Start". Prints a line per meeting and
one table (p50/p95 over all meetings, the worst meeting, the isolation figure); asserts nothing. See
bench/README.md ("Many meetings on one server").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    LagMonitor,
    cpu_seconds,
    generator_options,
    launch,
    match_latencies,
    parsed,
    percentile,
    rss_kb,
)
from bench.load import LABELS, NL, PASSWORD, USER, Generators, Process, app_env, first_option, free_port, pinned
from bench.many_meetings_worker import COMMANDS
from bench.simphone import DISCONNECTS, Facilitator, Screen, now

STATEMENT = 'Kennis delen loont pas als iedereen meedoet.'
SPEED_DATE = 'Speeddate: wat neem jij mee uit dit netwerk?'
SPREAD = 10.0  # seconds over which a meeting's first votes are spread
GAP = 2.0  # seconds between a meeting's last spread vote and its burst
STARTED = time.monotonic()
ROOT = Path(__file__).resolve().parents[1]
PHASES = ('setup', 'join', 'votes', 'next', 'pairs', 'start')


def log(message: str) -> None:
    """Progress on stderr; the tables go to stdout."""
    print(f'[{time.monotonic() - STARTED:6.1f} s] {message}', file=sys.stderr, flush=True)


@dataclass
class Meeting:
    index: int
    id: int
    code: str
    key: str
    statement_id: int
    group: int = 0
    spread_at: float = 0.0  # when its spread votes begin
    burst_at: float = 0.0  # the instant all its phones switch to "doubt"
    screen: Screen | None = None
    facilitator: Facilitator | None = None
    ready: bool = False  # screen open and facilitator on the control page
    figures: dict[str, Any] = field(default_factory=dict)


def seed(database: Path, count: int) -> list[Meeting]:
    """``count`` meetings of the one facilitator, each with a statement (open, shown) and a speed date after it,
    written with the app's models before it starts."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app.domain.codes import new_join_code, new_key
    from app.kinds.polls.rules import StatementSettings
    from app.kinds.speed_date.rules import SpeedDateRules, SpeedDateSettings
    from app.store.models import Activity, Facilitator
    from app.store.models import Meeting as MeetingRow

    engine = create_engine(f'sqlite:///{database}')
    statement = StatementSettings(ask_reason=False, with_doubt=True).to_dict()
    speed_date = SpeedDateSettings(minutes=5.0).to_dict()
    meetings: list[Meeting] = []
    codes: set[str] = set()
    with Session(engine) as session, session.begin():
        owner = session.scalars(select(Facilitator)).one()
        for index in range(count):
            code = new_join_code(codes)
            codes.add(code)
            row = MeetingRow(facilitator_id=owner.id, title=f'Lerend netwerk {index + 1}', join_code=code,
                             screen_key=new_key(), state='open', locked=False)
            session.add(row)
            session.flush()
            first = Activity(meeting_id=row.id, position=1, kind='statement', text=STATEMENT, settings=statement,
                             state='open', revealed=False)
            second = Activity(meeting_id=row.id, position=2, kind=SpeedDateRules.name, text=SPEED_DATE,
                              settings=speed_date, state='waiting', revealed=False)
            session.add_all([first, second])
            session.flush()
            row.current_activity_id = first.id
            meetings.append(Meeting(index, row.id, code, row.screen_key, first.id))
    engine.dispose()
    return meetings


def stored_votes(database: Path, meetings: list[Meeting]) -> dict[int, tuple[int, int]]:
    """Per meeting: rows in ``response`` for its statement, and how many hold the last vote sent ("doubt")."""
    try:
        with sqlite3.connect(f'file:{database}?mode=ro', uri=True) as db:
            rows = db.execute("SELECT activity_id, count(*), coalesce(sum(choice = 'doubt'), 0) FROM response "
                              'GROUP BY activity_id').fetchall()
    except sqlite3.Error:
        return {}
    by_activity = {int(a): (int(n), int(d)) for a, n, d in rows}
    return {m.index: by_activity.get(m.statement_id, (0, 0)) for m in meetings}


def core_busy(core: int | None) -> float:
    """Busy seconds of one core since boot, all processes (``/proc/stat``): what other work takes from the server's
    core is this minus the server's own CPU time."""
    if core is None:
        return 0.0
    with open('/proc/stat') as stat:
        fields = next(line for line in stat if line.startswith(f'cpu{core} ')).split()[1:]
    ticks = [int(v) for v in fields[:8]]  # user nice system idle iowait irq softirq steal
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf('SC_CLK_TCK')


def has_button(page: Any, label: str) -> bool:
    return any(e.get('tag') == 'q-btn' and e.get('props', {}).get('label') == label for e in page.elements.values())


def split_votes(pairs: list[tuple[float, float]], windows: list[tuple[int, float, float]], group: int
                ) -> tuple[list[float], list[float]]:
    """A quiet meeting's (sent, latency) pairs: those sent while another group's burst was in flight, and those
    whose whole way to the screen touched no burst at all."""
    during, calm = [], []
    for sent, latency in pairs:
        if any(g != group and start <= sent <= end for g, start, end in windows):
            during.append(latency)
        elif all(sent + latency < start or sent > end for _, start, end in windows):
            calm.append(latency)
    return during, calm


def matched(votes: list[tuple[float, str]], timeline: list[tuple[float, dict[str, int]]]
            ) -> tuple[list[tuple[float, float]], int]:
    """(sent, latency) of each vote that reached the screen, and how many did not. ``harness.match_latencies``
    per option: for one option its latencies are in the order sent, and the missing ones are the last."""
    pairs: list[tuple[float, float]] = []
    missing = 0
    for option in sorted({o for _, o in votes}):
        sent = sorted(s for s, o in votes if o == option)
        latencies, lost = match_latencies([(s, option) for s in sent], timeline)
        pairs += zip(sent, latencies, strict=False)
        missing += lost
    return pairs, missing


class Bench:
    """One run: M meetings × P phones on one app instance."""

    def __init__(self, args: argparse.Namespace, gens: Generators) -> None:
        self.args, self.gens = args, gens
        self.m, self.p = args.meetings, args.phones
        self.n = self.m * self.p
        self.meetings: list[Meeting] = []
        self.figures: dict[str, Any] = {'lost': {}, 'lag': {}, 'cpu': {}, 'own_lost': 0}
        self.errors: list[str] = []
        self.lag = LagMonitor()  # this process runs the screens and control pages
        self._lag_task = asyncio.create_task(self.lag.run())
        self.pid = 0
        self.cpu_mark = 0.0
        self.core_mark = 0.0  # the server's core: busy seconds (all processes) at the last checkpoint
        self.t0 = 0.0  # the vote phase's first planned tap
        self.samples: list[tuple[float, float, float]] = []  # (when, server CPU s, server core busy s)
        self.probe: dict[str, list[Any]] = {}  # --probe: the server's gen-2 collections and loop stalls

    def meeting_of(self, phone: int) -> Meeting:
        return self.meetings[phone // self.p]

    def note_errors(self, phase: str, errors: list[str]) -> None:
        failed = [error for error in errors if error]
        if failed:
            reasons = sorted(set(failed))
            self.errors.append(f'{phase}: {len(failed)} failed; {len(reasons)} distinct reasons, e.g. {reasons[:3]}')

    async def checkpoint(self, phase: str) -> None:
        """After a phase: the server's CPU seconds in it, the phones' disconnects (and why), the worst loop lag."""
        cpu, core = cpu_seconds(self.pid), core_busy(self.args.server_core)
        self.figures['cpu'][phase] = cpu - self.cpu_mark
        self.figures.setdefault('others', {})[phase] = max(0.0, core - self.core_mark - (cpu - self.cpu_mark))
        self.cpu_mark, self.core_mark = cpu, core
        self.figures.setdefault('phase_end', {})[phase] = now()
        statuses = await self.gens.call('status', {})
        self.figures['lag'][phase] = max([self.lag.take()] + [status['lag'] for status in statuses])
        reasons = Counter(reason for status in statuses for _, reason in status['disconnects'])
        self.figures['lost'][phase] = sum(reasons.values())
        if reasons:
            log(f'{phase}: {sum(reasons.values())} phones disconnected: {dict(reasons)}')
        own = Counter(reason for _, reason in DISCONNECTS)
        DISCONNECTS.clear()
        self.figures['own_lost'] += sum(own.values())
        if own:
            log(f'{phase}: screens or control pages disconnected: {dict(own)}')

    # setup
    async def open_views(self, base: str) -> None:
        """Every meeting's screen, and one facilitator browser per meeting: log in, open the control page."""
        labels = (NL('login.username'), NL('login.password'), NL('login.submit'))
        gate = asyncio.Semaphore(self.args.setup_concurrency)

        async def one(meeting: Meeting) -> str:
            async with gate:
                meeting.screen = Screen(base, f'/m/{meeting.id}/screen?key={meeting.key}', LABELS)
                meeting.facilitator = Facilitator(base)
                try:
                    await asyncio.wait_for(meeting.screen.open(), 60)
                    await asyncio.wait_for(meeting.facilitator.login(USER, PASSWORD, labels, 60), 70)
                    await asyncio.wait_for(meeting.facilitator.open(f'/m/{meeting.id}/control'), 60)
                    meeting.ready = True
                    return ''
                except Exception as error:
                    return f'{type(error).__name__}: {error}'[:200]

        errors = await asyncio.gather(*(one(m) for m in self.meetings))
        self.note_errors('screen / control page', list(errors))
        log(f'{sum(m.ready for m in self.meetings)}/{self.m} screens and control pages open')

    # phases
    async def join(self, base: str) -> None:
        timeout = 60 + 0.1 * self.n
        phones = [(i, self.meeting_of(i).code) for i in range(self.n)]
        workers = len(self.gens.pipes)
        per_worker = [{'base_url': base, 'phones': part, 'timeout': timeout,
                       'concurrency': max(1, self.args.join_concurrency // workers)}
                      for part in self.gens.split(phones, lambda phone: phone[0])]
        start = now()
        joins = [j for part in await self.gens.call('join', per_worker) for j in part]
        done = [(i, end) for i, _, end, _ in joins if end is not None]
        self.note_errors('join', [error for *_, error in joins])
        for meeting in self.meetings:
            meeting.figures['joined'] = 0
        for i, _ in done:
            self.meeting_of(i).figures['joined'] += 1
        self.figures['joined'] = len(done)
        self.figures['join_all'] = max(end for _, end in done) - start if len(done) == self.n else None
        self.figures['join_p95'] = percentile([end - begin for _, begin, end, _ in joins if end is not None], 95)
        log(f'{len(done)}/{self.n} phones joined in {now() - start:.1f} s')
        await self.checkpoint('join')

    async def votes(self) -> None:
        """Spread votes, then the burst, per meeting; the groups of meetings staggered by ``--stagger`` seconds."""
        groups = max(1, min(self.args.groups, self.m))
        t0 = self.t0 = now() + 2.0
        rng = random.Random(self.n)
        plan = []
        for meeting in self.meetings:
            meeting.group = meeting.index % groups
            meeting.spread_at = t0 + meeting.group * self.args.stagger
            meeting.burst_at = meeting.spread_at + SPREAD + GAP
            offsets = [SPREAD * k / self.p for k in range(self.p)]
            rng.shuffle(offsets)
            for k in range(self.p):
                plan.append((meeting.index * self.p + k, first_option(k), meeting.spread_at + offsets[k], 'doubt',
                             meeting.burst_at))
        bursts = sorted({round(m.burst_at - t0, 2) for m in self.meetings})
        log(f'votes: {groups} groups; bursts at +{", +".join(f"{b:.1f}" for b in bursts)} s')
        per_worker = [{'plan': part, 'timeout': 30 + 0.05 * self.n}
                      for part in self.gens.split(plan, lambda step: step[0])]
        results = [r for part in await self.gens.call('votes', per_worker) for r in part]
        self.note_errors('spread vote', [spread[2] for _, spread, _ in results])
        self.note_errors('burst vote', [burst[2] for _, _, burst in results])
        for meeting in self.meetings:
            meeting.figures.update(spread_votes=[], burst_votes=[], spread_acked=0, burst_acked=0)
        for i, spread, burst in results:
            f = self.meeting_of(i).figures
            for name, (sent, acked, _), option in (('spread', spread, first_option(i % self.p)),
                                                   ('burst', burst, 'doubt')):
                if sent is not None:
                    f[f'{name}_votes'].append((sent, option))
                f[f'{name}_acked'] += acked is not None
        deadline = now() + 15  # the screens may get the last tallies after the last acknowledgement
        while now() < deadline and any(
                m.screen is not None and m.figures['burst_acked']
                > (m.screen.timeline[-1][1].get('doubt', 0) if m.screen.timeline else 0) for m in self.meetings):
            await asyncio.sleep(0.1)
        for meeting in self.meetings:
            f, timeline = meeting.figures, meeting.screen.timeline if meeting.screen else []
            f['spread_pairs'], f['spread_missing'] = matched(f['spread_votes'], timeline)
            f['burst_pairs'], f['burst_missing'] = matched(f['burst_votes'], timeline)
        windows = []  # (group, burst instant, until the group's last burst vote was on its screen; ≥ 1 s)
        for group in range(groups):
            members = [m for m in self.meetings if m.group == group]
            shown = [sent + latency for m in members for sent, latency in m.figures['burst_pairs']]
            start = members[0].burst_at
            windows.append((group, start, max([start + self.args.burst_window, *shown])))
        self.figures['windows'] = [(g, s - t0, e - t0) for g, s, e in windows]
        for meeting in self.meetings:
            f = meeting.figures
            f['quiet_during'], f['quiet_calm'] = split_votes(f['spread_pairs'], windows, meeting.group)
        sent = sum(len(m.figures['spread_votes']) + len(m.figures['burst_votes']) for m in self.meetings)
        acked = sum(m.figures['spread_acked'] + m.figures['burst_acked'] for m in self.meetings)
        missing = sum(m.figures['spread_missing'] + m.figures['burst_missing'] for m in self.meetings)
        log(f'votes: {sent} sent, {acked} acknowledged, {missing} not on the screens')
        await self.checkpoint('votes')

    async def clicks(self, phase: str, label: str, expect: str) -> dict[int, float]:
        """Every ready facilitator clicks ``label`` on the control page, meeting k at ``k × --click-gap`` s from
        now (after its button is there, at most 30 s). Like a person, a facilitator whose control page does not show
        ``expect`` within 15 s clicks again (at most 3 clicks; counted). The times of the clicks that worked."""
        base = now() + 0.5
        repeats = 0

        async def one(meeting: Meeting) -> tuple[int, float | None, str]:
            nonlocal repeats
            facilitator = meeting.facilitator
            if facilitator is None or not meeting.ready:
                return meeting.index, None, ''
            page = facilitator.page
            try:
                await page.wait_for(lambda: has_button(page, label), 30)
                await asyncio.sleep(max(0.0, base + meeting.index * self.args.click_gap - now()))
                for attempt in range(3):
                    if attempt:
                        repeats += 1
                    clicked = await facilitator.click_label(label)
                    with contextlib.suppress(TimeoutError):
                        await page.wait_for(lambda: has_button(page, expect), 15)
                        return meeting.index, clicked, ''
                    if not has_button(page, label):
                        break
                return meeting.index, None, f'no {expect!r} after clicking {label!r}; notified {page.notifications}'
            except Exception as error:
                return meeting.index, None, f'{type(error).__name__}: {error}'[:200]

        results = await asyncio.gather(*(one(m) for m in self.meetings))
        self.note_errors(f'click {label!r}', [error for *_, error in results])
        self.figures.setdefault('repeats', {})[phase] = repeats
        return {index: at for index, at, _ in results if at is not None}

    async def step(self, phase: str, label: str, expect: str,
                   watch: Callable[[float], Awaitable[list[tuple[int, float | None]]]]) -> None:
        """Click ``label`` in every meeting; per phone, from its facilitator's click to what ``watch`` reports."""
        clicked = await self.clicks(phase, label, expect)
        seen = await watch(30 + 0.05 * self.n)
        for meeting in self.meetings:
            meeting.figures[phase] = []
            meeting.figures[f'{phase}_missing'] = 0
        for i, at in seen:
            meeting = self.meeting_of(i)
            since = clicked.get(meeting.index)
            if at is not None and since is not None:
                meeting.figures[phase].append(at - since)
            else:
                meeting.figures[f'{phase}_missing'] += 1
        got = sum(len(m.figures[phase]) for m in self.meetings)
        log(f'{phase}: {len(clicked)}/{self.m} clicks on {label!r}; {got}/{len(seen)} phones followed')
        await self.checkpoint(phase)

    async def seen_text(self, timeout: float) -> list[tuple[int, float | None]]:
        return [s for part in await self.gens.call('seen', {'text': SPEED_DATE, 'timeout': timeout}) for s in part]

    def marks(self, name: str) -> Callable[[float], Awaitable[list[tuple[int, float | None]]]]:
        async def watch(timeout: float) -> list[tuple[int, float | None]]:
            return [s for part in await self.gens.call('marks', {'name': name, 'timeout': timeout}) for s in part]
        return watch

    async def sample(self) -> None:
        """Every 0.25 s: the server's CPU time and its core's busy time (for the second-by-second table)."""
        while True:
            self.samples.append((now(), cpu_seconds(self.pid), core_busy(self.args.server_core)))
            await asyncio.sleep(0.25)

    def usage(self, start: float, end: float) -> tuple[float, float] | None:
        """The server's share of its core between two moments, and what other processes took of it."""
        first = next((x for x in self.samples if x[0] >= start), None)
        last = next((x for x in self.samples if x[0] >= end), None)
        if first is None or last is None or last[0] <= first[0]:
            return None
        span = last[0] - first[0]
        server = (last[1] - first[1]) / span
        return server, max(0.0, (last[2] - first[2]) / span - server)

    async def close(self) -> None:
        self._lag_task.cancel()
        try:
            counters = await asyncio.wait_for(self.gens.call('close', {}), 120)
        except Exception as error:
            self.errors.append(f'closing the phones: {error!r}')
        else:
            for key in ('disconnects', 'reconnects', 'connect_errors', 'http_errors', 'reloads', 'close_errors',
                        'join_retries'):
                self.figures[key] = sum(c.get(key, 0) for c in counters)

        async def views(meeting: Meeting) -> None:
            for view in (meeting.screen, meeting.facilitator):
                if view is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(view.close(), 10)

        await asyncio.gather(*(views(m) for m in self.meetings))


async def run(args: argparse.Namespace, gens: Generators) -> Bench:
    bench = Bench(args, gens)
    data_dir = Path(tempfile.mkdtemp(prefix=f'uitwisselplek-many-{args.meetings}x{args.phones}-'))
    port = free_port()
    base = f'http://127.0.0.1:{port}'
    env = app_env(data_dir, port)
    database = data_dir / 'uitwisselplek.db'
    server: Process | None = None
    sampler: asyncio.Task[None] | None = None
    try:
        subprocess.run([sys.executable, '-m', 'app', 'create-facilitator', USER, '--password-stdin'],
                       input=PASSWORD + '\n', text=True, env=env, cwd=data_dir, check=True, capture_output=True,
                       timeout=60)
        bench.meetings = seed(database, args.meetings)
        probe = data_dir / 'probe.json'
        command = [str(ROOT / 'bench' / 'many_meetings_server.py'), str(probe)] if args.probe else ['-m', 'app']
        server = Process(pinned([sys.executable, *command], args.server_core), env, data_dir / 'server.log', data_dir)
        async with asyncio.timeout(600 + 0.5 * bench.n):  # the safety net; every phase has its own timeout
            await asyncio.to_thread(server.wait_until, f'{base}/healthz', 60)
            bench.pid = server.popen.pid
            bench.cpu_mark, bench.core_mark = cpu_seconds(bench.pid), core_busy(args.server_core)
            bench.figures['phase_end'] = {'': now()}
            sampler = asyncio.create_task(bench.sample())
            log(f'server up ({data_dir}); {args.meetings} meetings × {args.phones} phones')
            bench.figures['load'] = [os.getloadavg()[0]]
            await bench.open_views(base)
            await asyncio.sleep(1)
            await bench.checkpoint('setup')
            bench.figures['rss_before'] = rss_kb(bench.pid)
            await bench.join(base)
            bench.figures['rss_joined'] = rss_kb(bench.pid)
            await bench.votes()
            await bench.step('next', NL('live.next'), NL('speed.make_pairs'), bench.seen_text)
            await bench.step('pairs', NL('speed.make_pairs'), NL('speed.start'), bench.marks('partner'))
            await bench.step('start', NL('speed.start'), NL('speed.pause'), bench.marks('running'))
            bench.figures['rss_after'] = rss_kb(bench.pid)
            bench.figures['load'].append(os.getloadavg()[0])
    except Exception as error:
        bench.errors.append(f'run: {error!r}'[:300])
    finally:
        if sampler is not None:
            sampler.cancel()
        await bench.close()
        if server is not None:
            server.stop()
    bench.figures['db'] = stored_votes(database, bench.meetings)
    if args.probe:
        try:
            bench.probe = json.loads(probe.read_text())
        except (OSError, ValueError) as error:
            bench.errors.append(f'probe: {error!r}')
    if args.keep:
        log(f'data kept in {data_dir}')
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return bench


# the tables
def ms(value: float | None) -> str:
    return '–' if value is None else f'{value * 1000:.0f}'


def p(values: list[float], *qs: float) -> str:
    return ' / '.join(ms(percentile(values, q)) for q in qs) if values else '–'


def pooled(bench: Bench, name: str) -> list[float]:
    return [v for m in bench.meetings for v in m.figures.get(name, [])]


def latencies(f: dict[str, Any], name: str) -> list[float]:
    return [latency for _, latency in f.get(f'{name}_pairs', [])]


def per_meeting_table(bench: Bench) -> list[str]:
    head = ('meeting', 'group', 'joined', 'spread p95', 'burst p95', 'quiet in burst p95', 'next p95', 'pairs p95',
            'start p95', 'acked', 'DB rows / doubt')
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '|'.join('-' * (len(h) + 1) + ':' for h in head) + '|']
    db = bench.figures.get('db', {})
    for m in bench.meetings:
        f = m.figures
        sent = len(f.get('spread_votes', [])) + len(f.get('burst_votes', []))
        rows, doubt = db.get(m.index, (-1, -1))
        cells = (str(m.index + 1), str(m.group), f'{f.get("joined", 0)}/{bench.p}', p(latencies(f, 'spread'), 95),
                 p(latencies(f, 'burst'), 95), p(f.get('quiet_during', []), 95), p(f.get('next', []), 95),
                 p(f.get('pairs', []), 95), p(f.get('start', []), 95),
                 f'{f.get("spread_acked", 0) + f.get("burst_acked", 0)}/{sent}', f'{rows} / {doubt}')
        lines.append('| ' + ' | '.join(c.rjust(len(h)) for c, h in zip(cells, head, strict=True)) + ' |')
    return lines


def by_second(bench: Bench) -> list[str]:
    """The vote phase second by second: which groups vote quietly, which burst, and the spread (quiet) votes'
    vote→screen figures of the votes sent in that second, next to the burst votes'."""
    t0 = bench.t0
    groups = sorted({m.group for m in bench.meetings})
    early = 0.01  # a timer may fire a millisecond early: a tap planned at +12.0 belongs to second +12
    spread = [(s - t0 + early, lat) for m in bench.meetings for s, lat in m.figures.get('spread_pairs', [])]
    burst = [(s - t0 + early, lat) for m in bench.meetings for s, lat in m.figures.get('burst_pairs', [])]
    if not spread:
        return []
    probe = bench.probe
    head = ('second', 'groups voting quietly', 'group bursting', 'quiet votes', 'quiet p50 / p95 / max',
            'burst votes', 'burst p50 / p95 / max', 'server / others CPU %') \
        + (('loop stall max, ms', 'gen-2 GC, ms') if probe else ())
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '|'.join('-' * (len(h) + 1) + ':' for h in head) + '|']
    last = math.ceil(max(at for at, _ in spread + burst))
    for second in range(last):
        quiet = [lat for at, lat in spread if second <= at < second + 1]
        loud = [lat for at, lat in burst if second <= at < second + 1]
        voting = [g for g in groups if any(m.group == g and m.spread_at - t0 < second + 1
                                           and m.spread_at - t0 + SPREAD > second for m in bench.meetings)]
        bursting = [g for g in groups if any(m.group == g and second <= m.burst_at - t0 < second + 1
                                             for m in bench.meetings)]
        used = bench.usage(t0 + second, t0 + second + 1)
        cells = (f'+{second}', ' '.join(map(str, voting)) or '–', ' '.join(map(str, bursting)) or '–',
                 str(len(quiet)), p(quiet, 50, 95, 100), str(len(loud)), p(loud, 50, 95, 100),
                 '–' if used is None else f'{used[0] * 100:.0f} / {used[1] * 100:.0f}')
        if probe:
            stalls = [late for at, late in probe.get('lags', []) if t0 + second <= at < t0 + second + 1]
            gcs = [took for at, took, _ in probe.get('gc2', []) if t0 + second <= at < t0 + second + 1]
            cells += (ms(max(stalls, default=None)), ' '.join(ms(x) for x in gcs) or '–')
        lines.append('| ' + ' | '.join(c.rjust(len(h)) for c, h in zip(cells, head, strict=True)) + ' |')
    return lines


def dump(bench: Bench, path: str) -> None:
    """The raw figures (seconds; vote times from the first planned tap), to look at a run again."""
    t0 = bench.t0
    meetings = []
    for m in bench.meetings:
        f = m.figures
        meetings.append({'meeting': m.index + 1, 'group': m.group, 'spread_at': m.spread_at - t0,
                         'burst_at': m.burst_at - t0, 'joined': f.get('joined', 0),
                         'spread': [(s - t0, lat) for s, lat in f.get('spread_pairs', [])],
                         'burst': [(s - t0, lat) for s, lat in f.get('burst_pairs', [])],
                         **{k: f.get(k, []) for k in ('next', 'pairs', 'start')}})
    figures = {k: v for k, v in bench.figures.items() if k != 'db'}
    Path(path).write_text(json.dumps({'args': vars(bench.args), 'figures': figures, 'meetings': meetings,
                                      'errors': bench.errors, 'probe': bench.probe, 't0': t0}, indent=1, default=str))


def summary(bench: Bench) -> list[tuple[str, str]]:
    f, m, n = bench.figures, bench.meetings, bench.n

    def worst(of: Callable[[dict[str, Any]], list[float]]) -> str:
        p95s = [(percentile(of(x.figures), 95), x.index + 1) for x in m if of(x.figures)]
        if not p95s:
            return '–'
        value, index = max(p95s)
        return f'{ms(value)} (meeting {index})'

    spread = [v for x in m for v in latencies(x.figures, 'spread')]
    burst = [v for x in m for v in latencies(x.figures, 'burst')]
    during, calm = pooled(bench, 'quiet_during'), pooled(bench, 'quiet_calm')
    cpu = f['cpu']
    db = f.get('db', {})
    acked_burst = {x.index: x.figures.get('burst_acked', 0) for x in m}
    short = sum(1 for x in m if db.get(x.index, (0, 0))[1] < acked_burst[x.index])
    sent = sum(len(x.figures.get('spread_votes', [])) + len(x.figures.get('burst_votes', [])) for x in m)
    acked = sum(x.figures.get('spread_acked', 0) + x.figures.get('burst_acked', 0) for x in m)
    missing = sum(x.figures.get('spread_missing', 0) + x.figures.get('burst_missing', 0) for x in m)
    rss = f.get('rss_before'), f.get('rss_joined'), f.get('rss_after')
    windows = ', '.join(f'+{s:.1f}–{e:.1f}' for _, s, e in f.get('windows', []))
    return [
        ('meetings × phones', f'{bench.m} × {bench.p} = {n}'),
        ('screens + control pages open', f'{sum(x.ready for x in m)}/{bench.m}'),
        ('phones joined', f'{f.get("joined", 0)}/{n}'),
        ('join all, s / one phone p95, ms', ('–' if f.get('join_all') is None else f'{f["join_all"]:.1f}')
         + f' / {ms(f.get("join_p95"))}'),
        ('vote→screen spread p50 / p95 (all meetings), ms', p(spread, 50, 95)),
        ('vote→screen burst p50 / p95 (all meetings), ms', p(burst, 50, 95)),
        ('worst meeting\'s spread p95, ms', worst(lambda x: latencies(x, 'spread'))),
        ('worst meeting\'s burst p95, ms', worst(lambda x: latencies(x, 'burst'))),
        (f'quiet meetings\' votes while others burst p50 / p95, ms (n={len(during)})', p(during, 50, 95)),
        (f'quiet votes with no burst in flight p50 / p95, ms (n={len(calm)})', p(calm, 50, 95)),
        ('burst windows, s after the first vote', windows or '–'),
        ('votes not seen on their screen', str(missing)),
        ('next activity→phones p50 / p95 / max, ms', p(pooled(bench, 'next'), 50, 95, 100)),
        ('"Koppels maken"→partner on phones p50 / p95 / max, ms', p(pooled(bench, 'pairs'), 50, 95, 100)),
        ('"Start"→countdown running on phones p50 / p95 / max, ms', p(pooled(bench, 'start'), 50, 95, 100)),
        ('worst meeting\'s round start p95, ms', worst(lambda x: x.get('start', []))),
        ('facilitator clicks repeated (nothing happened in 15 s): next / pairs / start',
         ' / '.join(str(f.get('repeats', {}).get(k, '–')) for k in ('next', 'pairs', 'start'))),
        ('phones without next / partner / running countdown',
         ' / '.join(str(sum(x.figures.get(f'{k}_missing', 0) for x in m)) for k in ('next', 'pairs', 'start'))),
        ('server CPU s: ' + ' / '.join(PHASES), ' / '.join(f'{cpu[k]:.1f}' if k in cpu else '–' for k in PHASES)),
        ('other processes on the server\'s core, CPU s: ' + ' / '.join(PHASES),
         ' / '.join(f'{f["others"][k]:.1f}' if k in f.get('others', {}) else '–' for k in PHASES)),
        ('load average (1 min) at start / end', ' / '.join(f'{v:.1f}' for v in f.get('load', ())) or '–'),
        ('server RSS before phones / joined / after, MB',
         ' / '.join('–' if v is None else f'{v / 1024:.0f}' for v in rss)),
        ('server RSS per phone (joined − before), KB',
         '–' if None in rss[:2] else f'{(rss[1] - rss[0]) / max(1, f.get("joined", 0)):.0f}'),
        ('phone disconnects / reconnects; screen+control disconnects',
         f'{f.get("disconnects", "–")} / {f.get("reconnects", "–")}; {f.get("own_lost", "–")}'),
        ('phones disconnected in ' + '/'.join(PHASES[1:]),
         ' / '.join(str(f['lost'].get(k, '–')) for k in PHASES[1:])),
        ('socket connect errors / HTTP errors / reloads asked / join taps repeated',
         ' / '.join(str(f.get(k, '–')) for k in ('connect_errors', 'http_errors', 'reloads', 'join_retries'))),
        ('generators worst loop lag ' + '/'.join(PHASES[1:]) + ', ms',
         ' / '.join(ms(f['lag'].get(k)) for k in PHASES[1:])),
        *probe_rows(bench),
        ('votes sent / acknowledged', f'{sent} / {acked}'),
        ('DB: response rows / rows holding "doubt"',
         f'{sum(r for r, _ in db.values())} / {sum(d for _, d in db.values())}' if db else '–'),
        ('DB: meetings with fewer "doubt" rows than acknowledged', str(short) if db else '–'),
    ]


def probe_rows(bench: Bench) -> list[tuple[str, str]]:
    """With --probe: per phase the server's gen-2 collections and its event-loop stalls over 50 ms."""
    if not bench.probe:
        return []
    ends = bench.figures.get('phase_end', {})
    bounds = list(ends.items())
    gc_cells, stall_cells = [], []
    for (_, start), (_, end) in itertools.pairwise(bounds):
        gcs = [took for at, took, _ in bench.probe.get('gc2', []) if start <= at < end]
        stalls = [late for at, late in bench.probe.get('lags', []) if start <= at < end]
        gc_cells.append(f'{len(gcs)}×, max {ms(max(gcs, default=None))}')
        stall_cells.append(f'{len(stalls)}×, max {ms(max(stalls, default=None))}')
    names = '/'.join(phase for phase, _ in bounds[1:])
    return [(f'server gen-2 GCs per phase {names}', ' / '.join(gc_cells)),
            (f'server loop stalls > 50 ms per phase {names}', ' / '.join(stall_cells))]


def print_summary(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    values = max(len(value) for _, value in rows)
    print('| ' + 'figure'.ljust(width) + ' | ' + 'value'.rjust(values) + ' |')
    print('|' + '-' * (width + 2) + '|' + '-' * (values + 1) + ':|')
    for name, value in rows:
        print('| ' + name.ljust(width) + ' | ' + value.rjust(values) + ' |')


async def main(args: argparse.Namespace) -> int:
    workers = max(1, math.ceil(args.meetings * args.phones / args.phones_per_worker))
    gens = Generators(workers, args.generator_core, COMMANDS)
    log(f'{workers} generator process(es)')
    try:
        bench = await run(args, gens)
    finally:
        gens.stop()
    for error in bench.errors:
        print(f'error: {error}', file=sys.stderr)
    if args.json:
        dump(bench, args.json)
    print('\n'.join(per_meeting_table(bench)))
    print()
    print('\n'.join(by_second(bench)))
    print()
    print_summary(summary(bench))
    print(f'\n{os.cpu_count()} cores; server on core {args.server_core}, generators, screens and control pages on '
          f'core {args.generator_core}; {workers} generator process(es); per meeting {args.phones} phones voting '
          f'spread over {SPREAD:.0f} s, then all switching to "doubt" {GAP:.0f} s later; {args.groups} groups '
          f'{args.stagger} s apart; clicks {args.click_gap} s apart between meetings; '
          f'{len(bench.errors)} error line(s) on stderr; total {time.monotonic() - STARTED:.0f} s')
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--meetings', type=int, default=50, help='meetings at the same time (50)')
    parser.add_argument('--phones', type=int, default=20, help='phones per meeting (20)')
    parser.add_argument('--groups', type=int, default=5, help='groups of meetings whose bursts are staggered (5)')
    parser.add_argument('--stagger', type=float, default=2.5, help='seconds between the groups (2.5)')
    parser.add_argument('--burst-window', type=float, default=1.0,
                        help='a burst is in flight at least this many seconds after its instant (1.0)')
    parser.add_argument('--click-gap', type=float, default=0.1,
                        help='seconds between two meetings\' facilitator clicks (0.1)')
    parser.add_argument('--setup-concurrency', type=int, default=5,
                        help='screens and facilitator logins opened at the same time (5)')
    parser.add_argument('--probe', action='store_true',
                        help='run the app through bench/many_meetings_server.py: its gen-2 garbage collections and '
                             'event-loop stalls per phase and per second')
    parser.add_argument('--json', metavar='FILE', help='write the raw figures (every vote, every phone) here')
    generator_options(parser, "keep the app's temporary data folder (server.log)")
    return parsed(parser, argv)


if __name__ == '__main__':
    launch(parse(), main)

