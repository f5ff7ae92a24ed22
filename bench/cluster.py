"""Two app instances behind HAProxy (``deploy/haproxy.cfg``), on PostgreSQL and Redis, all on loopback.

Used by ``tests/e2e/test_two_instances.py`` (kill -9 of one instance in a vote burst) and by
``bench/two_instances.py`` (the figures with many phones). ``Cluster.start`` makes a PostgreSQL database of its own
(dropped by ``stop``), creates the facilitator with the command line (which also migrates), seeds a meeting with
two statements (``bench.load.seed``) and starts instance ``a``, instance ``b`` and HAProxy; it returns once HAProxy
sees both instances up. Clients pin themselves to an instance with the balancer's cookie (``pin``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from yarl import URL

from bench.load import PASSWORD, STATEMENTS, USER, free_port, seed

ROOT = Path(__file__).resolve().parents[1]
HAPROXY_CONFIG = ROOT / 'deploy' / 'haproxy.cfg'
COOKIE = 'UWP_INSTANCE'  # the balancer's cookie (deploy/haproxy.cfg)
INSTANCES = ('a', 'b')


def haproxy_binary() -> str | None:
    return shutil.which('haproxy') or next((p for p in ('/usr/sbin/haproxy',) if os.path.exists(p)), None)


def pin(browser: object, base_url: str, instance: str) -> None:
    """Send this simulated browser (``bench.simphone.Browser``) to ``instance``, as if the balancer had chosen it."""
    browser.http.cookie_jar.update_cookies({COOKIE: instance}, URL(base_url))  # type: ignore[attr-defined]


def instance_of(browser: object, base_url: str) -> str:
    """The instance the balancer sent this simulated browser to last."""
    cookie = browser.http.cookie_jar.filter_cookies(URL(base_url)).get(COOKIE)  # type: ignore[attr-defined]
    return cookie.value if cookie is not None else ''


class Cluster:
    def __init__(self, root: Path, postgres_url: str, redis_url: str, *, haproxy_config: Path = HAPROXY_CONFIG,
                 statements: tuple[str, ...] = STATEMENTS, **settings: str) -> None:
        self.root = root
        self.haproxy_config = haproxy_config
        self.statements = statements  # the seeded meeting's
        self.admin_url = postgres_url
        self.database = f'uwp_cluster_{secrets.token_hex(4)}'
        self.database_url = make_url(postgres_url).set(database=self.database).render_as_string(hide_password=False)
        self.redis_url = redis_url
        self.settings = settings  # more UITWISSELPLEK_* settings
        self.secret = secrets.token_hex(16)
        ports: list[int] = []
        while len(ports) < len(INSTANCES) + 1:  # free now, and not one another's (a port is free until bound)
            if (port := free_port()) not in ports:
                ports.append(port)
        self.ports = dict(zip(INSTANCES, ports, strict=False))
        self.port = ports[-1]
        self.url = f'http://127.0.0.1:{self.port}'
        self.processes: dict[str, subprocess.Popen] = {}
        self.meeting: tuple[int, str, str, int] | None = None  # id, join code, screen key, first statement id
        root.mkdir(parents=True, exist_ok=True)

    def env(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST', 'NICEGUI', 'UITWISSELPLEK_'))}
        data = self.root / name
        data.mkdir(exist_ok=True)
        env.update(UITWISSELPLEK_DATA_DIR=str(data), UITWISSELPLEK_HOST='127.0.0.1',
                   UITWISSELPLEK_PORT=str(self.ports.get(name, self.port)), UITWISSELPLEK_PUBLIC_URL=self.url,
                   UITWISSELPLEK_DATABASE_URL=self.database_url, UITWISSELPLEK_REDIS_URL=self.redis_url,
                   UITWISSELPLEK_STORAGE_SECRET=self.secret, NICEGUI_REDIS_URL=self.redis_url,
                   UITWISSELPLEK_TRUSTED_PROXIES='127.0.0.1',
                   UITWISSELPLEK_JOINS_PER_ADDRESS='0', UITWISSELPLEK_JOINS_PER_MEETING='0',  # all are 127.0.0.1
                   UITWISSELPLEK_PAGE_LOADS_PER_ADDRESS='0', UITWISSELPLEK_CODE_GUESSES_PER_ADDRESS='0')
        env.update({f'UITWISSELPLEK_{key}': value for key, value in self.settings.items()})
        return env

    def start(self, cores: dict[str, int] | None = None) -> None:
        admin = create_engine(self.admin_url, isolation_level='AUTOCOMMIT')
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE {self.database}'))
        admin.dispose()
        subprocess.run([sys.executable, '-m', 'app', 'create-facilitator', USER, '--password-stdin'],
                       input=PASSWORD + '\n', text=True, env=self.env('cli'), cwd=self.root, check=True,
                       capture_output=True, timeout=120)
        self.meeting = seed(self.database_url, self.statements)
        for name in INSTANCES:
            core = (cores or {}).get(name)
            command = (['taskset', '-c', str(core)] if core is not None else []) + [sys.executable, '-m', 'app']
            self._spawn(name, command, self.env(name))
        binary = haproxy_binary()
        if binary is None:
            raise RuntimeError('haproxy is not installed (scripts/install.sh test installs it)')
        env = {**os.environ, 'UWP_LISTEN': f'127.0.0.1:{self.port}',
               **{f'UWP_APP_{name.upper()}': f'127.0.0.1:{port}' for name, port in self.ports.items()}}
        self._spawn('haproxy', [binary, '-db', '-f', str(self.haproxy_config)], env)
        for name in INSTANCES:
            self._wait(f'http://127.0.0.1:{self.ports[name]}/healthz', name, 60)
        for name in INSTANCES:  # through the balancer: up there too (its health checks said so)
            self._wait(f'{self.url}/healthz', 'haproxy', 30, cookie=f'{COOKIE}={name}', instance=name)

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        with (self.root / f'{name}.log').open('a') as log:
            self.processes[name] = subprocess.Popen(command, env=env, cwd=self.root, stdout=log,
                                                    stderr=subprocess.STDOUT)

    def _wait(self, url: str, name: str, timeout: float, cookie: str = '', instance: str = '') -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f'{name} exited:\n{self.log(name)}')
            try:
                request = urllib.request.Request(url, headers={'Cookie': cookie} if cookie else {})
                with urllib.request.urlopen(request, timeout=2) as response:
                    served = response.headers.get('Set-Cookie', '')
                    if response.status == 200 and (not instance or f'{COOKIE}=' not in served
                                                   or f'{COOKIE}={instance}' in served):
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f'{url} not up in {timeout} s:\n{self.log(name)}')

    def log(self, name: str) -> str:
        path = self.root / f'{name}.log'
        return path.read_text(errors='replace')[-3000:] if path.exists() else ''

    def pid(self, name: str) -> int:
        return self.processes[name].pid

    def kill(self, name: str) -> None:
        """kill -9: no shutdown, no flush; HAProxy notices by its health checks and by refused connections."""
        os.kill(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(10)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        admin = create_engine(self.admin_url, isolation_level='AUTOCOMMIT')
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS {self.database} WITH (FORCE)'))
        admin.dispose()
