"""The evaluation's settings in the agenda editor: its three questions and whether results show at once."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.i18n import N_
from app.kinds.evaluation.rules import DEFAULT_QUESTIONS, MAX_QUESTION, QUESTIONS
from app.ui.messages import limited
from app.ui.parts import SettingsForm

LABELS = {'why': N_('evaluation.form.why'), 'take_away': N_('evaluation.form.take_away'),
          'change': N_('evaluation.form.change')}


class EvaluationForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.questions: dict[str, ui.textarea] = {}
        for name in QUESTIONS:
            self.questions[name] = limited(ui.textarea(t(LABELS[name]), value=s.question(name, t))
                                           .props('outlined autogrow'), MAX_QUESTION, t) \
                .classes('w-full').mark(f'question-{name}')
        self.live = ui.checkbox(t('agenda.results_live'), value=s.results_live).mark('results-live')

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = {'results_live': self.live.value}
        for name, area in self.questions.items():
            typed = (area.value or '').strip()  # the default as shown stays the default (in every language)
            values[name] = '' if typed in ('', self.t(DEFAULT_QUESTIONS[name])) else typed
        return values
