"""Two instances stay one meeting when Redis or the database goes away for a moment (issue #23).

Two app instances behind HAProxy on an own redis-server (killed and started again by the test; never the machine's
Redis) and on PostgreSQL through a TCP proxy the test cuts (``tests/faults.py``). The screen and one facilitator are
on instance a, the phones spread over a and b, a second facilitator on b. Faults, each during a vote burst:
- Redis killed for 3 s, with "Volgende" clicked on b meanwhile;
- Redis killed for a longer outage that crosses every backoff step (8 s: the listener's steps add up to 4 s and then
  repeat 4 s, so 8 s is the longest step tried twice; a 60 s outage takes the same path, only more of the same step);
- the database cut for 10 s.
After each: every page (screen on a, every phone) equals the database within a bounded wait (printed), no confirmed
vote is missing, no stored vote was shown as failed, and /healthz of both instances reported the outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.cluster import Cluster, haproxy_binary, pin
from bench.load import LABELS, PASSWORD, STATEMENTS, USER
from bench.simphone import Facilitator, Phone, Screen
from tests.conftest import IN_CI, POSTGRES_URL, need_service
from tests.e2e.conftest import figure
from tests.e2e.voting import Voting, run_on_a_thread
from tests.faults import RedisServer, TcpProxy, need_redis_server

PHONES = 24
BOUND = 30.0  # seconds every page may take to equal the database once the fault is over (measured and printed)


def nl(key: str) -> str:
    from app.i18n import translator

    return translator('nl')(key)


def health(cluster: Cluster, name: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f'http://127.0.0.1:{cluster.ports[name]}/healthz', timeout=3) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b'{}')


class Faults:
    def __init__(self, cluster: Cluster, redis: RedisServer, proxy: TcpProxy) -> None:
        self.cluster, self.redis, self.proxy = cluster, redis, proxy
        assert cluster.meeting is not None
        self.meeting_id, self.code, key, _ = cluster.meeting
        self.screen = Screen(cluster.url, f'/m/{self.meeting_id}/screen?key={key}', LABELS)
        self.facilitator = Facilitator(cluster.url)
        # half the phones on each instance, straight to it (the fault is the bus or the database, not the balancer)
        self.phones = [Phone(f'http://127.0.0.1:{cluster.ports["ab"[i % 2]]}', self.code, f'Deelnemer {i:02d}')
                       for i in range(PHONES)]
        self.figures: dict[str, object] = {}
        self.seen_health: dict[str, set[str]] = {'a': set(), 'b': set()}
        self.failed_notices = 0
        self.final: tuple[str | None, dict[str, str]] = (None, {})

    def stored(self) -> tuple[str | None, dict[str, str]]:
        engine = create_engine(self.cluster.database_url)
        try:
            with engine.connect() as db:
                row = db.execute(text('SELECT a.id, a.text FROM meeting m JOIN activity a ON '
                                      'a.id = m.current_activity_id WHERE m.id = :m'), {'m': self.meeting_id}).first()
                votes = dict(db.execute(text('SELECT p.name, r.choice FROM response r JOIN participant p ON '
                                             'p.id = r.participant_id WHERE r.activity_id = :a'),
                                        {'a': row[0] if row else -1}).all())
        finally:
            engine.dispose()
        return (row[1] if row else None), votes

    def last_taps_stored(self, voting: Voting) -> bool:
        _, votes = self.stored()
        return all(votes.get(f'Deelnemer {i:02d}') == sent[-1] for i, sent in voting.sent.items() if sent)

    def pages_equal_database(self) -> bool:
        current, votes = self.stored()
        shown = self.screen.timeline[-1][1] if self.screen.timeline else {}
        return (self.screen.page.text('screen-question') == current
                and {k: v for k, v in shown.items() if v} == dict(Counter(votes.values()))
                and all(p.page.text('activity-text') == current for p in self.phones))

    async def until_correct(self, what: str) -> float:
        started = time.monotonic()
        while not await asyncio.to_thread(self.pages_equal_database):
            if time.monotonic() - started > BOUND:
                current, votes = self.stored()
                raise AssertionError(f'{what}: pages differ from the database after {BOUND} s: database '
                                     f'{current!r} {dict(Counter(votes.values()))}, screen '
                                     f'{self.screen.page.text("screen-question")!r} {self.screen.timeline[-1:]}, '
                                     f'phones {Counter(p.page.text("activity-text") for p in self.phones)}')
            await asyncio.sleep(0.1)
        return round(time.monotonic() - started, 1)

    async def watch_health(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for name in ('a', 'b'):
                status, body = await asyncio.to_thread(health, self.cluster, name)
                self.seen_health[name].add(f'{status} bus={body.get("bus", {}).get("state")} '
                                           f'db={body.get("database")}')
            await asyncio.sleep(0.5)

    async def burst(self, voting: Voting, during) -> None:  # type: ignore[no-untyped-def]
        voting.start()
        before = voting.confirmations
        while voting.confirmations < before + PHONES:
            await asyncio.sleep(0.05)
        await during()
        await asyncio.sleep(1.0)
        await voting.stop()

    async def run(self) -> None:
        url = self.cluster.url
        pin(self.screen.browser, url, 'a')
        await asyncio.wait_for(self.screen.open(), 30)
        pin(self.facilitator.browser, url, 'b')
        await self.facilitator.login(USER, PASSWORD, (nl('login.username'), nl('login.password'),
                                                      nl('login.submit')), 30)
        await self.facilitator.open(f'/m/{self.meeting_id}/control')
        await asyncio.gather(*(phone.join(60) for phone in self.phones))
        voting = Voting(self.phones)

        async def short_redis_outage() -> None:
            self.redis.kill()
            await asyncio.gather(self.watch_health(3.0), self._next_during_outage())
            self.redis.start()

        await self.burst(voting, short_redis_outage)
        self.figures['Redis 3 s: back -> every page correct, s'] = await self.until_correct('Redis 3 s')

        async def long_redis_outage() -> None:
            self.redis.kill()
            await self.watch_health(8.0)
            self.redis.start()

        await self.burst(voting, long_redis_outage)
        self.figures['Redis 8 s: back -> every page correct, s'] = await self.until_correct('Redis 8 s')

        async def database_cut() -> None:
            self.proxy.cut()
            await self.watch_health(10.0)
            self.proxy.restore()

        await self.burst(voting, database_cut)
        restored = time.monotonic()
        while not await asyncio.to_thread(self.last_taps_stored, voting):  # every pending tap stored
            if time.monotonic() - restored > BOUND:
                raise AssertionError(f'pending taps not stored {BOUND} s after the database came back')
            await asyncio.sleep(0.1)
        self.figures['database back -> every pending tap stored, s'] = round(time.monotonic() - restored, 1)
        self.figures['database 10 s: back -> every page correct, s'] = await self.until_correct('database 10 s')
        self.voting = voting
        self.failed_notices = sum(nl('error.unexpected') in str(n) for p in self.phones for n in p.page.notifications)

    async def _next_during_outage(self) -> None:
        await asyncio.sleep(0.5)
        await self.facilitator.click_label(nl('live.next'))  # on b: a must show it once Redis is back

    async def close(self) -> None:
        for client in (*self.phones, self.screen, self.facilitator):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 5)


def test_redis_and_the_database_go_away_during_votes(tmp_path: Path) -> None:
    url = make_url(POSTGRES_URL)
    need_service('PostgreSQL', url.host or '127.0.0.1', url.port or 5432)
    redis = RedisServer(need_redis_server())
    if haproxy_binary() is None:
        if IN_CI:
            pytest.fail('haproxy is not installed (scripts/install.sh test installs it)')
        pytest.skip('haproxy is not installed (scripts/install.sh test installs it)')
    proxy = TcpProxy(url.host or '127.0.0.1', url.port or 5432)
    through = url.set(host='127.0.0.1', port=proxy.port).render_as_string(hide_password=False)
    redis.start()
    cluster = Cluster(tmp_path / 'cluster', through, redis.url)
    runs: list[Faults] = []

    async def main() -> None:
        faults = Faults(cluster, redis, proxy)
        runs.append(faults)
        try:
            await faults.run()
            faults.final = await asyncio.to_thread(faults.stored)
        finally:
            await faults.close()

    try:
        cluster.start()
        run_on_a_thread(main, 400)
    except BaseException:
        print('--- a ---', cluster.log('a'), '--- b ---', cluster.log('b'), sep='\n')
        raise
    finally:
        proxy.restore()
        cluster.stop()
        redis.kill()
        proxy.close()

    faults = runs[0]
    current, votes = faults.final
    assert current == STATEMENTS[1]  # "Volgende" on b during the Redis outage is done
    lost = faults.voting.lost(lambda i: votes.get(f'Deelnemer {i:02d}'))
    assert not lost, f'confirmed but not stored (phone, confirmed, stored): {lost}'
    assert faults.failed_notices == 0, 'a stored vote was shown as failed'
    for name in ('a', 'b'):
        seen = faults.seen_health[name]
        assert '200 bus=down db=True' in seen, f'{name}: /healthz did not report the bus outage: {seen}'
        assert any(s.startswith('503') and 'db=False' in s for s in seen), f'{name}: no database outage: {seen}'
    for name, value in faults.figures.items():
        figure(f'faults, two instances, {PHONES} phones: {name}: {value}')
