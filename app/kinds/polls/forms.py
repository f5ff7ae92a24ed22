"""The settings of statements, scores and open questions in the agenda editor."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.domain.activities import ROLES
from app.ui.parts import SettingsForm


class PollForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.own()
        self.live = ui.checkbox(t('agenda.results_live'), value=s.results_live).mark('results-live')
        self.phones = ui.checkbox(t('agenda.results_on_phones'), value=s.results_on_phones)

    def own(self) -> None:
        """The fields of one poll kind, above the shared ones."""

    def fields(self) -> dict[str, Any]:
        return {'results_live': self.live.value, 'results_on_phones': self.phones.value, **self.own_fields()}

    def own_fields(self) -> dict[str, Any]:
        return {}


class StatementForm(PollForm):
    def own(self) -> None:
        self.doubt = ui.checkbox(self.t('agenda.with_doubt'), value=self.settings.with_doubt).mark('with-doubt')
        self.reason = ui.checkbox(self.t('agenda.ask_reason'), value=self.settings.ask_reason).mark('ask-reason')

    def own_fields(self) -> dict[str, Any]:
        return {'with_doubt': self.doubt.value, 'ask_reason': self.reason.value}


class ScoreForm(PollForm):
    def own(self) -> None:
        self.reason = ui.checkbox(self.t('agenda.ask_reason'), value=self.settings.ask_reason).mark('ask-reason')
        self.scale = ui.toggle({0: '0–10', 1: '1–10'}, value=self.settings.scale_min).mark('scale')

    def own_fields(self) -> dict[str, Any]:
        return {'ask_reason': self.reason.value, 'scale_min': int(self.scale.value or 0)}


class OpenForm(PollForm):
    def own(self) -> None:
        t = self.t
        self.display = ui.toggle({'wall': t('agenda.display_wall'), 'cloud': t('agenda.display_cloud')},
                                 value=self.settings.display).mark('display')
        # what the network page compares over the series: the first meeting's expectations, the last one's achieved
        self.role = ui.select({'': t('agenda.role_none'), 'expectations': t('agenda.role_expectations'),
                               'achieved': t('agenda.role_achieved')}, value=self.settings.role,
                              label=t('agenda.role')).classes('w-full').props('data-testid=role').mark('role')

    def own_fields(self) -> dict[str, Any]:
        return {'display': self.display.value, 'role': self.role.value if self.role.value in ROLES else ''}
