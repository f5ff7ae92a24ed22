"""Playwright on Debian's Chromium against the app started as a subprocess on a free port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / 'test-artifacts'
CHROMIUM = os.environ.get('UITWISSELPLEK_CHROMIUM', '/usr/bin/chromium')
PASSWORD = 'geheim-wachtwoord'
FIGURES: list[str] = []

expect.set_options(timeout=10_000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Server:
    """The app as a user starts it: ``python -m app``, its own data folder, NiceGUI not told about pytest."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.data_dir = data_dir
        self.settings = settings  # more UITWISSELPLEK_* settings, e.g. JOINS_PER_ADDRESS='5'
        self.port = free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.log = data_dir / 'server.log'
        self.process: subprocess.Popen | None = None
        data_dir.mkdir(parents=True, exist_ok=True)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(('PYTEST', 'NICEGUI', 'UITWISSELPLEK_'))}
        env.update(UITWISSELPLEK_DATA_DIR=str(self.data_dir), UITWISSELPLEK_HOST='127.0.0.1',
                   UITWISSELPLEK_PORT=str(self.port), UITWISSELPLEK_PUBLIC_URL=self.url,
                   UITWISSELPLEK_RECONNECT_SECONDS='3')
        env.update({f'UITWISSELPLEK_{name}': value for name, value in self.settings.items()})
        return env

    def create_facilitator(self, username: str = 'anna') -> None:
        subprocess.run([sys.executable, '-m', 'app', 'create-facilitator', username, '--password-stdin'],
                       input=PASSWORD + '\n', text=True, env=self.env(), cwd=self.data_dir, check=True,
                       capture_output=True)

    def start(self) -> None:
        with self.log.open('a') as log:
            self.process = subprocess.Popen([sys.executable, '-m', 'app'], env=self.env(), cwd=self.data_dir,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f'server exited:\n{self.log.read_text()[-3000:]}')
            try:
                if self.health()['database']:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f'server did not start:\n{self.log.read_text()[-3000:]}')

    def health(self) -> dict:
        with urllib.request.urlopen(f'{self.url}/healthz', timeout=2) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()


def start_server(path: Path, **settings: str) -> Server:
    server = Server(path, **settings)
    server.create_facilitator()
    server.start()
    return server


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp('server'))
    yield server
    server.stop()


@pytest.fixture(scope='session')
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f'Chromium not found at {CHROMIUM} (apt-get install chromium)'
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'])
        yield browser
        browser.close()


class People:
    """One browser context per person, closed after the test."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []

    def laptop(self, width: int = 1280, height: int = 800) -> Page:
        return self._page(viewport={'width': width, 'height': height})

    def projector(self) -> Page:
        return self._page(viewport={'width': 1920, 'height': 1080})

    def phone(self) -> Page:
        return self._page(viewport={'width': 390, 'height': 780}, is_mobile=True, has_touch=True,
                          device_scale_factor=2)

    def _page(self, **options: object) -> Page:
        context = self.browser.new_context(locale='nl-BE', **options)
        self.contexts.append(context)
        page = context.new_page()
        # shown with a failing test's output: what the browser said
        page.on('console', lambda message: print(f'[browser {message.type}] {message.text}'))
        page.on('load', lambda loaded: print(f'[browser load] {loaded.url}'))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser: Browser) -> Iterator[People]:
    people = People(browser)
    yield people
    people.close()


def goto(page: Page, url: str) -> None:
    """Open a page and wait until its websocket is live (NiceGUI's handshake is done), or until a plain page (the
    start page, the join form: no socket) is there."""
    page.goto(url)
    page.wait_for_function('window.did_handshake === true || document.documentElement.dataset.plain === "1"')


def login(page: Page, server: Server) -> None:
    goto(page, f'{server.url}/login')
    page.get_by_label('Gebruikersnaam').fill('anna')
    page.get_by_label('Wachtwoord').fill(PASSWORD)
    page.get_by_role('button', name='Aanmelden').click()
    page.wait_for_url('**/dashboard')


def create_meeting(page: Page, title: str) -> str:
    """From the dashboard; returns the control URL."""
    page.get_by_role('button', name='Nieuwe bijeenkomst').click()
    page.get_by_label('Titel').fill(title)
    page.get_by_role('button', name='Aanmaken').click()
    page.wait_for_url('**/control')
    return page.url


def join(page: Page, url: str, name: str, organisation: str = '') -> float:
    """Open the participant URL and join; returns seconds from opening the URL to "Je bent binnen"."""
    started = time.perf_counter()
    goto(page, url)
    page.get_by_label('Je naam').fill(name)
    if organisation:
        page.get_by_label('Je organisatie').fill(organisation)
    page.get_by_role('button', name='Ik doe mee').click()
    expect(page.get_by_text('Je bent binnen')).to_be_visible()
    return time.perf_counter() - started


def figure(text: str) -> None:
    """A measured figure: printed at the end of the run (no timing assertions in tests)."""
    FIGURES.append(text)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section('measured figures (e2e)')
        for line in FIGURES:
            terminalreporter.write_line(line)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / 'figures.txt').write_text('\n'.join(FIGURES) + '\n')


def save(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f'{name}.png'))


__all__ = ['People', 'Server', 'create_meeting', 'figure', 'goto', 'join', 'login', 'save', 'start_server']
