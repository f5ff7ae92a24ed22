"""The facilitator's speed-dating controls: pair, start, pause, +1 minute, end early, swap, stop."""

from __future__ import annotations

from dataclasses import replace

from nicegui import ui

from app.domain.activities import Activity
from app.domain.speeddate import DateRound, planned_rounds
from app.i18n import Translate
from app.live.room import Room
from app.pages.control_rounds import ControlRounds


class ControlSpeedDate(ControlRounds):
    round_text = 'speed.round'
    done_text = 'speed.switch'
    new_text = ('speed.make_pairs', 'speed.next')
    end_text = 'speed.end_now'

    def __init__(self, room: Room, activity: Activity, t: Translate) -> None:
        super().__init__(room, activity, t)
        self.runner = room.speed

    def round_label(self, r: DateRound) -> str:
        activity = self.room.agenda.activities.get(self.activity.id, self.activity)
        total = planned_rounds(activity.settings, len(self.room.people))
        return self.t(self.round_text, number=r.number, total=max(total, r.number))

    async def new_round(self, activity_id: int) -> None:
        await self.room.speed.next_round(self.room.agenda.activities[activity_id])

    def header_extra(self, r: DateRound | None) -> None:
        t = self.t
        activity = self.room.agenda.activities.get(self.activity.id, self.activity)
        ui.button(t('speed.stop'), icon='done_all', on_click=self._stop).props('flat').mark('stop-speeddate')
        ui.switch(t('speed.sound'), value=activity.settings.sound, on_change=lambda e: self._sound(e.value)) \
            .mark('speed-sound')

    @ui.refreshable_method
    def body(self) -> None:
        t, people = self.t, self.room.people
        r = self.room.speed.current(self.activity.id)
        if r is None:
            return
        name = {p.id: p.name + (f' ({p.organisation})' if p.organisation else '') for p in people.values()}
        with ui.list().props('dense separator').classes('w-full'):
            for number, group in enumerate(r.groups, start=1):
                with ui.item().props('data-testid=control-pair'):
                    with ui.item_section().props('avatar'):
                        ui.label(str(number)).classes('font-bold')
                    with ui.item_section():
                        ui.item_label(' – '.join(self._who(p, name) for p in group))
        waiting = [p for p in people if p not in r.placed() and p != r.paused]
        if r.paused:
            ui.label(t('speed.pausing', name=name.get(r.paused, '…'))).classes('text-sm')
        if waiting:
            ui.label(t('speed.unpaired', names=', '.join(self._who(p, name) for p in waiting))) \
                .classes('text-sm text-amber-9').props('data-testid=unpaired')

    @ui.refreshable_method
    def tools(self) -> None:
        t, people = self.t, self.room.people
        r = self.room.speed.current(self.activity.id)
        if r is not None and r.phase(self.room.speed.clock()) == 'ready':
            options = {p.id: p.name + (f' ({p.organisation})' if p.organisation else '') for p in people.values()}
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                first = ui.select(options, label=t('speed.swap_a')).classes('grow').mark('swap-a')
                second = ui.select(options, label=t('speed.swap_b')).classes('grow').mark('swap-b')
                ui.button(t('speed.swap'), icon='swap_horiz',
                          on_click=lambda: self._swap(first.value, second.value)).props('outline').mark('swap')

    def _who(self, pid: str, name: dict[str, str]) -> str:
        text = name.get(pid, self.t('speed.gone'))
        return text if self.room.is_online(pid) else f'{text} · {self.t("control.offline")}'

    async def _swap(self, a: str | None, b: str | None) -> None:
        if not a or not b:
            ui.notify(self.t('error.swap_choose'), type='warning')
            return
        await self._do(lambda aid: self.room.speed.swap(aid, a, b))

    async def _stop(self) -> None:
        await self.room.agenda.close(self.activity.id)

    async def _sound(self, on: bool) -> None:
        activity = self.room.agenda.activities[self.activity.id]
        if activity.settings.sound != on:
            await self.room.agenda.edit(activity.id, activity.text, replace(activity.settings, sound=on))
