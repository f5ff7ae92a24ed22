"""The facilitator's view of what runs now: count, results and reasons (without names), and the controls."""

from __future__ import annotations

from dataclasses import replace

from nicegui import ui

from app.domain.activities import Activity
from app.i18n import Translate
from app.live.agenda import AnswerChange
from app.live.room import Room, RosterChange
from app.pages.common import result_texts
from app.pages.control_breakout import ControlBreakout
from app.pages.control_speeddate import ControlSpeedDate
from app.pages.screen_activity import show_answer
from components.results import ResultsView


class LivePanel:
    def __init__(self, room: Room, t: Translate, lang: str) -> None:
        self.room, self.t, self.lang = room, t, lang
        self.results: ResultsView | None = None
        self.answered: ui.label | None = None
        self.speed: ControlSpeedDate | ControlBreakout | None = None  # the rounds part, if any

    def build(self) -> None:
        with ui.card().classes('w-full gap-2').mark('live-panel'):
            self.panel()
        agenda = self.room.agenda
        agenda.current_changed.subscribe(lambda _: self.panel.refresh())
        agenda.answers_changed.subscribe(self._answer_changed)
        self.room.roster_changed.subscribe(self._roster_changed)
        for runner in (self.room.speed, self.room.breakouts):
            runner.round_changed.subscribe(lambda r: self.speed and self.speed.round_changed(r))
            runner.clock_changed.subscribe(lambda r: self.speed and self.speed.clock_changed(r))
        self.room.breakouts.note_changed.subscribe(
            lambda c: isinstance(self.speed, ControlBreakout) and self.speed.note_changed(c))
        self.room.invites_changed.subscribe(lambda: self.speed and self.speed.round_changed())

    @ui.refreshable_method
    def panel(self) -> None:
        t, agenda = self.t, self.room.agenda
        activity = agenda.current
        self.results = self.answered = None
        self.speed = None
        ui.label(t('live.title')).classes('text-lg font-semibold')
        if activity is None:
            ui.label(t('live.nothing')).classes('text-grey-7')
            with ui.row():
                ui.button(t('live.start'), icon='play_arrow', on_click=agenda.next).props('unelevated') \
                    .mark('next-activity')
            return
        ui.label(f'{t(f"kind.{activity.kind}")} · {t(f"activity.state.{activity.state}")}') \
            .classes('text-sm text-grey-7').mark('live-state').props('data-testid=live-state')
        ui.label(activity.text).classes('text-xl font-bold break-words')
        if activity.kind in ('speed_date', 'breakout'):
            rounds = ControlSpeedDate if activity.kind == 'speed_date' else ControlBreakout
            self.speed = rounds(self.room, activity, t)
            self.speed.build()
            ui.button(t('live.next'), icon='skip_next', on_click=agenda.next).props('flat').mark('next-activity')
            return
        self.answered = ui.label().classes('text-lg').mark('live-answered').props('data-testid=live-answered')
        self._update_count()
        with ui.row().classes('gap-1'):
            if activity.state == 'open':
                ui.button(t('live.close'), icon='stop', on_click=lambda: agenda.close(activity.id)) \
                    .props('outline').mark('close-voting')
            else:
                ui.button(t('live.reopen'), icon='replay', on_click=lambda: agenda.open(activity.id)) \
                    .props('outline').mark('reopen-voting')
            if not activity.settings.results_live:
                ui.button(t('live.hide_results') if activity.revealed else t('live.reveal'), icon='visibility',
                          on_click=lambda: agenda.reveal(activity.id, not activity.revealed)) \
                    .props('outline').mark('reveal')
            if activity.kind != 'open':
                on_screen = activity.settings.reasons_on_screen
                ui.button(t('live.reasons_off') if on_screen else t('live.reasons_on'), icon='forum',
                          on_click=lambda: self._toggle_reasons(activity)).props('outline').mark('reasons-on-screen')
            ui.button(t('live.next'), icon='skip_next', on_click=agenda.next).props('unelevated') \
                .mark('next-activity')
            ui.button(t('live.welcome'), icon='qr_code', on_click=agenda.show_nothing).props('flat') \
                .mark('show-welcome')
        if not activity.results_visible:
            ui.label(t('live.hidden_note')).classes('text-sm text-grey-7')
        tally = agenda.tallies.get(activity.id)
        answers = [(pid, a.text or a.choice, a.reason) for pid, a in agenda.visible_answers(activity.id)]
        self.results = ResultsView(activity, tally.counts if tally else {}, answers, texts=result_texts(t),
                                   lang=self.lang, size='panel', show_wall=True,
                                   on_hide=lambda pid: agenda.hide(activity.id, pid))

    async def _toggle_reasons(self, activity: Activity) -> None:
        settings = replace(activity.settings, reasons_on_screen=not activity.settings.reasons_on_screen)
        await self.room.agenda.edit(activity.id, activity.text, settings)

    def _update_count(self) -> None:
        activity = self.room.agenda.current
        if self.answered is not None and activity is not None:
            self.answered.set_text(self.t('screen.answered', count=self.room.agenda.count(activity.id),
                                          total=len(self.room.people)))

    def _answer_changed(self, change: AnswerChange) -> None:
        if self.room.agenda.current_id != change.activity_id:
            return
        self._update_count()
        if self.results is None:
            return
        show_answer(self.results, self.room, change)

    def _roster_changed(self, change: RosterChange) -> None:
        if self.speed is not None:
            self.speed.roster_changed()
        if change.kind != 'presence':
            self._update_count()
