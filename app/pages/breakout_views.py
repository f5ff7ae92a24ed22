"""Breakout rounds on phones and the moderator's laptop: your group, its question and place, the countdown,
messages and the group's harvest note."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.domain.people import InvalidInput
from app.domain.speeddate import DateRound
from app.i18n import Translate
from app.live.breakouts import Message, NoteChange
from app.live.room import Room
from components.countdown import Countdown
from components.note_editor import NoteEditor


class GroupCard:
    """One group as its members and its moderator see it."""

    def __init__(self, room: Room, activity: Activity, r: DateRound, group: int, t: Translate, *,
                 me: str | None = None) -> None:
        self.room, self.activity, self.group, self.t = room, activity, group, t
        info = r.info(group)
        with ui.card().classes('w-full gap-2').mark('group-card').props('data-testid=group-card'):
            ui.label(t('breakout.group', number=group)).classes('text-2xl font-black').props('data-testid=group-name')
            others = [p for p in r.groups[group - 1] if p != me]
            if others:
                ui.label(t('breakout.with') if me else t('breakout.members')).classes('text-base text-grey-8')
                for pid in others:
                    person = room.people.get(pid)
                    text = (person.name + (f' ({person.organisation})' if person.organisation else '')) \
                        if person else t('speed.gone')
                    online = '' if me or room.is_online(pid) else f' · {t("control.offline")}'
                    ui.label(text + online).classes('text-xl font-semibold break-words') \
                        .props('data-testid=group-member')
            if info.question:
                ui.label(info.question).classes('text-lg italic break-words').props('data-testid=group-question')
            if info.location.startswith(('http://', 'https://')):
                ui.link(t('breakout.video'), info.location, new_tab=True).classes('text-lg')
            elif info.location:
                ui.label(info.location).classes('text-lg font-bold text-primary').props('data-testid=group-location')
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up'), vibrate=me is not None) \
                .classes('text-5xl font-black tabular-nums self-center').props('data-testid=countdown')
            self.note = NoteEditor(info.note, info.note_version, label=t('breakout.note'), save_text=t('common.save'),
                                   saved_text=t('breakout.note_saved'), merged_text=t('breakout.note_merged'),
                                   changed_text=t('breakout.note_changed'), on_save=self._save, on_error=self._error)

    async def _save(self, base_version: int, base_text: str, text: str) -> tuple[str, int, bool]:
        saved, conflict = await self.room.breakouts.save_note(self.activity.id, self.group, base_version, base_text,
                                                              text)
        return saved.text, saved.version, conflict

    def _error(self, error: ValueError) -> None:
        key = error.key if isinstance(error, InvalidInput) else 'error.unexpected'
        ui.notify(self.t(key, **getattr(error, 'params', {})), type='warning')

    def note_changed(self, change: NoteChange) -> None:
        if change.activity_id == self.activity.id and change.group == self.group:
            self.note.remote(change.text, change.version)


class PhoneBreakout:
    """The phone during a breakout activity; the page forwards round, clock, note and message events."""

    def __init__(self, room: Room, activity: Activity, participant_id: str, t: Translate) -> None:
        self.room, self.activity, self.pid, self.t = room, activity, participant_id, t
        self.card: GroupCard | None = None
        self.shown: tuple | None = None
        self.part = ui.refreshable(self._part)  # per phone (see ParticipantView.body)

    def build(self) -> None:
        ui.label(self.t('kind.breakout')).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(self.activity.text).classes('text-xl font-bold break-words').props('data-testid=activity-text')
        self.message = ui.label().classes('text-lg font-bold bg-amber-2 rounded p-3 w-full') \
            .props('role=alert data-testid=message')
        self.message.set_visibility(False)
        self.part()
        r = self.room.breakouts.current(self.activity.id)
        last = self.room.breakouts.last_message(self.activity.id, r.table_of(self.pid) if r else None)
        if last is not None:  # sent while this phone was asleep or reloading
            self.message_sent(last)

    def _part(self) -> None:
        r = self.room.breakouts.current(self.activity.id)
        self.card = None
        self.shown = self._view_of(r)
        if r is None:
            ui.label(self.t('breakout.soon')).classes('text-lg text-grey-8').props('data-testid=breakout-soon')
            return
        group = r.table_of(self.pid)
        activity = self.room.agenda.activities.get(self.activity.id, self.activity)
        if activity.settings.fill == 'choose' and r.phase(self.room.breakouts.clock()) == 'ready':
            self._chooser(r, group)
            return
        if group is None:
            ui.label(self.t('breakout.not_placed')).classes('text-lg')
            return
        self.card = GroupCard(self.room, self.activity, r, group, self.t, me=self.pid)

    def _chooser(self, r: DateRound, mine: int | None) -> None:
        """Self-select: every topic with its places left; tap to choose (again) until the round starts."""
        t, most = self.t, self.room.breakouts.capacity(self.activity.id)
        ui.label(t('breakout.choose_title')).classes('text-2xl font-bold')
        for number, members in enumerate(r.groups, start=1):
            info = r.info(number)
            with ui.card().classes('w-full gap-1 ' + ('bg-green-1' if number == mine else '')) \
                    .props('data-testid=topic'):
                ui.label(info.question or t('breakout.group', number=number)).classes('text-xl font-bold break-words')
                ui.label(t('breakout.places', count=len(members), max=most)).classes('text-grey-8')
                if number == mine:
                    ui.label(t('breakout.chosen')).classes('text-positive font-semibold')
                else:
                    ui.button(t('breakout.choose'), on_click=lambda n=number: self._choose(n)) \
                        .props(f'unelevated size=lg data-testid=choose-{number}').classes('w-full') \
                        .mark(f'choose-{number}').set_enabled(len(members) < most)

    async def _choose(self, group: int) -> None:
        try:
            await self.room.breakouts.choose(self.activity.id, self.pid, group)
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')

    def _view_of(self, r: DateRound | None) -> tuple | None:
        """What this phone shows of a round: only when it changes, the group card is rebuilt (a note being
        typed is not thrown away because someone in another group was moved)."""
        if r is None:
            return None
        group = r.table_of(self.pid)
        choosing = self.room.agenda.activities.get(self.activity.id, self.activity).settings.fill == 'choose' \
            and r.phase(self.room.breakouts.clock()) == 'ready'
        return (r.number, group, r.groups if choosing else r.groups[group - 1] if group else None,
                r.info(group).question if group else '', r.info(group).location if group else '', choosing)

    def round_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id and self._view_of(r) != self.shown:
            self.part.refresh()

    def clock_changed(self, r: DateRound) -> None:
        if r.activity_id != self.activity.id:
            return
        if self._view_of(r) != self.shown:  # the start ends the choosing
            self.part.refresh()
        elif self.card is not None:
            self.card.countdown.show(r.countdown)

    def note_changed(self, change: NoteChange) -> None:
        if self.card is not None:
            self.card.note_changed(change)

    def message_sent(self, message: Message) -> None:
        mine = self.card.group if self.card else None
        if message.activity_id == self.activity.id and message.group in (None, mine):
            self.message.set_text(message.text)
            self.message.set_visibility(True)
