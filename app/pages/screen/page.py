"""The projector: big QR, short URL and code, live wall of names. Read-only, no scrolling."""

from __future__ import annotations

from fastapi import Request
from nicegui import ui

from app.domain.activities import Activity
from app.domain.meetings import MeetingInfo
from app.domain.urls import short_url
from app.i18n import Translate
from app.live.room import Room
from app.live.roster import RosterChange
from app.pages.access import deny_key, room_for_key
from app.pages.common import base_url, device_id, parse_id, unreachable, use_language
from app.pages.screen.recap import RecapPanel
from app.services.evaluations import Evaluations
from app.services.networks import Networks
from app.system import System
from app.ui.messages import message_card
from app.ui.parts import Part, ViewContext, follow, preload, views_for
from components.participant_wall import ParticipantWall
from components.qr_join_card import qr_join_card

AGREEMENTS_SHOWN = 4  # more would push the wall of names off the projector


def register(system: System) -> None:
    @ui.page('/m/{meeting}/screen', reconnect_timeout=system.settings.reconnect_seconds, title='Uitwisselplek')
    async def screen_page(meeting: str, request: Request, key: str = '') -> None:
        room = await room_for_key(system, meeting, key)
        lang, t = use_language(system, room.info.language if room else '')  # the screen speaks the meeting's
        if room is None:
            deny_key(t, t('access.bad_screen_link'), t('access.bad_screen_link_body'))
            return
        await ScreenView(room, t, lang, base_url(system, request), key, system.networks, system.evaluations,
                         rotate_seconds=system.settings.screen_rotate_seconds).build()

    @ui.page('/m/{meeting}/view', reconnect_timeout=system.settings.reconnect_seconds, title='Uitwisselplek')
    async def participant_screen_page(meeting: str, request: Request) -> None:
        """The screen for a participant of an online or hybrid meeting (no screen key: this device took part)."""
        meeting_id = parse_id(meeting)
        room = await system.rooms.get(meeting_id) if meeting_id is not None else None
        person = room.roster.participant_for_device(device_id()) if room is not None else None
        lang, t = use_language(system)  # the participant's own language, as on their page
        if room is None or person is None:
            ui.context.client.status_code = 403 if room is not None else 404
            message_card(t('access.view_participants_only'), t('access.view_participants_only_body'),
                         link=(t('start.home'), '/'), marker='access-denied')
            return
        await ScreenView(room, t, lang, base_url(system, request), '', system.networks, system.evaluations,
                         participant_id=person.id, rotate_seconds=system.settings.screen_rotate_seconds).build()


class ScreenView:
    """The projector's view. Built for a participant (``participant_id``, no key) it is the same view — nothing
    more — and it ends (a reload shows the refusal) when that participant leaves or is removed."""

    def __init__(self, room: Room, t: Translate, lang: str, base: str, key: str, networks: Networks,
                 evaluations: Evaluations | None = None, *, participant_id: str = '',
                 rotate_seconds: float = 12.0) -> None:
        self.room, self.t, self.lang, self.base, self.key, self.networks = room, t, lang, base, key, networks
        self.participant_id = participant_id
        self.rotate_seconds = rotate_seconds  # a page of a full wall of reasons
        self.activity: Part | None = None
        self.agreements = ui.refreshable(self._agreements)
        self.shown_agreements = room.info.show_agreements
        self.recap = RecapPanel(room, evaluations, t, lang)  # "Vorige keer"

    async def build(self) -> None:
        t, info = self.t, self.room.info
        ui.query('body').classes('bg-grey-10 text-white')
        ui.query('.nicegui-content').classes('p-0 gap-0')
        with ui.element('div').classes('w-screen h-screen overflow-hidden grid grid-cols-12 gap-8 p-[3vh]') \
                .mark('screen') as self.join_section:
            with ui.column().classes('col-span-5 items-center justify-center h-full'):
                target = f'{self.base}/{info.join_code}'
                self.join_card = qr_join_card(target, short_url(self.base, info.join_code), info.join_code,
                                              scan_text=t('screen.scan'), or_text=t('screen.or_type'),
                                              code_text=t('screen.code'))
                self.locked = ui.label(t('screen.locked')).classes('text-4xl font-bold text-amber-5 text-center') \
                    .mark('screen-locked')
                if unreachable(self.base):
                    ui.label(t('control.unreachable')).classes('font-bold text-red-4 text-center leading-tight') \
                        .style('font-size: clamp(1rem, 3.2vh, 1.5rem)').props('data-testid=unreachable')
            with ui.column().classes('col-span-7 h-full gap-6 overflow-hidden'):
                ui.label(info.title).classes('text-5xl font-black leading-tight line-clamp-2 shrink-0') \
                    .mark('screen-title')
                await self.agreements()
                await self.recap.build()
                self.wall = ParticipantWall(self.room.roster.people.values(), lambda n: t.plural('screen.count', n),
                                            t('screen.empty'), names=self.room.roster.names)
        self.activity_section = ui.element('div')
        preload(self.room, views_for(self.room, 'screen'))
        self._show_lock(info)
        self._show_activity(self.room.agenda.current)
        self.room.roster.changed.subscribe(self._roster_changed)
        self.room.settings.changed.subscribe(self._meeting_changed)
        self.room.agenda.current_changed.subscribe(self._show_activity)
        follow(self.room, views_for(self.room, 'screen'), lambda: self.activity)
        self.room.memory.changed.subscribe(self._network_changed)
        if self.participant_id:
            self.room.roster.participant_gone.subscribe(self._participant_gone)

    def _participant_gone(self, participant_id: str) -> None:
        if participant_id == self.participant_id:
            ui.navigate.reload()  # left or removed: this device may no longer watch

    async def _agreements(self) -> None:
        """"Vorige keer afgesproken": the open agreements of earlier meetings, when the facilitator shows them."""
        if not self.room.info.show_agreements:
            return
        agreements = await self.networks.agreements.earlier(self.room)
        if not agreements:
            return
        with ui.column().classes('w-full gap-2 bg-grey-9 rounded-lg p-4 shrink-0').mark('screen-agreements'):
            ui.label(self.t('screen.agreements')).classes('text-3xl font-bold text-amber-5')
            for agreement in agreements[:AGREEMENTS_SHOWN]:
                text = agreement.text + (f' — {agreement.who}' if agreement.who else '')
                ui.label(text).classes('text-2xl leading-snug line-clamp-2 break-words') \
                    .props('data-testid=screen-agreement')
            if len(agreements) > AGREEMENTS_SHOWN:
                ui.label(self.t.plural('results.more', len(agreements) - AGREEMENTS_SHOWN)) \
                    .classes('text-xl text-grey-5')

    def _network_changed(self, what: str) -> None:
        if what == 'agreements' and self.room.info.show_agreements:
            self.agreements.refresh()

    def _show_activity(self, activity: Activity | None) -> None:
        """The current activity replaces the welcome screen (rebuilt only when the facilitator changes it)."""
        self.activity_section.clear()
        self.activity = None
        if activity is not None:
            hint = self.t('screen.join_hint', url=short_url(self.base, self.room.info.join_code))
            view = self.room.kinds[activity.kind].screen
            if view is not None:
                with self.activity_section:
                    self.activity = view(ViewContext(self.room, self.t, self.lang, join_hint=hint,
                                                     rotate_seconds=self.rotate_seconds), activity)
                    self.activity.build()
        self.join_section.set_visibility(activity is None)
        self.activity_section.set_visibility(activity is not None)

    def _roster_changed(self, change: RosterChange) -> None:
        if change.kind == 'joined':
            self.wall.add(change.person)
        elif change.kind == 'left':
            self.wall.remove(change.person.id)
        if change.kind != 'presence':
            self.wall.relabel()

    def _meeting_changed(self, info: MeetingInfo) -> None:
        if not self.participant_id and (info.screen_key != self.key or (info.language and info.language != self.lang)):
            ui.navigate.reload()  # a new screen link (this one stops working), or the meeting's language changed
            return
        self._show_lock(info)
        if info.show_agreements != self.shown_agreements:
            self.shown_agreements = info.show_agreements
            self.agreements.refresh()
        self.recap.changed(info)

    def _show_lock(self, info: MeetingInfo) -> None:
        closed = info.locked or info.state == 'closed'
        self.join_card.set_visibility(not closed)
        self.locked.set_visibility(closed)
        if info.state == 'closed':
            self.locked.set_text(self.t('screen.closed'))
        else:
            self.locked.set_text(self.t('screen.locked'))
