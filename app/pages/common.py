"""What every page shares: language, device identity, the header, message cards, URLs."""

from __future__ import annotations

import copy
import logging
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar
from urllib.parse import urlsplit

from fastapi import Request
from nicegui import app, ui
from nicegui.elements.mixins.validation_element import ValidationElement

from app.domain.errors import Refused
from app.domain.people import text_length
from app.domain.urls import client_address, is_local_host, public_base_url
from app.i18n import LANGUAGES, QUASAR_LANGUAGE, Translate, pick_language, translator
from app.netaddr import lan_address
from app.system import System
from components.length_limit import limit_length

log = logging.getLogger(__name__)
F = TypeVar('F', bound=ValidationElement)


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


def message_card(title: str, body: str = '', *, link: tuple[str, str] | None = None,
                 marker: str = 'message') -> None:
    card = ui.card().classes('mx-auto mt-10 max-w-md w-full items-center text-center p-6')
    with card.mark(marker).props(f'data-testid={marker}'):
        ui.label(title).classes('text-xl font-bold').props('role=alert')
        if body:
            ui.label(body).classes('text-base text-grey-8')
        if link:
            ui.link(link[0], link[1]).classes('text-lg mt-2')


def notify_refused(t: Translate, error: Refused, kind: Literal['warning', 'negative'] = 'warning') -> None:
    """The one way a page tells a person why something was refused."""
    ui.notify(error.text(t), type=kind)


async def attempt(t: Translate, action: Callable[[], Awaitable[object]],
                  kind: Literal['warning', 'negative'] = 'warning') -> bool:
    """Run ``action``; a refusal is shown to the person. True when it went through."""
    try:
        await action()
    except Refused as error:
        notify_refused(t, error, kind)
        return False
    return True


def limited(field: F, most: int, t: Translate, measure: Callable[[str], int] = text_length) -> F:
    """A text field without the browser's silent cut: a counter, "Te lang: 1000 tekens, hoogstens 120" at once
    while it is too long, the text kept as typed (the server refuses to store it until it is shortened)."""
    return limit_length(field, most, lambda length, most: t.plural('error.too_long_now', most, length=length),
                        measure)


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
