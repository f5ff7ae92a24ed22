"""A quiet line on the control view while this instance cannot reach the others (the bus is down): answers are
stored all the same, and pages on another instance catch up once it is back."""

from __future__ import annotations

from nicegui import ui

from app.i18n import Translate
from app.live.bus import Bus


class BusNotice:
    def __init__(self, bus: Bus, t: Translate) -> None:
        self.bus, self.t = bus, t

    def build(self) -> None:
        label = ui.label(self.t('control.bus_down')).mark('bus-down') \
            .classes('w-full text-sm text-grey-9 bg-amber-1 rounded px-3 py-1')
        label.props['role'] = 'status'
        label.props['data-testid'] = 'bus-down'
        label.set_visibility(self.bus.health().state == 'down')
        self.bus.state_changed.subscribe(lambda up: label.set_visibility(not up))
