"""The three views of a poll (statement, score, open question): the facilitator's panel, the projector, the phone."""

from __future__ import annotations

from dataclasses import replace

from nicegui import Event, ui

from app.domain.activities import MAX_REASON, Activity, Answer
from app.domain.errors import Refused
from app.domain.people import lines_length
from app.domain.wall_pages import chars_per_line, wrapped_lines
from app.i18n import Translate
from app.kinds.answer_views import voting_buttons
from app.kinds.polls.rules import (
    AGREE,
    DISAGREE,
    DOUBT,
    MAX_ANSWER,
    OpenSettings,
    PollSettings,
    ScoreSettings,
    StatementSettings,
)
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.messages import limited, notify_refused
from app.ui.parts import Part, shown_by
from components.results import SCREEN_HEIGHT, SCREEN_WIDTH, ResultsView, ResultTexts, preload_charts


def result_texts(t: Translate) -> ResultTexts:
    return ResultTexts(labels={o: t(f'option.{o}') for o in (AGREE, DOUBT, DISAGREE)},
                       average=t('results.average'), median=t('results.median'), hide=t('results.hide'),
                       more=lambda count: t.plural('results.more', count),
                       page=lambda page, pages: t('results.page', page=page, pages=pages))


def question_vh(text: str) -> float:
    """Type size of the question on the projector, in vh: smaller for a longer text, so that all of it fits (up to
    the 300 characters allowed) above the results."""
    for most, size in ((90, 6.0), (160, 4.8), (230, 4.0)):
        if len(text) <= most:
            return size
    return 3.4


def question_size(text: str) -> str:
    size = question_vh(text)
    return f'min({size}vh, {size * 0.7:.2f}vw)' if size != 3.4 else 'min(3.4vh, 2.4vw)'


def wall_room(text: str, closed: bool) -> float:
    """Pixels of a 1920×1080 screen left for the wall of reasons under the heading, this question, "x van y"
    and (once closed) "Stemmen is gesloten", with the wall's page number: the height its pages are made for."""
    font = question_vh(text) * SCREEN_HEIGHT / 100
    question = wrapped_lines(text, chars_per_line(SCREEN_WIDTH * 0.92, font)) * font * 1.25
    gap = 0.02 * SCREEN_HEIGHT
    used = 0.08 * SCREEN_HEIGHT + 36 + gap + question + gap + 40 + gap + (36 + gap if closed else 0) + 36 + 8
    return max(200.0, SCREEN_HEIGHT - used - 16)  # 16: what an estimate may be off


def show_answer(results: ResultsView, room: Room, change: AnswerChange) -> None:
    """One answer changed: its tally and its card, in place (the control view and the screen)."""
    tally = room.agenda.tallies.get(change.activity_id)
    answer = change.answer
    results.apply(tally.counts if tally else None, change.participant_id, answer.text or answer.choice,
                  answer.reason, answer.hidden)


class PollLive(Part):
    """What the control view and the screen share: the count "x van y" and results that follow every answer."""

    results: ResultsView | None = None
    answered: ui.label | None = None

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return (room.agenda.answers_changed,)

    def answers(self) -> list[tuple[str, str, str]]:
        agenda = self.room.agenda
        return [(pid, a.text or a.choice, a.reason) for pid, a in agenda.visible_answers(self.activity.id)]

    def update_count(self) -> None:
        if self.answered is not None:
            total = len(self.room.roster.people)
            self.answered.set_text(self.t.plural('screen.answered', self.room.agenda.count(self.activity.id),
                                                 total=total))

    def changed(self, change: AnswerChange) -> None:
        """One vote: the count and the chart change in place; nothing is rebuilt."""
        if not isinstance(change, AnswerChange) or change.activity_id != self.activity.id:
            return
        self.update_count()
        if self.results is not None:
            show_answer(self.results, self.room, change)

    def roster_changed(self, change: RosterChange) -> None:
        if change.kind != 'presence':
            self.update_count()


class PollControl(PollLive):
    def build(self) -> None:
        t, agenda, activity = self.t, self.room.agenda, self.activity
        self.answered = ui.label().classes('text-lg').mark('live-answered').props('data-testid=live-answered')
        self.update_count()
        with ui.row().classes('gap-1'):
            voting_buttons(t, agenda, activity)
            if hasattr(activity.settings, 'reasons_on_screen'):
                on_screen = activity.settings.reasons_on_screen
                ui.button(t('live.reasons_off') if on_screen else t('live.reasons_on'), icon='forum',
                          on_click=self._toggle_reasons).props('outline').mark('reasons-on-screen')
        if not activity.results_visible:
            ui.label(t('live.hidden_note')).classes('text-sm text-grey-7')
        tally = agenda.tallies.get(activity.id)
        self.results = ResultsView(activity, tally.counts if tally else {}, self.answers(), texts=result_texts(t),
                                   lang=self.lang, size='panel', show_wall=True,
                                   on_hide=lambda pid: agenda.hide(activity.id, pid))

    async def _toggle_reasons(self) -> None:
        activity = self.live
        old = activity.settings
        if isinstance(old, StatementSettings | ScoreSettings):
            settings = replace(old, reasons_on_screen=not old.reasons_on_screen)
            await self.room.agenda.edit(activity.id, activity.text, settings)


def charts_coming(room: Room) -> bool:
    """The agenda has a poll with a chart: load the chart library before the first one is shown."""
    return any(a.options for a in shown_by(room, PollScreen))


class PollScreen(PollLive):
    """The projected poll: the question in large type, "x van y", live results — no names, no controls."""

    @classmethod
    def preload(cls, room: Room) -> bool:
        if charts_coming(room):
            preload_charts()
            return True
        return False

    def build(self) -> None:
        t, activity, agenda = self.t, self.activity, self.room.agenda
        with ui.column().classes('w-screen h-screen overflow-hidden p-[4vh] gap-[2vh]').mark('screen-activity'):
            with ui.row().classes('w-full items-center justify-between no-wrap'):
                ui.label(t(self.room.kinds[activity.kind].label)) \
                    .classes('text-3xl uppercase tracking-widest text-grey-5')
                ui.label(self.ctx.join_hint).classes('text-2xl text-grey-5').mark('join-hint')
            ui.label(activity.text).classes('font-black leading-tight break-words shrink-0') \
                .style(f'font-size: {question_size(activity.text)}').mark('screen-question') \
                .props('data-testid=screen-question')
            self.answered = ui.label().classes('text-4xl font-bold text-yellow-300').mark('answered') \
                .props('data-testid=answered')
            if activity.results_visible:
                tally = agenda.tallies.get(activity.id)
                s = activity.settings
                show_wall = s.reasons_on_screen if isinstance(s, StatementSettings | ScoreSettings) \
                    else isinstance(s, OpenSettings) and s.display == 'wall'
                self.results = ResultsView(activity, tally.counts if tally else {}, self.answers(), lang=self.lang,
                                           texts=result_texts(t), size='screen', show_wall=show_wall,
                                           wall_room=wall_room(activity.text, activity.state == 'closed'),
                                           rotate=self.ctx.rotate_seconds)
            else:
                ui.label(t('screen.results_later')).classes('text-4xl text-grey-5').mark('results-hidden') \
                    .props('data-testid=results-hidden')
            if activity.state == 'closed':
                ui.label(t('screen.voting_closed')).classes('text-3xl text-amber-5').props('data-testid=closed')
        self.update_count()


def text_classes(text: str) -> str:
    """The question on a phone: a long statement leaves room for the buttons on a small phone."""
    size = 'text-2xl' if len(text) <= 90 else 'text-xl' if len(text) <= 160 else 'text-lg'
    return f'{size} font-bold leading-snug break-words'


def only_buttons(activity: Activity) -> bool:
    """The phone shows the question and its buttons, nothing else: open, no "waarom?", no results."""
    settings = PollSettings.of(activity)
    return bool(activity.options) and activity.state == 'open' and not getattr(settings, 'ask_reason', False) \
        and not (settings.results_on_phones and activity.revealed)


class PollPhone(Part):
    """The poll on a phone: one question, big buttons, "ontvangen" only once stored."""

    @classmethod
    def preload(cls, room: Room) -> bool:
        return PollScreen.preload(room)

    def build(self) -> None:
        t, activity = self.t, self.activity
        self.answer: Answer | None = self.room.agenda.answer_of(activity.id, self.ctx.participant_id)
        self.buttons: dict[str, ui.button] = {}
        ui.label(t(self.room.kinds[activity.kind].label)).classes('text-sm uppercase tracking-wide text-grey-7')
        self.text = ui.label(activity.text).classes(text_classes(activity.text)).mark('activity-text') \
            .props('data-testid=activity-text')
        open_ = activity.state == 'open'
        self.only_buttons = only_buttons(activity)  # what ``show`` can change in place
        if activity.options:
            self._choices(open_)
        else:
            self._open_answer(open_)
        self.received = ui.label(t('phone.received')).classes('text-lg font-semibold text-positive') \
            .props('role=status data-testid=received').mark('received')
        self.received.set_visibility(self.answer is not None)
        if getattr(activity.settings, 'ask_reason', False):
            self._reason(open_)
        if not open_:
            ui.label(t('phone.closed')).classes('text-base bg-grey-3 rounded p-3').mark('vote-closed') \
                .props('data-testid=vote-closed')
        settings = PollSettings.of(activity)
        if settings.results_on_phones and (activity.revealed or (settings.results_live and not open_)):
            self._results()  # revealed by the facilitator, or live results once voting is closed

    def _choices(self, open_: bool) -> None:
        kind = self.room.kinds[self.activity.kind]
        grid = 'grid grid-cols-1 gap-3' if kind.label_of(self.activity.options[0]) else 'grid grid-cols-4 gap-2'
        with ui.element('div').classes(f'w-full {grid}'):
            for option in self.activity.options:
                key = kind.label_of(option)
                button = ui.button(self.t(key) if key else option) \
                    .props(f'size=xl no-caps data-testid=vote-{option}').classes('w-full py-3 text-xl') \
                    .mark(f'vote-{option}')
                # the question the browser showed when tapped (the buttons stay when the next one comes)
                button.props['data-activity'] = self.activity.id
                shown = f'Number(getHtmlElement({button.id}).dataset.activity)'
                button.on('click', lambda e, o=option: self._vote(o, e.args), js_handler=f'() => emit({shown})')
                button.set_enabled(open_)
                if self.ctx.pending is not None:  # kept in the browser until the server has stored it
                    self.ctx.pending.remember(button, self.activity.id, 'choice', option, activity_js=shown)
                self.buttons[option] = button
        self._highlight()

    def _highlight(self) -> None:
        chosen = self.answer.choice if self.answer else None
        for option, button in self.buttons.items():
            button.props(remove='outline unelevated')
            button.props('unelevated color=primary' if option == chosen else 'outline color=grey-9')
            button.props(f'aria-pressed={"true" if option == chosen else "false"}')

    async def _vote(self, option: str, shown: object = None) -> None:
        if isinstance(shown, int) and shown != self.activity.id:  # tapped before the next question arrived
            await self._send_earlier(shown, option)
            return
        await self._send(choice=option)
        self._highlight()

    async def _send_earlier(self, activity_id: int, option: str) -> None:
        """A tap on the question shown before this one (as a rebuilt phone's old buttons did): stored for that one,
        or (usually: it closed) refused with the reason; this question's buttons do not change."""
        try:
            await self.room.agenda.answer(self.ctx.participant_id, activity_id, choice=option)
        except Refused as error:
            notify_refused(self.t, error)
        finally:
            if self.ctx.pending is not None:
                self.ctx.pending.done(activity_id, 'choice')

    def show(self, activity: Activity) -> bool:
        """The next question with the same buttons and nothing else below it (the usual "Volgende" through a list of
        statements): its text, the buttons' choice and "Ontvangen" change in place — a few updated props per phone
        instead of deleting and making the whole view (in a plenary of hundreds of phones most of the server's work
        for "Volgende")."""
        old = self.activity
        if not (self.only_buttons and only_buttons(activity) and activity.kind == old.kind
                and activity.options == old.options):
            return False
        self.activity = activity
        self.answer = self.room.agenda.answer_of(activity.id, self.ctx.participant_id)
        self.text.set_text(activity.text)
        self.text.classes(replace=text_classes(activity.text))
        for button in self.buttons.values():
            button.props['data-activity'] = activity.id
        self.received.set_visibility(self.answer is not None)
        self._highlight()
        return True

    def _areas(self) -> dict[str, tuple[ui.textarea | None, str]]:
        answer = self.answer or Answer()
        return {'text': (getattr(self, 'answer_area', None), answer.text),
                'reason': (getattr(self, 'reason_area', None), answer.reason)}

    def draft(self) -> dict[str, str]:
        typed = {name: area.value or '' for name, (area, stored) in self._areas().items()
                 if area is not None and (area.value or '') != stored}
        box = getattr(self, 'name_box', None)
        if box is not None and self.answer is None and box.value:
            typed['show_name'] = '1'  # ticked, to go with the answer
        return typed

    def restore(self, draft: dict[str, str]) -> None:
        for name, (area, _) in self._areas().items():
            if area is not None and name in draft and area.enabled:
                area.set_value(draft[name])
        box = getattr(self, 'name_box', None)
        if box is not None and draft.get('show_name') and box.enabled:
            box.set_value(True)

    def _open_answer(self, open_: bool) -> None:
        typed = self.answer.text if self.answer else ''
        self.answer_area = area = limited(ui.textarea(self.t('phone.your_answer'), value=typed)
                                          .props('outlined autogrow input-class=text-lg'), MAX_ANSWER, self.t) \
            .classes('w-full').mark('answer-input')
        area.set_enabled(open_)
        send = ui.button(self.t('phone.send'), on_click=lambda: self._send(text=area.value)) \
            .props('unelevated size=lg').classes('w-full').mark('send-answer')
        send.set_enabled(open_)
        self._name_choice(open_)

    def _reason(self, open_: bool) -> None:
        stored = self.answer.reason if self.answer else ''
        self.reason_area = area = limited(ui.textarea(self.t('phone.why'), value=stored)
                                          .props('outlined autogrow data-testid=reason-input'), MAX_REASON, self.t,
                                          lines_length).classes('w-full').mark('reason-input')
        area.set_enabled(open_)
        save = ui.button(self.t('phone.save_reason'), on_click=lambda: self._send(reason=area.value, saved=True)) \
            .props('outline').classes('w-full').mark('save-reason')
        save.set_enabled(open_)
        self.reason_saved = ui.label(self.t('phone.reason_saved')).classes('text-positive').mark('reason-saved') \
            .props('data-testid=reason-saved')
        self.reason_saved.set_visibility(False)
        self._name_choice(open_)

    def _name_choice(self, open_: bool) -> None:
        """"Mijn naam mag bij mijn antwoord": stored at once when there is an answer, else with the answer; what the
        box shows is what is stored (or, before the first answer, what will be stored with it)."""
        self.name_box = box = ui.checkbox(self.t('phone.show_name'), value=self._stored_name_choice(),
                                          on_change=self._name_changed).mark('show-name')
        box.set_enabled(open_)
        self.name_note = ui.label(self.t('phone.show_name_with_answer')).classes('text-sm text-grey-7') \
            .props('data-testid=show-name-note').mark('show-name-note')
        self._show_name_note()

    def _stored_name_choice(self) -> bool:
        return bool(self.answer and self.answer.show_name)

    def _show_name_note(self) -> None:
        self.name_note.set_visibility(self.answer is None and bool(self.name_box.value))

    async def _name_changed(self, event: object) -> None:
        if self.answer is None:  # nothing stored yet: the choice goes with the answer
            self._show_name_note()
            return
        if bool(self.name_box.value) != self._stored_name_choice():
            await self._send(show_name=bool(self.name_box.value), quiet=True)

    async def _send(self, *, saved: bool = False, quiet: bool = False, **values: object) -> None:
        box = getattr(self, 'name_box', None)
        if box is not None and 'show_name' not in values:
            values['show_name'] = bool(box.value)  # ticked before the answer was sent: it goes with it
        try:
            self.answer = await self.room.agenda.answer(self.ctx.participant_id, self.activity.id, **values)
        except Refused as error:
            notify_refused(self.t, error)
            if box is not None and self.answer is not None:
                box.set_value(self._stored_name_choice())  # not stored: the box shows what is
            return
        finally:
            if 'choice' in values and self.ctx.pending is not None:
                self.ctx.pending.done(self.activity.id, 'choice')
        if box is not None:
            self._show_name_note()
        if not quiet:
            self.received.set_visibility(True)
        if saved:
            self.reason_saved.set_visibility(True)

    def _results(self) -> None:
        activity, agenda = self.activity, self.room.agenda
        ui.separator()
        ui.label(self.t('phone.results')).classes('text-lg font-semibold')
        tally = agenda.tallies.get(activity.id)
        is_open = not activity.options
        answers = [(pid, a.text, '') for pid, a in agenda.visible_answers(activity.id)] if is_open else []
        ResultsView(activity, tally.counts if tally else {}, answers, texts=result_texts(self.t), lang=self.lang,
                    size='phone', show_wall=is_open and OpenSettings.of(activity).display == 'wall')
