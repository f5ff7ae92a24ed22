"""Facilitator accounts: first-run setup, login (throttled), logout."""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request
from nicegui import app, run, ui

from app.domain.passwords import MIN_PASSWORD, hash_password, verify_password
from app.domain.people import clean_text
from app.pages.common import client_ip, header, message_card, use_language
from app.system import System

MAX_USERNAME = 80


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the user does not exist, so both cases take as long."""
    return hash_password('timing-equaliser')


def safe_next(path: str | None) -> str:
    """Only a path on this site (no open redirect)."""
    return path if path and path.startswith('/') and not path.startswith('//') else '/dashboard'


def register(system: System) -> None:
    @ui.page('/setup')
    async def setup_page() -> None:
        lang, t = use_language(system)
        header(lang, t)
        if await system.repo.count_facilitators() > 0:
            message_card(t('setup.done_title'), t('setup.done_body'), link=(t('login.title'), '/login'))
            return
        with ui.card().classes('mx-auto mt-8 max-w-md w-full gap-3 p-6'):
            ui.label(t('setup.title')).classes('text-2xl font-bold')
            ui.label(t('setup.intro')).classes('text-grey-8')
            username = ui.input(t('login.username')).props('outlined autofocus').classes('w-full').mark('username')
            password = ui.input(t('login.password'), password=True).props('outlined').classes('w-full') \
                .mark('password')
            repeat = ui.input(t('setup.repeat'), password=True).props('outlined').classes('w-full').mark('repeat')

            async def create() -> None:
                name = clean_text(username.value)
                if not name or len(name) > MAX_USERNAME:
                    ui.notify(t('error.username', max=MAX_USERNAME), type='negative')
                    return
                if len(password.value or '') < MIN_PASSWORD:
                    ui.notify(t('error.password_short', min=MIN_PASSWORD), type='negative')
                    return
                if password.value != repeat.value:
                    ui.notify(t('error.password_mismatch'), type='negative')
                    return
                if await system.repo.count_facilitators() > 0:
                    ui.notify(t('setup.done_title'), type='warning')
                    return
                facilitator = await system.repo.create_facilitator(name, await run.io_bound(hash_password,
                                                                                               password.value))
                app.storage.user['facilitator_id'] = facilitator.id
                ui.navigate.to('/dashboard')

            ui.button(t('setup.create'), on_click=create).props('unelevated size=lg').classes('w-full') \
                .mark('create-account')

    @ui.page('/login')
    async def login_page(request: Request) -> None:
        lang, t = use_language(system)
        header(lang, t)
        if await system.repo.count_facilitators() == 0:
            ui.navigate.to('/setup')
            return
        ip = client_ip(request)
        with ui.card().classes('mx-auto mt-8 max-w-md w-full gap-3 p-6'):
            ui.label(t('login.title')).classes('text-2xl font-bold')
            username = ui.input(t('login.username')).props('outlined autofocus').classes('w-full').mark('username')
            password = ui.input(t('login.password'), password=True).props('outlined').classes('w-full') \
                .mark('password')

            async def login() -> None:
                name = clean_text(username.value)[:MAX_USERNAME]
                keys = (f'user:{name.lower()}', f'ip:{ip}')
                wait = max(system.throttle.wait_seconds(key) for key in keys)
                if wait > 0:
                    ui.notify(t('error.throttled', seconds=int(wait) + 1), type='warning')
                    return
                facilitator = await system.repo.facilitator_by_username(name)
                stored = facilitator.password_hash if facilitator else _dummy_hash()
                ok = await run.io_bound(verify_password, password.value or '', stored)
                if not (facilitator and ok):
                    for key in keys:
                        system.throttle.failed(key)
                    ui.notify(t('error.login_failed'), type='negative')
                    return
                for key in keys:
                    system.throttle.succeeded(key)
                app.storage.user['facilitator_id'] = facilitator.id
                ui.navigate.to(safe_next(app.storage.user.pop('after_login', None)))

            password.on('keydown.enter', login)
            ui.button(t('login.submit'), on_click=login).props('unelevated size=lg').classes('w-full').mark('login')

    @ui.page('/logout')
    def logout_page() -> None:
        app.storage.user.pop('facilitator_id', None)
        ui.navigate.to('/')
