"""Two instances behind HAProxy: ``.venv/bin/python bench/two_instances.py [--phones 1000]``. Asserts nothing.

The setup of ``bench/cluster.py`` (PostgreSQL database of its own, Redis, instance a and b, HAProxy with
``deploy/haproxy.cfg``; both instances pinned to core 0 as the single instance of ``bench/load.py`` is, the
generators, HAProxy, PostgreSQL and Redis on core 1). N simulated phones join through the balancer (it spreads them
over a and b), the screen is on a and the facilitator's control page on b. Figures: vote→screen (spread over 10 s,
then all at once), split by the instance the phone is on; "Volgende" clicked on b → the next statement on every
phone; then a vote burst during which instance b gets kill -9: how long until b's phones are back on a, as the
same participants, whether every vote a phone was shown as stored is in PostgreSQL and whether the screen's counts
equal the database's. Needs PostgreSQL, Redis and haproxy (``scripts/install.sh test`` installs haproxy).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text

from bench.cluster import COOKIE, Cluster, pin
from bench.harness import generator_options, launch, parsed, percentile
from bench.load import LABELS, NL, PASSWORD, STATEMENTS, USER, Generators, Run, first_option, log
from bench.simphone import Facilitator, Screen, now

POSTGRES_URL = os.environ.get('UITWISSELPLEK_TEST_POSTGRES_URL', 'postgresql+psycopg://postgres@127.0.0.1:5432/test')
REDIS_URL = os.environ.get('UITWISSELPLEK_TEST_REDIS_URL', 'redis://127.0.0.1:6379/15')


def ms(values: list[float], q: float) -> str:
    value = percentile(values, q)
    return '–' if value is None else f'{value * 1000:.0f}'


def database_state(cluster: Cluster, meeting_id: int) -> tuple[dict[str, str], int]:
    """Each participant's vote on the current statement (by name), and how many participants the meeting has."""
    engine = create_engine(cluster.database_url)
    with engine.connect() as db:
        votes = dict(db.execute(text(
            'SELECT p.name, r.choice FROM response r JOIN participant p ON p.id = r.participant_id '
            'JOIN meeting m ON m.current_activity_id = r.activity_id WHERE m.id = :m'), {'m': meeting_id}).all())
        people = int(db.execute(text('SELECT count(*) FROM participant WHERE meeting_id = :m'),
                                {'m': meeting_id}).scalar() or 0)
    engine.dispose()
    return votes, people


async def scenario(cluster: Cluster, gens: Generators, args: argparse.Namespace) -> dict[str, str]:
    assert cluster.meeting is not None
    meeting_id, code, key, _ = cluster.meeting
    n, url = args.phones, cluster.url
    run = Run(n, gens, args)
    screen = Screen(url, f'/m/{meeting_id}/screen?key={key}', LABELS)
    facilitator = Facilitator(url)
    pin(screen.browser, url, 'a')
    pin(facilitator.browser, url, 'b')
    table: dict[str, str] = {}
    try:
        await asyncio.wait_for(screen.open(), 30)
        await facilitator.login(USER, PASSWORD, (NL('login.username'), NL('login.password'), NL('login.submit')), 40)
        await facilitator.open(f'/m/{meeting_id}/control')
        await run.join('app', url, code)
        on = {i: name for part in await gens.call('instances', {'base_url': url, 'cookie': COOKIE})
              for i, name in part.items()}
        spread_on = Counter(on.values())
        table['phones joined (on a / b)'] = f'{run.figures["joined"]}/{n} ({spread_on["a"]} / {spread_on["b"]})'
        table['join all N, s'] = f'{run.figures["join_all"]:.1f}' if run.figures['join_all'] else '–'

        for name, option, spread in (('spread', first_option, 10.0), ('burst', lambda _: 'doubt', 0.0)):
            await run.votes(name, option, spread, screen.timeline)
            table[f'vote→screen {name} p50/p95, ms'] = f'{ms(run.figures[name], 50)} / {ms(run.figures[name], 95)}'
            table[f'votes {name}: sent / acknowledged / not on the screen'] = \
                f'{run.figures[f"{name}_sent"]} / {run.figures[f"{name}_acked"]} / {run.figures[f"{name}_missing"]}'

        clicked = await facilitator.click_label(NL('live.next'))  # on b; the screen and half the phones are on a
        await run.seen(STATEMENTS[1], clicked)
        table['next statement (clicked on b)→phones p50/p95/max, ms'] = \
            f'{ms(run.figures["next"], 50)} / {ms(run.figures["next"], 95)} / {ms(run.figures["next"], 100)}'

        # a burst spread over 3 s, and kill -9 of b one second into it
        start = now() + 1.0
        plan = [(i, 'agree' if i % 2 else 'disagree', start + 3.0 * i / n) for i in range(n)]
        voting = asyncio.ensure_future(gens.call('vote', [{'plan': p, 'timeout': 20}
                                                          for p in gens.split(plan, lambda step: step[0])]))
        await asyncio.sleep(max(0.0, start + 1.0 - now()))
        cluster.kill('b')
        killed = now()
        results = [v for part in await voting for v in part]  # a worker runs one command at a time
        from_b = [i for i, name in on.items() if name == 'b']
        back = [at for part in await gens.call('back', [{'indexes': p, 'timeout': 60}
                                                        for p in gens.split(from_b, int)]) for _, at in part]
        came_back = [at - killed for at in back if at is not None]
        table["kill -9 of b → b's phones back on a: p50/p95/max, s"] = \
            ' / '.join('–' if percentile(came_back, q) is None else f'{percentile(came_back, q):.1f}'
                       for q in (50, 95, 100))
        table["b's phones not back after 60 s"] = str(len(from_b) - len(came_back))

        votes, people = database_state(cluster, meeting_id)
        confirmed = {i: option for i, option, _, acked, _ in results if acked is not None}
        lost = sum(votes.get(f'Deelnemer {i}') != option for i, option in confirmed.items())
        table['votes in the kill burst: sent / confirmed / confirmed but not stored'] = \
            f'{sum(sent is not None for _, _, sent, _, _ in results)} / {len(confirmed)} / {lost}'
        table['participants in the database (joined N)'] = f'{people} ({run.figures["joined"]})'
        wanted = {k: v for k, v in Counter(votes.values()).items()}
        deadline = now() + 15
        while now() < deadline and (not screen.timeline or
                                    {k: v for k, v in screen.timeline[-1][1].items() if v} != wanted):
            await asyncio.sleep(0.1)
        shown = {k: v for k, v in screen.timeline[-1][1].items() if v} if screen.timeline else {}
        table['screen (on a) = database, 15 s after'] = 'yes' if shown == wanted else f'no: {shown} vs {wanted}'
        for error in run.errors:
            print(f'error: {error}', file=sys.stderr)
        return table
    finally:
        await run.close()
        for client in (screen, facilitator):
            try:
                await asyncio.wait_for(client.close(), 10)
            except Exception as error:  # the control page's instance is gone
                log(f'closing: {error!r}')
        table['phone disconnects / reconnects / page reloads'] = \
            f'{run.figures.get("disconnects", "?")} / {run.figures.get("reconnects", "?")} / ' \
            f'{run.figures.get("reloads", "?")}'


async def main(args: argparse.Namespace) -> int:
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix='uitwisselplek-cluster-'))
    cluster = Cluster(root, POSTGRES_URL, REDIS_URL)
    gens = Generators(max(1, math.ceil(args.phones / args.phones_per_worker)), args.generator_core)
    try:
        await asyncio.to_thread(cluster.start, {'a': args.server_core, 'b': args.server_core}
                                if args.server_core is not None else None)
        log(f'cluster up: HAProxy {cluster.url}, instances {cluster.ports} ({root})')
        table = await scenario(cluster, gens, args)
    finally:
        gens.stop()
        cluster.stop()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    width = max(len(k) for k in table)
    print(f'\n| {"two instances behind HAProxy, N = " + str(args.phones):<{width}} | |')
    print(f'|{"-" * (width + 2)}|--:|')
    for name, value in table.items():
        print(f'| {name:<{width}} | {value} |')
    print(f'\nboth instances on core {args.server_core}, generators, HAProxy, PostgreSQL and Redis on core '
          f'{args.generator_core}; total {time.monotonic() - started:.0f} s')
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--phones', type=int, default=1000)
    generator_options(parser, 'keep the instances\' logs (their temporary folder)')
    return parsed(parser, argv)


if __name__ == '__main__':
    launch(parse(), main)
