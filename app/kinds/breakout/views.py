"""What breakouts' views share: following the kind's own changes, and one group as its members and its moderator
see it (the views themselves: control.py, screen.py, phone.py)."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.domain.errors import Refused
from app.domain.rounds import Round
from app.kinds.breakout.live import MessageSent, NoteSaved
from app.kinds.breakout.rules import BreakoutRules
from app.kinds.round_views import RoundPart, is_link, video_room
from app.ui.messages import notify_refused
from app.ui.parts import ViewContext
from components.countdown import Countdown
from components.note_editor import NoteEditor


class BreakoutPart(RoundPart):
    kind_name = BreakoutRules.name

    def changed(self, change: Any) -> None:
        if isinstance(change, NoteSaved) and change.activity_id == self.activity.id:
            self.note_changed(change)
        elif isinstance(change, MessageSent) and change.activity_id == self.activity.id:
            self.message_sent(change)
        else:
            super().changed(change)

    def note_changed(self, change: NoteSaved) -> None:
        """A group's harvest note was saved."""

    def message_sent(self, message: MessageSent) -> None:
        """A message to everyone or to one group."""


class GroupCard:
    """One group as its members and its moderator see it."""

    def __init__(self, ctx: ViewContext, activity_id: int, r: Round, group: int, *, me: str | None = None) -> None:
        self.room, self.activity_id, self.group, self.t = ctx.room, activity_id, group, ctx.t
        self.moderator = ctx.invite.key if ctx.invite else None  # a moderator's harvest: checked against the invite
        t, room, info = ctx.t, ctx.room, r.info(group)
        with ui.card().classes('w-full gap-2').mark('group-card').props('data-testid=group-card'):
            ui.label(t('breakout.group', number=group)).classes('text-2xl font-black').props('data-testid=group-name')
            others = [p for p in r.groups[group - 1] if p != me]
            if others:
                ui.label(t('breakout.with') if me else t('breakout.members')).classes('text-base text-grey-8')
                for pid in others:
                    person = room.roster.people.get(pid)
                    shown = room.roster.names().get(pid)  # namesakes told apart
                    text = shown.full if person and shown else t('speed.gone')
                    online = '' if me or room.roster.is_online(pid) else f' · {t("control.offline")}'
                    ui.label(text + online).classes('text-xl font-semibold break-words max-w-full') \
                        .props('data-testid=group-member')
            if info.question:
                ui.label(info.question).classes('text-lg italic break-words').props('data-testid=group-question')
            if is_link(info.location):
                video_room(t, info.location)
            elif info.location:
                ui.label(info.location).classes('text-lg font-bold text-primary break-words') \
                    .props('data-testid=group-location')
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up'),
                                       paused_text=t('countdown.paused'), vibrate=me is not None) \
                .classes('text-5xl font-black tabular-nums self-center').props('data-testid=countdown')
            self.note = NoteEditor(info.note, info.note_version, label=t('breakout.note'), save_text=t('common.save'),
                                   saved_text=t('breakout.note_saved'), merged_text=t('breakout.note_merged'),
                                   changed_text=t('breakout.note_changed'), on_save=self._save, on_error=self._error,
                                   too_long_text=lambda length, most: t.plural('error.too_long_now', most,
                                                                               length=length))

    async def _save(self, base_version: int, base_text: str, text: str) -> tuple[str, int, bool]:
        saved, conflict = await self.room.runner(BreakoutRules.name).save_note(self.activity_id, self.group,
                                                                               base_version, base_text, text,
                                                                               by=self.moderator)
        return saved.text, saved.version, conflict

    def _error(self, error: ValueError) -> None:
        if isinstance(error, Refused):
            notify_refused(self.t, error)
        else:
            ui.notify(self.t('error.unexpected'), type='warning')

    def note_changed(self, change: NoteSaved) -> None:
        if change.activity_id == self.activity_id and change.group == self.group:
            self.note.remote(change.text, change.version)
