"""kill -9 in the middle of a vote burst: every vote a phone was shown as stored ("Ontvangen ✓", its option
highlighted) is in the database. Votes are committed in batches (``app/store/batches.py``); this is the proof that a
batch is never confirmed before it committed.

The phones are simulated browsers (``bench/simphone.py``: the plain join form, then NiceGUI's page over socket.io,
the way ``nicegui.js`` speaks it), 40 of them changing their vote as fast as the server confirms it.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path

from bench.load import seed
from bench.simphone import Phone
from tests.e2e.conftest import Server, figure
from tests.e2e.voting import Voting, run_on_a_thread

PHONES = 40
NAME = 'Deelnemer {:02d} met een lange naam'


async def burst(server: Server, code: str) -> Voting:
    """The phones join, vote as fast as they are confirmed, and the server gets SIGKILL after 3 votes a phone."""
    phones = [Phone(server.url, code, NAME.format(i)) for i in range(PHONES)]
    voting = Voting(phones)
    try:
        await asyncio.gather(*(phone.join(60) for phone in phones))
        voting.start()
        deadline = time.monotonic() + 60
        while voting.confirmations < 3 * PHONES and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        assert server.process is not None
        server.process.kill()  # SIGKILL: no shutdown, no flush, mid-burst
        await voting.stop()
    finally:
        for phone in phones:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(phone.close(), 5)
    return voting


def test_no_confirmed_vote_is_lost_when_the_server_is_killed(tmp_path: Path) -> None:
    server = Server(tmp_path / 'server', JOINS_PER_ADDRESS='0', JOINS_PER_MEETING='0',  # every phone is 127.0.0.1
                    PAGE_LOADS_PER_ADDRESS='0')
    server.create_facilitator()
    _, code, _, activity_id = seed(server.data_dir / 'uitwisselplek.db')
    server.start()
    try:
        voting = run_on_a_thread(lambda: burst(server, code), 180)
    finally:
        server.stop()

    with sqlite3.connect(server.data_dir / 'uitwisselplek.db') as db:  # SQLite replays its write-ahead log
        stored = dict(db.execute('SELECT p.name, r.choice FROM response r JOIN participant p '
                                 'ON p.id = r.participant_id WHERE r.activity_id = ?', (activity_id,)).fetchall())
    assert voting.confirmations >= 3 * PHONES  # the kill came in the middle of voting, not before it
    lost = voting.lost(lambda i: stored.get(NAME.format(i)))
    assert not lost, f'confirmed but not stored (phone, confirmed, stored): {lost}'
    figure(f'kill -9 during a vote burst of {PHONES} phones: {voting.confirmations} votes confirmed, 0 lost; '
           f'{voting.on_their_way()} phones had a vote on its way')
