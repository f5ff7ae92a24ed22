"""A moderator's view of one meeting (participant list for now; breakout groups come later)."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.domain.people import InvalidInput
from app.domain.speeddate import DateRound
from app.i18n import Translate
from app.live.breakouts import NoteChange
from app.live.room import Invite, Room, RosterChange
from app.pages.access import invite_for_key
from app.pages.breakout_views import GroupCard
from app.pages.common import header, message_card, use_language
from app.system import System
from components.roster_list import RosterList


def register(system: System) -> None:
    @ui.page('/m/{meeting}/moderate')
    async def moderate_page(meeting: str, key: str = '') -> None:
        lang, t = use_language(system)
        header(lang, t)
        room, invite = await invite_for_key(system, meeting, key)
        if room is None or invite is None:
            message_card(t('access.bad_moderator_link'), t('access.bad_moderator_link_body'),
                         marker='access-denied')
            return
        ModeratorView(room, invite, t).build()


class ModeratorView:
    def __init__(self, room: Room, invite: Invite, t: Translate) -> None:
        self.room, self.invite, self.t = room, invite, t
        self.revoked = False

    def build(self) -> None:
        t = self.t
        with ui.column().classes('mx-auto max-w-2xl w-full p-4 gap-4') as self.content:
            ui.label(self.room.info.title).classes('text-2xl font-bold').mark('meeting-title')
            ui.label(t('moderate.hello', name=self.invite.label) if self.invite.label else t('moderate.hello_anon')) \
                .classes('text-grey-8')
            self.groups()
            self.roster = RosterList(self.room.people.values(), self.room.is_online,
                                     count_text=lambda n, on: t('control.count', total=n, online=on),
                                     online_text=t('control.online'), offline_text=t('control.offline'),
                                     empty_text=t('control.nobody'))
        self.room.roster_changed.subscribe(self._roster_changed)
        self.room.invites_changed.subscribe(self._invites_changed)
        self.room.agenda.current_changed.subscribe(lambda _: self._maybe_refresh())
        self.room.breakouts.round_changed.subscribe(lambda _: self._maybe_refresh())
        self.room.breakouts.clock_changed.subscribe(self._clock_changed)
        self.room.breakouts.note_changed.subscribe(self._note_changed)

    def _mine(self) -> tuple[Activity | None, DateRound | None, list[int]]:
        activity = self.room.agenda.current
        if activity is None or activity.kind != 'breakout':
            return None, None, []
        r = self.room.breakouts.current(activity.id)
        groups = [n for n in range(1, len(r.groups) + 1) if r.info(n).moderator_key == self.invite.key] if r else []
        return activity, r, groups

    def _view(self) -> tuple:
        activity, r, groups = self._mine()
        return (activity.id if activity else None, r.number if r else None,
                tuple(r.groups[n - 1] for n in groups) if r else (), tuple(groups))

    @ui.refreshable_method
    def groups(self) -> None:
        """The breakout groups given to this moderator: members, question, countdown, harvest, a message."""
        t = self.t
        self.cards: dict[int, GroupCard] = {}
        self.shown = self._view()
        activity, r, groups = self._mine()
        if activity is None or r is None:
            return
        ui.label(t('moderate.groups')).classes('text-xl font-bold')
        if not groups:
            ui.label(t('moderate.no_groups')).classes('text-grey-7')
        for number in groups:
            self.cards[number] = GroupCard(self.room, activity, r, number, t)
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                field = ui.input(t('moderate.message')).props('outlined dense maxlength=220').classes('grow') \
                    .mark('group-message')
                ui.button(t('breakout.send'), icon='campaign',
                          on_click=lambda f=field, n=number: self._send(activity.id, n, f)).props('outline') \
                    .mark('send-group-message')

    async def _send(self, activity_id: int, group: int, field: ui.input) -> None:
        try:
            await self.room.breakouts.send(activity_id, field.value or '', group)
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')
            return
        field.set_value('')
        ui.notify(self.t('breakout.sent'))

    def _maybe_refresh(self) -> None:
        if not self.revoked and self._view() != self.shown:
            self.groups.refresh()

    def _clock_changed(self, r: DateRound) -> None:
        for card in getattr(self, 'cards', {}).values():
            if card.activity.id == r.activity_id:
                card.countdown.show(r.countdown)

    def _note_changed(self, change: NoteChange) -> None:
        for card in getattr(self, 'cards', {}).values():
            card.note_changed(change)

    def _roster_changed(self, change: RosterChange) -> None:
        if not self.revoked:
            self.roster.change(change.kind, change.person)

    def _invites_changed(self) -> None:
        if self.room.invite_for(self.invite.key) is None and not self.revoked:  # revoked: stops working at once
            self.revoked = True
            self.content.clear()
            with self.content:
                message_card(self.t('access.bad_moderator_link'), self.t('access.bad_moderator_link_body'),
                             marker='access-denied')
