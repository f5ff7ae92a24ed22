"""The bare limit: a minimal python-socketio server (ASGI on uvicorn, wsproto like NiceGUI) and its clients.

Server (``python bench/bare_baseline.py --port P``): a phone emits ``vote`` (an option); the server counts it,
acknowledges it to that phone and emits the counts to the ``screen`` room; ``next`` from the screen is broadcast
to every phone. No pages, no database, no element tree: what is left is socket.io itself, so the app's latency
can be shown as a ratio to this one, measured by the same harness (``bench/load.py`` runs both).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import urllib.parse
from collections import Counter
from pathlib import Path

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.simphone import COUNTERS, count_disconnect, new_socket_client, now

BARE_PATH = '/socket.io'


def serve(host: str, port: int) -> None:
    import uvicorn

    sio = socketio.AsyncServer(async_mode='asgi')
    counts: Counter[str] = Counter()
    choice: dict[str, str] = {}

    @sio.on('connect')
    async def connect(sid: str, environ: dict, auth: object = None) -> None:
        query = urllib.parse.parse_qs(environ.get('QUERY_STRING', ''))
        await sio.enter_room(sid, query.get('role', ['phone'])[0])

    @sio.on('vote')
    async def vote(sid: str, option: str) -> None:
        old = choice.get(sid)
        if old is not None:
            counts[old] -= 1
        choice[sid] = option
        counts[option] += 1
        await sio.emit('ack', option, to=sid)
        await sio.emit('tally', dict(counts), room='screen')

    @sio.on('next')
    async def next_(sid: str, text: str) -> None:
        await sio.emit('next', text, room='phone')

    uvicorn.run(socketio.ASGIApp(sio, socketio_path=BARE_PATH), host=host, port=port, log_level='warning',
                ws='wsproto')


class BareClient:
    """One plain socket.io client with its own aiohttp session; ``role`` is ``phone`` or ``screen``."""

    def __init__(self, base_url: str, role: str) -> None:
        self.url = f'{base_url}/?role={role}'
        self.sio = new_socket_client()
        self.closing = False
        self.disconnected = False
        self.timeline: list[tuple[float, dict[str, int]]] = []  # screen: every tally
        self.texts: list[tuple[float, str]] = []  # phone: every "next"
        self._vote: tuple[str, asyncio.Future[float]] | None = None
        self.sio.on('disconnect', self._disconnect)
        self.sio.on('connect', self._connected)
        self.sio.on('tally', lambda counts: self.timeline.append((now(), counts)))
        self.sio.on('next', lambda text: self.texts.append((now(), text)))
        self.sio.on('ack', self._ack)

    async def join(self, timeout: float) -> None:
        try:
            await self.sio.connect(self.url, transports=['websocket'], socketio_path=BARE_PATH, wait_timeout=timeout)
        except Exception:
            COUNTERS['connect_errors'] += 1
            raise
        COUNTERS['sockets'] += 1

    async def vote(self, option: str) -> tuple[float, asyncio.Future[float]]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._vote = (option, future)
        at = now()
        await self.sio.emit('vote', option)
        return at, future

    async def next(self, text: str) -> float:
        at = now()
        await self.sio.emit('next', text)
        return at

    def _ack(self, option: str) -> None:
        if self._vote is not None and self._vote[0] == option and not self._vote[1].done():
            self._vote[1].set_result(now())
            self._vote = None

    def _disconnect(self, reason: object = '') -> None:
        if not self.closing:
            self.disconnected = True
            count_disconnect(reason)

    def _connected(self) -> None:
        if self.disconnected:
            self.disconnected = False
            COUNTERS['reconnects'] += 1

    async def close(self) -> None:
        self.closing = True
        await self.sio.shutdown()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    arguments = parser.parse_args()
    serve(arguments.host, arguments.port)
