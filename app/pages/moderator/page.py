"""A moderator's view of one meeting: the current activity's groups given to them (if its kind has a moderator
view) and the participant list."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.domain.meetings import Invite
from app.i18n import Translate
from app.live.room import Room
from app.live.roster import RosterChange
from app.pages.access import deny_key, invite_for_key
from app.pages.common import header, use_language
from app.system import System
from app.ui.messages import message_card
from app.ui.parts import Part, ViewContext, follow, views_for
from components.roster_list import RosterList


def register(system: System) -> None:
    @ui.page('/m/{meeting}/moderate')
    async def moderate_page(meeting: str, key: str = '') -> None:
        lang, t = use_language(system)
        header(lang, t)
        room, invite = await invite_for_key(system, meeting, key)
        if room is None or invite is None:
            deny_key(t, t('access.bad_moderator_link'), t('access.bad_moderator_link_body'))
            return
        ModeratorView(room, invite, t, lang).build()


class ModeratorView:
    def __init__(self, room: Room, invite: Invite, t: Translate, lang: str) -> None:
        self.room, self.invite, self.t, self.lang = room, invite, t, lang
        self.revoked = False
        self.part: Part | None = None
        self.shown: int | None = None  # the activity whose view is shown
        self.groups = ui.refreshable(self._groups)

    def build(self) -> None:
        t = self.t
        with ui.column().classes('mx-auto max-w-2xl w-full p-4 gap-4') as self.content:
            ui.label(self.room.info.title).classes('text-2xl font-bold break-words').mark('meeting-title')
            ui.label(t('moderate.hello', name=self.invite.label) if self.invite.label else t('moderate.hello_anon')) \
                .classes('text-grey-8 break-words')
            self.groups()
            self.roster = RosterList(self.room.roster.people.values(), self.room.roster.is_online,
                                     count_text=lambda n, on: t.plural('control.count', n, online=on),
                                     online_text=t('control.online'), offline_text=t('control.offline'),
                                     empty_text=t('control.nobody'), names=self.room.roster.names)
        self.room.roster.changed.subscribe(self._roster_changed)
        self.room.invites.changed.subscribe(self._invites_changed)
        self.room.agenda.current_changed.subscribe(self._activity_changed)
        follow(self.room, views_for(self.room, 'moderator'), lambda: None if self.revoked else self.part)

    def _groups(self) -> None:
        activity = self.room.agenda.current
        self.part = None
        self.shown = activity.id if activity is not None else None
        view = self.room.kinds[activity.kind].moderator if activity is not None else None
        if view is not None:
            self.part = view(ViewContext(self.room, self.t, self.lang, invite=self.invite), activity)
            self.part.build()

    def _activity_changed(self, activity: Activity | None) -> None:
        if not self.revoked and (activity.id if activity else None) != self.shown:
            self.groups.refresh()

    def _roster_changed(self, change: RosterChange) -> None:
        if not self.revoked:
            self.roster.change(change.kind, change.person)

    def _invites_changed(self) -> None:
        if self.room.invites.invite_for(self.invite.key) is None and not self.revoked:  # revoked: stops working at once
            self.revoked = True
            self.content.clear()
            with self.content:
                message_card(self.t('access.bad_moderator_link'), self.t('access.bad_moderator_link_body'),
                             marker='access-denied')
