"""``python bench/many_meetings_server.py PROBE_FILE``: the app's ``serve`` with two cheap probes, for
``bench/many_meetings.py --probe``: every garbage collection of the oldest generation (when, how long) and
every time the event loop woke up more than 50 ms late. Written as JSON at shutdown (times are
``time.monotonic()``, the same clock as the benchmark's). Like ``bench/profile_app.py``, it starts the app the
way ``python -m app`` does.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.settings import Settings

PERIOD = 0.02  # the lag probe's tick
LATE = 0.05  # a wake-up later than this is noted


def main(probe_file: str) -> int:
    settings = Settings()
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(settings.resolved_data_dir() / 'sessions'))  # as app.cli
    from nicegui import app

    from app.main import run

    collections: list[tuple[float, float, int]] = []  # (start, seconds, objects collected) of each gen-2 GC
    lags: list[tuple[float, float]] = []  # (when, seconds late)
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if info.get('generation') != 2:
            return
        if phase == 'start':
            started['gc'] = time.monotonic()
        elif 'gc' in started:
            begin = started.pop('gc')
            collections.append((begin, time.monotonic() - begin, int(info.get('collected', 0))))

    async def lag_probe() -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(PERIOD)
            late = time.monotonic() - before - PERIOD
            if late > LATE:
                lags.append((before + PERIOD, late))

    def dump() -> None:
        Path(probe_file).write_text(json.dumps({'gc2': collections, 'lags': lags}))

    tasks: list[asyncio.Task[None]] = []
    gc.callbacks.append(on_gc)
    app.on_startup(lambda: tasks.append(asyncio.get_running_loop().create_task(lag_probe())))
    app.on_shutdown(dump)
    run(settings)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
