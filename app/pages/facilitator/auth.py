"""Facilitator accounts: first-run setup, login (throttled), logout."""

from __future__ import annotations

from fastapi import Request
from nicegui import app, ui

from app.domain.errors import Refused
from app.pages.common import client_ip, header, use_language
from app.system import System
from app.ui.messages import message_card, notify_refused


def safe_next(path: str | None) -> str:
    """Only a path on this site (no open redirect)."""
    return path if path and path.startswith('/') and not path.startswith('//') else '/dashboard'


def register(system: System) -> None:
    @ui.page('/setup')
    async def setup_page() -> None:
        lang, t = use_language(system)
        header(lang, t)
        if not await system.accounts.setup_needed():
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
                try:
                    facilitator = await system.accounts.create_first(username.value, password.value, repeat.value)
                except Refused as error:
                    notify_refused(t, error, 'warning' if error.key == 'setup.done_title' else 'negative')
                    return
                app.storage.user['facilitator_id'] = facilitator
                ui.navigate.to('/dashboard')

            ui.button(t('setup.create'), on_click=create).props('unelevated size=lg').classes('w-full') \
                .mark('create-account')

    @ui.page('/login')
    async def login_page(request: Request) -> None:
        lang, t = use_language(system)
        header(lang, t)
        if await system.accounts.setup_needed():
            ui.navigate.to('/setup')
            return
        ip = client_ip(system, request)
        with ui.card().classes('mx-auto mt-8 max-w-md w-full gap-3 p-6'):
            ui.label(t('login.title')).classes('text-2xl font-bold')
            username = ui.input(t('login.username')).props('outlined autofocus').classes('w-full').mark('username')
            password = ui.input(t('login.password'), password=True).props('outlined').classes('w-full') \
                .mark('password')

            async def login() -> None:
                try:
                    facilitator = await system.accounts.login(username.value, password.value, ip)
                except Refused as error:
                    notify_refused(t, error, 'warning' if error.key == 'error.throttled' else 'negative')
                    return
                app.storage.user['facilitator_id'] = facilitator
                ui.navigate.to(safe_next(app.storage.user.pop('after_login', None)))

            password.on('keydown.enter', login)
            ui.button(t('login.submit'), on_click=login).props('unelevated size=lg').classes('w-full').mark('login')

    @ui.page('/logout')
    def logout_page() -> None:
        app.storage.user.pop('facilitator_id', None)
        ui.navigate.to('/')
