"""The network map's settings in the agenda editor: the period asked about, names on the screen, the reflection."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.kinds.network_map.rules import DEFAULT_REFLECTION, MAX_QUESTION, PERIOD_KEYS
from app.ui.messages import limited
from app.ui.parts import SettingsForm


class NetworkMapForm(SettingsForm):
    def build(self) -> None:
        t, s = self.t, self.settings
        self.period = ui.radio({key: t(label) for key, label in PERIOD_KEYS.items()}, value=s.period) \
            .props('inline').mark('map-period')
        self.names = ui.checkbox(t('network_map.form.names'), value=s.names_on_screen).mark('map-names-setting')
        self.reflection = limited(ui.textarea(t('network_map.form.reflection'), value=s.question(t))
                                  .props('outlined autogrow'), MAX_QUESTION, t).classes('w-full').mark('map-reflection')

    def fields(self) -> dict[str, Any]:
        typed = (self.reflection.value or '').strip()  # the default as shown stays the default (in every language)
        return {'period': self.period.value, 'names_on_screen': bool(self.names.value),
                'reflection': '' if typed in ('', self.t(DEFAULT_REFLECTION)) else typed}
