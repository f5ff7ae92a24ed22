"""The facilitator's breakout controls: make groups, move people, moderators, start, message, back to plenary."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nicegui import Event, ui

from app.domain.errors import Refused
from app.domain.rounds import Round
from app.i18n import N_
from app.kinds.breakout.live import NoteSaved
from app.kinds.breakout.rules import MAX_MESSAGE, BreakoutSettings
from app.kinds.breakout.views import BreakoutPart
from app.kinds.round_views import ControlRounds
from app.live.room import Room
from app.ui.messages import limited, notify_refused


class ControlBreakout(ControlRounds, BreakoutPart):
    """Make groups, move people, moderators, start, message, back to plenary."""

    round_text = N_('breakout.round')
    done_text = N_('breakout.time_up')
    new_text = (N_('breakout.make'), N_('breakout.again'))
    end_text = N_('breakout.plenary')

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return *super().events(room), room.invites.changed

    def changed(self, change: Any) -> None:
        if change is None:  # the invites changed: the moderator choices
            self.round_changed()
        else:
            super().changed(change)

    async def new_round(self, activity_id: int) -> None:
        await self.runner.new_round(self.live)

    def planned(self) -> int:
        return BreakoutSettings.of(self.live).rounds

    def between(self) -> None:
        t = self.t
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            message = limited(ui.input(t('breakout.message')).props('outlined dense'), MAX_MESSAGE, t) \
                .classes('grow').mark('broadcast-input')
            ui.button(t('breakout.send'), icon='campaign', on_click=lambda: self._send(message)).props('outline') \
                .mark('broadcast')

    def note_changed(self, change: NoteSaved) -> None:
        self.body.refresh()

    def header_extra(self, r: Round | None) -> None:
        if r is None:
            return
        t = self.t
        harvest = BreakoutSettings.of(self.live).harvest_on_screen
        choices = {-1: t('breakout.screen_groups'), 0: t('breakout.screen_harvest'),
                   **{n: t('breakout.group', number=n) for n in range(1, len(r.groups) + 1)}}
        ui.toggle(choices, value=harvest if harvest in choices else -1,
                  on_change=lambda e: self._show_harvest(e.value)).props('no-caps').mark('harvest-on-screen')

    def _body(self) -> None:
        t = self.t
        r = self.current()
        if r is None:
            return
        invites = {i.key: i.label or t('control.moderator') for i in self.room.invites.by_key.values() if not i.revoked}
        for number, group in enumerate(r.groups, start=1):
            info = r.info(number)
            with ui.card().classes('w-full gap-1').props('data-testid=control-group'):
                with ui.row().classes('w-full items-center justify-between'):
                    ui.label(t('breakout.group', number=number)).classes('font-bold')
                    ui.select({'': '—', **invites}, value=info.moderator_key if info.moderator_key in invites else '',
                              label=t('control.moderator'),
                              on_change=lambda e, n=number: self._moderator(n, e.value)).props('dense').classes('w-40')
                shown = self.room.roster.names()  # namesakes told apart
                names = [shown[p].short + ('' if self.room.roster.is_online(p) else f' · {t("control.offline")}')
                         for p in group if p in shown]
                ui.label(', '.join(names) or '—').classes('break-words').props('data-testid=control-group-members')
                if info.question:
                    ui.label(info.question).classes('text-sm italic break-words')
                if info.note:
                    ui.label(info.note).classes('text-sm bg-grey-2 rounded p-2 break-words') \
                        .style('white-space: pre-line')

    def _tools(self) -> None:
        t = self.t
        r = self.current()
        if r is None:
            return
        options = {pid: shown.full for pid, shown in self.room.roster.names().items()}
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            who = ui.select(options, label=t('breakout.move_who')).classes('grow').mark('move-who')
            to = ui.select({n: t('breakout.group', number=n) for n in range(1, len(r.groups) + 1)},
                           label=t('breakout.move_to')).classes('w-40').mark('move-to')
            self.fields.update(move_who=who, move_to=to)
            ui.button(t('breakout.move'), icon='east', on_click=lambda: self._move(who.value, to.value)) \
                .props('outline').mark('move')

    async def _send(self, field: ui.input) -> None:
        try:
            await self.runner.send(self.activity.id, field.value or '')
        except Refused as error:
            notify_refused(self.t, error)
            return
        field.set_value('')
        ui.notify(self.t('breakout.sent'))

    async def _move(self, who: str | None, to: int | None) -> None:
        if not who or not to:
            ui.notify(self.t('error.move_choose'), type='warning')
            return
        await self.do(lambda aid: self.runner.move(aid, who, int(to)))

    async def _moderator(self, group: int, key: str) -> None:
        await self.do(lambda aid: self.runner.set_moderator(aid, group, key or ''))

    async def _show_harvest(self, value: int) -> None:
        activity = self.live
        settings = BreakoutSettings.of(activity)
        if settings.harvest_on_screen != value:
            await self.room.agenda.edit(activity.id, activity.text, replace(settings, harvest_on_screen=value))
