"""The control view's "Waar vindt het plaats?" card: in the room, online or hybrid, the main call's link, where the
video rooms come from (a Jitsi base URL or pasted links), and "Link voor de chat" (the join link to paste in a call
or an invitation)."""

from __future__ import annotations

from nicegui import ui

from app.domain.meetings import MeetingInfo
from app.domain.video import MAX_URL, MODES, check_remote
from app.i18n import Translate
from app.live.room import Room
from app.ui.messages import attempt, limited


def invite_text(t: Translate, join_url: str, code: str, plenary_url: str) -> str:
    """The ready text for a calendar invitation or the call's chat."""
    lines = [t('remote.invite_join', url=join_url, code=code)]
    if plenary_url:
        lines.append(t('remote.invite_plenary', url=plenary_url))
    return '\n'.join(lines)


class RemoteCard:
    def __init__(self, room: Room, t: Translate, base: str, app_video_url: str = '') -> None:
        self.room, self.t, self.base, self.app_video_url = room, t, base, app_video_url

    def join_url(self) -> str:
        return f'{self.base}/{self.room.info.join_code}'

    def build(self) -> None:
        t, info = self.t, self.room.info
        with ui.card().classes('w-full gap-3').mark('remote-card').props('data-testid=remote-card'):
            ui.label(t('remote.card')).classes('text-lg font-semibold')
            ui.label(t('remote.help')).classes('text-grey-7 text-sm')
            self.mode = ui.toggle({mode: t(f'remote.mode_{mode}') for mode in MODES}, value=info.mode or 'room',
                                  on_change=self._mode_shown).props('no-caps data-testid=remote-mode') \
                .mark('remote-mode')
            with ui.column().classes('w-full gap-2') as self.details:
                self.plenary = ui.input(t('remote.plenary'), value=info.plenary_url) \
                    .props('outlined dense type=url data-testid=remote-plenary') \
                    .classes('w-full').mark('remote-plenary')
                placeholder = t('remote.video_base_app', url=self.app_video_url) if self.app_video_url \
                    else t('remote.video_base_none')
                self.video_base = ui.input(t('remote.video_base'), value=info.video_base, placeholder=placeholder) \
                    .props('outlined dense type=url stack-label data-testid=remote-video-base') \
                    .classes('w-full').mark('remote-video-base')
                limited(self.plenary, MAX_URL, t)
                limited(self.video_base, MAX_URL, t)
                self.links = ui.textarea(t('remote.links'), value='\n'.join(info.video_links)) \
                    .props('outlined dense autogrow data-testid=remote-links').classes('w-full').mark('remote-links')
                ui.label(t('remote.links_help')).classes('text-grey-7 text-sm')
                self.link_count = ui.label().classes('text-sm font-semibold') \
                    .props('data-testid=remote-link-count').mark('remote-link-count')
                self.mixed = ui.checkbox(t('remote.mixed'), value=info.mixed).props('data-testid=remote-mixed') \
                    .mark('remote-mixed')
            ui.button(t('common.save'), icon='save', on_click=self._save).props('unelevated data-testid=remote-save') \
                .mark('remote-save')
            ui.separator()
            ui.label(t('remote.chat_link')).classes('text-base font-semibold')
            ui.label(t('remote.chat_help')).classes('text-grey-7 text-sm')
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                self.chat_link = ui.input(value=self.join_url()) \
                    .props('readonly outlined dense data-testid=chat-link').classes('grow min-w-0').mark('chat-link')
                ui.button(icon='content_copy', on_click=lambda: self._copy(self.chat_link.value)) \
                    .props('flat round data-testid=copy-chat-link').tooltip(t('control.copy')).mark('copy-chat-link')
            self.invite = ui.textarea(t('remote.invite_text'), value=self._invite_text()) \
                .props('readonly outlined dense autogrow data-testid=invite-text').classes('w-full') \
                .mark('invite-text')
            ui.button(t('remote.copy_text'), icon='content_copy', on_click=lambda: self._copy(self.invite.value)) \
                .props('outline data-testid=copy-invite-text').mark('copy-invite-text')
        self.shown = self._remote_of(info)
        self._show(info)
        self.room.settings.changed.subscribe(self._meeting_changed)

    @staticmethod
    def _remote_of(info: MeetingInfo) -> tuple:
        return info.mode, info.plenary_url, info.video_base, info.video_links, info.mixed

    def _invite_text(self) -> str:
        info = self.room.info
        return invite_text(self.t, self.join_url(), info.join_code, info.plenary_url)

    def _mode_shown(self) -> None:
        mode = self.mode.value or 'room'
        self.details.set_visibility(mode != 'room')
        self.mixed.set_visibility(mode == 'hybrid')

    def _show(self, info: MeetingInfo) -> None:
        count = len(info.video_links)
        self.link_count.set_text(self.t.plural('remote.link_count', count) if count else '')
        self.link_count.set_visibility(bool(count))
        self._mode_shown()

    async def _save(self) -> None:
        t = self.t

        async def save() -> None:
            remote = check_remote(self.mode.value, self.plenary.value, self.video_base.value, self.links.value,
                                  bool(self.mixed.value) and self.mode.value == 'hybrid')
            await self.room.settings.set_remote(remote)

        if await attempt(t, save, 'negative'):
            ui.notify(t('remote.saved'), type='positive')

    def _meeting_changed(self, info: MeetingInfo) -> None:
        """Saved here or in another tab: show what is stored. Other changes (the lock, the language) leave what is
        being typed here alone."""
        self.chat_link.set_value(self.join_url())
        self.invite.set_value(self._invite_text())
        if self._remote_of(info) == self.shown:
            return
        self.shown = self._remote_of(info)
        self.mode.set_value(info.mode or 'room')
        self.plenary.set_value(info.plenary_url)
        self.video_base.set_value(info.video_base)
        self.links.set_value('\n'.join(info.video_links))
        self.mixed.set_value(info.mixed)
        self._show(info)

    def _copy(self, text: str) -> None:
        ui.clipboard.write(text)
        ui.notify(self.t('control.copied'))
