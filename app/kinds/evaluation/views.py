"""The evaluation's views: the facilitator's panel, the projector, the phone, and the score asked before leaving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from nicegui import Event, ui

from app.domain.activities import MAX_REASON, Answer
from app.domain.errors import Refused
from app.domain.evaluation import MEANING, ROTI, asks_why
from app.domain.people import lines_length
from app.i18n import N_, Translate
from app.kinds.answer_views import screen_heading, voting_buttons
from app.kinds.evaluation.rules import FIELDS, QUESTIONS, EvaluationSettings
from app.kinds.polls.views import question_size, wall_room
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.messages import limited, notify_refused
from app.ui.parts import Part, shown_by
from components.attributes import with_props
from components.results import ResultsView, ResultTexts, preload_charts


def result_texts(t: Translate, settings: EvaluationSettings) -> ResultTexts:
    """The written answers' cards carry their question as head ("Wat neem je mee…"); never a name."""
    return ResultTexts(labels={q: settings.question(q, t) for q in QUESTIONS},
                       average=t('results.average'), median=t('results.median'), hide=t('results.hide'),
                       more=lambda count: t.plural('results.more', count),
                       page=lambda page, pages: t('results.page', page=page, pages=pages))


def cards_of(participant_id: str, answer: Answer) -> list[tuple[str, str, str]]:
    """One card per question answered: (participant|question, question, answer)."""
    return [(f'{participant_id}|{q}', q, getattr(answer, FIELDS[q])) for q in QUESTIONS if getattr(answer, FIELDS[q])]


def score_buttons(t: Translate, chosen: str | None, enabled: bool, on_tap: Callable[[str], object],
                  size: str = 'text-lg') -> dict[str, ui.button]:
    """Six buttons 0..5, each with what the score means; the chosen one filled."""
    buttons: dict[str, ui.button] = {}
    with ui.element('div').classes('w-full grid grid-cols-1 gap-2'):
        for score in reversed(ROTI):  # 5 at the top: the best first, as on a ROTI flip chart
            button = ui.button(on_click=lambda s=score: on_tap(s)) \
                .props(f'no-caps align=left data-testid=vote-{score}').classes('w-full py-1').mark(f'vote-{score}')
            with button, ui.row().classes('w-full items-center no-wrap gap-3 text-left'):
                ui.label(score).classes('text-3xl font-black w-8 text-center shrink-0')
                ui.label(t(MEANING[score])).classes(f'{size} leading-tight break-words min-w-0')
            button.set_enabled(enabled)
            buttons[score] = button
    highlight(buttons, chosen)
    return buttons


def highlight(buttons: dict[str, ui.button], chosen: str | None) -> None:
    for score, button in buttons.items():
        button.props(remove='outline unelevated')
        button.props('unelevated color=primary' if score == chosen else 'outline color=grey-9')
        button.props(f'aria-pressed={"true" if score == chosen else "false"}')


class EvaluationLive(Part):
    """What the control view and the screen share: "x van y", the distribution, average and median, the texts."""

    results: ResultsView | None = None
    answered: ui.label | None = None

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return (room.agenda.answers_changed,)

    def cards(self) -> list[tuple[str, str, str]]:
        return [card for pid, a in self.room.agenda.visible_answers(self.activity.id) for card in cards_of(pid, a)]

    def results_view(self, size: str, show_wall: bool, **extra: object) -> ResultsView:
        tally = self.room.agenda.tallies.get(self.activity.id)
        return ResultsView(self.activity, tally.counts if tally else {}, self.cards(), lang=self.lang,
                           texts=result_texts(self.t, self.activity.settings), size=size,  # type: ignore[arg-type]
                           show_wall=show_wall, **extra)  # type: ignore[arg-type]

    def update_count(self) -> None:
        if self.answered is not None:
            self.answered.set_text(self.t.plural('screen.answered', self.room.agenda.count(self.activity.id),
                                                 total=len(self.room.roster.people)))

    def changed(self, change: AnswerChange) -> None:
        if not isinstance(change, AnswerChange) or change.activity_id != self.activity.id:
            return
        self.update_count()
        if self.results is None:
            return
        tally = self.room.agenda.tallies.get(self.activity.id)
        if tally is not None:
            self.results.set_counts(tally.counts)
        shown = {} if change.answer.hidden else {key: (q, text) for key, q, text in cards_of(change.participant_id,
                                                                                            change.answer)}
        for q in QUESTIONS:
            key = f'{change.participant_id}|{q}'
            if key in shown:
                self.results.put_answer(key, *shown[key])
            else:
                self.results.drop_answer(key)

    def roster_changed(self, change: RosterChange) -> None:
        if change.kind != 'presence':
            self.update_count()


class EvaluationControl(EvaluationLive):
    def build(self) -> None:
        t, agenda, activity = self.t, self.room.agenda, self.activity
        self.answered = ui.label().classes('text-lg').mark('live-answered').props('data-testid=live-answered')
        self.update_count()
        with ui.row().classes('gap-1'):
            voting_buttons(t, agenda, activity)
            on_screen = EvaluationSettings.of(activity).texts_on_screen
            ui.button(t('evaluation.texts_off') if on_screen else t('evaluation.texts_on'), icon='forum',
                      on_click=self._toggle_texts).props('outline').mark('texts-on-screen')
        if not activity.results_visible:
            ui.label(t('live.hidden_note')).classes('text-sm text-grey-7')
        self.results = self.results_view('panel', True, on_hide=lambda key: agenda.hide(activity.id, key.split('|')[0]))

    async def _toggle_texts(self) -> None:
        activity = self.live
        old = EvaluationSettings.of(activity)
        settings = replace(old, texts_on_screen=not old.texts_on_screen)
        await self.room.agenda.edit(activity.id, activity.text, settings)


class EvaluationScreen(EvaluationLive):
    """The projected evaluation: the distribution 0..5, average and median, "x van y"; the texts only when the
    facilitator shows them, without names."""

    @classmethod
    def preload(cls, room: Room) -> bool:
        if shown_by(room, cls):
            preload_charts()
            return True
        return False

    def build(self) -> None:
        t, activity = self.t, self.activity
        with ui.column().classes('w-screen h-screen overflow-hidden p-[4vh] gap-[2vh]').mark('screen-activity'):
            screen_heading(self, question_size(activity.text))
            self.answered = ui.label().classes('text-4xl font-bold text-yellow-300').mark('answered') \
                .props('data-testid=answered')
            if activity.results_visible:
                self.results = self.results_view('screen', EvaluationSettings.of(activity).texts_on_screen,
                                                 wall_room=wall_room(activity.text, activity.state == 'closed'),
                                                 rotate=self.ctx.rotate_seconds)
            else:
                ui.label(t('screen.results_later')).classes('text-4xl text-grey-5').mark('results-hidden') \
                    .props('data-testid=results-hidden')
            if activity.state == 'closed':
                ui.label(t('screen.voting_closed')).classes('text-3xl text-amber-5').props('data-testid=closed')
        self.update_count()


class EvaluationPhone(Part):
    """One screen: the score in one tap ("Ontvangen ✓" once stored), then three optional questions; the "why"
    only while the stored score is below 4. Anonymous: no name choice."""

    def build(self) -> None:
        t, activity = self.t, self.activity
        settings = EvaluationSettings.of(activity)
        self.answer: Answer | None = self.room.agenda.answer_of(activity.id, self.ctx.participant_id)
        # open, or closed less than 48 hours ago and this participant was here before it closed
        open_ = self.room.agenda.answerable(activity, participant_id=self.ctx.participant_id)
        ui.label(t(self.room.kinds[activity.kind].label)).classes('text-sm uppercase tracking-wide text-grey-7')
        size = 'text-xl' if len(activity.text) <= 120 else 'text-lg'
        ui.label(activity.text).classes(f'{size} font-bold leading-snug break-words').mark('activity-text') \
            .props('data-testid=activity-text')
        self.buttons = score_buttons(t, self.answer.choice if self.answer else None, open_, self._vote)
        if self.ctx.pending is not None:  # kept in the browser until the server has stored it
            for score, button in self.buttons.items():
                self.ctx.pending.remember(button, activity.id, 'choice', score)
        self.received = ui.label(t('phone.received')).classes('text-lg font-semibold text-positive') \
            .props('role=status data-testid=received').mark('received')
        self.received.set_visibility(self.answer is not None)
        self.areas: dict[str, ui.textarea] = {}
        self.saved: dict[str, ui.label] = {}
        self.blocks: dict[str, ui.column] = {}
        for question in QUESTIONS:
            self._question(question, settings.question(question, t), open_)
        self._show_why()
        if open_ and activity.state == 'closed':
            ui.label(t('evaluation.late_open')).classes('text-base bg-grey-3 rounded p-3').mark('late-open') \
                .props('data-testid=late-open')
        if not open_:  # over, or for those who were here before it closed (this device joined later)
            late_joiner = self.room.agenda.answerable(activity)
            ui.label(t(N_('evaluation.not_joined') if late_joiner else N_('error.evaluation_closed'))) \
                .classes('text-base bg-grey-3 rounded p-3').mark('vote-closed') \
                .props('data-testid=vote-closed')

    def _question(self, name: str, question: str, open_: bool) -> None:
        stored = getattr(self.answer, FIELDS[name]) if self.answer else ''
        with ui.column().classes('w-full gap-1').props(f'data-testid=block-{name}') as block:
            ui.label(question).classes('text-base font-semibold leading-snug break-words') \
                .props(f'data-testid=question-{name}')  # above the field: a long question wraps, a label would not
            area = with_props(ui.textarea(value=stored).props('outlined autogrow '
                                                              f'data-testid=input-{name}'), aria_label=question) \
                .classes('w-full').mark(f'input-{name}')
            limited(area, MAX_REASON, self.t, lines_length)
            area.set_enabled(open_)
            with ui.row().classes('w-full items-center gap-3'):
                ui.button(self.t('common.save'), on_click=lambda: self._save(name)) \
                    .props(f'outline data-testid=save-{name}').mark(f'save-{name}').set_enabled(open_)
                saved = ui.label(self.t('evaluation.saved')).classes('text-positive') \
                    .props(f'role=status data-testid=saved-{name}')
                saved.set_visibility(False)
        self.areas[name], self.saved[name], self.blocks[name] = area, saved, block

    def _show_why(self) -> None:
        self.blocks['why'].set_visibility(self.answer is not None and asks_why(self.answer.choice))

    def draft(self) -> dict[str, str]:
        answer = self.answer or Answer()
        return {name: area.value or '' for name, area in self.areas.items()
                if (area.value or '') != getattr(answer, FIELDS[name])}

    def restore(self, draft: dict[str, str]) -> None:
        for name, area in self.areas.items():
            if name in draft and area.enabled:
                area.set_value(draft[name])

    async def _vote(self, score: str) -> None:
        try:
            self.answer = await self.room.agenda.answer(self.ctx.participant_id, self.activity.id, choice=score)
        except Refused as error:
            notify_refused(self.t, error)
            return
        finally:
            if self.ctx.pending is not None:
                self.ctx.pending.done(self.activity.id, 'choice')
        self.received.set_visibility(True)
        highlight(self.buttons, self.answer.choice)
        self._show_why()

    async def _save(self, name: str) -> None:
        self.saved[name].set_visibility(False)
        try:
            self.answer = await self.room.agenda.answer(self.ctx.participant_id, self.activity.id,
                                                        **{FIELDS[name]: self.areas[name].value or ''})
        except Refused as error:
            notify_refused(self.t, error)
            return
        self.saved[name].set_visibility(True)


class EvaluationBeforeLeaving(Part):
    """The score asked once when someone leaves early (in the phone's leave dialog): one tap, then ``done``."""

    done: Callable[[], object] = staticmethod(lambda: None)  # type: ignore[assignment]

    def build(self) -> None:
        t = self.t
        ui.label(t('evaluation.before_leaving')).classes('text-base text-grey-8')
        ui.label(self.activity.text).classes('text-lg font-bold leading-snug break-words')
        score_buttons(t, None, True, self._vote, size='text-base')

    async def _vote(self, score: str) -> None:
        try:
            await self.room.agenda.answer(self.ctx.participant_id, self.activity.id, choice=score)
        except Refused as error:
            notify_refused(self.t, error)
            return
        ui.notify(self.t('evaluation.thanks'), type='positive')
        result = self.done()
        if hasattr(result, '__await__'):
            await result
