"""Speed dating on the projector: a huge countdown, the round, the question and every pair — no controls."""

from __future__ import annotations

from nicegui import ui

from app.domain.speeddate import planned_rounds
from app.pages.screen_rounds import ScreenRounds
from components.countdown import Countdown

SOUND = '/assets/round-end.wav'


class ScreenSpeedDate(ScreenRounds):
    @ui.refreshable_method
    def part(self) -> None:
        t, r = self.t, self.room.speed.current(self.activity.id)
        self.countdown = None
        if r is None:
            ui.label(t('speed.soon')).classes('text-6xl font-bold text-grey-4 mt-[20vh] self-center')
            return
        total = planned_rounds(self.activity.settings, len(self.room.people))
        with ui.row().classes('w-full items-end justify-between no-wrap'):
            with ui.column().classes('gap-2'):
                ui.label(t('speed.round', number=r.number, total=max(total, r.number))) \
                    .classes('text-5xl font-bold text-yellow-300').props('data-testid=round-label')
                if r.question:
                    ui.label(r.question).classes('text-4xl italic break-words').props('data-testid=round-question')
            sound = SOUND if self.activity.settings.sound else ''
            self.countdown = Countdown(r.countdown, done_text=t('speed.switch'), sound=sound) \
                .classes('font-black tabular-nums leading-none').style('font-size: 22vh') \
                .mark('countdown').props('data-testid=countdown')
        names = {p.id: p.name for p in self.room.people.values()}
        tables = self.activity.settings.tables
        columns = 'grid-cols-3' if len(r.groups) > 8 else 'grid-cols-2'
        with ui.element('div').classes(f'w-full grid {columns} gap-x-10 gap-y-3 content-start overflow-hidden'):
            for number, group in enumerate(r.groups, start=1):
                text = ' – '.join(names.get(p, '…') for p in group)
                with ui.row().classes('items-baseline gap-4 no-wrap').props('data-testid=pair'):
                    if tables:
                        ui.label(t('speed.table', number=number)).classes('text-2xl text-grey-5 shrink-0')
                    ui.label(text).classes('text-3xl font-semibold break-words')
        if r.paused:
            ui.label(t('speed.pausing', name=names.get(r.paused, '…'))).classes('text-2xl text-grey-5')
