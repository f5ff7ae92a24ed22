"""The current activity on a phone: one question, big buttons, "ontvangen" only once stored."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import MAX_ANSWER, MAX_REASON, Activity
from app.domain.people import InvalidInput
from app.i18n import Translate
from app.live.agenda import Agenda, Answer, VoteRefused
from app.pages.common import result_texts
from components.results import ResultsView


class PhoneActivity:
    def __init__(self, agenda: Agenda, activity: Activity, participant_id: str, t: Translate, lang: str) -> None:
        self.agenda, self.activity, self.pid, self.t, self.lang = agenda, activity, participant_id, t, lang
        self.answer: Answer | None = agenda.answer_of(activity.id, participant_id)
        self.buttons: dict[str, ui.button] = {}

    def build(self) -> None:
        t, activity = self.t, self.activity
        ui.label(t(f'kind.{activity.kind}')).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(activity.text).classes('text-2xl font-bold leading-snug break-words').mark('activity-text') \
            .props('data-testid=activity-text')
        open_ = activity.state == 'open'
        if activity.kind == 'open':
            self._open_answer(open_)
        else:
            self._choices(open_)
        self.received = ui.label(t('phone.received')).classes('text-lg font-semibold text-positive') \
            .props('role=status data-testid=received').mark('received')
        self.received.set_visibility(self.answer is not None)
        if activity.kind != 'open' and activity.settings.ask_reason:
            self._reason(open_)
        if not open_:
            ui.label(t('phone.closed')).classes('text-base bg-grey-3 rounded p-3').mark('vote-closed') \
                .props('data-testid=vote-closed')
        settings = activity.settings
        if settings.results_on_phones and (activity.revealed or (settings.results_live and not open_)):
            self._results()  # revealed by the facilitator, or live results once voting is closed

    def _choices(self, open_: bool) -> None:
        grid = 'grid grid-cols-1 gap-3' if self.activity.kind == 'statement' else 'grid grid-cols-4 gap-2'
        with ui.element('div').classes(f'w-full {grid}'):
            for option in self.activity.options:
                label = self.t(f'option.{option}') if self.activity.kind == 'statement' else option
                button = ui.button(label, on_click=lambda o=option: self._vote(o)) \
                    .props(f'size=xl no-caps data-testid=vote-{option}').classes('w-full py-3 text-xl') \
                    .mark(f'vote-{option}')
                button.set_enabled(open_)
                self.buttons[option] = button
        self._highlight()

    def _highlight(self) -> None:
        chosen = self.answer.choice if self.answer else None
        for option, button in self.buttons.items():
            button.props(remove='outline unelevated')
            button.props('unelevated color=primary' if option == chosen else 'outline color=grey-9')
            button.props(f'aria-pressed={"true" if option == chosen else "false"}')

    async def _vote(self, option: str) -> None:
        await self._send(choice=option)
        self._highlight()

    def _open_answer(self, open_: bool) -> None:
        area = ui.textarea(self.t('phone.your_answer'), value=self.answer.text if self.answer else '') \
            .props(f'outlined autogrow maxlength={MAX_ANSWER} counter input-class=text-lg') \
            .classes('w-full').mark('answer-input')
        area.set_enabled(open_)
        send = ui.button(self.t('phone.send'), on_click=lambda: self._send(text=area.value)) \
            .props('unelevated size=lg').classes('w-full').mark('send-answer')
        send.set_enabled(open_)
        self._name_choice(open_)

    def _reason(self, open_: bool) -> None:
        area = ui.textarea(self.t('phone.why'), value=self.answer.reason if self.answer else '') \
            .props(f'outlined autogrow maxlength={MAX_REASON} counter').classes('w-full').mark('reason-input')
        area.set_enabled(open_)
        save = ui.button(self.t('phone.save_reason'), on_click=lambda: self._send(reason=area.value, saved=True)) \
            .props('outline').classes('w-full').mark('save-reason')
        save.set_enabled(open_)
        self.reason_saved = ui.label(self.t('phone.reason_saved')).classes('text-positive').mark('reason-saved') \
            .props('data-testid=reason-saved')
        self.reason_saved.set_visibility(False)
        self._name_choice(open_)

    def _name_choice(self, open_: bool) -> None:
        box = ui.checkbox(self.t('phone.show_name'), value=bool(self.answer and self.answer.show_name),
                          on_change=lambda e: self._send(show_name=e.value, quiet=True)).mark('show-name')
        box.set_enabled(open_)

    async def _send(self, *, saved: bool = False, quiet: bool = False, **values: object) -> None:
        try:
            self.answer = await self.agenda.answer(self.pid, self.activity.id, **values)
        except (InvalidInput, VoteRefused) as error:
            ui.notify(self.t(error.key, **getattr(error, 'params', {})), type='warning')
            return
        if not quiet:
            self.received.set_visibility(True)
        if saved:
            self.reason_saved.set_visibility(True)

    def _results(self) -> None:
        activity = self.activity
        ui.separator()
        ui.label(self.t('phone.results')).classes('text-lg font-semibold')
        tally = self.agenda.tallies.get(activity.id)
        answers = [(pid, a.text, '') for pid, a in self.agenda.visible_answers(activity.id)] \
            if activity.kind == 'open' else []
        ResultsView(activity, tally.counts if tally else {}, answers, texts=result_texts(self.t), lang=self.lang,
                    size='phone', show_wall=activity.kind == 'open' and activity.settings.display == 'wall')
