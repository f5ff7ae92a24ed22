"""What the load benchmark's processes share: generator workers, percentiles, vote→screen matching, /proc figures.

A generator worker is a process with its own asyncio loop that owns some of the simulated clients (app phones or
bare socket.io clients) and obeys commands sent over a pipe: ``join``, ``vote``, ``seen``, ``counters``,
``close``. Times are ``time.monotonic()`` (CLOCK_MONOTONIC), comparable between the processes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import shutil
import sys
from collections.abc import Awaitable, Callable, Coroutine
from multiprocessing.connection import Connection
from typing import Any, Protocol, TypeVar

from bench.bare_baseline import BareClient
from bench.simphone import COUNTERS, DISCONNECTS, Phone, ack_forever, now

T = TypeVar('T')


class Client(Protocol):
    texts: list[tuple[float, str]]

    async def join(self, timeout: float) -> None: ...
    async def vote(self, option: str) -> tuple[float, asyncio.Future[float]]: ...
    async def close(self) -> None: ...


# statistics
def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def match_latencies(votes: list[tuple[float, str]], timeline: list[tuple[float, dict[str, int]]]
                    ) -> tuple[list[float], int]:
    """Vote → screen latencies, and how many votes never showed.

    ``votes`` are (sent, option); ``timeline`` the screen's tallies as they arrived. The k-th vote for an option,
    in the order sent, is on the screen at the first tally after the round began whose count for that option is
    the count before the round plus k (counts of the chosen option only grow within a round).
    """
    latencies: list[float] = []
    missing = 0
    start = min((sent for sent, _ in votes), default=0.0)
    before = [counts for at, counts in timeline if at < start]
    after = [(at, counts) for at, counts in timeline if at >= start]
    for option in {option for _, option in votes}:
        base = before[-1].get(option, 0) if before else 0
        position = 0
        for k, sent in enumerate(sorted(s for s, o in votes if o == option), start=1):
            while position < len(after) and after[position][1].get(option, 0) < base + k:
                position += 1
            if position == len(after):
                missing += 1
            else:
                latencies.append(after[position][0] - sent)
    return latencies, missing


# the server under test, seen from outside
def rss_kb(pid: int) -> int:
    with open(f'/proc/{pid}/status') as status:
        return next(int(line.split()[1]) for line in status if line.startswith('VmRSS:'))


def cpu_seconds(pid: int) -> float:
    with open(f'/proc/{pid}/stat') as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')  # utime + stime


# the generator worker
Commands = dict[str, Callable[..., Awaitable[Any]]]


def worker(conn: Connection, cpu: int | None, commands: Commands | None = None) -> None:
    """Entry point of a generator process; ``commands`` (module-level functions) replace or add to ``COMMANDS``."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    run_loop(_serve(conn, {**COMMANDS, **(commands or {})}))


def cores() -> tuple[int | None, int | None]:
    """(server core, generator core): 0 and 1 where there are two cores and ``taskset``, else unpinned."""
    two = (os.cpu_count() or 1) >= 2 and shutil.which('taskset') is not None
    return (0, 1) if two else (None, None)


def generator_options(parser: argparse.ArgumentParser, keep: str) -> None:
    """The options every phone benchmark has: generator processes, join concurrency, keeping the logs."""
    parser.add_argument('--phones-per-worker', type=int, default=500, help='phones per generator process (500)')
    parser.add_argument('--join-concurrency', type=int, default=50, help='phones joining at the same time (50)')
    parser.add_argument('--keep', action='store_true', help=keep)


def parsed(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """The arguments, with the cores the server and the generators run on."""
    args = parser.parse_args(argv)
    args.server_core, args.generator_core = cores()
    return args


def launch(args: argparse.Namespace, main: Callable[[argparse.Namespace], Coroutine[Any, Any, int]]) -> None:
    """Run a benchmark's ``main`` on the generators' core (this process runs the screens and control pages)."""
    if args.generator_core is not None:
        os.sched_setaffinity(0, {args.generator_core})
    sys.exit(run_loop(main(args)))


def run_loop(main: Coroutine[Any, Any, T]) -> T:
    """uvloop where installed (NiceGUI brings it): the generators' own overhead is part of every figure."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


class LagMonitor:
    """How late this process's event loop wakes up: when it is late, the harness, not the server, is slow."""

    def __init__(self, period: float = 0.05) -> None:
        self.period = period
        self.worst = 0.0

    async def run(self) -> None:
        while True:
            start = now()
            await asyncio.sleep(self.period)
            self.worst = max(self.worst, now() - start - self.period)

    def take(self) -> float:
        worst, self.worst = self.worst, 0.0
        return worst


async def _serve(conn: Connection, commands: Commands) -> None:
    clients: dict[int, Client] = {}
    lag = LagMonitor()
    background = [asyncio.create_task(ack_forever()), asyncio.create_task(lag.run())]
    loop = asyncio.get_running_loop()
    while True:
        command, args = await loop.run_in_executor(None, conn.recv)
        if command == 'exit':
            break
        try:
            result = await commands[command](clients, **args) if command in commands else _status(lag)
        except Exception as error:  # reported, not raised: the coordinator prints it
            result = {'error': repr(error)}
        conn.send(result)
    for task in background:
        task.cancel()


def _status(lag: LagMonitor) -> dict[str, Any]:
    """Since the last status: the disconnects (when, why) and the worst loop lag."""
    disconnects = list(DISCONNECTS)
    DISCONNECTS.clear()
    return {'counters': dict(COUNTERS), 'disconnects': disconnects, 'lag': lag.take()}


async def _join(clients: dict[int, Client], kind: str, base_url: str, code: str, indexes: list[int],
                concurrency: int, timeout: float) -> list[tuple[int, float, float | None, str]]:
    gate = asyncio.Semaphore(concurrency)
    deadline = now() + timeout

    async def one(index: int) -> tuple[int, float, float | None, str]:
        async with gate:
            start = now()
            client: Client = Phone(base_url, code, f'Deelnemer {index}', f'Organisatie {index % 7}') \
                if kind == 'app' else BareClient(base_url, 'phone')
            clients[index] = client
            try:
                remaining = max(1.0, deadline - now())
                await asyncio.wait_for(client.join(remaining), remaining + 5)
                return index, start, now(), ''
            except Exception as error:  # not part of the later phases; its disconnect is not counted
                clients.pop(index, None)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.close(), 10)
                return index, start, None, f'{type(error).__name__}: {error}'[:200]

    return list(await asyncio.gather(*(one(i) for i in indexes)))


async def _vote(clients: dict[int, Client], plan: list[tuple[int, str, float]], timeout: float
                ) -> list[tuple[int, str, float | None, float | None, str]]:
    """Each client taps its option at its planned time; waits for the acknowledgements until the deadline."""
    deadline = max(at for _, _, at in plan) + timeout if plan else now()

    async def one(index: int, option: str, at: float) -> tuple[int, str, float | None, float | None, str]:
        client = clients.get(index)
        if client is None:
            return index, option, None, None, ''  # did not join
        await asyncio.sleep(max(0.0, at - now()))
        sent = None
        try:
            sent, acked = await client.vote(option)
            return index, option, sent, await asyncio.wait_for(acked, max(0.1, deadline - now())), ''
        except Exception as error:
            return index, option, sent, None, f'{type(error).__name__}: {error}'[:200]

    return list(await asyncio.gather(*(one(*step) for step in plan)))


async def _seen(clients: dict[int, Client], text: str, timeout: float) -> list[tuple[int, float | None]]:
    """When each client first got ``text`` (the next statement); waits until all have it or the deadline."""
    deadline = now() + timeout

    def first(client: Client) -> float | None:
        return next((at for at, seen in client.texts if seen == text), None)

    while now() < deadline and any(first(c) is None for c in clients.values()):
        await asyncio.sleep(0.05)
    return [(index, first(client)) for index, client in clients.items()]


async def _instances(clients: dict[int, Client], base_url: str, cookie: str) -> dict[int, str]:
    """Which instance the balancer sent each phone to (its ``cookie``: bench/cluster.py)."""
    from yarl import URL

    result = {}
    for index, client in clients.items():
        browser = getattr(client, 'browser', None)
        jar = browser.http.cookie_jar.filter_cookies(URL(base_url)) if browser is not None else {}
        result[index] = jar[cookie].value if cookie in jar else ''
    return result


async def _back(clients: dict[int, Client], indexes: list[int], timeout: float) -> list[tuple[int, float | None]]:
    """When each of these phones was back: its page loaded again (the instance it was on is gone) and connected,
    showing the current activity; None when not back before the deadline."""
    deadline = now() + timeout
    back: dict[int, float] = {}
    while now() < deadline and len(back) < len(indexes):
        for index in indexes:
            page = getattr(clients.get(index), 'page', None)
            if index not in back and page is not None and page.reloaded_at is not None \
                    and page.online.is_set() and page.visible('activity-text'):
                back[index] = page.reloaded_at
        await asyncio.sleep(0.05)
    return [(index, back.get(index)) for index in indexes]


async def _close(clients: dict[int, Client]) -> dict[str, int]:
    results = await asyncio.gather(*(asyncio.wait_for(c.close(), 20) for c in clients.values()),
                                   return_exceptions=True)
    clients.clear()
    counters = dict(COUNTERS)
    counters['close_errors'] = sum(isinstance(r, BaseException) for r in results)
    for key in COUNTERS:
        COUNTERS[key] = 0
    return counters


COMMANDS: Commands = {'join': _join, 'vote': _vote, 'seen': _seen, 'close': _close, 'instances': _instances,
                      'back': _back}
