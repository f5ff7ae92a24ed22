"""The control view's report card: open the report, and its read-only share link (make, copy, renew, revoke)."""

from __future__ import annotations

from nicegui import ui

from app.domain.meetings import MeetingInfo
from app.i18n import Translate
from app.live.room import Room
from app.ui.messages import attempt


class ReportCard:
    def __init__(self, room: Room, t: Translate, base: str) -> None:
        self.room, self.t, self.base = room, t, base
        self.link = ui.refreshable(self._link)

    def share_url(self) -> str:
        key = self.room.info.report_key
        return f'{self.base}/m/{self.room.info.id}/report?key={key}' if key else ''

    def build(self) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2').mark('report-card').props('data-testid=report-card'):
            ui.label(t('report.card')).classes('text-lg font-semibold')
            ui.label(t('report.card_help')).classes('text-grey-7 text-sm')
            ui.button(t('report.open'), icon='summarize',
                      on_click=lambda: ui.navigate.to(f'/m/{self.room.info.id}/report', new_tab=True)) \
                .props('unelevated').mark('open-report').props('data-testid=open-report')
            self.link()
        self._shown = self.room.info.report_key
        self.room.settings.changed.subscribe(self._changed)

    def _link(self) -> None:
        t, url = self.t, self.share_url()
        if not url:
            ui.label(t('report.no_link')).classes('text-grey-8 text-sm').mark('report-no-link') \
                .props('data-testid=report-no-link')
            ui.button(t('report.make_link'), icon='link', on_click=self._new) \
                .props('outline').mark('make-report-link').props('data-testid=make-report-link')
            return
        ui.input(t('report.share_link'), value=url).props('readonly outlined dense').classes('w-full') \
            .mark('report-link').props('data-testid=report-link')
        with ui.row().classes('gap-2'):
            ui.button(t('control.copy'), icon='content_copy', on_click=lambda: self._copy(url)) \
                .props('outline').mark('copy-report-link').props('data-testid=copy-report-link')
            ui.button(t('report.new_link'), icon='autorenew', on_click=self._new) \
                .props('flat').mark('new-report-link').props('data-testid=new-report-link')
            ui.button(t('control.revoke'), icon='link_off', on_click=self._revoke) \
                .props('flat color=negative').mark('revoke-report-link').props('data-testid=revoke-report-link')

    async def _new(self) -> None:
        await attempt(self.t, self.room.invites.new_report_key, 'negative')

    async def _revoke(self) -> None:
        if await attempt(self.t, self.room.invites.revoke_report_key, 'negative'):
            ui.notify(self.t('report.link_revoked'))

    def _copy(self, url: str) -> None:
        ui.clipboard.write(url)
        ui.notify(self.t('control.copied'))

    def _changed(self, info: MeetingInfo) -> None:
        if info.report_key != self._shown:  # another change of the meeting leaves the card as it is
            self._shown = info.report_key
            self.link.refresh()
