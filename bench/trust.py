"""Strangers in bulk, against the app as a subprocess with its default limits (prints figures, asserts nothing).

1. ``--loads`` anonymous page loads of ``/{CODE}`` that never open a socket: live subscriptions before and after
   (``/healthz``), and the time per load.
2. A join flood: ``--flood`` simulated phones from one address (this machine) join at once: how many got in, how
   many were refused with the "too many at once" message, and how many failed otherwise.

    .venv/bin/python bench/trust.py --loads 3000 --flood 200
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'bench'))

from load import Process, app_env, free_port, prepare  # noqa: E402
from simphone import Phone  # noqa: E402


def health(base: str) -> dict:
    with urllib.request.urlopen(f'{base}/healthz', timeout=5) as response:
        return json.loads(response.read())


def env_for(data_dir: Path, port: int) -> dict[str, str]:
    """As the load benchmark's, but with the app's own join limits (that benchmark switches them off)."""
    env = app_env(data_dir, port)
    for name in ('UITWISSELPLEK_JOINS_PER_ADDRESS', 'UITWISSELPLEK_JOINS_PER_MEETING'):
        env.pop(name, None)
    return env


async def flood(base: str, code: str, n: int) -> dict[str, int]:
    phones = [Phone(base, code, f'Bot {i}') for i in range(n)]
    outcome = {'joined': 0, 'refused_with_message': 0, 'failed': 0}

    async def one(phone: Phone) -> None:
        page = phone.page
        try:
            await page.load(f'/{code}')
            await page.fill(page._key('name'), phone.name)
            seen = len(page.notifications)
            await page.click('join')
            await page.wait_for(lambda: page.visible('activity-text') or page.visible('my-name')
                                or len(page.notifications) > seen, 60)
            if page.visible('activity-text') or page.visible('my-name'):
                outcome['joined'] += 1
            elif any('te veel' in str(n).lower() for n in page.notifications[seen:]):
                outcome['refused_with_message'] += 1
            else:
                outcome['failed'] += 1
        except Exception:
            outcome['failed'] += 1

    try:
        await asyncio.gather(*(one(phone) for phone in phones))
    finally:
        await asyncio.gather(*(phone.close() for phone in phones), return_exceptions=True)
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--loads', type=int, default=3000)
    parser.add_argument('--flood', type=int, default=200)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix='uitwisselplek-trust-'))
    port = free_port()
    base = f'http://127.0.0.1:{port}'
    env = env_for(data_dir, port)
    _, code, _, _ = prepare(data_dir, env)
    server = Process([sys.executable, '-m', 'app'], env, data_dir / 'server.log', data_dir)
    try:
        server.wait_until(f'{base}/healthz', 60)
        urllib.request.urlopen(f'{base}/{code}', timeout=10).read()  # the room is loaded
        time.sleep(1)
        before = health(base)['subscribers']
        started, statuses = time.perf_counter(), Counter()
        for _ in range(args.loads):
            try:
                with urllib.request.urlopen(f'{base}/{code}', timeout=30) as response:
                    response.read()
                    statuses[response.status] += 1
            except urllib.error.HTTPError as error:
                statuses[error.code] += 1
        per_load = (time.perf_counter() - started) * 1000 / max(1, args.loads)
        after = health(base)['subscribers']
        print(f'{args.loads} anonymous page loads without a socket from one address: subscribers {before} -> '
              f'{after}, {per_load:.1f} ms per load, answers {dict(sorted(statuses.items()))} '
              f'(429: over the page-load limit)')
        time.sleep(61)  # the page-load limit of this address refills before the flood
        outcome = asyncio.run(flood(base, code, args.flood))
        print(f'join flood of {args.flood} phones from one address: {outcome["joined"]} joined, '
              f'{outcome["refused_with_message"]} refused with a message, {outcome["failed"]} failed otherwise '
              f'(defaults: 60 per address and 150 per meeting per 10 minutes)')
    finally:
        server.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
