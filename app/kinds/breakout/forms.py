"""Breakouts' settings in the agenda editor."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.kinds.breakout.rules import MAX_GROUP_VALUE, MAX_ROUNDS
from app.kinds.speed_date.forms import minutes_field
from app.ui.parts import SettingsForm


class BreakoutForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.minutes = minutes_field(self)
        with ui.row().classes('w-full no-wrap items-center'):
            self.group_by = ui.toggle({'size': t('agenda.group_size'), 'count': t('agenda.group_count')},
                                      value=s.group_by).mark('group-by')
            self.group_value = ui.number(t('agenda.how_many'), value=s.group_value, min=1, max=MAX_GROUP_VALUE,
                                         step=1).props('outlined dense').classes('w-24').mark('group-value')
        self.rounds = ui.number(t('agenda.breakout_rounds'), value=s.rounds, min=0, max=MAX_ROUNDS, step=1) \
            .props('outlined dense').classes('w-full').mark('rounds')
        self.fill = ui.toggle({'mixed': t('agenda.fill_mixed'), 'random': t('agenda.fill_random'),
                               'choose': t('agenda.fill_choose')}, value=s.fill).mark('fill')
        self.questions = ui.textarea(t('agenda.group_questions'), value=s.group_questions) \
            .props('outlined autogrow').classes('w-full').mark('group-questions')
        self.locations = ui.textarea(t('agenda.locations'), value=s.locations) \
            .props('outlined autogrow').classes('w-full').mark('locations')

    def fields(self) -> dict[str, Any]:
        return {'minutes': float(self.minutes.value or 2), 'group_by': self.group_by.value,
                'group_value': int(self.group_value.value or 0), 'fill': self.fill.value,
                'rounds': int(self.rounds.value or 0),
                'group_questions': self.questions.value or '', 'locations': self.locations.value or ''}
