"""kill -9 in the middle of a vote burst: every vote a phone was shown as stored ("Ontvangen ✓", its option
highlighted) is in the database. Votes are committed in batches (``app/store/batches.py``); this is the proof that a
batch is never confirmed before it committed.

The phones are simulated browsers (``bench/simphone.py``: the plain join form, then NiceGUI's page over socket.io,
the way ``nicegui.js`` speaks it), 40 of them changing their vote as fast as the server confirms it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sqlite3
import threading
import time
from pathlib import Path

from bench.load import seed
from bench.simphone import Phone
from tests.e2e.conftest import Server, figure

PHONES = 40
OPTIONS = ('agree', 'doubt', 'disagree')


class Burst:
    """Every phone votes, waits for the confirmation, and votes the next option, until the server is gone."""

    def __init__(self, server: Server, code: str) -> None:
        self.server, self.code = server, code
        self.sent: dict[int, list[str]] = {i: [] for i in range(PHONES)}
        self.confirmed: dict[int, str] = {}
        self.confirmations = 0

    async def run(self) -> None:
        phones = [Phone(self.server.url, self.code, f'Deelnemer {i:02d} met een lange naam') for i in range(PHONES)]
        try:
            await asyncio.gather(*(phone.join(60) for phone in phones))
            voting = [asyncio.create_task(self._keep_voting(i, phone)) for i, phone in enumerate(phones)]
            deadline = time.monotonic() + 60
            while self.confirmations < 3 * PHONES and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            assert self.server.process is not None
            self.server.process.kill()  # SIGKILL: no shutdown, no flush, mid-burst
            await asyncio.sleep(1)  # confirmations the server sent before it died may still be on their way
            for task in voting:
                task.cancel()
            await asyncio.gather(*voting, return_exceptions=True)
        finally:
            for phone in phones:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(phone.close(), 5)

    async def _keep_voting(self, i: int, phone: Phone) -> None:
        for k in itertools.count():
            option = OPTIONS[(i + k) % len(OPTIONS)]
            self.sent[i].append(option)
            _, stored = await phone.vote(option)
            await stored
            self.confirmed[i] = option
            self.confirmations += 1


def test_no_confirmed_vote_is_lost_when_the_server_is_killed(tmp_path: Path) -> None:
    server = Server(tmp_path / 'server', JOINS_PER_ADDRESS='0', JOINS_PER_MEETING='0',  # every phone is 127.0.0.1
                    PAGE_LOADS_PER_ADDRESS='0')
    server.create_facilitator()
    _, code, _, activity_id = seed(server.data_dir / 'uitwisselplek.db')
    server.start()
    burst = Burst(server, code)
    try:
        # the simulated phones need an asyncio loop of their own (Playwright's sync API may own this thread's)
        failure: list[BaseException] = []
        thread = threading.Thread(target=lambda: _run(burst, failure))
        thread.start()
        thread.join(180)
        assert not thread.is_alive(), 'the burst did not end'
        if failure:
            raise failure[0]
    finally:
        server.stop()

    with sqlite3.connect(server.data_dir / 'uitwisselplek.db') as db:  # SQLite replays its write-ahead log
        stored = dict(db.execute('SELECT p.name, r.choice FROM response r JOIN participant p '
                                 'ON p.id = r.participant_id WHERE r.activity_id = ?', (activity_id,)).fetchall())
    assert burst.confirmations >= 3 * PHONES  # the kill came in the middle of voting, not before it
    lost = []
    for i, option in burst.confirmed.items():
        on_its_way = burst.sent[i][-1]  # a phone sends its next vote only after the last one was confirmed
        choice = stored.get(f'Deelnemer {i:02d} met een lange naam')
        if choice not in (option, on_its_way):  # the last confirmed vote, or the one sent after it
            lost.append((i, option, choice))
    assert not lost, f'confirmed but not stored (phone, confirmed, stored): {lost}'
    unconfirmed = sum(burst.sent[i][-1] != burst.confirmed.get(i) for i in range(PHONES))
    figure(f'kill -9 during a vote burst of {PHONES} phones: {burst.confirmations} votes confirmed, 0 lost; '
           f'{unconfirmed} phones had a vote on its way')


def _run(burst: Burst, failure: list[BaseException]) -> None:
    try:
        asyncio.run(burst.run())
    except BaseException as error:  # handed to the test's thread
        failure.append(error)
