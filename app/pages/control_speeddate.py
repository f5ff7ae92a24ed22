"""The facilitator's speed-dating controls: pair, start, pause, +1 minute, end early, swap, stop."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from nicegui import ui

from app.domain.activities import Activity
from app.domain.people import InvalidInput
from app.domain.speeddate import DateRound, planned_rounds
from app.i18n import Translate
from app.live.room import Room
from components.countdown import Countdown


class ControlSpeedDate:
    def __init__(self, room: Room, activity: Activity, t: Translate) -> None:
        self.room, self.activity, self.t = room, activity, t

    def build(self) -> None:
        """The page subscribes once and forwards to the ``*_changed`` methods; each rebuilds only its part,
        so a choice being made in the swap fields is not thrown away by a phone going offline."""
        self.header()
        self.pairs()
        self.tools()

    def round_changed(self, r: DateRound | None = None) -> None:
        if r is None or r.activity_id == self.activity.id:
            self.header.refresh()
            self.pairs.refresh()
            self.tools.refresh()

    def clock_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id:
            self.header.refresh()

    def roster_changed(self) -> None:
        self.pairs.refresh()

    @ui.refreshable_method
    def header(self) -> None:
        t, speed, aid = self.t, self.room.speed, self.activity.id
        activity = self.room.agenda.activities.get(aid, self.activity)
        r = speed.current(aid)
        phase = r.phase(speed.clock()) if r else None
        if r is not None:
            total = planned_rounds(activity.settings, len(self.room.people))
            with ui.row().classes('items-baseline gap-4'):
                ui.label(t('speed.round', number=r.number, total=max(total, r.number))).classes('text-lg font-bold') \
                    .props('data-testid=control-round')
                ui.label(t(f'speed.phase.{phase}')).classes('text-grey-8').props('data-testid=control-phase')
                Countdown(r.countdown, done_text=t('speed.switch')).classes('text-3xl font-bold tabular-nums')
        with ui.row().classes('gap-1'):
            if r is None or phase == 'over':
                label = t('speed.make_pairs') if r is None else t('speed.next')
                ui.button(label, icon='people', on_click=self._next).props('unelevated').mark('next-round')
            if phase in ('ready', 'paused'):
                ui.button(t('speed.start'), icon='play_arrow', on_click=lambda: self._do(speed.start)) \
                    .props('unelevated color=positive').mark('start-round')
            if phase == 'running':
                ui.button(t('speed.pause'), icon='pause', on_click=lambda: self._do(speed.pause)).props('outline') \
                    .mark('pause-round')
            if phase in ('ready', 'running', 'paused'):
                ui.button(t('speed.plus_minute'), icon='more_time', on_click=lambda: self._do(speed.extend)) \
                    .props('outline').mark('extend-round')
            if phase in ('running', 'paused'):
                ui.button(t('speed.end_now'), icon='stop', on_click=lambda: self._do(speed.end_early)) \
                    .props('outline').mark('end-round')
            ui.button(t('speed.stop'), icon='done_all', on_click=self._stop).props('flat').mark('stop-speeddate')
        ui.switch(t('speed.sound'), value=activity.settings.sound, on_change=lambda e: self._sound(e.value)) \
            .mark('speed-sound')

    @ui.refreshable_method
    def pairs(self) -> None:
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

    async def _do(self, action: Callable[[int], Awaitable[None]]) -> None:
        try:
            await action(self.activity.id)
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')

    async def _next(self) -> None:
        try:
            await self.room.speed.next_round(self.room.agenda.activities[self.activity.id])
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')

    async def _swap(self, a: str | None, b: str | None) -> None:
        if not a or not b:
            ui.notify(self.t('error.swap_choose'), type='warning')
            return
        try:
            await self.room.speed.swap(self.activity.id, a, b)
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')

    async def _stop(self) -> None:
        await self.room.agenda.close(self.activity.id)

    async def _sound(self, on: bool) -> None:
        activity = self.room.agenda.activities[self.activity.id]
        if activity.settings.sound != on:
            await self.room.agenda.edit(activity.id, activity.text, replace(activity.settings, sound=on))
