"""Benchmark of the participant pages on a cheap phone over bad venue Wi-Fi (issue #17): measure first.

Run as ``.venv/bin/python bench/slow_phone.py`` (about 3 minutes). It starts the demo meeting in a temporary data
folder, then for three profiles opens each page in a fresh headless Chromium context at 360×640 with CDP CPU and
network throttling and prints one table. It asserts nothing.

Profiles (CDP ``Emulation.setCPUThrottlingRate`` and ``Network.emulateNetworkConditions``):

- **desktop**: no throttling;
- **mid-range**: CPU ×4, "fast 3G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency);
- **cheap**: CPU ×6, "slow 3G" (400 kbit/s down and up, 400 ms latency).

Pages: the start page ``/`` (to the code field ready to type), the join page ``/{CODE}`` (to the name field), the
same join page again in the same context (a repeat visit: what the cache keeps), and the phone after joining with a
statement open (to its vote buttons). Figures per page: bytes over the wire (CDP ``encodedDataLength``), requests,
time from navigation to the usable control, and the main thread's long tasks (count and total ms, from a
``PerformanceObserver`` of ``longtask``).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
WELCOME = 'Terug naar QR-code'
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


def start_demo() -> tuple[subprocess.Popen, dict[str, str]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST', 'NICEGUI'))}
    env.update(UITWISSELPLEK_DATA_DIR=tempfile.mkdtemp(prefix='slow-phone-'), UITWISSELPLEK_PORT=str(port),
               UITWISSELPLEK_HOST='127.0.0.1', UITWISSELPLEK_PUBLIC_URL=f'http://127.0.0.1:{port}')
    process = subprocess.Popen([sys.executable, '-m', 'app', 'demo', '--participants', '0'], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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


def measure(page: Page, url: str, ready: str) -> Figures:
    sizes: dict[str, float] = page.__dict__['_sizes']
    sizes.clear()
    started = time.perf_counter()
    page.goto(url, wait_until='commit', timeout=120_000)
    page.locator(ready).first.wait_for(state='visible', timeout=120_000)
    page.wait_for_function(f'() => {{ const e = document.querySelector({ready!r}); return e && !e.disabled; }}',
                           timeout=120_000)
    seconds = time.perf_counter() - started
    page.wait_for_timeout(300)  # let the socket's first messages land in the figures
    tasks = page.evaluate('window.__longTasks || []')
    return Figures(int(sum(sizes.values())), len(sizes), seconds, len(tasks), sum(tasks))


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


def run_profile(browser: Browser, info: dict[str, str], profile: str, control: Page) -> dict[str, Figures]:
    phone_url = info['phone']
    base, code = phone_url.rsplit('/', 1)
    context = browser.new_context(viewport={'width': 360, 'height': 640}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale='nl-BE')
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    throttle(context, page, profile)
    found = {'start page': measure(page, f'{base}/', 'input')}
    # a first visit of the join page: a context (and a cache) of its own
    other = browser.new_context(viewport={'width': 360, 'height': 640}, is_mobile=True, has_touch=True,
                                device_scale_factor=2, locale='nl-BE')
    other.add_init_script(LONG_TASKS)
    join = other.new_page()
    throttle(other, join, profile)
    found['join page'] = measure(join, f'{base}/{code}', 'input[aria-label="Je naam"], input')
    found['join page, repeat'] = measure(join, f'{base}/{code}', 'input[aria-label="Je naam"], input')
    join.get_by_label('Je naam').fill(f'Bench {profile}')
    join.get_by_role('button', name='Ik doe mee').click()
    join.get_by_text('Je bent binnen').wait_for(timeout=120_000)
    item = control.get_by_test_id('agenda-item').filter(has_text='Stelling').first
    item.get_by_role('button', name='Nu tonen en laten antwoorden').click()
    found['statement (reload)'] = measure(join, f'{base}/{code}', '[data-testid=vote-agree]')
    control.get_by_role('button', name=WELCOME).click()  # back to the QR code: the next profile joins anew
    context.close()
    other.close()
    return found


def main() -> None:
    process, info = start_demo()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=['--no-sandbox', '--disable-gpu', '--disable-background-networking'])
            control = facilitator(browser, info)
            rows = {profile: run_profile(browser, info, profile, control) for profile in PROFILES}
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f'{"profile":<10} {"page":<22} {"KB":>7} {"requests":>8} {"ready s":>8} {"long tasks":>10} {"long ms":>8}')
    for profile, pages in rows.items():
        for name, f in pages.items():
            print(f'{profile:<10} {name:<22} {f.bytes / 1024:>7.0f} {f.requests:>8} {f.ready_s:>8.2f} '
                  f'{f.long_tasks:>10} {f.long_ms:>8.0f}')


if __name__ == '__main__':
    main()
