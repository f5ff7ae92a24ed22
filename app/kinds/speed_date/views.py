"""Speed dating's views: the facilitator's controls, the projector, the phone."""

from __future__ import annotations

from dataclasses import replace

from nicegui import ui

from app.domain.rounds import Round
from app.domain.video import group_is_online
from app.i18n import N_
from app.kinds.round_views import ControlRounds, RoundPart, ScreenRounds, is_link, plenary, video_room
from app.kinds.speed_date.rules import SpeedDateRules, SpeedDateSettings, total_rounds
from app.live.roster import RosterChange
from components.countdown import Countdown

SOUND = '/assets/round-end.wav'


class SpeedDatePart(RoundPart):
    kind_name = SpeedDateRules.name

    def round_title(self, r: Round) -> str:
        """ "Ronde 2 van 5": the total fixed at the first round, never less than the round shown."""
        rounds = [x for x in self.runner.by_activity.get(self.activity.id, []) if x.number <= r.number]
        total = total_rounds(SpeedDateSettings.of(self.live), rounds or [r])
        return self.t('speed.round', number=r.number, total=total)


class ControlSpeedDate(ControlRounds, SpeedDatePart):
    """Pair, start, pause, +1 minute, end early, swap, stop."""

    done_text = N_('speed.switch')
    new_text = (N_('speed.make_pairs'), N_('speed.next'))
    end_text = N_('speed.end_now')

    def round_label(self, r: Round) -> str:
        return self.round_title(r)

    def planned(self) -> int:
        return total_rounds(SpeedDateSettings.of(self.live), self.runner.by_activity.get(self.activity.id, []))

    async def new_round(self, activity_id: int) -> None:
        await self.runner.next_round(self.live)

    def header_extra(self, r: Round | None) -> None:
        t = self.t
        ui.button(t('speed.stop'), icon='done_all', on_click=self._stop).props('flat').mark('stop-speeddate')
        sound = SpeedDateSettings.of(self.live).sound
        ui.switch(t('speed.sound'), value=sound, on_change=lambda e: self._sound(e.value)) \
            .mark('speed-sound')

    def _body(self) -> None:
        t, people = self.t, self.room.roster.people
        r = self.current()
        if r is None:
            return
        name = {pid: shown.full for pid, shown in self.room.roster.names().items()}  # namesakes told apart
        with ui.list().props('dense separator').classes('w-full'):
            for number, group in enumerate(r.groups, start=1):
                with ui.item().props('data-testid=control-pair'):
                    with ui.item_section().props('avatar'):
                        ui.label(str(number)).classes('font-bold')
                    with ui.item_section():
                        ui.item_label(' – '.join(self._who(p, name) for p in group)).classes('break-words')
                        location = r.info(number).location
                        if is_link(location):  # the facilitator can drop in
                            ui.link(location, location, new_tab=True).classes('text-sm break-all') \
                                .props('data-testid=control-room')
        links = sum(1 for n in range(1, len(r.groups) + 1) if is_link(r.info(n).location))
        online = self.room.placement(list(r.placed())).online
        missing = sum(1 for n, g in enumerate(r.groups, start=1)
                      if group_is_online(g, online) and not is_link(r.info(n).location))
        if missing and links + missing and self.room.info.video_links:
            ui.label(t.plural('video.missing_links', missing)).classes('text-sm text-amber-9') \
                .props('data-testid=missing-links')
        waiting = [p for p in people if p not in r.placed() and p != r.paused]
        if r.paused:
            ui.label(t('speed.pausing', name=name.get(r.paused, '…'))).classes('text-sm break-words')
        if waiting:
            ui.label(t('speed.unpaired', names=', '.join(self._who(p, name) for p in waiting))) \
                .classes('text-sm text-amber-9 break-words').props('data-testid=unpaired')
        lonely = self.runner.stranded(self.activity.id)
        if lonely:
            ui.label(t('speed.stranded', names=', '.join(self._who(p, name) for p in lonely))) \
                .classes('text-sm text-negative break-words').props('data-testid=stranded')
            ui.button(t('speed.repair'), icon='group_add', on_click=lambda: self.do(self.runner.repair)) \
                .props('outline color=negative').mark('repair')

    def _tools(self) -> None:
        t = self.t
        r = self.current()
        if r is not None and r.phase(self.runner.clock()) == 'ready':
            options = {pid: shown.full for pid, shown in self.room.roster.names().items()}
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                first = ui.select(options, label=t('speed.swap_a')).classes('grow').mark('swap-a')
                second = ui.select(options, label=t('speed.swap_b')).classes('grow').mark('swap-b')
                self.fields.update(swap_a=first, swap_b=second)
                ui.button(t('speed.swap'), icon='swap_horiz',
                          on_click=lambda: self._swap(first.value, second.value)).props('outline').mark('swap')

    def _who(self, pid: str, name: dict[str, str]) -> str:
        text = name.get(pid, self.t('speed.gone'))
        return text if self.room.roster.is_online(pid) else f'{text} · {self.t("control.offline")}'

    async def _swap(self, a: str | None, b: str | None) -> None:
        if not a or not b:
            ui.notify(self.t('error.swap_choose'), type='warning')
            return
        await self.do(lambda aid: self.runner.swap(aid, a, b))

    async def _stop(self) -> None:
        await self.room.agenda.close(self.activity.id)

    async def _sound(self, on: bool) -> None:
        activity = self.live
        if SpeedDateSettings.of(activity).sound != on:
            await self.room.agenda.edit(activity.id, activity.text, replace(SpeedDateSettings.of(activity), sound=on))


class ScreenSpeedDate(ScreenRounds, SpeedDatePart):
    """A huge countdown, the round, the question and every pair — no controls."""

    def roster_changed(self, change: RosterChange) -> None:
        r = self.current()
        if change.kind == 'left' and r is not None and change.person.id in r.placed():
            self.part.refresh()  # a pair that lost someone is not shown as if it still talks

    def _part(self) -> None:
        t, r = self.t, self.current()
        self.countdown = None
        if r is None:
            ui.label(t('speed.soon')).classes('text-6xl font-bold text-grey-4 mt-[20vh] self-center')
            return
        settings = SpeedDateSettings.of(self.live)
        with ui.row().classes('w-full items-end justify-between no-wrap'):
            with ui.column().classes('gap-2 min-w-0'):
                ui.label(self.round_title(r)).classes('text-5xl font-bold text-yellow-300') \
                    .props('data-testid=round-label')
                if r.question:
                    ui.label(r.question).classes('text-4xl italic break-words').props('data-testid=round-question')
            sound = SOUND if settings.sound else ''
            self.countdown = Countdown(r.countdown, done_text=t('speed.switch'),
                                       paused_text=t('countdown.paused'), sound=sound) \
                .classes('font-black tabular-nums leading-none').style('font-size: 22vh') \
                .mark('countdown').props('data-testid=countdown')
        names = {pid: shown.short for pid, shown in self.room.roster.names().items()}  # namesakes told apart
        columns = 'grid-cols-3' if len(r.groups) > 8 else 'grid-cols-2'
        with ui.element('div').classes(f'w-full grid {columns} gap-x-10 gap-y-3 content-start overflow-hidden'):
            for number, group in enumerate(r.groups, start=1):
                here = [names[p] for p in group if p in names]
                if len(here) < 2:  # someone left: not shown as a pair that talks (the facilitator re-pairs)
                    continue
                text = ' – '.join(here)
                with ui.row().classes('items-baseline gap-4 no-wrap min-w-0').props('data-testid=pair'):
                    if is_link(r.info(number).location):  # meets in its video room
                        ui.icon('videocam').classes('text-3xl text-grey-5 shrink-0').props('data-testid=pair-online')
                    elif settings.tables or self.room.info.mode != 'room':
                        ui.label(t('speed.table', number=number)).classes('text-2xl text-grey-5 shrink-0') \
                            .props('data-testid=pair-table')
                    ui.label(text).classes('text-3xl font-semibold break-words min-w-0')
        if r.paused:
            ui.label(t('speed.pausing', name=names.get(r.paused, '…'))).classes('text-2xl text-grey-5')


class PhoneSpeedDate(SpeedDatePart):
    """This round's partner(s), table, question and the countdown; "Wissel!" at zero."""

    countdown: Countdown | None = None
    ready_hint: ui.label | None = None
    plenary: ui.column | None = None

    def build(self) -> None:
        self.part = ui.refreshable(self._part)  # per phone: a refresh touches only this phone's elements
        self.partners: dict[str, str] = {}  # who this phone shows as partner(s), by id
        self.left: list[str] = []  # names of partners who left during this round
        ui.label(self.t(self.room.kinds[self.activity.kind].label)) \
            .classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(self.activity.text).classes('text-xl font-bold break-words').mark('activity-text') \
            .props('data-testid=activity-text')
        self.part()

    def _part(self) -> None:
        t, me = self.t, self.ctx.participant_id
        r = self.current()
        self.countdown = self.ready_hint = self.plenary = None
        if r is None:
            ui.label(t('speed.soon')).classes('text-lg text-grey-8').mark('speed-soon')
            return
        with ui.row().classes('w-full items-center justify-between no-wrap'):  # the time first: above the fold
            ui.label(self.round_title(r)).classes('text-lg font-semibold').props('data-testid=round-label')
            self.countdown = Countdown(r.countdown, done_text=t('speed.switch'),
                                       paused_text=t('countdown.paused'), vibrate=True) \
                .classes('text-5xl font-black tabular-nums text-right').mark('countdown') \
                .props('data-testid=countdown')
        self.ready_hint = ui.label(t('speed.get_ready')).classes('text-lg text-amber-9').props('data-testid=ready')
        self.ready_hint.set_visibility(r.phase(self.runner.clock()) == 'ready')
        for name in self.left:
            ui.label(t('speed.partner_left', name=name)) \
                .classes('text-lg font-bold bg-amber-2 rounded p-3 w-full break-words') \
                .props('role=alert data-testid=partner-left')
        with ui.card().classes('w-full items-center text-center gap-1 p-4').mark('partner-card'):
            table = r.table_of(me)
            tables = SpeedDateSettings.of(self.activity).tables
            present = [p for p in r.partners_of(me) if p in self.room.roster.people]
            shown = self.room.roster.names()
            self.partners = {p: shown[p].name if p in shown else self.room.roster.people[p].name for p in present}
            if table is not None and present:
                ui.label(t('speed.you_talk_with')).classes('text-lg')
                size = 'text-3xl' if len(present) == 1 else 'text-2xl'  # a trio fits as well
                for partner in present:
                    person = self.room.roster.people.get(partner)
                    ui.label(self.partners.get(partner, t('speed.gone')) if person else t('speed.gone')) \
                        .classes(f'{size} font-black break-words max-w-full').props('data-testid=partner-name')
                    if person and person.organisation:
                        ui.label(person.organisation).classes('text-lg text-grey-8 break-words max-w-full')
                location = r.info(table).location
                if is_link(location):
                    video_room(t, location)
                elif tables or self.room.info.mode != 'room':  # online without a link: a table
                    ui.label(t('speed.table', number=table)).classes('text-2xl font-bold text-primary') \
                        .props('data-testid=table')
            elif table is not None:  # every partner left: the facilitator pairs the ones left alone
                ui.label(t('speed.wait_for_partner')).classes('text-xl').props('data-testid=wait-partner')
            elif r.paused == me:
                ui.label(t('speed.you_pause')).classes('text-xl').props('data-testid=you-pause')
            else:
                ui.label(t('speed.next_round')).classes('text-xl').props('data-testid=next-round')
        if r.question:
            ui.label(r.question).classes('text-xl italic break-words').props('data-testid=round-question')
        reason = self._reason(me, list(self.partners))
        if reason:
            ui.label(reason).classes('text-base leading-snug break-words whitespace-pre-line bg-blue-1 rounded p-3 '
                                     'w-full').props('data-testid=pair-reason')
        self.plenary = plenary(t, self.room) if self.room.info.mode != 'room' else None
        self._show_plenary(r)

    def _reason(self, me: str, partners: list[str]) -> str:
        """Paired from give and need: why, as that activity's kind tells it."""
        source = self.room.agenda.activities.get(SpeedDateSettings.of(self.live).pairs_from or 0)
        kind = self.room.kinds.get(source.kind) if source is not None else None
        if kind is None or source is None:
            return ''
        answers = self.room.agenda.answers.get(source.id, {})
        return '\n'.join(filter(None, (kind.pair_reason(source, answers, self.room.roster.people, me, p, self.t)
                                        for p in partners)))

    def _show_plenary(self, r: Round) -> None:
        if self.plenary is not None:
            self.plenary.set_visibility(r.phase(self.runner.clock()) == 'over')

    def round_changed(self, r: Round) -> None:
        if r.number != getattr(self, 'shown_round', r.number):
            self.left = []  # a new round: new partners
        self.shown_round = r.number
        self.part.refresh()

    def participant_left(self, participant_id: str) -> None:
        if participant_id in self.partners:
            self.left.append(self.partners[participant_id])
            self.part.refresh()

    def clock_changed(self, r: Round) -> None:
        if self.countdown is not None:
            self.countdown.show(r.countdown)  # in place: one small update per pause/resume/+1 minute
            if self.ready_hint is not None:
                self.ready_hint.set_visibility(r.phase(self.runner.clock()) == 'ready')
            self._show_plenary(r)
