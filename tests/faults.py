"""Faults a test injects itself: its own redis-server it can kill and start again, and a TCP proxy between the app
and PostgreSQL that it can cut. The machine's own Redis (6379) and PostgreSQL service are never touched."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return int(s.getsockname()[1])


def need_redis_server() -> str:
    binary = shutil.which('redis-server') or ('/usr/bin/redis-server' if Path('/usr/bin/redis-server').exists()
                                              else None)
    if binary is None:
        message = 'redis-server is not installed'
        if IN_CI:
            pytest.fail(f'{message}, but CI=true requires it', pytrace=False)
        pytest.skip(f'{message} (these tests run in CI)')
    return binary


class RedisServer:
    """An own redis-server on a free port (no persistence): ``kill`` it (SIGKILL) and ``start`` it again on the
    same port, as an operator's Redis that goes away for a moment."""

    def __init__(self, binary: str, port: int | None = None) -> None:
        self.binary = binary
        self.port = port or free_port()
        self.url = f'redis://127.0.0.1:{self.port}/0'
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([self.binary, '--port', str(self.port), '--bind', '127.0.0.1', '--save', '',
                                         '--appendonly', 'no'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(('127.0.0.1', self.port), timeout=0.5):
                return
            time.sleep(0.05)
        raise RuntimeError(f'redis-server did not start on port {self.port}')

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target`` (threads). ``cut()`` closes every connection and refuses new ones
    (as a database that went away: the driver hears "connection refused / closed"); ``restore()`` lets them in."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._open = threading.Event()
        self._open.set()
        self._stopping = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._server = socket.create_server(('127.0.0.1', self.port))
        self._server.settimeout(0.2)
        self._thread = threading.Thread(target=self._accept, daemon=True, name='tcp-proxy')
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._open.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for s in (client, upstream):  # no timeout once connected: an idle pool connection or a slow
                s.settimeout(None)         # statement (DROP DATABASE's checkpoint) must not be cut after 5 s
            with self._lock:
                self._sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            with self._lock:
                self._sockets.difference_update((source, sink))

    def cut(self) -> None:
        self._open.clear()
        with self._lock:
            sockets = list(self._sockets)
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self._open.set()

    def close(self) -> None:
        self._stopping = True
        self.cut()
        self._server.close()
        self._thread.join(2)
