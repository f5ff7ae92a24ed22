"""The phone: join with a name, then the current activity as its kind shows it on a phone."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from nicegui import ui

from app.domain.activities import Activity
from app.domain.codes import is_valid_code, normalize_code
from app.domain.errors import Refused
from app.domain.meetings import MeetingInfo
from app.domain.networks import MemberRef
from app.domain.people import MAX_NAME, MAX_ORGANISATION, Person
from app.i18n import Translate
from app.live.room import Room
from app.pages.common import client_ip, device_id, header, use_language
from app.pages.phone import plain
from app.pages.phone.plain import join_page, language_asked, plain_join_possible
from app.pages.phone.screen_beside import ScreenBeside
from app.pages.phone.topics import TopicsPanel
from app.services.networks import Networks
from app.system import System
from app.ui.messages import limited, message_card, notify_refused
from app.ui.parts import FollowShown, Part, ViewContext, preload, views_for
from components.pending_taps import PendingTaps

# Material's check_circle in Quasar's "positive", as an image: the first page after joining needs no icon font
CHECK_CIRCLE = ('img:data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                '<path fill="%2321BA45" d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z'
                'm-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8l-9 9z"/></svg>')


def register(system: System) -> None:
    # registered last: it matches any single path segment
    @ui.page('/{code}', reconnect_timeout=system.settings.reconnect_seconds, title='Uitwisselplek')
    async def participant_page(code: str, request: Request) -> Response | None:
        if system.settings.plain_pages and language_asked(request):
            return RedirectResponse(request.url.path, status_code=303)
        lang, t = use_language(system)
        address, guesses = client_ip(system, request), system.code_guesses
        wait = guesses.wait_seconds(address) if guesses else 0
        if not system.page_loads.allow(address):  # a script, not people
            wait = max(wait, system.page_loads.wait_seconds(address))
        if wait > 0:  # this address guessed too many codes or loads pages in bulk: no look-up for a while
            header(lang, t)
            ui.context.client.status_code = 429
            message_card(t.plural('error.throttled', int(wait) + 1), marker='too-many-codes')
            return
        value = normalize_code(code)
        room = await system.rooms.by_code(value) if is_valid_code(value) else None
        if room is None:
            if guesses:
                guesses.allow(address)
            header(lang, t)
            ui.context.client.status_code = 404  # /docs, /wp-admin, a mistyped code: not a page here
            message_card(t('error.unknown_code'), t('error.unknown_code_body'), link=(t('start.retry'), '/'),
                         marker='unknown-code')
            return
        device = device_id()
        recognised: MemberRef | None = None  # "Welkom terug, Anna"
        members: list[MemberRef] = []  # in a network: the members a new device may pick from
        if room.info.network_id is not None and room.roster.participant_for_device(device) is None:
            recognised = await system.networks.at_meeting.recognise(room, device)
            members = await system.networks.at_meeting.choices(room)
        if system.settings.plain_pages and plain_join_possible(room, device, recognised):
            return join_page(lang, room, members)  # a form that a slow phone can use before the live page is loaded
        header(lang, t)  # only on a live page: the plain form above has its own
        view = ParticipantView(room, device, t, lang, address, system.networks)
        view.recognised, view.members = recognised, members
        await view.build()
        return None

    plain.register(system)  # where the plain join form posts to (after ui.page, which drops other /{code} routes)


class ParticipantView:
    def __init__(self, room: Room, device: str, t: Translate, lang: str, address: str = '',
                 networks: Networks | None = None) -> None:
        self.room = room
        self.networks = networks
        self.recognised: MemberRef | None = None  # the member who used this device at an earlier meeting
        self.members: list[MemberRef] = []  # in a network: the members a new device may pick from
        self.topics: TopicsPanel | None = None
        self.address = address
        self.lang = lang
        self.device = device
        self.t = t
        self.person: Person | None = room.roster.participant_for_device(device)
        self.notice = ''  # why the join form is shown again (left / removed)
        self.counted = False  # this page counts towards the person's "online"
        self.shown: tuple[str, bool] = ('', False)  # meeting state and lock the body was built for
        self.shown_activity: tuple | None = None  # what of the current activity the body shows
        self.part: Part | None = None  # the current activity, as its kind shows it on a phone
        self.leave: ui.button | None = None
        self.body = ui.refreshable(self._body)  # per phone: a refresh touches only this phone's elements
        self.draft: tuple[int, dict] | None = None  # (activity id, what was typed) across a rebuild
        self.subscribed = False
        self.following: FollowShown | None = None  # the room's events the part shown listens to (once connected)
        self.asked_before_leaving: set[int] = set()  # activities asked once when leaving early (the evaluation)

    async def build(self) -> None:
        self.client = client = ui.context.client
        self.built_at = self.room.version
        client.on_connect(self._connected)
        client.on_disconnect(self._disconnected)
        # online and hybrid: on a wide window the screen beside the person's own column; a phone keeps one column
        self.beside = ScreenBeside(self.room, self.t, lambda: self.person)
        with self.beside.layout(), ui.column().classes('mx-auto max-w-md w-full p-4 gap-4 items-stretch lg:shrink-0') \
                as self.column:
            self.beside.own_column_top()  # "Open het scherm in een nieuw tabblad"; hybrid: "Waar ben je?"
            self.title = ui.label(self.room.info.title).classes('text-lg text-grey-8 break-words') \
                .mark('meeting-title')
            self.title.set_visibility(self.room.info.state != 'closed')  # a closed meeting shows only that
            self.pending = PendingTaps(f'uitwisselplek-taps-{self.room.info.id}',
                                       not_sent_text=self.t('phone.not_sent'), on_resend=self._resend)
            self.body()
            if self.room.info.network_id is not None and self.networks is not None:
                self.topics = TopicsPanel(self.room, self.networks, self.t, lambda: self.person)
                await self.topics.build()
            self._leave_button()  # built once, shown while joined: not rebuilt with every question
        self._show_leave()

    def _body(self) -> None:
        t = self.t
        self.part = None
        self.shown = (self.room.info.state, self.room.info.locked)
        self.shown_removed = self.room.roster.is_removed(self.device)
        self.shown_activity = self._view_of(self.room.agenda.current)
        late = self.room.agenda.late()  # an evaluation that closed less than 48 hours ago
        if self.room.info.state == 'closed' and late is not None and self.person is not None \
                and self.room.agenda.answerable(late, participant_id=self.person.id):
            self._show_part(late)  # after the meeting, on the device that took part: the evaluation still counts
        elif self.room.info.state == 'closed':
            message_card(t('participant.closed'), t('evaluation.not_joined') if late is not None else
                         t('participant.closed_body'), marker='meeting-closed')
        elif self.person is not None and self.room.agenda.current is not None:
            self._show_part(self.room.agenda.current)
        elif self.person is not None:
            self._joined_view(self.person)
        elif self.shown_removed:
            message_card(t('participant.removed'), t('participant.removed_body'), marker='removed')
        elif self.room.info.locked:
            message_card(t('error.meeting_locked'), t('participant.locked_body'), marker='meeting-locked')
        else:
            self._join_form()
        self._show_leave()
        self._follow_part()

    def _follow_part(self) -> None:
        """Subscribed to what the part shown listens to, nothing more (a poll: nothing; a vote calls no phone)."""
        if self.following is not None:
            with self.column:
                self.following.update()

    def _show_part(self, activity: Activity) -> None:
        """The activity as its kind shows it on a phone (with what was typed before a rebuild)."""
        view = self.room.kinds[activity.kind].phone
        if self.person is None:
            return
        if view is None:
            self._joined_view(self.person)
            return
        self.part = view(ViewContext(self.room, self.t, self.lang, participant_id=self.person.id,
                                     pending=self.pending), activity)
        self.part.build()
        draft, self.draft = self.draft, None
        if draft is not None and draft[0] == activity.id and draft[1]:
            self.part.restore(draft[1])

    def rebuild(self) -> None:
        """Rebuild the body, keeping what was typed in the activity shown (if it is still the one shown)."""
        self.draft = (self.part.activity.id, self.part.draft()) if self.part is not None else None
        self.body.refresh()  # _body takes the draft (a refresh may run a moment later)

    def _show_leave(self) -> None:
        if getattr(self, 'leave', None) is not None:
            self.leave.set_visibility(self.person is not None and self.room.info.state != 'closed')
        if getattr(self, 'beside', None) is not None:
            self.beside.person_changed()

    def _welcome_back(self, member: MemberRef) -> None:
        """A member who came to an earlier meeting on this device: one tap."""
        t = self.t
        with ui.card().classes('w-full items-center text-center p-6 gap-3').mark('welcome-back'):
            ui.label(t('participant.welcome_back', name=member.name)).classes('text-3xl font-bold break-words') \
                .props('data-testid=welcome-back')
            if member.organisation:
                ui.label(member.organisation).classes('text-lg text-grey-8 break-words max-w-full')
            button = ui.button(t('participant.that_is_me')).props('unelevated size=xl data-testid=that-is-me') \
                .classes('w-full py-3')

            async def join() -> None:
                button.disable()
                try:
                    await self._join(member.name, member.organisation, member.id)
                finally:
                    button.enable()

            button.on_click(join)

            def someone_else() -> None:
                self.recognised = None
                self.rebuild()

            ui.button(t('participant.someone_else'), on_click=someone_else).props('flat no-caps') \
                .mark('someone-else')

    async def _join(self, name: str, organisation: str, member_id: int | None = None) -> None:
        t = self.t
        try:
            if self.networks is not None:
                person = await self.networks.at_meeting.join(self.room, self.device, name, organisation,
                                                             self.address, member_id)
            else:
                person = await self.room.roster.join(self.device, name, organisation, self.address)
        except Refused as error:
            closed = error.key in ('error.meeting_closed', 'error.meeting_locked')
            notify_refused(t, error, 'warning' if closed else 'negative')
            if closed:
                self.rebuild()
            return
        self.person, self.notice, self.recognised = person, '', None
        await self._count_presence()
        self.rebuild()
        if self.topics is not None:
            self.topics.refresh()

    def _join_form(self) -> None:
        t = self.t
        if self.notice:
            ui.label(self.notice).classes('text-base bg-amber-2 rounded p-3').props('role=status').mark('notice')
        if self.recognised is not None and not self.notice:
            self._welcome_back(self.recognised)
            return
        ui.label(t('participant.welcome')).classes('text-3xl font-bold')
        picked: dict[str, int | None] = {'member': None}
        if self.members:  # in a network: pick yourself from the members (or type, and be matched by name)
            by_id = {m.id: m for m in self.members}

            def pick(event) -> None:
                member = by_id.get(event.value)
                picked['member'] = member.id if member else None
                if member is not None:
                    name.set_value(member.name)
                    org.set_value(member.organisation)

            ui.select({m.id: m.with_organisation for m in self.members}, label=t('participant.pick_member'),
                      on_change=pick, clearable=True).props('outlined data-testid=pick-member') \
                .classes('w-full').mark('pick-member')
        name = ui.input(t('participant.name')).props('outlined autofocus '
                                                     'input-class=text-xl autocomplete=name data-testid=name') \
            .classes('w-full').mark('name')
        org = ui.input(t('participant.organisation')).props('outlined '
                                                            'input-class=text-xl autocomplete=organization '
                                                            'data-testid=organisation') \
            .classes('w-full').mark('organisation')
        limited(name, MAX_NAME, t)
        limited(org, MAX_ORGANISATION, t)
        button = ui.button(t('participant.join')).props('unelevated size=xl data-testid=join').classes('w-full py-3') \
            .mark('join')

        async def join() -> None:
            button.disable()
            try:
                await self._join(name.value, org.value, picked['member'])
            finally:
                button.enable()

        button.on_click(join)
        name.on('keydown.enter', join)
        org.on('keydown.enter', join)

    def _joined_view(self, person: Person) -> None:
        t = self.t
        with ui.card().classes('w-full items-center text-center p-6 gap-3').mark('joined'):
            ui.icon(CHECK_CIRCLE, size='4rem')  # not the icon font (128 KB) on a phone that just joined
            ui.label(t('participant.in')).classes('text-3xl font-bold').mark('you-are-in')
            ui.label(person.name).classes('text-2xl break-words max-w-full').mark('my-name') \
                .props('data-testid=my-name')
            if person.organisation:
                ui.label(person.organisation).classes('text-lg text-grey-8 break-words max-w-full') \
                    .mark('my-organisation')
            ui.label(t('participant.wait')).classes('text-base text-grey-7')

    def _leave_button(self) -> None:
        self.confirm: ui.dialog | None = None  # "Verlaten?", built when first needed: most phones never leave early
        self.leave = ui.button(self.t('participant.leave'), on_click=lambda: self._before_leaving()) \
            .props('flat color=grey-8').classes('self-center').mark('leave')

    def _confirm_dialog(self) -> ui.dialog:
        t = self.t
        if self.confirm is None:
            with self.leave.parent_slot, ui.dialog() as confirm, ui.card().classes('gap-4'):
                ui.label(t('participant.leave_confirm')).classes('text-lg')
                with ui.row().classes('w-full justify-end'):
                    ui.button(t('common.cancel'), on_click=confirm.close).props('flat')
                    ui.button(t('participant.leave'), on_click=lambda: self._leave(confirm)) \
                        .props('unelevated color=negative').mark('leave-confirm')
            self.confirm = confirm
        return self.confirm

    def _before_leaving(self) -> None:
        """Leaving early: an open activity whose kind asks something first (the evaluation) and that this person has
        not answered is shown once, skippable; then the usual "leave?" dialog."""
        confirm = self._confirm_dialog()
        asked = self._ask_before_leaving()
        if asked is None:
            confirm.open()
            return
        activity, view = asked
        self.asked_before_leaving.add(activity.id)
        with self.leave.parent_slot, ui.dialog() as ask, \
                ui.card().classes('w-full max-w-md gap-3').mark('before-leaving'):
            def then() -> None:
                ask.close()
                confirm.open()

            part = view(ViewContext(self.room, self.t, self.lang, participant_id=self.person.id), activity)
            part.done = then
            part.build()
            ui.button(self.t('evaluation.skip'), on_click=then).props('flat data-testid=skip-before-leaving') \
                .classes('self-end').mark('skip-before-leaving')
        ask.on('hide', ask.delete)
        ask.open()

    def _ask_before_leaving(self) -> tuple[Activity, type[Part]] | None:
        if self.person is None:
            return None
        agenda = self.room.agenda
        for activity in agenda.ordered():
            kind = self.room.kinds.get(activity.kind)
            view = kind.before_leaving if kind is not None else None
            if view is not None and activity.state == 'open' and activity.id not in self.asked_before_leaving \
                    and agenda.answer_of(activity.id, self.person.id) is None:
                return activity, view
        return None

    async def _leave(self, confirm: ui.dialog) -> None:
        confirm.close()
        if self.person is not None:
            person, self.person, self.counted = self.person, None, False
            self.notice = self.t('participant.left')
            await self.room.roster.leave(person.id)
            self.rebuild()

    async def _resend(self, taps: list[dict]) -> None:
        """Taps the browser kept while offline or across a reload: stored now, or said why they did not count."""
        for tap in taps:
            activity_id, field, value = tap.get('activity'), tap.get('field'), tap.get('value')
            if not isinstance(activity_id, int) or field != 'choice' or not isinstance(value, str):
                continue
            if self.person is not None:
                try:
                    await self.room.agenda.answer(self.person.id, activity_id, choice=value)
                except Refused as error:
                    ui.notify(self.t('phone.tap_not_counted', reason=error.text(self.t)), type='warning',
                              multi_line=True)
                else:
                    current = self.room.agenda.current
                    if current is not None and current.id == activity_id:
                        self.rebuild()  # shows the stored choice and "Ontvangen"
            self.pending.done(activity_id, field)

    def _removed_changed(self) -> None:
        if self.person is None and self.room.roster.is_removed(self.device) != self.shown_removed:
            self.notice = ''
            self.rebuild()  # let back in: the join form again

    def _gone(self, participant_id: str) -> None:
        if self.part is not None and (self.person is None or self.person.id != participant_id):
            self.part.participant_left(participant_id)  # e.g. my partner left
        if self.person is not None and self.person.id == participant_id:  # removed by the facilitator
            self.person, self.counted = None, False
            self.notice = self.t('participant.removed')
            self.rebuild()

    async def _activity_changed(self, activity: Activity | None) -> None:
        if self.person is not None and self._view_of(activity) != self.shown_activity:
            await asyncio.sleep(0)  # one task per phone: the server keeps serving sockets between rebuilds
            if not self._shown_in_place():
                self.rebuild()  # every phone switches; an edit the phone doesn't show changes nothing

    def _shown_in_place(self) -> bool:
        """The part shown changed itself into the current activity (e.g. the next statement: same buttons)."""
        current, part = self.room.agenda.current, self.part
        if current is None or part is None or self.person is None or self.room.info.state == 'closed' \
                or (self.room.info.state, self.room.info.locked) != self.shown \
                or self.room.kinds[current.kind].phone is not type(part) or not part.show(current):
            return False
        self.shown_activity = self._view_of(current)
        return True

    def _meeting_changed(self, info: MeetingInfo) -> None:
        self.beside.update()  # the meeting went online, hybrid or back to the room: adapts in place
        self.title.set_visibility(info.state != 'closed')
        if (info.state, info.locked) != self.shown:
            self.rebuild()  # the join form appears or disappears with the lock; closing ends it all

    def _view_of(self, activity: Activity | None) -> tuple | None:
        """What this phone shows of an activity (its kind says): when this changes, the phone rebuilds."""
        return self.room.kinds[activity.kind].phone_view(activity) if activity is not None else None

    async def _count_presence(self) -> None:
        if self.person is not None and not self.counted and self.client.has_socket_connection:
            self.counted = True
            await self.room.roster.page_connected(self.person.id, +1)

    def _subscribe(self) -> None:
        """Follow the room once the socket is there: a page load that never connects costs no subscription."""
        self.room.roster.participant_gone.subscribe(self._gone)
        self.room.roster.removed_changed.subscribe(self._removed_changed)
        self.room.settings.changed.subscribe(self._meeting_changed)
        self.room.agenda.current_changed.subscribe(self._activity_changed)
        self.following = FollowShown(self.room, lambda: self.part)
        self._follow_part()
        if self.topics is not None:
            self.room.memory.changed.subscribe(self.topics.network_changed)
        self.room.roster.place_changed.subscribe(self.beside.place_changed)

    def _connected(self) -> Awaitable[None]:
        if not self.subscribed:
            self.subscribed = True
            self._subscribe()
            with self.column:  # e.g. the chart library: loaded once the page is usable, not before
                preload(self.room, views_for(self.room, 'phone'))
            if self.room.version != self.built_at:  # something changed between the page load and the socket
                self.person = self.room.roster.participant_for_device(self.device)
                self.rebuild()
        return self._connected_async()

    async def _connected_async(self) -> None:
        await self._count_presence()
        await self.beside.connected()  # a wide window loads the screen beside (a phone never does)

    async def _disconnected(self) -> None:
        if self.person is not None and self.counted:
            self.counted = False
            await self.room.roster.page_connected(self.person.id, -1)

