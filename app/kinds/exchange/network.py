"""Give and need's card on the network page: "Open vragen" — the needs members wrote in a give-and-need activity
(their latest answer, from any meeting of the network) that no other member's offer meets yet."""

from __future__ import annotations

from nicegui import ui

from app.kinds.exchange.series import OpenNeed
from app.ui.parts import NetworkCard

SHOWN = 20  # the rest is "+x meer"


class OpenNeedsCard(NetworkCard):
    found: tuple[OpenNeed, ...]

    def build(self) -> None:
        t, needs = self.t, self.found
        with ui.card().classes('w-full gap-2').props('data-testid=open-needs-card'):
            ui.label(t('exchange.open_needs')).classes('text-lg font-semibold')
            ui.label(t('exchange.open_needs_help')).classes('text-grey-7 text-sm')
            if not needs:
                ui.label(t('exchange.open_needs_none')).classes('text-grey-7').props('data-testid=open-needs-none')
                return
            for need in needs[:SHOWN]:
                ui.label(f'{need.need} — {need.member}').classes('break-words').props('data-testid=open-need')
            if len(needs) > SHOWN:
                ui.label(t.plural('results.more', len(needs) - SHOWN)).classes('text-grey-7')
