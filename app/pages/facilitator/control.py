"""The facilitator's control view of one meeting."""

from __future__ import annotations

from fastapi import Request
from nicegui import ui

from app.domain.meetings import MAX_INVITE_LABEL, MAX_PARTICIPANTS, MeetingInfo
from app.domain.people import clean_text
from app.i18n import LANGUAGES, Translate
from app.live.room import Room
from app.pages.access import deny_facilitator, room_for_facilitator
from app.pages.common import base_url, header, unreachable, use_language
from app.pages.facilitator.agenda import AgendaEditor
from app.pages.facilitator.bus_notice import BusNotice
from app.pages.facilitator.live import LivePanel
from app.pages.facilitator.network_card import NetworkCard
from app.pages.facilitator.recap_card import RecapCard
from app.pages.facilitator.remote_card import RemoteCard
from app.pages.facilitator.report_card import ReportCard
from app.pages.facilitator.roster import RosterCard
from app.services.evaluations import Evaluations
from app.services.meetings import Meetings
from app.services.networks import Networks
from app.system import System
from app.ui.messages import attempt, limited


def register(system: System) -> None:
    @ui.page('/m/{meeting}/control')
    async def control_page(meeting: str, request: Request) -> None:
        lang, t = use_language(system)
        room, why = await room_for_facilitator(system, meeting, request.url.path)
        header(lang, t, facilitator=why != 'access.login_needed')
        if room is None:
            deny_facilitator(t, why, t('access.control_only'))
            return
        view = ControlView(room, t, lang, base_url(system, request), system.meetings, system.networks,
                           system.evaluations)
        view.video_url = system.settings.video_url  # the app's Jitsi base URL (the remote card's placeholder)
        if system.bus is not None and system.bus.shared:  # several instances: say when they cannot reach each other
            with ui.row().classes('w-full px-4 pt-2'):
                BusNotice(system.bus, t).build()
        await view.build()


class ControlView:
    def __init__(self, room: Room, t: Translate, lang: str, base: str, meetings: Meetings, networks: Networks,
                 evaluations: Evaluations | None = None) -> None:
        self.room, self.t, self.lang, self.base, self.meetings, self.networks = room, t, lang, base, meetings, networks
        self.evaluations = evaluations
        self.video_url = ''
        self.invites = ui.refreshable(self._invites)

    def screen_url(self) -> str:
        return f'{self.base}/m/{self.room.info.id}/screen?key={self.room.info.screen_key}'

    async def build(self) -> None:
        t, info = self.t, self.room.info
        with ui.row().classes('w-full px-4 pt-4 gap-6 items-start no-wrap max-lg:flex-wrap'):
            with ui.column().classes('w-full lg:w-1/2'):
                AgendaEditor(self.room, self.meetings, t, self.lang).build()
            with ui.column().classes('w-full lg:w-1/2'):
                LivePanel(self.room, t, self.lang).build()
        with ui.row().classes('w-full p-4 gap-6 items-start no-wrap max-lg:flex-wrap'):
            with ui.column().classes('gap-4 w-full lg:w-1/2'):
                with ui.row().classes('w-full items-center justify-between no-wrap gap-2'):
                    ui.label(info.title).classes('text-2xl font-bold break-words min-w-0').mark('meeting-title')
                    ui.button(t('control.save_template'), icon='bookmark_add', on_click=self._save_template) \
                        .props('flat dense no-caps').mark('save-template')
                if info.network_id is not None:
                    await NetworkCard(self.room, self.networks, t).build()
                    if self.evaluations is not None:  # "Vorige keer", when there was a previous meeting
                        await RecapCard(self.room, self.evaluations, t, self.lang).build()
                with ui.card().classes('w-full gap-2'):
                    ui.label(t('control.join')).classes('text-lg font-semibold')
                    with ui.row().classes('items-baseline gap-3'):
                        ui.label(info.join_code).classes('text-4xl font-mono font-black tracking-widest') \
                            .mark('join-code').props('data-testid=join-code')
                        ui.label(f'{self.base}/{info.join_code}').classes('text-grey-8 break-all') \
                            .mark('participant-url')
                    if unreachable(self.base):
                        ui.label(t('control.unreachable')).classes('text-negative font-semibold') \
                            .props('role=alert data-testid=unreachable')
                    self.lock = ui.switch(t('control.locked'), value=info.locked, on_change=self._toggle_lock) \
                        .mark('lock')
                    self.state = ui.switch(t('control.closed'), value=info.state == 'closed',
                                           on_change=self._toggle_closed).mark('close-meeting')
                    with ui.row().classes('w-full items-center gap-4'):
                        self.most = ui.number(t('control.max_participants'), value=info.max_participants or None,
                                              min=0, max=MAX_PARTICIPANTS, step=1, format='%d') \
                            .props('outlined dense clearable').classes('w-64').mark('max-participants')
                        self.most.on('change', self._set_most)
                        self.language = ui.toggle({code: code.upper() for code in LANGUAGES},
                                                  value=info.language or self.lang, on_change=self._set_language) \
                            .props('dense no-caps').tooltip(t('control.screen_language')).mark('screen-language')
                self._screen_card()
                RemoteCard(self.room, t, self.base, self.video_url).build()
                self._moderator_card()
                ReportCard(self.room, t, self.base).build()
            RosterCard(self.room, t).build()
        self.room.settings.changed.subscribe(self._meeting_changed)
        self.room.invites.changed.subscribe(self.invites.refresh)

    def _screen_card(self) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2'):
            ui.label(t('control.screen')).classes('text-lg font-semibold')
            ui.label(t('control.screen_help')).classes('text-grey-7 text-sm')
            self.screen_link = ui.input(value=self.screen_url()).props('readonly outlined dense') \
                .classes('w-full').mark('screen-link').props('data-testid=screen-link')
            with ui.row():
                ui.button(t('control.copy'), icon='content_copy',
                          on_click=lambda: self._copy(self.screen_link.value)).props('outline').mark('copy-screen')
                ui.button(t('control.open_screen'), icon='open_in_new',
                          on_click=lambda: ui.navigate.to(self.screen_link.value, new_tab=True)) \
                    .props('outline').mark('open-screen')
                ui.button(t('control.new_screen_link'), icon='autorenew', on_click=self.room.invites.new_screen_key) \
                    .props('flat').mark('new-screen-link')

    def _moderator_card(self) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2'):
            ui.label(t('control.moderators')).classes('text-lg font-semibold')
            with ui.row().classes('w-full items-center no-wrap'):
                label = limited(ui.input(t('control.moderator_name')).props('outlined dense'), MAX_INVITE_LABEL, t) \
                    .classes('grow').mark('moderator-label')

                async def create() -> None:
                    if await attempt(t, lambda: self.room.invites.create(clean_text(label.value)), 'negative'):
                        label.set_value('')

                ui.button(t('control.invite'), icon='person_add', on_click=create).props('unelevated') \
                    .mark('create-invite')
            self.invites()

    def _invites(self) -> None:
        t = self.t
        for invite in self.room.invites.by_key.values():
            if invite.revoked:
                continue
            url = f'{self.base}/m/{self.room.info.id}/moderate?key={invite.key}'
            with ui.row().classes('w-full items-center gap-2').mark('invite'):  # wraps on a narrow screen
                ui.label(invite.label or t('control.moderator')).classes('font-semibold break-words max-w-full')
                ui.input(value=url).props('readonly dense borderless').classes('grow min-w-[12rem]') \
                    .mark('invite-link').props('data-testid=invite-link')
                ui.button(icon='content_copy', on_click=lambda u=url: self._copy(u)).props('flat round') \
                    .tooltip(t('control.copy'))
                ui.button(t('control.revoke'), on_click=lambda i=invite.id: self.room.invites.revoke(i)) \
                    .props('flat color=negative').mark('revoke-invite')

    def _save_template(self) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('w-96 gap-2'):
            ui.label(t('control.save_template')).classes('text-lg font-bold')
            name = ui.input(t('control.template_name'), value=self.room.info.title).props('outlined autofocus') \
                .classes('w-full').mark('template-name')

            async def save() -> None:
                if await attempt(t, lambda: self.networks.planning.save_template(self.room.info.facilitator_id,
                                                                                 self.room, name.value), 'negative'):
                    dialog.close()
                    ui.notify(t('control.template_saved'), type='positive')

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('common.save'), on_click=save).props('unelevated').mark('save-template-confirm')
        dialog.on('hide', dialog.delete)
        dialog.open()

    async def _copy(self, text: str) -> None:
        ui.clipboard.write(text)
        ui.notify(self.t('control.copied'))

    async def _set_most(self) -> None:
        most = int(self.most.value or 0)
        if most != self.room.info.max_participants:
            await self.room.settings.set_max_participants(most)

    async def _set_language(self, event) -> None:
        if event.value and event.value != (self.room.info.language or self.lang):
            await attempt(self.t, lambda: self.room.settings.set_language(event.value))

    async def _toggle_lock(self, event) -> None:
        if bool(event.value) != self.room.info.locked:
            await self.room.settings.set_locked(bool(event.value))

    async def _toggle_closed(self, event) -> None:
        state = 'closed' if event.value else 'open'
        if state != self.room.info.state:
            await self.room.settings.set_state(state)

    def _meeting_changed(self, info: MeetingInfo) -> None:
        self.lock.set_value(info.locked)
        self.state.set_value(info.state == 'closed')
        self.most.set_value(info.max_participants or None)
        if info.language:
            self.language.set_value(info.language)
        self.screen_link.set_value(self.screen_url())
