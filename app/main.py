"""Builds the NiceGUI app: pages, start-up (migrations), health check, ``ui.run``."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from fastapi.responses import JSONResponse
from nicegui import __version__ as nicegui_version
from nicegui import app, ui
from nicegui.translations import translations

from app import __version__
from app.asgi import quiet_disconnects
from app.i18n import QUASAR_LANGUAGE, catalog_text
from app.live.bus import BusHealth
from app.netaddr import lan_address
from app.pages.facilitator import auth, control, dashboard, network, prepare, report
from app.pages.moderator import page as moderator
from app.pages.phone import page as phone
from app.pages.phone import start
from app.pages.phone.assets import PRIMARY
from app.pages.screen import page as screen
from app.pages.speedups import install as install_speedups
from app.pages.styles import CSS_CACHE_SECONDS, TAILWIND_CSS, TAILWIND_PATH, tailwind_href
from app.settings import Settings
from app.store import db
from app.system import System

ASSETS = Path(__file__).resolve().parent.parent / 'assets'
SESSION_DAYS = 180
log = logging.getLogger(__name__)


def _freeze_startup_objects() -> None:
    """What exists once the app has started (NiceGUI, SQLAlchemy, the pages; about 180,000 objects) lives as long
    as the process: moved out of the garbage collector's sight, every full collection skips it — about 50 ms less
    of each pause that a busy plenary's heap of phone pages brings (bench/README.md)."""
    gc.collect()
    gc.freeze()


def build(system: System) -> None:
    """Register everything on NiceGUI's app; the database opens at start-up."""
    install_speedups()  # NiceGUI's per-element signature look-ups, once per function
    quiet_disconnects(app)  # a browser leaving mid-request is not logged as an error
    app.colors(primary=PRIMARY, secondary='#f2b705')
    app.on_startup(system.start)
    app.on_startup(_freeze_startup_objects)
    app.on_shutdown(system.stop)
    # NiceGUI's own "connection lost" notice, in Dutch from our catalog
    translations['nl'] = {key: catalog_text('nl', f'nicegui.{key}') for key in translations['en-GB']}
    if tailwind_href():  # before /assets, so this route answers for it, cached for a year
        app.add_static_file(local_file=TAILWIND_CSS, url_path=TAILWIND_PATH, max_cache_age=CSS_CACHE_SECONDS)
        ui.add_head_html(f'<link rel="stylesheet" href="{tailwind_href()}">', shared=True)
    if ASSETS.is_dir():
        app.add_static_files('/assets', ASSETS)
    # user texts (a 40-character e-mail address as a name) break anywhere rather than push a page sideways
    ui.add_css('.break-words { overflow-wrap: anywhere; min-width: 0; }'
               '.q-item__label { overflow-wrap: anywhere; }'
               '.taps-pending [data-testid=received] { display: none; }', shared=True)  # not "Ontvangen" yet

    @app.get('/healthz')
    async def healthz() -> JSONResponse:
        """What a balancer and an operator need (README "Health"): 503 only when the database cannot be reached (this
        instance cannot store anything); a bus that is down is "degraded" with 200 (answers are stored, rooms are
        checked against the database; taking every instance out would stop the meeting)."""
        database = system.engine is not None and await db.ping(system.engine)
        rooms = system.rooms.loaded() if system.rooms else []
        bus = system.bus.health() if system.bus is not None else None
        behind = system.rooms.out_of_date() if system.rooms else []
        bus_down = bus is not None and bus.state == 'down'
        body = {'status': 'ok' if database and not bus_down and not behind else 'degraded',
                'version': __version__, 'nicegui': nicegui_version,
                'database': database, 'rooms': len(rooms),
                'subscribers': sum(room.subscriber_count() for room in rooms),
                'bus': _bus_health(bus), 'rooms_out_of_date': len(behind),
                'rooms_read_again': system.rooms.rereads if system.rooms else 0}
        return JSONResponse(body, status_code=200 if database else 503)

    def error_page(exception: Exception) -> None:
        log.error('page failed', exc_info=exception)
        with ui.column().classes('mx-auto mt-16 items-center text-center gap-2'):
            ui.label(catalog_text('nl', 'error.page')).classes('text-2xl font-bold')
            ui.label(catalog_text('en', 'error.page')).classes('text-xl text-grey-7')
            ui.link('Uitwisselplek', '/')

    app.on_page_exception(error_page)
    # the phone last: it matches any /{code}
    for pages in (start, auth, dashboard, network, prepare, control, report, screen, moderator, phone):
        pages.register(system)


def _bus_health(bus: BusHealth | None) -> dict[str, object]:
    if bus is None:
        return {'state': 'starting'}
    since = datetime.fromtimestamp(bus.down_since, UTC).isoformat(timespec='seconds') if bus.down_since else None
    return {'state': bus.state, 'down_since': since,
            'down_seconds': round(time.time() - bus.down_since, 1) if bus.down_since else None,
            'last_message_age': round(bus.last_message_age, 1) if bus.last_message_age is not None else None,
            'waiting': bus.waiting}


def run(settings: Settings | None = None, *, after_start: Callable[[System], Awaitable[None]] | None = None) -> None:
    settings = settings or Settings()
    system = System(settings)
    build(system)
    app.on_startup(lambda: _announce(settings))
    if after_start is not None:  # e.g. the demo's meeting and simulated participants
        app.on_startup(lambda: after_start(system))
    ui.run(
        host=settings.host,
        port=settings.port,
        title='Uitwisselplek',
        favicon=ASSETS / 'logo.svg',
        language=QUASAR_LANGUAGE[settings.language],
        storage_secret=settings.resolved_storage_secret(),
        session_middleware_kwargs={'max_age': SESSION_DAYS * 24 * 3600, 'same_site': 'lax'},
        reconnect_timeout=10,
        reload=False,
        show=False,
        show_welcome_message=False,
        tailwind=not tailwind_href(),  # the prebuilt CSS, not the in-browser compiler (unless it is missing)
    )


def _announce(settings: Settings) -> None:
    """Where to open the app, and the address phones will use (printed once the server is up)."""
    local = f'http://localhost:{settings.port}'
    lan = lan_address()
    phones = settings.public_url or (f'http://{lan}:{settings.port}' if lan else '')
    print(f'Uitwisselplek is running: open {local}', flush=True)
    if phones:
        print(f'Phones reach it at {phones}', flush=True)
    else:
        print('Phones cannot reach this machine: set UITWISSELPLEK_PUBLIC_URL', flush=True)


if __name__ in {'__main__', '__mp_main__'}:
    run()
