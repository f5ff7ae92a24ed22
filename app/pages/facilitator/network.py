"""A learning network's page: what it is, its members, the series of meetings, attendance, topics, agreements."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from nicegui import app, ui

from app.domain.errors import Refused
from app.domain.networks import ADVISED_MEMBERS, MAX_EMAIL, MAX_ROLE, Attendance
from app.domain.people import MAX_NAME, MAX_ORGANISATION
from app.i18n import Translate
from app.pages.common import base_url, facilitator_id, header, parse_id, use_language
from app.pages.facilitator.network_forms import network_dialog, plan_dialog
from app.services.network_agreements import AgreementInfo
from app.services.network_members import MemberInfo
from app.services.network_plan import PlannedMeeting
from app.services.network_topics import TopicBoard
from app.services.networks import NetworkInfo, Networks
from app.system import System
from app.ui.messages import attempt, limited, message_card, notify_refused
from components.async_section import AsyncSection


def register(system: System) -> None:
    @ui.page('/n/{network}')
    async def network_page(network: str, request: Request) -> None:
        lang, t = use_language(system)
        me = facilitator_id()
        if me is None:
            app.storage.user['after_login'] = request.url.path
            header(lang, t)
            message_card(t('access.login_needed'), t('access.control_only'), link=(t('login.title'), '/login'),
                         marker='access-denied')
            return
        network_id = parse_id(network)
        info = await system.networks.get(me, network_id) if network_id is not None else None
        header(lang, t, facilitator=True)
        if info is None:
            ui.context.client.status_code = 404
            message_card(t('error.unknown_network'), link=(t('dashboard.title'), '/dashboard'),
                         marker='unknown-network')
            return
        await NetworkView(system, me, info, t, lang, base_url(system, request)).build()


class NetworkView:
    def __init__(self, system: System, me: int, info: NetworkInfo, t: Translate, lang: str, base: str) -> None:
        self.system, self.me, self.info, self.t, self.lang, self.base = system, me, info, t, lang, base
        self.networks: Networks = system.networks
        self.about = ui.refreshable(self._about)
        # drawn from fetched data: AsyncSection (components/) draws once the data is there, and only the latest
        # of overlapping refreshes (ui.refreshable clears before its await: a flicker, or drawn twice)
        self.members: AsyncSection[list[MemberInfo]]
        self.meetings: AsyncSection[tuple[list[PlannedMeeting], list[MemberInfo]]]
        self.attendance: AsyncSection[Attendance]
        self.topics: AsyncSection[tuple[TopicBoard, list[PlannedMeeting]]]
        self.agreements: AsyncSection[tuple[list[AgreementInfo], list[PlannedMeeting]]]

    async def build(self) -> None:
        with ui.column().classes('mx-auto max-w-5xl w-full gap-4 p-4') as self.root:
            self.about()
            with ui.row().classes('w-full gap-4 items-start no-wrap max-md:flex-wrap'):
                with ui.column().classes('w-full md:w-1/2 gap-4'):
                    self.meetings = AsyncSection(self._fetch_meetings, self._meetings)
                    self.topics = AsyncSection(self._fetch_topics, self._topics)
                    self.agreements = AsyncSection(self._fetch_agreements, self._agreements)
                with ui.column().classes('w-full md:w-1/2 gap-4'):
                    self.members = AsyncSection(lambda: self.networks.members.all(self.me, self.info.id), self._members)
            self.attendance = AsyncSection(lambda: self.networks.members.attendance(self.me, self.info.id),
                                           self._attendance)
            for section in self._sections():
                await section.refresh()
            await self._evaluation()

    def _sections(self) -> tuple[AsyncSection[Any], ...]:
        return self.members, self.meetings, self.attendance, self.topics, self.agreements

    async def refresh_all(self) -> None:
        self.info = await self.networks.get(self.me, self.info.id) or self.info
        self.about.refresh()
        for section in self._sections():
            await section.refresh()

    # what it is
    def _about(self) -> None:
        t, info = self.t, self.info
        with ui.card().classes('w-full gap-1').props('data-testid=network-about'):
            with ui.row().classes('w-full items-start justify-between gap-2 sm:flex-nowrap'):
                ui.label(info.name).classes('text-2xl font-bold break-words min-w-0').props('data-testid=network-name')
                with ui.row().classes('gap-1 no-wrap'):
                    ui.button(icon='edit', on_click=self._edit).props('flat round').tooltip(t('network.edit')) \
                        .props('data-testid=edit-network')
                    ui.button(icon='download', on_click=self._export).props('flat round') \
                        .tooltip(t('network.export')).props('data-testid=export-network')
                    ui.button(icon='summarize', on_click=lambda: ui.navigate.to(f'/n/{info.id}/report')) \
                        .props('flat round').tooltip(t('report.network_open')).props('data-testid=network-report')
                    ui.button(icon='delete', on_click=self._confirm_delete).props('flat round color=negative') \
                        .tooltip(t('network.delete')).props('data-testid=delete-network')
            if info.goal:
                ui.label(info.goal).classes('text-grey-8 break-words whitespace-pre-line')
            period = ' – '.join(t.date(d) for d in (info.starts_on, info.ends_on) if d)
            details = [period, t.plural('network.planned', info.planned_meetings), info.place]
            ui.label(' · '.join(d for d in details if d)).classes('text-grey-7')

    async def _edit(self) -> None:
        async def save(values: dict) -> bool:
            if await attempt(self.t, lambda: self.networks.update(self.me, self.info.id, **values), 'negative'):
                await self.refresh_all()
                return True
            return False

        network_dialog(self.t, save, self.info)

    async def _export(self) -> None:
        try:
            name, content = await self.system.network_export.export_file(self.me, self.info.id)
        except Refused as error:
            notify_refused(self.t, error, 'negative')
            return
        ui.download(content, name, 'application/json')

    def _confirm_delete(self) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('gap-3 max-w-md'):
            ui.label(t('network.delete_confirm', name=self.info.name)).classes('text-lg break-words')
            ui.label(t('network.delete_help')).classes('text-grey-8')

            async def delete(with_meetings: bool) -> None:
                dialog.close()
                with self.root:  # the dialog (this button's slot) goes once the browser hid it
                    if await attempt(t, lambda: self.networks.delete(self.me, self.info.id, with_meetings),
                                     'negative'):
                        ui.navigate.to('/dashboard')

            with ui.column().classes('w-full items-stretch gap-2'):
                ui.button(t('network.delete_keep'), on_click=lambda: delete(False)).props('outline') \
                    .props('data-testid=delete-keep-meetings')
                ui.button(t('network.delete_all'), on_click=lambda: delete(True)) \
                    .props('unelevated color=negative').props('data-testid=delete-with-meetings')
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
        dialog.on('hide', dialog.delete)
        dialog.open()

    # members
    def _members(self, members: list[MemberInfo]) -> None:
        t = self.t
        with ui.card().classes('w-full gap-2').props('data-testid=members-card'):
            ui.label(t.plural('network.members', len(members))).classes('text-lg font-semibold') \
                .props('data-testid=member-count')
            if len(members) > ADVISED_MEMBERS:
                ui.label(t('network.many_members', advised=ADVISED_MEMBERS)) \
                    .classes('bg-amber-2 rounded p-2').props('role=status').props('data-testid=many-members')
            with ui.list().props('separator dense').classes('w-full'):
                for member in members:
                    self._member_row(member)
            with ui.row().classes('w-full items-end gap-2'):
                name = ui.input(t('participant.name')).props('outlined dense') \
                    .classes('grow min-w-[8rem]').props('data-testid=member-name')
                org = ui.input(t('participant.organisation')) \
                    .props('outlined dense').classes('grow min-w-[8rem]') \
                    .props('data-testid=member-organisation')
            with ui.row().classes('w-full items-end gap-2'):
                role = ui.input(t('network.role')).props('outlined dense') \
                    .classes('grow min-w-[8rem]').props('data-testid=member-role')
                email = ui.input(t('network.email')).props('outlined dense type=email') \
                    .classes('grow min-w-[8rem]').props('data-testid=member-email')
            for field, most in ((name, MAX_NAME), (org, MAX_ORGANISATION), (role, MAX_ROLE), (email, MAX_EMAIL)):
                limited(field, most, t)

            async def add() -> None:
                if await attempt(t, lambda: self.networks.members.add(self.me, self.info.id, name.value, org.value,
                                                                      role.value, email.value), 'negative'):
                    await self.refresh_all()

            with ui.row().classes('gap-1'):
                ui.button(t('network.add_member'), icon='person_add', on_click=add).props('unelevated') \
                    .props('data-testid=add-member')
                ui.button(t('network.paste_members'), icon='content_paste', on_click=self._paste).props('flat') \
                    .props('data-testid=paste-members')
                ui.button(t('network.from_meeting'), icon='groups', on_click=self._from_meeting).props('flat') \
                    .props('data-testid=members-from-meeting')

    def _member_row(self, member: MemberInfo) -> None:
        t = self.t
        with ui.item().classes('flex-wrap').props('data-testid=member-row'):
            with ui.item_section().classes('min-w-[10rem]'):
                ui.item_label(member.name).classes('break-words font-semibold')
                details = [member.organisation, member.role, member.email]
                ui.item_label(' · '.join(d for d in details if d)).props('caption').classes('break-words')
            with ui.item_section().props('side'), ui.row().classes('gap-0 no-wrap'):
                ui.button(icon='edit', on_click=lambda m=member: self._edit_member(m)).props('flat round dense') \
                    .tooltip(t('network.edit_member')).props('data-testid=edit-member')
                ui.button(icon='person_remove', on_click=lambda m=member: self._confirm_forget(m)) \
                    .props('flat round dense color=negative').tooltip(t('network.forget')) \
                    .props('data-testid=forget-member').mark('forget-member')

    def _edit_member(self, member: MemberInfo) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('w-96 gap-2'):
            ui.label(t('network.edit_member')).classes('text-lg font-bold')
            name = ui.input(t('participant.name'), value=member.name).props('outlined').classes('w-full')
            org = ui.input(t('participant.organisation'), value=member.organisation).props('outlined') \
                .classes('w-full')
            role = ui.input(t('network.role'), value=member.role).props('outlined').classes('w-full')
            email = ui.input(t('network.email'), value=member.email).props('outlined').classes('w-full')

            async def save() -> None:
                if await attempt(t, lambda: self.networks.members.update(self.me, self.info.id, member.id, name.value,
                                                                         org.value, role.value, email.value),
                                 'negative'):
                    dialog.close()
                    await self.refresh_all()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('common.save'), on_click=save).props('unelevated').props('data-testid=save-member')
        dialog.on('hide', dialog.delete)
        dialog.open()

    def _confirm_forget(self, member: MemberInfo) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('gap-3 max-w-md'):
            ui.label(t('network.forget_confirm', name=member.name)).classes('text-lg break-words')
            ui.label(t('network.forget_help')).classes('text-grey-8')

            async def forget() -> None:
                dialog.close()
                # the browser hides the dialog while the forgetting runs and the dialog, this button's slot, is
                # deleted: what follows (the message, the refresh) runs in the page, which stays
                with self.root:
                    if await attempt(t, lambda: self.networks.members.forget(self.me, self.info.id, member.id),
                                     'negative'):
                        ui.notify(t('network.forgotten', name=member.name))
                        await self.refresh_all()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('network.forget'), on_click=forget).props('unelevated color=negative') \
                    .props('data-testid=forget-confirm').mark('forget-confirm')
        dialog.on('hide', dialog.delete)
        dialog.open()

    def _paste(self) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('w-[36rem] max-w-full gap-2'):
            ui.label(t('network.paste_members')).classes('text-lg font-bold')
            ui.label(t('network.paste_help')).classes('text-grey-8 text-sm')
            text = ui.textarea(placeholder='Anna Peeters, Woonzorg Brugge').props('outlined autogrow') \
                .classes('w-full').props('data-testid=paste-text')

            async def add() -> None:
                try:
                    added, pasted = await self.networks.members.paste(self.me, self.info.id, text.value or '')
                except Refused as error:
                    notify_refused(t, error, 'negative')
                    return
                dialog.close()
                ui.notify(t.plural('network.pasted', added), type='positive' if added else 'info')
                if pasted.doubles:
                    ui.notify(t('network.pasted_doubles', lines=', '.join(map(str, pasted.doubles))),
                              type='warning', multi_line=True)
                for line in pasted.problems[:5]:
                    ui.notify(t('network.pasted_problem', line=line.number, reason=line.problem.text(t)),
                              type='warning', multi_line=True)
                await self.refresh_all()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('network.add_members'), on_click=add).props('unelevated').props('data-testid=paste-add')
        dialog.on('hide', dialog.delete)
        dialog.open()

    async def _from_meeting(self) -> None:
        t = self.t
        meetings = await self.networks.planning.meetings(self.me, self.info.id)
        if not meetings:
            ui.notify(t('network.no_meetings_yet'))
            return
        with ui.dialog() as dialog, ui.card().classes('w-96 gap-2'):
            ui.label(t('network.from_meeting')).classes('text-lg font-bold')
            ui.label(t('network.from_meeting_help')).classes('text-grey-8 text-sm')
            which = ui.select({m.id: m.title for m in meetings}, value=meetings[-1].id).props('outlined') \
                .classes('w-full').props('data-testid=from-meeting-select')

            async def take() -> None:
                try:
                    count = await self.networks.members.from_meeting(self.me, self.info.id, which.value)
                except Refused as error:
                    notify_refused(t, error, 'negative')
                    return
                dialog.close()
                ui.notify(t.plural('network.pasted', count))
                await self.refresh_all()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('network.add_members'), on_click=take).props('unelevated') \
                    .props('data-testid=from-meeting-add')
        dialog.on('hide', dialog.delete)
        dialog.open()

    # the series
    async def _fetch_meetings(self) -> tuple[list[PlannedMeeting], list[MemberInfo]]:
        meetings = await self.networks.planning.meetings(self.me, self.info.id)
        return meetings, await self.networks.members.all(self.me, self.info.id)

    def _meetings(self, data: tuple[list[PlannedMeeting], list[MemberInfo]]) -> None:
        t = self.t
        meetings, members = data
        with ui.card().classes('w-full gap-2').props('data-testid=meetings-card'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.label(t('network.meetings', done=len(meetings), planned=self.info.planned_meetings)) \
                    .classes('text-lg font-semibold')
                ui.button(t('network.plan'), icon='event', on_click=self._plan).props('unelevated') \
                    .props('data-testid=plan-meeting')
            if not meetings:
                ui.label(t('network.no_meetings_yet')).classes('text-grey-7')
            for number, meeting in enumerate(meetings, start=1):
                with ui.column().classes('w-full gap-1 border-t pt-2').props('data-testid=network-meeting') \
                        .props('data-testid=network-meeting'):
                    with ui.row().classes('w-full items-center justify-between no-wrap gap-2'):
                        with ui.column().classes('gap-0 min-w-0'):
                            ui.link(f'{number}. {meeting.title}', f'/m/{meeting.id}/control') \
                                .classes('font-semibold break-words').props('data-testid=meeting-link')
                            details = [t.date(meeting.date) if meeting.date else '', meeting.place,
                                       t('network.host_is', host=meeting.host) if meeting.host else '',
                                       t(f'state.{meeting.state}')]
                            ui.label(' · '.join(d for d in details if d)).classes('text-grey-7 text-sm break-words')
                        ui.button(icon='edit', on_click=lambda m=meeting: self._edit_plan(m)) \
                            .props('flat round dense').tooltip(t('network.edit_meeting')).props('data-testid=edit-plan')
                    for preparer_id, name, key in meeting.preparers:
                        url = f'{self.base}/m/{meeting.id}/prepare?key={key}'
                        with ui.row().classes('w-full items-center gap-1 no-wrap').props('data-testid=preparer'):
                            ui.icon('edit_note').classes('text-grey-7')
                            ui.label(t('network.preparer', name=name)).classes('text-sm break-words')
                            ui.input(value=url).props('readonly dense borderless').classes('grow min-w-[8rem]') \
                                .props('data-testid=preparer-link')
                            ui.button(icon='content_copy', on_click=lambda u=url: self._copy(u)) \
                                .props('flat round dense').tooltip(t('control.copy'))
                            ui.button(t('control.revoke'),
                                      on_click=lambda m=meeting.id, p=preparer_id: self._revoke(m, p)) \
                                .props('flat dense color=negative').props('data-testid=revoke-preparer')
                    if members and meeting.state != 'closed':
                        with ui.row().classes('items-center gap-1'):
                            who = ui.select({m.id: m.with_organisation for m in (x.ref for x in members)},
                                            label=t('network.add_preparer')).props('outlined dense') \
                                .classes('w-64').props('data-testid=preparer-select')
                            ui.button(icon='add', on_click=lambda m=meeting.id, w=who: self._add_preparer(m, w.value)) \
                                .props('flat round dense').tooltip(t('network.add_preparer')) \
                                .props('data-testid=add-preparer')

    def _copy(self, text: str) -> None:
        ui.clipboard.write(text)
        ui.notify(self.t('control.copied'))

    async def _plan(self) -> None:
        meetings = await self.networks.planning.meetings(self.me, self.info.id)
        members = await self.networks.members.all(self.me, self.info.id)
        templates = await self.networks.planning.templates(self.me, self.t)
        suggested = await self.networks.planning.suggested_host(self.me, self.info.id)

        async def create(values: dict) -> bool:
            try:
                meeting_id = await self.networks.planning.plan(self.me, self.info.id, t=self.t, **values)
            except Refused as error:
                notify_refused(self.t, error, 'negative')
                return False
            ui.navigate.to(f'/m/{meeting_id}/control')
            return True

        plan_dialog(self.t, create, self.info, meetings, sorted({m.organisation for m in members if m.organisation}),
                    templates, suggested)

    def _edit_plan(self, meeting) -> None:
        t = self.t
        with ui.dialog() as dialog, ui.card().classes('w-96 gap-2'):
            ui.label(t('network.edit_meeting')).classes('text-lg font-bold')
            title = ui.input(t('meeting.title'), value=meeting.title).props('outlined').classes('w-full')
            when = ui.date_input(t('meeting.date'), value=meeting.date.isoformat() if meeting.date else '') \
                .props('outlined').classes('w-full')
            place = ui.input(t('network.place'), value=meeting.place).props('outlined').classes('w-full')
            host = ui.input(t('network.host'), value=meeting.host).props('outlined').classes('w-full')

            async def save() -> None:
                if await attempt(t, lambda: self.networks.planning.update_plan(self.me, self.info.id, meeting.id,
                                                                               title.value, when.value, place.value,
                                                                               host.value),
                                 'negative'):
                    dialog.close()
                    await self.meetings.refresh()

            with ui.row().classes('w-full justify-end'):
                ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
                ui.button(t('common.save'), on_click=save).props('unelevated').props('data-testid=save-plan')
        dialog.on('hide', dialog.delete)
        dialog.open()

    async def _add_preparer(self, meeting_id: int, member_id: int | None) -> None:
        if member_id is None:
            ui.notify(self.t('network.pick_member'))
            return
        if await attempt(self.t, lambda: self.networks.planning.add_preparer(self.me, self.info.id, meeting_id,
                                                                             member_id), 'negative'):
            await self.meetings.refresh()

    async def _revoke(self, meeting_id: int, preparer_id: int) -> None:
        if await attempt(self.t, lambda: self.networks.planning.revoke_preparer(self.me, self.info.id, meeting_id,
                                                                                preparer_id)):
            await self.meetings.refresh()

    # the kinds' parts over the series: each kind's card from what its ``series`` hook found (the evaluation's trend,
    # the network map's first and latest map, give and need's open needs; app/kinds/*/network.py)
    async def _evaluation(self) -> None:
        for kind, found in await self.system.network_parts.parts(self.info.id):
            if kind.network_card is not None:
                kind.network_card(found, self.t, self.lang).build()

    # attendance
    def _attendance(self, grid: Attendance) -> None:
        t = self.t
        if not grid.members or not grid.meetings:
            return
        columns = [{'name': 'member', 'label': t('network.member'), 'field': 'member', 'align': 'left'}] + [
            {'name': f'm{i}', 'label': str(n), 'field': f'm{i}', 'align': 'center'}
            for n, i in enumerate(grid.meetings, start=1)] + [
            {'name': 'total', 'label': '∑', 'field': 'total', 'align': 'center'}]
        rows = [{'member': m.with_organisation, 'total': grid.count(m.id),
                 **{f'm{i}': '✓' if grid.came(m.id, i) else '' for i in grid.meetings}} for m in grid.members]
        with ui.card().classes('w-full gap-2').props('data-testid=attendance'):
            ui.label(t('network.attendance')).classes('text-lg font-semibold')
            ui.table(columns=columns, rows=rows, row_key='member').props('dense flat wrap-cells') \
                .classes('w-full').props('data-testid=attendance-table')

    # topics
    async def _fetch_topics(self) -> tuple[TopicBoard, list[PlannedMeeting]]:
        board = await self.networks.topics.all(self.me, self.info.id)
        return board, await self.networks.planning.meetings(self.me, self.info.id)

    def _topics(self, data: tuple[TopicBoard, list[PlannedMeeting]]) -> None:
        t = self.t
        board = data[0]
        meetings = [m for m in data[1] if m.state != 'closed']
        with ui.card().classes('w-full gap-2').props('data-testid=topics-card'):
            ui.label(t('network.topics')).classes('text-lg font-semibold')
            if not board.topics:
                ui.label(t('network.no_topics')).classes('text-grey-7')
            for topic in board.topics:
                with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=topic-row'):
                    ui.label(t.plural('topics.dots', topic.dots)).classes('font-bold w-20 shrink-0')
                    ui.label(topic.text).classes('grow break-words min-w-0')
                    if meetings:
                        with ui.button(icon='playlist_add').props('flat round dense') \
                                .tooltip(t('network.topic_to_agenda')).props('data-testid=topic-to-agenda'), ui.menu():
                            for meeting in meetings:
                                ui.menu_item(meeting.title,
                                             on_click=lambda m=meeting.id, tp=topic.id: self._use(tp, m))
                    ui.button(icon='delete', on_click=lambda tp=topic.id: self._delete_topic(tp)) \
                        .props('flat round dense color=grey-7').tooltip(t('network.delete_topic'))

    async def _use(self, topic_id: int, meeting_id: int) -> None:
        if await attempt(self.t, lambda: self.networks.topics.use(self.me, self.info.id, topic_id, meeting_id)):
            ui.notify(self.t('network.topic_used'), type='positive')
            await self.topics.refresh()

    async def _delete_topic(self, topic_id: int) -> None:
        await self.networks.topics.delete(self.me, self.info.id, topic_id)
        await self.topics.refresh()

    # agreements
    async def _fetch_agreements(self) -> tuple[list[AgreementInfo], list[PlannedMeeting]]:
        agreements = await self.networks.agreements.all(self.me, self.info.id)
        return agreements, await self.networks.planning.meetings(self.me, self.info.id)

    def _agreements(self, data: tuple[list[AgreementInfo], list[PlannedMeeting]]) -> None:
        t = self.t
        agreements = data[0]
        titles = {m.id: m.title for m in data[1]}
        with ui.card().classes('w-full gap-1').props('data-testid=agreements-card'):
            ui.label(t('network.agreements')).classes('text-lg font-semibold')
            if not agreements:
                ui.label(t('network.no_agreements')).classes('text-grey-7')
            for agreement in agreements:
                with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=agreement-row'):
                    ui.checkbox(value=agreement.done,
                                on_change=lambda e, a=agreement.id: self.networks.agreements.set_done(
                                    self.me, self.info.id, a, e.value))
                    text = agreement.text + (f' — {agreement.who}' if agreement.who else '')
                    with ui.column().classes('gap-0 grow min-w-0'):
                        ui.label(text).classes('break-words' + (' line-through text-grey-6' if agreement.done else ''))
                        ui.label(titles.get(agreement.meeting_id, '')).classes('text-grey-7 text-sm break-words')

