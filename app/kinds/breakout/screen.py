"""Breakouts on the projector: every group with its members and the countdown, then the harvests."""

from __future__ import annotations

from nicegui import ui

from app.kinds.breakout.live import NoteSaved
from app.kinds.breakout.rules import BreakoutSettings
from app.kinds.breakout.views import BreakoutPart
from app.kinds.round_views import ScreenRounds
from components.countdown import Countdown


class ScreenBreakout(ScreenRounds, BreakoutPart):
    """Every group with its members and the countdown, then the harvests."""

    notes: dict[int, ui.label]

    def _part(self) -> None:
        t, r = self.t, self.current()
        self.countdown, self.notes = None, {}
        if r is None:
            ui.label(t('breakout.soon')).classes('text-6xl font-bold text-grey-4 mt-[20vh] self-center')
            return
        harvest = BreakoutSettings.of(self.live).harvest_on_screen
        if harvest < 0:
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up'),
                                       paused_text=t('countdown.paused')) \
                .classes('font-black tabular-nums leading-none self-end').style('font-size: 16vh') \
                .props('data-testid=countdown')
        names = {pid: shown.short for pid, shown in self.room.roster.names().items()}  # namesakes told apart
        shown = [n for n in range(1, len(r.groups) + 1) if harvest <= 0 or n == harvest]
        columns = 'grid-cols-4' if len(shown) > 6 else 'grid-cols-3' if len(shown) > 2 else 'grid-cols-2'
        few = len(shown) <= 4  # room to spare: larger type (never under 24 px on 1920×1080)
        names_size, detail_size = ('text-4xl', 'text-3xl') if few else ('text-2xl', 'text-2xl')
        with ui.element('div').classes(f'w-full grid {columns} gap-6 content-start overflow-hidden'):
            for number in shown:
                info = r.info(number)
                with ui.column().classes('bg-grey-9 rounded-xl p-5 gap-2 min-w-0').props('data-testid=screen-group'):
                    ui.label(t('breakout.group', number=number)).classes('text-3xl font-black text-yellow-300')
                    if harvest < 0:
                        ui.label(', '.join(names.get(p, '…') for p in r.groups[number - 1])) \
                            .classes(f'{names_size} font-semibold break-words max-w-full leading-tight')
                        if info.location:
                            ui.label(info.location).classes(f'{detail_size} text-grey-4 break-all')
                    if info.question:
                        ui.label(info.question).classes(f'{detail_size} italic break-words max-w-full')
                    if harvest >= 0:
                        self.notes[number] = ui.label(info.note or '—').classes('text-2xl break-words max-w-full') \
                            .style('white-space: pre-line').props('data-testid=screen-harvest')

    def note_changed(self, change: NoteSaved) -> None:
        label = self.notes.get(change.group)
        if label is not None:
            label.set_text(change.text or '—')
