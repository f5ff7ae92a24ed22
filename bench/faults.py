"""Faults with many phones: ``.venv/bin/python bench/faults.py [--phones 200]``. Asserts nothing.

The setup of ``bench/cluster.py`` (two instances behind HAProxy, both pinned to core 0; the generators, HAProxy,
PostgreSQL and Redis on core 1) on an own redis-server on a free port that this benchmark kills and starts again,
and on PostgreSQL through a TCP proxy that it cuts (``tests/faults.py``; the machine's Redis and PostgreSQL service
are never touched). N simulated phones join through the balancer, which spreads them over a and b; the screen is on
a, the facilitator's control page on b. Phases, in this order (each a vote burst: every phone taps once within 1 s):

1. baseline, no fault: a burst, then "Volgende" — how long until every page equals the database;
2. Redis killed for 3 s: a burst and "Volgende" on b during it;
3. Redis killed for 20 s (``--long-outage``): a burst and "Volgende" during it (while the bus is down the periodic
   check reads the rooms again every 2 s: the figures during the outage);
4. the database cut for 10 s during a burst: the taps wait and are stored once it is back;
5. kill -9 of b in a burst spread over 3 s: b's phones come back on a (their page reloads, as nicegui.js does when a
   reconnect's handshake fails). Its baseline: the same phones moved to a by a reload with nothing killed.

Every page equals the database: the screen's statement and tallies, and every phone's statement. "Confirmed lost":
votes a phone showed as stored ("Ontvangen ✓") that the database does not hold. Needs PostgreSQL, redis-server and
haproxy. ``--haproxy-config FILE`` runs another balancer configuration (before/after, bench/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.cluster import COOKIE, HAPROXY_CONFIG, Cluster, pin
from bench.harness import COMMANDS, cpu_seconds, generator_options, launch, parsed, percentile
from bench.load import LABELS, NL, PASSWORD, STATEMENTS, USER, Generators, Run, log
from bench.simphone import Facilitator, Screen, now
from tests.conftest import POSTGRES_URL
from tests.faults import RedisServer, TcpProxy, need_redis_server

STATEMENTS_5 = (*STATEMENTS, 'Elke bijeenkomst begint met een ronde.', 'Een netwerk zonder doel houdt op.',
                'Wie haalt, moet ook brengen.')
OPTIONS = ('agree', 'doubt', 'disagree')
WAIT = 60.0  # seconds any page may take to equal the database (else the row says so)


# generator commands besides bench.harness.COMMANDS (they run in the generator processes)
async def _texts(clients: dict[int, Any]) -> dict[int, tuple[float, str | None]]:
    """Each phone's statement and when it arrived (0: with the page, before any update)."""
    def shown(client: Any) -> tuple[float, str | None]:
        current = client.page.text('activity-text')
        return next((at for at, seen in reversed(client.texts) if seen == current), 0.0), current

    return {index: shown(client) for index, client in clients.items()}


async def _move(clients: dict[int, Any], indexes: list[int], base_url: str, instance: str
                ) -> list[tuple[float, float | None]]:
    """These phones reload their page on ``instance`` (a person reloading; nothing killed): (start, back)."""
    async def one(index: int) -> tuple[float, float | None]:
        page = clients[index].page
        pin(page.browser, base_url, instance)
        start = now()
        await page.reload()
        back, page.reloaded_at = page.reloaded_at, None  # so that a comeback later is not taken for this one
        return start, back if page.online.is_set() and page.visible('activity-text') else None

    return list(await asyncio.gather(*(one(i) for i in indexes)))


async def _comeback(clients: dict[int, Any], indexes: list[int], timeout: float
                    ) -> list[tuple[float | None, ...]]:
    """Until these phones are back (``back`` of bench.harness): per phone the disconnect, the reload's start (its
    reconnect's handshake failed), its page's HTML and its socket connected again."""
    await COMMANDS['back'](clients, indexes, timeout)
    pages = [clients[i].page for i in indexes]
    return [(p.disconnected_at, p.reload_started_at, p.page_loaded_at, p.reloaded_at) for p in pages]


WORKER_COMMANDS = {'texts': _texts, 'move': _move, 'comeback': _comeback}


class Bench:
    def __init__(self, cluster: Cluster, redis: RedisServer, proxy: TcpProxy, gens: Generators,
                 args: argparse.Namespace) -> None:
        self.cluster, self.redis, self.proxy, self.gens, self.args = cluster, redis, proxy, gens, args
        assert cluster.meeting is not None
        self.meeting_id, self.code, key, _ = cluster.meeting
        self.screen = Screen(cluster.url, f'/m/{self.meeting_id}/screen?key={key}', LABELS)
        self.facilitator = Facilitator(cluster.url)
        # the figures read PostgreSQL straight, not through the proxy that is cut
        direct = make_url(args.postgres_url).set(database=cluster.database)
        self.db = create_engine(direct.render_as_string(hide_password=False), pool_pre_ping=True)
        self.run = Run(args.phones, gens, args)
        self.rows: list[tuple[str, str, str, str]] = []  # figure, with the fault, baseline, ratio
        self.base: dict[str, float | None] = {}
        self.on: dict[int, str] = {}
        self.question_at = 0.0  # when the screen's statement last changed
        self.cpu: list[tuple[float, float]] = []  # (when, instance a's CPU seconds)
        self.round = 0  # phones rotate their option every burst
        self.showing: dict[int, str | None] = {}  # each phone's statement when the last burst began

    # the database and the pages
    def activity_ids(self) -> dict[str, int]:
        """The meeting's activities by their text."""
        with self.db.connect() as db:
            return dict(db.execute(text('SELECT text, id FROM activity WHERE meeting_id = :m'),
                                   {'m': self.meeting_id}).all())

    def stored(self, activity_id: int | None = None) -> tuple[int, str, dict[str, str]]:
        """The current activity's id and text (or those of ``activity_id``), and each participant's answer to it."""
        with self.db.connect() as db:
            row = db.execute(text('SELECT a.id, a.text FROM meeting m JOIN activity a ON a.id = '
                                  'coalesce(:a, m.current_activity_id) WHERE m.id = :m'),
                             {'m': self.meeting_id, 'a': activity_id}).one()
            votes = dict(db.execute(text('SELECT p.name, r.choice FROM response r JOIN participant p ON '
                                         'p.id = r.participant_id WHERE r.activity_id = :a'), {'a': row[0]}).all())
        return row[0], row[1], votes

    async def watch(self) -> None:
        """When the screen's statement changed last; instance a's CPU seconds every 0.1 s."""
        shown, pid = None, self.cluster.pid('a')
        while True:
            if (question := self.screen.page.text('screen-question')) != shown:
                shown, self.question_at = question, now()
            if not self.cpu or now() - self.cpu[-1][0] >= 0.1:
                self.cpu.append((now(), cpu_seconds(pid)))
            await asyncio.sleep(0.02)

    def cpu_between(self, start: float, end: float) -> float:
        """Instance a's CPU seconds between two moments (the samples nearest to them)."""
        def at(moment: float) -> float:
            return min(self.cpu, key=lambda sample: abs(sample[0] - moment))[1]

        return at(end) - at(start)

    async def correct(self, since: float, timeout: float = WAIT) -> float | None:
        """Seconds from ``since`` until every page equals the database (0: it did before), None if not in time."""
        deadline = now() + timeout
        while now() < deadline:
            _, current, votes = await asyncio.to_thread(self.stored)
            shown = {k: v for k, v in self.screen.timeline[-1][1].items() if v} if self.screen.timeline else {}
            if self.screen.page.text('screen-question') == current and shown == dict(Counter(votes.values())):
                texts = [t for part in await self.gens.call('texts', {}) for t in part.values()]
                if all(shown_text == current for _, shown_text in texts):
                    screen_at = max(self.question_at, self.screen.timeline[-1][0] if self.screen.timeline else 0)
                    return round(max(0.0, max([screen_at] + [at for at, _ in texts]) - since), 1)
                log(f'phones showing: {Counter(shown_text for _, shown_text in texts)} (the database: {current!r})')
            else:
                log(f'screen: {self.screen.page.text("screen-question")!r} {shown} (the database: {current!r} '
                    f'{dict(Counter(votes.values()))})')
            await asyncio.sleep(1.0)
        return None

    async def until_stored(self, activity_id: int, plan: list[tuple[int, str, float]], since: float) -> float | None:
        """Seconds from ``since`` until every tap of ``plan`` is in the database."""
        deadline = now() + WAIT
        while now() < deadline:
            _, _, votes = await asyncio.to_thread(self.stored, activity_id)
            missing = [(i, option, votes.get(f'Deelnemer {i}')) for i, option, _ in plan
                       if votes.get(f'Deelnemer {i}') != option]
            if not missing:
                return round(max(0.0, now() - since), 1)
            await asyncio.sleep(0.1)
        log(f'{len(missing)} taps not stored after {WAIT:.0f} s (phone, tapped, stored), e.g. {missing[:5]}')
        return None

    # the phases' parts
    async def burst(self, window: float, timeout: float) -> tuple[list[tuple[int, str, float]], asyncio.Future[Any]]:
        """Every phone taps its next option at its moment within ``window`` s from now + 0.5 s (and what each phone
        shows then: a phone taps the statement it shows, which during an outage may not be the database's current
        one yet)."""
        self.showing = {i: shown for part in await self.gens.call('texts', {}) for i, (_, shown) in part.items()}
        self.round += 1
        start = now() + 0.5
        plan = [(i, OPTIONS[(i + self.round) % 3], start + window * i / self.args.phones)
                for i in sorted(self.on)]  # the phones that joined
        calls = [{'plan': p, 'timeout': timeout} for p in self.gens.split(plan, lambda step: step[0])]
        return plan, asyncio.ensure_future(self.gens.call('vote', calls))

    def votes_row(self, name: str, activity_id: int, results: list[Any]) -> None:
        """Each confirmed vote against the activity its phone showed when the burst began (``activity_id``, the
        database's current one then, for a phone that showed nothing known)."""
        results = [v for part in results for v in part]
        ids = self.activity_ids()
        tapped = {i: ids.get(self.showing.get(i) or '', activity_id) for i, *_ in results}
        votes = {a: self.stored(a)[2] for a in {activity_id, *tapped.values()}}
        confirmed = {i: option for i, option, _, acked, _ in results if acked is not None}
        lost = [(i, self.on.get(i), tapped[i], option, votes[tapped[i]].get(f'Deelnemer {i}'))
                for i, option in confirmed.items() if votes[tapped[i]].get(f'Deelnemer {i}') != option]
        if lost:
            log(f'{name}: {len(lost)} confirmed but not stored (phone, instance, activity shown, confirmed, stored), '
                f'e.g. {lost[:5]}')
        behind = Counter(self.on.get(i) for i, a in tapped.items() if a != activity_id)
        if behind:
            log(f'{name}: phones that showed another statement than the database\'s current one (by instance), '
                f'their votes counted for the one they showed: {dict(behind)}')
        errors = Counter(error.split(':')[0] for *_, error in results if error)
        self.row(f'{name}: votes sent / confirmed / confirmed but lost',
                 f'{sum(s is not None for _, _, s, _, _ in results)} / {len(confirmed)} / {len(lost)}'
                 + (f' ({dict(errors)})' if errors else ''))

    def row(self, name: str, value: object, baseline: str | None = None) -> None:
        shown = '–' if value is None else str(value)
        base = self.base.get(baseline) if baseline else None
        ratio = f'{value / base:.1f}' if isinstance(value, float | int) and base else ''
        self.rows.append((name, shown, '' if baseline is None else '–' if base is None else str(base), ratio))

    async def next_on_b(self) -> float:
        """Click "Volgende" on b; returns when it was clicked, once the database shows it taken (b may be busy: a
        figure that compared the pages with the database before would find them equal to the old statement)."""
        before, _, _ = await asyncio.to_thread(self.stored)
        clicked = await self.facilitator.click_label(NL('live.next'))
        deadline = now() + WAIT
        while (await asyncio.to_thread(self.stored))[0] == before and now() < deadline:
            await asyncio.sleep(0.05)
        return clicked

    async def redis_outage(self, seconds: float, during: bool) -> None:
        name = f'Redis killed for {seconds:.0f} s'
        log(name)
        self.redis.kill()
        killed = now()
        activity_id, _, _ = self.stored()
        plan, voting = await self.burst(1.0, 20)
        results = await voting
        last_tap = max(at for *_, at in plan)
        if during:  # the periodic check (every 2 s while the bus is down) brings b's votes to the screen on a
            self.row(f'{name}: during the outage, last tap → every page = DB, s',
                     await self.correct(last_tap, killed + seconds - now() - 3), 'burst')
        clicked = await self.next_on_b()
        if during:
            self.row(f'{name}: during the outage, "Volgende" on b → every page = DB, s',
                     await self.correct(clicked, killed + seconds - now() - 0.5), 'next')
        await asyncio.sleep(max(0.0, killed + seconds - now()))
        self.redis.start()
        back = now()
        self.row(f'{name}: Redis back → every page = DB, s', await self.correct(back), 'next')
        self.votes_row(name, activity_id, results)

    async def database_cut(self, seconds: float) -> None:
        name = f'database cut for {seconds:.0f} s'
        log(name)
        activity_id, _, _ = self.stored()
        self.proxy.cut()
        cut = now()
        plan, voting = await self.burst(1.0, seconds + 30)
        await asyncio.sleep(max(0.0, cut + seconds - now()))
        self.proxy.restore()
        back = now()
        self.row(f'{name}: back → every pending tap stored, s', await self.until_stored(activity_id, plan, back),
                 'stored')
        results = await voting
        self.row(f'{name}: back → every page = DB, s', await self.correct(back), 'burst')
        self.votes_row(name, activity_id, results)

    async def kill(self) -> None:
        from_b = [i for i, name in self.on.items() if name == 'b']
        log(f'moving {len(from_b)} phones from b to a by a reload (nothing killed)')
        moved = [m for part in await self.gens.call('move', [{'indexes': p, 'base_url': self.cluster.url,
                                                              'instance': 'a'} for p in self.gens.split(from_b, int)])
                 for m in part]
        took = [back - start for start, back in moved if back is not None]
        moved_cpu = self.cpu_between(min(start for start, _ in moved), max((b for _, b in moved if b), default=now()))
        self.base['reload'] = round(percentile(took, 50) or 0, 1)
        self.base['reload max'] = round(max(took, default=0), 1)
        self.base['cpu'] = round(moved_cpu / max(1, len(took)) * 1000, 1)
        await self.gens.call('move', [{'indexes': p, 'base_url': self.cluster.url, 'instance': 'b'}
                                      for p in self.gens.split(from_b, int)])  # and back on b
        await asyncio.sleep(2)

        log('kill -9 of b')
        activity_id, _, _ = self.stored()
        plan, voting = await self.burst(3.0, 15)
        await asyncio.sleep(max(0.0, plan[0][2] + 1.0 - now()))
        self.cluster.kill('b')
        killed = now()
        results = await voting  # a worker runs one command at a time
        steps = [s for part in await self.gens.call('comeback', [{'indexes': p, 'timeout': WAIT}
                                                                 for p in self.gens.split(from_b, int)])
                 for s in part]
        back = [s[3] - killed for s in steps if s[3] is not None]
        comeback_cpu = self.cpu_between(killed, killed + max(back, default=0))  # the votes on a included
        self.row(f"kill -9 of b: b's {len(from_b)} phones back on a, p50, s", round(percentile(back, 50) or 0, 1),
                 'reload')
        self.row("kill -9 of b: b's phones back on a, max, s", round(max(back, default=0), 1), 'reload max')
        self.row("kill -9 of b: b's phones not back after 60 s", len(from_b) - len(back))
        for name, (i, j) in (('kill → disconnect seen', (None, 0)), ('disconnect → reload starts (handshake '
                             'failed on a)', (0, 1)), ('reload starts → page HTML', (1, 2)),
                             ('page HTML → socket connected, showing the statement', (2, 3))):
            spans = [max(0.0, s[j] - (killed if i is None else s[i])) for s in steps
                     if s[j] is not None and (i is None or s[i] is not None)]
            self.row(f'kill -9 of b: {name} p50 / max, s',
                     ' / '.join('–' if percentile(spans, q) is None else f'{percentile(spans, q):.1f}'
                                for q in (50, 100)))
        self.row("kill -9 of b: a's CPU per phone back (its votes included), ms",
                 round(comeback_cpu / max(1, len(back)) * 1000, 1), 'cpu')
        self.votes_row('kill -9 of b', activity_id, results)
        self.row('kill -9 of b: last phone back → every page = DB, s',
                 await self.correct(killed + max(back, default=0)))

    async def main(self) -> None:
        url = self.cluster.url
        pin(self.screen.browser, url, 'a')
        pin(self.facilitator.browser, url, 'b')
        await asyncio.wait_for(self.screen.open(), 30)
        watcher = asyncio.create_task(self.watch())
        await self.facilitator.login(USER, PASSWORD, (NL('login.username'), NL('login.password'),
                                                      NL('login.submit')), 40)
        await self.facilitator.open(f'/m/{self.meeting_id}/control')
        await self.run.join('app', url, self.code)
        self.on = {i: name for part in await self.gens.call('instances', {'base_url': url, 'cookie': COOKIE})
                   for i, name in part.items()}
        spread = Counter(self.on.values())
        self.row('phones joined (on a / b)', f'{self.run.figures["joined"]}/{self.args.phones} '
                 f'({spread["a"]} / {spread["b"]})')
        try:
            log('baseline: a burst and "Volgende", no fault')
            activity_id, _, _ = self.stored()
            plan, voting = await self.burst(1.0, 20)
            last_tap = max(at for *_, at in plan)
            self.base['stored'] = await self.until_stored(activity_id, plan, last_tap)
            await voting
            self.base['burst'] = await self.correct(last_tap)
            self.base['next'] = await self.correct(await self.next_on_b())
            phases: dict[str, Callable[[], Awaitable[None]]] = {
                'redis': lambda: self.redis_outage(3, during=False),
                'long': lambda: self.redis_outage(self.args.long_outage, during=True),
                'database': lambda: self.database_cut(10), 'kill': self.kill}
            for name in self.args.phases:
                await phases[name]()
        finally:
            watcher.cancel()
            await self.run.close()
            for client in (self.screen, self.facilitator):
                try:
                    await asyncio.wait_for(client.close(), 10)
                except Exception as error:  # the control page's instance is gone
                    log(f'closing: {error!r}')
            self.db.dispose()
            for error in self.run.errors:
                print(f'error: {error}', file=sys.stderr)


def print_table(bench: Bench, args: argparse.Namespace, seconds: float) -> None:
    rows = [('baseline (no fault): last tap → every tap stored / every page = DB; "Volgende" → every page, s',
             f'{bench.base.get("stored")} / {bench.base.get("burst")} / {bench.base.get("next")}', '', ''),
            *bench.rows]
    width = max(len(r[0]) for r in rows)
    print(f'\n| {"faults, two instances, N = " + str(args.phones):<{width}} | with the fault | baseline | ratio |')
    print(f'|{"-" * (width + 2)}|--:|--:|--:|')
    for name, value, base, ratio in rows:
        print(f'| {name:<{width}} | {value} | {base} | {ratio} |')
    print(f'\nbaseline: the same step with no fault (the burst, "Volgende", and for kill -9 the same phones moved '
          f'to a by a reload); both instances on core {args.server_core}, generators, HAProxy, PostgreSQL and Redis '
          f'on core {args.generator_core}; HAProxy: {args.haproxy_config}; total {seconds:.0f} s')


async def main(args: argparse.Namespace) -> int:
    started = time.monotonic()
    url = make_url(args.postgres_url)
    redis = RedisServer(need_redis_server())
    proxy = TcpProxy(url.host or '127.0.0.1', url.port or 5432)
    through = url.set(host='127.0.0.1', port=proxy.port).render_as_string(hide_password=False)
    root = Path(tempfile.mkdtemp(prefix='uitwisselplek-faults-'))
    cluster = Cluster(root, through, redis.url, haproxy_config=args.haproxy_config, statements=STATEMENTS_5)
    gens = Generators(max(1, math.ceil(args.phones / args.phones_per_worker)), args.generator_core,
                      WORKER_COMMANDS)
    bench: Bench | None = None
    try:
        redis.start()
        await asyncio.to_thread(cluster.start, {'a': args.server_core, 'b': args.server_core}
                                if args.server_core is not None else None)
        log(f'cluster up: HAProxy {cluster.url}, instances {cluster.ports}, redis {redis.port} ({root})')
        bench = Bench(cluster, redis, proxy, gens, args)
        await bench.main()
    finally:
        gens.stop()
        proxy.restore()
        cluster.stop()
        redis.kill()
        proxy.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print_table(bench, args, time.monotonic() - started)
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--phones', type=int, default=200)
    parser.add_argument('--long-outage', type=float, default=20.0, help='seconds of the long Redis outage')
    parser.add_argument('--phases', nargs='*', default=['redis', 'long', 'database', 'kill'],
                        choices=['redis', 'long', 'database', 'kill'], help='after the baseline, in this order')
    parser.add_argument('--haproxy-config', type=lambda p: Path(p).resolve(), default=HAPROXY_CONFIG)
    parser.add_argument('--postgres-url', default=POSTGRES_URL)
    generator_options(parser, "keep the instances' logs (their temporary folder)")
    return parsed(parser, argv)


if __name__ == '__main__':
    launch(parse(), main)
