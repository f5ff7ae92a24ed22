"""The report pages: a meeting's (``/m/{id}/report``: the facilitator; ``?key=…``: the read-only share link) and a
network's (``/n/{id}/report``). Each shows the report's HTML (the same the PDF prints) with its downloads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from nicegui import app, ui

from app.domain.errors import Refused
from app.domain.meetings import MeetingInfo
from app.domain.report import Document
from app.domain.report_render import CSS
from app.i18n import Translate
from app.pages.access import deny_facilitator, deny_key, room_for_facilitator
from app.pages.common import facilitator_id, header, parse_id, use_language
from app.services.reports import Reports, file_name
from app.system import System
from app.ui.messages import message_card

# what a printed page leaves out: the app's bar and the buttons
PRINT_CSS = ('@media print { .q-header, .report-actions { display: none !important; } '
             '.q-page-container { padding-top: 0 !important; } .nicegui-content { padding: 0 !important; } }')


def register(system: System) -> None:
    @ui.page('/m/{meeting}/report')
    async def meeting_report(meeting: str, request: Request, key: str | None = None) -> None:
        lang, t = use_language(system)
        reports = system.reports
        if key is not None:  # the share link: no login, the same report
            room = await reports.shared(parse_id(meeting), key)
            header(lang, t)
            if room is None:
                deny_key(t, t('report.link_invalid'), t('report.link_invalid_help'), marker='report-denied')
                return
        else:
            room, why = await room_for_facilitator(system, meeting, request.url.path)
            header(lang, t, facilitator=why != 'access.login_needed')
            if room is None:
                deny_facilitator(t, why, t('report.facilitator_only'))
                return
        if key is None:
            await ReportView(reports, lambda: reports.document(room, t, lang), t, f'/m/{room.info.id}/control').build()
            return
        view = ReportView(reports, lambda: reports.shared_document(room.info.id, key, t, lang), t)
        await view.build()

        def meeting_changed(info: MeetingInfo) -> None:
            if info.report_key != key:  # revoked or renewed: this page stops at once
                room.settings.changed.unsubscribe(meeting_changed)
                view.stop()

        room.settings.changed.subscribe(meeting_changed)

    @ui.page('/n/{network}/report')
    async def network_report(network: str, request: Request) -> None:
        lang, t = use_language(system)
        me = facilitator_id()
        header(lang, t, facilitator=me is not None)
        if me is None:
            app.storage.user['after_login'] = request.url.path
            message_card(t('access.login_needed'), t('report.facilitator_only'), link=(t('login.title'), '/login'),
                         marker='access-denied')
            return
        network_id = parse_id(network)
        reports = system.reports
        document = await reports.network(me, network_id, t, lang) if network_id is not None else None
        if document is None:  # no such network, or another facilitator's
            ui.context.client.status_code = 404
            message_card(t('error.unknown_network'), link=(t('dashboard.title'), '/dashboard'), marker='access-denied')
            return

        async def fresh() -> Document:
            return await reports.network(me, network_id, t, lang) or document

        await ReportView(reports, fresh, t, f'/n/{network_id}', document).build()


class ReportView:
    """The buttons (PDF, Markdown, print, refresh) and the report; each download is made from the data of now. A
    refused ``fetch`` (a share link revoked while the page is open) replaces it all by the refusal."""

    def __init__(self, reports: Reports, fetch: Callable[[], Awaitable[Document]], t: Translate, back: str = '',
                 first: Document | None = None) -> None:
        self.reports, self.fetch, self.t, self.back, self.document = reports, fetch, t, back, first

    async def build(self) -> None:
        t = self.t
        self.document = self.document or await self.fetch()
        ui.add_css(CSS + PRINT_CSS)
        with ui.column().classes('w-full max-w-5xl mx-auto p-4 gap-4') as self.content:
            with ui.row().classes('report-actions w-full items-center gap-2'):
                ui.button(t('report.download_pdf'), icon='picture_as_pdf', on_click=self._pdf) \
                    .props('unelevated no-caps').mark('download-pdf').props('data-testid=download-pdf')
                ui.button(t('report.download_markdown'), icon='description', on_click=self._markdown) \
                    .props('outline no-caps').mark('download-markdown').props('data-testid=download-markdown')
                ui.button(t('report.print'), icon='print', on_click=lambda: ui.run_javascript('window.print()')) \
                    .props('flat no-caps').mark('print-report')
                ui.button(t('report.refresh'), icon='refresh', on_click=self._refresh) \
                    .props('flat no-caps').mark('refresh-report')
                if self.back:
                    ui.link(t('report.back'), self.back).classes('ml-auto').mark('report-back')
            self.body = ui.html(self.reports.html(self.document, t)).classes('w-full').mark('report-body')

    def stop(self) -> None:
        """The link no longer works: the report and its buttons go, the refusal shows."""
        self.content.clear()
        with self.content:
            message_card(self.t('report.link_invalid'), self.t('report.link_invalid_help'), marker='report-denied')

    async def _refresh(self) -> bool:
        try:
            self.document = await self.fetch()
        except Refused:
            self.stop()
            return False
        self.body.set_content(self.reports.html(self.document, self.t))
        return True

    async def _pdf(self) -> None:
        if not await self._refresh():
            return
        pdf = await self.reports.pdf(self.document, self.t)
        ui.download.content(pdf, file_name(self.document.title, 'pdf'), 'application/pdf')

    async def _markdown(self) -> None:
        if not await self._refresh():
            return
        text = self.reports.markdown(self.document, self.t)
        ui.download.content(text.encode('utf-8'), file_name(self.document.title, 'md'), 'text/markdown')
