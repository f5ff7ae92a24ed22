"""``python bench/profile_app.py STATS_FILE``: the app's ``serve`` under cProfile; stats written at shutdown.

``python -m cProfile -m app`` writes nothing: uvicorn re-raises SIGTERM after its graceful shutdown, which ends
the process before cProfile's ``finally``. Here the stats are dumped from NiceGUI's shutdown hook instead.
Used by ``bench/load.py --profile-server FILE``; read with ``python -m pstats FILE``.
"""

from __future__ import annotations

import cProfile
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.settings import Settings


def main(stats_file: str) -> int:
    settings = Settings()
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(settings.resolved_data_dir() / 'sessions'))  # as app.cli
    from nicegui import app

    from app.main import run

    profiler = cProfile.Profile()

    def dump() -> None:
        profiler.disable()
        profiler.dump_stats(stats_file)

    app.on_shutdown(dump)
    profiler.enable()
    run(settings)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
