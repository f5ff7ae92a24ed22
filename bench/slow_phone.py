"""Benchmark of the participant pages on a cheap phone over bad venue Wi-Fi (issue #17): measure first.

Run as ``.venv/bin/python bench/slow_phone.py`` (about 4 minutes; ``--profiles cheap`` for one profile,
``--app-root DIR`` to measure another checkout, e.g. ``git worktree add /tmp/before <commit>``). It starts the demo
meeting (three simulated participants) in a temporary data folder, then opens the participant pages in headless
Chromium at 360×640 under three CDP profiles and prints one table. It asserts nothing.

Profiles (CDP ``Emulation.setCPUThrottlingRate`` and ``Network.emulateNetworkConditions``):

- **desktop**: no throttling;
- **mid-range**: CPU ×4, "fast 3G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency);
- **cheap**: CPU ×6, "slow 3G" (400 kbit/s down and up, 400 ms latency).

Rows, per profile, each in a fresh browser context (an empty cache) unless said otherwise:

- **start page** ``/`` until the code field can be typed in;
- **join page** ``/{CODE}`` until the name field can be typed in (the QR code's link, first visit), then
  **join page, repeat** (reloaded in the same context);
- **joined**: the name is typed (6 s from the form on screen, as a person types), "Ik doe mee" until the phone
  shows the person's name (what the page fetched in the meantime counts in the join page's cache, not here);
- **repeat visit**: the joined phone opens the link again (what the cache keeps);
- **statement (live)**: the facilitator opens a statement; seconds from the click until the vote buttons are on
  that phone, and what the phone had to download for it;
- **statement / speed-date round / breakout group (reload)**: the phone reloads while the statement is open, while
  a speed-date round has paired it (until the partner's name), while breakout groups are made (until the group).

Figures per row: bytes over the wire (CDP ``encodedDataLength``), requests, seconds to the usable control, and the
main thread's long tasks (count and total ms, from a ``PerformanceObserver`` of ``longtask``).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CODE_FIELD = 'input[aria-label="Code (6 tekens)"]'
NAME_FIELD = 'input[aria-label="Je naam"]'
VOTE = '[data-testid=vote-agree]'
TYPING_S = 6.0  # from the join form on screen to "Ik doe mee": typing a name on a phone
CHROMIUM = os.environ.get('UITWISSELPLEK_CHROMIUM', '/usr/bin/chromium')
PROFILES = {
    'desktop': (1, None),
    'mid-range': (4, (1.6e6 / 8, 750e3 / 8, 150)),
    'cheap': (6, (400e3 / 8, 400e3 / 8, 400)),
}
LONG_TASKS = """
window.__longTasks = [];
try {
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({type: 'longtask', buffered: true});
} catch (e) {}
"""


@dataclass
class Figures:
    bytes: int = 0
    requests: int = 0
    ready_s: float = 0.0
    long_tasks: int = 0
    long_ms: float = 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_demo(root: Path = ROOT, participants: int = 3) -> tuple[subprocess.Popen, dict[str, str]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST', 'NICEGUI'))}
    env.update(UITWISSELPLEK_DATA_DIR=tempfile.mkdtemp(prefix='slow-phone-'), UITWISSELPLEK_PORT=str(port),
               UITWISSELPLEK_HOST='127.0.0.1', UITWISSELPLEK_PUBLIC_URL=f'http://127.0.0.1:{port}')
    process = subprocess.Popen([sys.executable, '-m', 'app', 'demo', '--participants', str(participants)], cwd=root,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    found: dict[str, str] = {}
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while time.monotonic() < deadline and not {'control', 'phone', 'user'} <= found.keys():
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise RuntimeError('the demo did not start')
        for name in ('control', 'phone'):
            match = re.search(rf'{name} \(\w+\):\s+(\S+)', line)
            if match:
                found[name] = match[1]
        match = re.search(r"log in as '([^']+)', password '([^']+)'", line)
        if match:
            found['user'], found['password'] = match[1], match[2]
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe from filling up
    return process, found


def throttle(context: BrowserContext, page: Page, profile: str) -> None:
    cpu, network = PROFILES[profile]
    cdp = context.new_cdp_session(page)
    cdp.send('Network.enable')
    if cpu > 1:
        cdp.send('Emulation.setCPUThrottlingRate', {'rate': cpu})
    if network:
        down, up, latency = network
        cdp.send('Network.emulateNetworkConditions', {'offline': False, 'latency': latency,
                                                       'downloadThroughput': down, 'uploadThroughput': up})
    sizes: dict[str, float] = {}
    cdp.on('Network.loadingFinished', lambda e: sizes.__setitem__(e['requestId'], e.get('encodedDataLength', 0)))
    page.__dict__['_sizes'] = sizes


def _figures(page: Page, started: float, tasks_before: int = 0) -> Figures:
    sizes: dict[str, float] = page.__dict__['_sizes']
    seconds = time.perf_counter() - started
    page.wait_for_timeout(300)  # let the socket's first messages land in the figures
    tasks = page.evaluate('window.__longTasks || []')[tasks_before:]
    return Figures(int(sum(sizes.values())), len(sizes), seconds, len(tasks), sum(tasks))


def ready(page: Page, selector: str) -> None:
    page.locator(selector).first.wait_for(state='visible', timeout=120_000)
    page.wait_for_function(f'() => {{ const e = document.querySelector({selector!r}); return e && !e.disabled; }}',
                           timeout=120_000)


def measure(page: Page, url: str, selector: str) -> Figures:
    """Open ``url`` until ``selector`` is visible and enabled."""
    page.__dict__['_sizes'].clear()
    started = time.perf_counter()
    page.goto(url, wait_until='commit', timeout=120_000)
    ready(page, selector)
    return _figures(page, started)


def measure_tap(page: Page, tap: Callable[[], None], selector: str) -> Figures:
    """Tap (on this page or another one) until ``selector`` is there on this page; long tasks since the tap."""
    page.__dict__['_sizes'].clear()
    before = len(page.evaluate('window.__longTasks || []'))
    started = time.perf_counter()
    tap()
    ready(page, selector)
    return _figures(page, started, before)


def facilitator(browser: Browser, info: dict[str, str]) -> Page:
    page = browser.new_context(viewport={'width': 1400, 'height': 1000}).new_page()
    base = info['control'].split('/m/')[0]
    page.goto(f'{base}/login')
    page.get_by_label('Gebruikersnaam').fill(info['user'])
    page.get_by_label('Wachtwoord').fill(info['password'])
    page.get_by_role('button', name='Aanmelden').click()
    page.wait_for_url('**/dashboard')
    page.goto(info['control'])
    return page


def phone_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={'width': 360, 'height': 640}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale='nl-BE')
    context.add_init_script(LONG_TASKS)
    return context


def first_visit(browser: Browser, info: dict[str, str], profile: str) -> tuple[dict[str, Figures], Page]:
    """Start page, join page (first visit and again), typing, "Ik doe mee"; the phone stays joined."""
    base, code = info['phone'].rsplit('/', 1)
    start = phone_context(browser)
    page = start.new_page()
    throttle(start, page, profile)
    found = {'start page': measure(page, f'{base}/', CODE_FIELD)}
    start.close()
    phone = phone_context(browser).new_page()  # a first visit: a context (and a cache) of its own
    throttle(phone.context, phone, profile)
    found['join page'] = measure(phone, f'{base}/{code}', NAME_FIELD)
    found['join page, repeat'] = measure(phone, f'{base}/{code}', NAME_FIELD)
    typing = time.perf_counter()
    phone.get_by_label('Je naam').fill(f'Bench {profile}')
    phone.wait_for_timeout(max(0.0, TYPING_S - (time.perf_counter() - typing)) * 1000)
    found[f'joined ({TYPING_S:g} s typing)'] = measure_tap(
        phone, lambda: phone.get_by_role('button', name='Ik doe mee').click(), '[data-testid=my-name]')
    return found, phone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--app-root', type=Path, default=ROOT, help='the checkout to run (e.g. a worktree of an '
                                                                      'earlier commit, for the figures before)')
    parser.add_argument('--profiles', nargs='+', choices=list(PROFILES), default=list(PROFILES))
    args = parser.parse_args()
    process, info = start_demo(args.app_root)
    base, code = info['phone'].rsplit('/', 1)
    rows: dict[str, dict[str, Figures]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=['--no-sandbox', '--disable-gpu', '--disable-background-networking'])
            control = facilitator(browser, info)
            phones: dict[str, Page] = {}
            for profile in args.profiles:
                rows[profile], phones[profile] = first_visit(browser, info, profile)
                # a repeat visit: the joined phone opens the meeting's link again (what its cache keeps)
                rows[profile]['repeat visit'] = measure(phones[profile], f'{base}/{code}', '[data-testid=my-name]')
            for phone in phones.values():
                phone.__dict__['_sizes'].clear()
            clicked = time.perf_counter()
            open_activity(control, 'Stelling')()  # the statement arrives live on every phone: no download then
            for profile, phone in phones.items():
                ready(phone, VOTE)
                rows[profile]['statement (live)'] = _figures(phone, clicked)
            for name, selector, make in (('statement', VOTE, None), ('speed-date round', '[data-testid=partner-name]',
                                                                      'Koppels maken'),
                                         ('breakout group', '[data-testid=group-name]', 'Groepen maken')):
                if make:
                    open_activity(control, {'Koppels maken': 'Leer elkaar kennen',
                                            'Groepen maken': 'Wissel ervaringen uit'}[make])()
                    control.get_by_role('button', name=make).click()
                for profile, phone in phones.items():
                    rows[profile][f'{name} (reload)'] = measure(phone, f'{base}/{code}', selector)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f'{"profile":<10} {"page":<24} {"KB":>7} {"requests":>8} {"ready s":>8} {"long tasks":>10} {"long ms":>8}')
    for profile, pages in rows.items():
        for name, f in pages.items():
            print(f'{profile:<10} {name:<24} {f.bytes / 1024:>7.0f} {f.requests:>8} {f.ready_s:>8.2f} '
                  f'{f.long_tasks:>10} {f.long_ms:>8.0f}')


def open_activity(control: Page, text: str) -> Callable[[], None]:
    item = control.get_by_test_id('agenda-item').filter(has_text=text).first
    return lambda: item.get_by_role('button', name='Nu tonen en laten antwoorden').click()


if __name__ == '__main__':
    main()
