"""The projected current activity: the question in large type, "x van y", live results — no names, no controls."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.i18n import Translate
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.pages.common import result_texts
from components.results import ResultsView


class ScreenActivity:
    def __init__(self, room: Room, activity: Activity, t: Translate, lang: str, join_hint: str) -> None:
        self.room, self.activity, self.t, self.lang, self.join_hint = room, activity, t, lang, join_hint
        self.results: ResultsView | None = None

    def build(self) -> None:
        t, activity, agenda = self.t, self.activity, self.room.agenda
        with ui.column().classes('w-screen h-screen overflow-hidden p-[4vh] gap-[2vh]').mark('screen-activity'):
            with ui.row().classes('w-full items-center justify-between no-wrap'):
                ui.label(t(f'kind.{activity.kind}')).classes('text-3xl uppercase tracking-widest text-grey-5')
                ui.label(self.join_hint).classes('text-2xl text-grey-5').mark('join-hint')
            ui.label(activity.text).classes('font-black leading-tight break-words line-clamp-4') \
                .style('font-size: min(6vh, 4.2vw)').mark('screen-question').props('data-testid=screen-question')
            self.answered = ui.label().classes('text-4xl font-bold text-yellow-300').mark('answered') \
                .props('data-testid=answered')
            if activity.results_visible:
                tally = agenda.tallies.get(activity.id)
                show_wall = activity.settings.reasons_on_screen if activity.kind != 'open' \
                    else activity.settings.display == 'wall'
                self.results = ResultsView(activity, tally.counts if tally else {}, self._answers(), lang=self.lang,
                                           texts=result_texts(t), size='screen', show_wall=show_wall)
            else:
                ui.label(t('screen.results_later')).classes('text-4xl text-grey-5').mark('results-hidden') \
                    .props('data-testid=results-hidden')
            if activity.state == 'closed':
                ui.label(t('screen.voting_closed')).classes('text-3xl text-amber-5').props('data-testid=closed')
        self.update_count()

    def _answers(self) -> list[tuple[str, str, str]]:
        return [(pid, a.text or a.choice, a.reason) for pid, a in self.room.agenda.visible_answers(self.activity.id)]

    def update_count(self) -> None:
        self.answered.set_text(self.t('screen.answered', count=self.room.agenda.count(self.activity.id),
                                      total=len(self.room.people)))

    def answer_changed(self, change: AnswerChange) -> None:
        """One vote: the count and the chart change in place; the page is not rebuilt."""
        if change.activity_id != self.activity.id:
            return
        self.update_count()
        if self.results is None:
            return
        show_answer(self.results, self.room, change)


def show_answer(results: ResultsView, room: Room, change: AnswerChange) -> None:
    """One answer changed: its tally and its card, in place (shared with the control view)."""
    tally = room.agenda.tallies.get(change.activity_id)
    answer = change.answer
    results.apply(tally.counts if tally else None, change.participant_id, answer.text or answer.choice,
                  answer.reason, answer.hidden)
