"""The public start page: type the code you see on the screen."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from nicegui import ui

from app.domain.codes import CODE_LENGTH, is_valid_code, normalize_code
from app.pages.common import facilitator_id, header, use_language
from app.pages.phone.plain import language_asked
from app.pages.phone.plain import start_page as plain_start
from app.system import System


def register(system: System) -> None:
    @ui.page('/')
    async def start_page(request: Request, code: str = '') -> Response | None:
        if system.settings.plain_pages and language_asked(request):
            return RedirectResponse('/', status_code=303)
        lang, t = use_language(system)
        if facilitator_id() is not None:
            more = (t('start.to_dashboard'), '/dashboard')
        elif await system.accounts.setup_needed():
            more = (t('start.setup'), '/setup')
        else:
            more = (t('start.facilitator_login'), '/login')
        if system.settings.plain_pages:  # a form that a slow phone can use at once
            value = normalize_code(code)
            if is_valid_code(value):
                return RedirectResponse(f'/{value}', status_code=303)
            error = t.plural('error.code_format', CODE_LENGTH) if code.strip() else ''
            return plain_start(lang, code=code[:CODE_LENGTH + 4], error=error, more=more, status=422 if error else 200)
        header(lang, t)
        with ui.column().classes('mx-auto mt-8 max-w-md w-full gap-4 p-4 items-stretch'):
            ui.label(t('start.title')).classes('text-3xl font-bold')
            ui.label(t('start.intro')).classes('text-lg text-grey-8')
            code = ui.input(t('start.code')).props(
                f'outlined autofocus maxlength={CODE_LENGTH + 4} input-class="text-3xl font-mono tracking-widest '
                f'uppercase" autocapitalize=characters autocomplete=off spellcheck=false') \
                .classes('w-full').mark('code-input')

            def go() -> None:
                value = normalize_code(code.value)
                if not is_valid_code(value):
                    ui.notify(t.plural('error.code_format', CODE_LENGTH), type='negative')
                    return
                ui.navigate.to(f'/{value}')

            code.on('keydown.enter', go)
            ui.button(t('start.go'), on_click=go).props('unelevated size=xl').classes('w-full').mark('code-go')
            ui.separator().classes('my-6')
            ui.link(*more).classes('text-base')
        return None
