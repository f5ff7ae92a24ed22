"""The facilitator's meetings and "new meeting"."""

from __future__ import annotations

from datetime import date

from nicegui import app, events, ui

from app.domain.errors import Refused
from app.domain.network_export import MAX_BYTES
from app.pages.common import facilitator_id, header, use_language
from app.pages.facilitator.network_forms import network_dialog
from app.system import System
from app.ui.messages import notify_refused


def register(system: System) -> None:
    @ui.page('/dashboard')
    async def dashboard_page() -> None:
        lang, t = use_language(system)
        me = facilitator_id()
        if me is None or not await system.accounts.exists(me):
            app.storage.user['after_login'] = '/dashboard'
            ui.navigate.to('/login')
            return
        header(lang, t, t('dashboard.title'))

        async def save_network(values: dict) -> bool:
            try:
                network_id = await system.networks.create(me, **values)
            except Refused as error:
                notify_refused(t, error, 'negative')
                return False
            ui.navigate.to(f'/n/{network_id}')
            return True

        def new_network() -> None:
            network_dialog(t, save_network)

        def import_network() -> None:
            """A network exported on another server (JSON): made anew here, for this facilitator."""
            async def uploaded(event: events.UploadEventArguments) -> None:
                try:
                    network_id = await system.network_export.import_file(me, await event.file.read())
                except Refused as error:
                    notify_refused(t, error, 'negative')
                    upload.reset()
                    return
                dialog.close()
                ui.navigate.to(f'/n/{network_id}')

            with ui.dialog() as dialog, ui.card().classes('w-96 max-w-full gap-2'):
                ui.label(t('dashboard.import_network')).classes('text-lg font-bold')
                ui.label(t('dashboard.import_help')).classes('text-grey-8 text-sm')
                upload = ui.upload(on_upload=uploaded, auto_upload=True, max_file_size=MAX_BYTES,
                                   on_rejected=lambda: ui.notify(t('dashboard.import_too_big'), type='negative')) \
                    .props('accept=.json,application/json flat bordered').classes('w-full').mark('import-file')
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat').classes('self-end')
            dialog.on('hide', dialog.delete)
            dialog.open()

        with ui.column().classes('mx-auto max-w-3xl w-full gap-4 p-4'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.label(t('dashboard.title')).classes('text-2xl font-bold')
                with ui.row():
                    ui.button(t('dashboard.new'), icon='add', on_click=lambda: dialog.open()) \
                        .props('unelevated').mark('new-meeting')
                    ui.button(t('dashboard.logout'), on_click=lambda: ui.navigate.to('/logout')).props('flat')
            with ui.row().classes('w-full items-center justify-between mt-2'):
                ui.label(t('dashboard.networks')).classes('text-xl font-semibold')
                with ui.row().classes('gap-1'):
                    ui.button(t('dashboard.import_network'), icon='upload_file', on_click=import_network) \
                        .props('flat').mark('import-network')
                    ui.button(t('dashboard.new_network'), icon='hub', on_click=new_network).props('outline') \
                        .mark('new-network')
            networks = await system.networks.of(me, date.today())
            if not networks:
                ui.label(t('dashboard.no_networks')).classes('text-grey-7')
            for network in networks:
                with ui.card().classes('w-full').mark('network-card'), ui.row().classes('w-full items-center no-wrap'):
                    with ui.column().classes('gap-0 grow min-w-0'):
                        ui.link(network.name, f'/n/{network.id}').classes('text-lg font-semibold break-words')
                        upcoming = network.next_meeting
                        details = [t.plural('network.members', network.members),
                                   t('dashboard.next', title=upcoming.title,
                                     when=t.date(upcoming.date) if upcoming.date else '') if upcoming else '']
                        ui.label(' · '.join(d for d in details if d)).classes('text-grey-7 break-words')
                    ui.button(t('dashboard.open'), on_click=lambda n=network: ui.navigate.to(f'/n/{n.id}')) \
                        .props('outline')
            ui.label(t('dashboard.stand_alone')).classes('text-xl font-semibold mt-2')
            meetings = await system.meetings.of(me, stand_alone=True)
            if not meetings:
                ui.label(t('dashboard.empty')).classes('text-grey-7')
            for meeting in meetings:
                with ui.card().classes('w-full').mark('meeting-card'), ui.row().classes('w-full items-center'):
                    with ui.column().classes('gap-0 grow'):
                        ui.link(meeting.title, f'/m/{meeting.id}/control').classes('text-lg font-semibold')
                        details = [t.date(meeting.date) if meeting.date else '',
                                   t('dashboard.code', code=meeting.join_code), t(f'state.{meeting.state}')]
                        ui.label(' · '.join(d for d in details if d)).classes('text-grey-7')
                    ui.button(t('dashboard.open'), on_click=lambda m=meeting: ui.navigate.to(f'/m/{m.id}/control')) \
                        .props('outline')

        with ui.dialog() as dialog, ui.card().classes('w-96 gap-3'):
            ui.label(t('dashboard.new')).classes('text-xl font-bold')
            title = ui.input(t('meeting.title')).props('outlined autofocus').classes('w-full').mark('meeting-title')
            when = ui.date_input(t('meeting.date')).props('outlined').classes('w-full').mark('meeting-date')

            async def create() -> None:
                try:
                    meeting = await system.meetings.create(me, title.value, when.value, language=lang)
                except Refused as error:
                    notify_refused(t, error, 'negative')
                    return
                ui.navigate.to(f'/m/{meeting}/control')

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('dashboard.create'), on_click=create).props('unelevated').mark('create-meeting')
