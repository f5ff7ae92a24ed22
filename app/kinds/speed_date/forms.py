"""Speed dating's settings in the agenda editor."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.kinds.speed_date.rules import MAX_MINUTES, MAX_ROUNDS
from app.ui.parts import SettingsForm


def minutes_field(form: SettingsForm) -> ui.number:
    return ui.number(form.t('agenda.minutes'), value=form.settings.minutes, min=0.5, max=MAX_MINUTES, step=0.5) \
        .props('outlined dense').classes('w-full').mark('minutes')


class SpeedDateForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.minutes = minutes_field(self)
        self.rounds = ui.number(t('agenda.rounds'), value=s.rounds, min=0, max=MAX_ROUNDS, step=1) \
            .props('outlined dense').classes('w-full').mark('rounds')
        self.questions = ui.textarea(t('agenda.round_questions'), value=s.round_questions) \
            .props('outlined autogrow').classes('w-full').mark('round-questions')
        self.tables = ui.checkbox(t('agenda.tables'), value=s.tables).mark('tables')
        self.odd = ui.toggle({'trio': t('agenda.odd_trio'), 'pause': t('agenda.odd_pause')}, value=s.odd) \
            .mark('odd')

    def fields(self) -> dict[str, Any]:
        return {'minutes': float(self.minutes.value or 2), 'rounds': int(self.rounds.value or 0),
                'round_questions': self.questions.value or '', 'tables': self.tables.value, 'odd': self.odd.value}
