"""Breakout rounds on the projector: every group with its members and the countdown, then the harvests."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.i18n import Translate
from app.live.breakouts import NoteChange
from app.live.room import Room
from app.pages.screen_rounds import ScreenRounds
from components.countdown import Countdown


class ScreenBreakout(ScreenRounds):
    def __init__(self, room: Room, activity: Activity, t: Translate, join_hint: str) -> None:
        super().__init__(room, activity, t, join_hint)
        self.notes: dict[int, ui.label] = {}

    @ui.refreshable_method
    def part(self) -> None:
        t, r = self.t, self.room.breakouts.current(self.activity.id)
        self.countdown, self.notes = None, {}
        if r is None:
            ui.label(t('breakout.soon')).classes('text-6xl font-bold text-grey-4 mt-[20vh] self-center')
            return
        harvest = self.activity.settings.harvest_on_screen
        if harvest < 0:
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up')) \
                .classes('font-black tabular-nums leading-none self-end').style('font-size: 16vh') \
                .props('data-testid=countdown')
        names = {p.id: p.name for p in self.room.people.values()}
        shown = [n for n in range(1, len(r.groups) + 1) if harvest <= 0 or n == harvest]
        columns = 'grid-cols-4' if len(shown) > 6 else 'grid-cols-3' if len(shown) > 2 else 'grid-cols-2'
        with ui.element('div').classes(f'w-full grid {columns} gap-6 content-start overflow-hidden'):
            for number in shown:
                info = r.info(number)
                with ui.column().classes('bg-grey-9 rounded-xl p-5 gap-2').props('data-testid=screen-group'):
                    ui.label(t('breakout.group', number=number)).classes('text-3xl font-black text-yellow-300')
                    if harvest < 0:
                        ui.label(', '.join(names.get(p, '…') for p in r.groups[number - 1])) \
                            .classes('text-2xl font-semibold break-words')
                        if info.location:
                            ui.label(info.location).classes('text-xl text-grey-4 break-all')
                    if info.question:
                        ui.label(info.question).classes('text-xl italic break-words')
                    if harvest >= 0:
                        self.notes[number] = ui.label(info.note or '—').classes('text-2xl break-words') \
                            .style('white-space: pre-line').props('data-testid=screen-harvest')

    def note_changed(self, change: NoteChange) -> None:
        label = self.notes.get(change.group) if change.activity_id == self.activity.id else None
        if label is not None:
            label.set_text(change.text or '—')
