"""The facilitator's view of what runs now: the current activity through its kind's control view."""

from __future__ import annotations

from nicegui import ui

from app.i18n import Translate
from app.live.room import Room
from app.ui.parts import Part, ViewContext, follow, views_for


class LivePanel:
    def __init__(self, room: Room, t: Translate, lang: str) -> None:
        self.room, self.t, self.lang = room, t, lang
        self.part: Part | None = None
        self.panel = ui.refreshable(self._panel)

    def build(self) -> None:
        with ui.card().classes('w-full gap-2').mark('live-panel'):
            self.panel()
        self.room.agenda.current_changed.subscribe(lambda _: self.panel.refresh())
        follow(self.room, views_for(self.room, 'control'), lambda: self.part)

    def _panel(self) -> None:
        t, agenda = self.t, self.room.agenda
        activity = agenda.current
        self.part = None
        ui.label(t('live.title')).classes('text-lg font-semibold')
        if activity is None:
            ui.label(t('live.nothing')).classes('text-grey-7')
            with ui.row():
                ui.button(t('live.start'), icon='play_arrow', on_click=lambda: agenda.next(after=None)) \
                    .props('unelevated') \
                    .mark('next-activity')
            return
        kind = self.room.kinds[activity.kind]
        ui.label(f'{t(kind.label)} · {t(f"activity.state.{activity.state}")}') \
            .classes('text-sm text-grey-7').mark('live-state').props('data-testid=live-state')
        ui.label(activity.text).classes('text-xl font-bold break-words')
        if kind.control is not None:
            self.part = kind.control(ViewContext(self.room, t, self.lang), activity)
            self.part.build()
        with ui.row().classes('gap-1'):
            ui.button(t('live.next'), icon='skip_next', on_click=lambda shown=activity.id: agenda.next(after=shown)) \
                .props('unelevated') \
                .mark('next-activity')
            ui.button(t('live.welcome'), icon='qr_code', on_click=agenda.show_nothing).props('flat') \
                .mark('show-welcome')
