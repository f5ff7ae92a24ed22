"""Give and need's settings in the agenda editor: its two questions and the tags participants may pick."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.domain.exchange import MAX_TAGS
from app.kinds.exchange.rules import DEFAULT_QUESTIONS, MAX_QUESTION
from app.ui.messages import limited
from app.ui.parts import SettingsForm


class ExchangeForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.questions = {side: limited(ui.textarea(t(f'exchange.form.{side}'), value=s.question(side, t))
                                        .props('outlined autogrow'), MAX_QUESTION, t).classes('w-full')
                          .mark(f'question-{side}') for side in ('give', 'need')}
        self.tags = ui.textarea(t('exchange.form.tags', most=MAX_TAGS), value=s.tags) \
            .props('outlined autogrow data-testid=exchange-tags').classes('w-full').mark('exchange-tags')

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = {'tags': self.tags.value or ''}
        for side, area in self.questions.items():
            typed = (area.value or '').strip()  # the default as shown stays the default (in every language)
            values[side] = '' if typed in ('', self.t(DEFAULT_QUESTIONS[side])) else typed
        return values
