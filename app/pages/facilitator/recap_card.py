"""On a network meeting's control view: "Vorige keer" — last meeting's ROTI, up to three anonymous quotes of its
evaluation to pick for the screen, a line about what we changed, and the switch that puts it on the screen."""

from __future__ import annotations

from nicegui import ui

from app.domain.evaluation import MeetingEvaluation
from app.domain.meetings import MeetingInfo
from app.domain.tallies import format_number
from app.i18n import Translate
from app.live.room import Room
from app.services.evaluations import MAX_NOTE, MAX_QUOTES, Evaluations
from app.ui.messages import attempt, limited


class RecapCard:
    def __init__(self, room: Room, evaluations: Evaluations, t: Translate, lang: str) -> None:
        self.room, self.evaluations, self.t, self.lang = room, evaluations, t, lang
        self.boxes: dict[str, ui.checkbox] = {}

    async def build(self) -> None:
        """Nothing when the meeting has no previous meeting in its series."""
        previous = await self.evaluations.previous(self.room)
        if previous is None:
            return
        t, info = self.t, self.room.info
        with ui.card().classes('w-full gap-2').props('data-testid=recap-card'):
            with ui.row().classes('w-full items-center justify-between gap-2'):
                ui.label(t('recap.title', title=previous.title)).classes('text-lg font-semibold break-words min-w-0')
                self.show = ui.switch(t('recap.show'), value=info.show_recap,
                                      on_change=lambda e: self._show(bool(e.value))).props('data-testid=show-recap')
            self._roti(previous)
            if previous.quotes:
                ui.label(t.plural('recap.pick', MAX_QUOTES)).classes('text-grey-8 text-sm')
            else:
                ui.label(t('recap.no_quotes')).classes('text-grey-7 text-sm')
            with ui.column().classes('w-full gap-0'):
                for quote in previous.quotes:
                    self.boxes[quote] = ui.checkbox(quote, value=quote in info.recap_quotes,
                                                    on_change=lambda e, q=quote: self._picked(q, bool(e.value))) \
                        .classes('break-words min-w-0').props('data-testid=recap-quote')
            with ui.row().classes('w-full items-end no-wrap gap-2'):
                self.note = ui.input(t('recap.note'), value=info.recap_note) \
                    .props('outlined dense').classes('grow') \
                    .props('data-testid=recap-note')
                limited(self.note, MAX_NOTE, t)
                ui.button(icon='save', on_click=self._save_note).props('unelevated round dense') \
                    .tooltip(t('common.save')).props('data-testid=save-recap')
        self._limit()
        self.room.settings.changed.subscribe(self._meeting_changed)

    def _roti(self, previous: MeetingEvaluation) -> None:
        t, stats = self.t, previous.stats
        if stats.empty:
            ui.label(t('recap.no_evaluation')).classes('text-grey-7').props('data-testid=recap-roti')
            return
        ui.label(t('recap.roti', value=format_number(stats.mean, self.lang)) + ' · '
                 + t.plural('trend.answers', stats.count)).classes('text-xl font-bold').props('data-testid=recap-roti')

    def _chosen(self) -> list[str]:
        return [quote for quote, box in self.boxes.items() if box.value]

    def _limit(self) -> None:
        """Three picked: the other quotes wait until one is unpicked."""
        full = len(self._chosen()) >= MAX_QUOTES
        for box in self.boxes.values():
            box.set_enabled(box.value or not full)

    async def _picked(self, quote: str, on: bool) -> None:
        self._limit()
        stored = list(self.room.info.recap_quotes)
        if (quote in stored) == on:
            return  # what is stored already (shown after another tab's change)
        chosen = [*stored, quote] if on else [q for q in stored if q != quote]
        if not await attempt(self.t, lambda: self.evaluations.set_recap(self.room, self.room.info.recap_note, chosen),
                             'negative'):
            self._meeting_changed(self.room.info)

    async def _save_note(self) -> None:
        if await attempt(self.t, lambda: self.evaluations.set_recap(self.room, self.note.value,
                                                                    list(self.room.info.recap_quotes)), 'negative'):
            ui.notify(self.t('recap.saved'), type='positive')

    async def _show(self, show: bool) -> None:
        if show != self.room.info.show_recap:
            await self.room.settings.set_show_recap(show)

    def _meeting_changed(self, info: MeetingInfo) -> None:
        """Another tab (or this one) changed it: show what is stored."""
        self.show.set_value(info.show_recap)
        for quote, box in self.boxes.items():
            box.set_value(quote in info.recap_quotes)
        self._limit()
