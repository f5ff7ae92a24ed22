"""What every page shares: language, device identity, the header, URLs (what a kind's views share with
pages too is in ``app.ui``)."""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import Request
from nicegui import app, ui

from app.domain.urls import client_address, is_local_host, public_base_url
from app.i18n import LANGUAGES, QUASAR_LANGUAGE, Translate, pick_language, translator
from app.netaddr import lan_address

if TYPE_CHECKING:
    from app.system import System

log = logging.getLogger(__name__)


def use_language(system: System, fixed: str = '') -> tuple[str, Translate]:
    """The device's language (remembered in its user storage) for this page, or ``fixed`` (the screen speaks the
    meeting's language), and its translator. Also sets Quasar's language and NiceGUI's connection notice for this
    client only.
    """
    lang = pick_language(fixed or app.storage.user.get('lang'), system.settings.language)
    client = ui.context.client
    page = copy.copy(client.page)
    page.language = QUASAR_LANGUAGE[lang]
    client.page = page
    t = translator(lang)
    ui.on_exception(lambda: ui.notify(t('error.unexpected'), type='negative'))
    return lang, t


def switch_language(lang: str) -> None:
    other = next(code for code in LANGUAGES if code != lang)
    app.storage.user['lang'] = other
    ui.navigate.reload()


def header(lang: str, t: Translate, title: str = '', *, facilitator: bool = False) -> None:
    """The top bar: the app's name, for a facilitator the way back to the meetings and out, the language."""
    with ui.header().classes('bg-primary text-white items-center justify-between px-4 py-2'):
        ui.label(title or t('app.name')).classes('text-lg font-bold')
        with ui.row().classes('items-center gap-2'):
            if facilitator:
                ui.button(t('dashboard.title'), icon='list', on_click=lambda: ui.navigate.to('/dashboard')) \
                    .props('flat dense no-caps color=white').mark('to-dashboard')
                ui.button(t('dashboard.logout'), icon='logout', on_click=lambda: ui.navigate.to('/logout')) \
                    .props('flat dense no-caps color=white').mark('logout')
            ui.button(t('lang.switch'), on_click=lambda: switch_language(lang)) \
                .props('flat dense no-caps color=white').mark('lang-switch')


def device_id() -> str:
    """The browser's identity: NiceGUI's id in the signed session cookie."""
    return str(app.storage.browser['id'])


def facilitator_id() -> int | None:
    value = app.storage.user.get('facilitator_id')
    return int(value) if value is not None else None


def client_ip(system: System, request: Request) -> str:
    """The sender's address; ``X-Forwarded-For`` only counts from a trusted proxy (UITWISSELPLEK_TRUSTED_PROXIES)."""
    peer = request.client.host if request.client else 'unknown'
    return client_address(peer, request.headers.get('x-forwarded-for'), system.settings.trusted_proxies)


def base_url(system: System, request: Request) -> str:
    """Where phones reach this app: PUBLIC_URL, else the request's URL (a loopback one swapped for the LAN IP)."""
    return public_base_url(system.settings.public_url, str(request.base_url), lan_address())


def unreachable(base: str) -> bool:
    """The QR code would point to this machine itself (no LAN address found, no PUBLIC_URL set)."""
    return is_local_host(urlsplit(base).hostname or 'localhost')


def parse_id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None
