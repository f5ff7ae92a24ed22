"""In a hybrid meeting: "Waar ben je?" — in the room or online, on the participant's page (changeable)."""

from __future__ import annotations

from nicegui import ui

from app.i18n import Translate
from app.live.room import Room
from app.ui.messages import attempt


class PlaceChoice:
    """Two buttons; the chosen one filled. Shown only while the meeting is hybrid (``update`` on a meeting change)."""

    def __init__(self, room: Room, participant_id: str, t: Translate) -> None:
        self.room, self.participant_id, self.t = room, participant_id, t
        with ui.column().classes('w-full gap-1').props('data-testid=place-choice') as self.box:
            ui.label(t('place.question')).classes('text-base font-semibold')
            with ui.row().classes('w-full no-wrap gap-2'):
                self.buttons = {place: ui.button(t(f'place.{place}'), on_click=lambda p=place: self._choose(p))
                                .props(f'no-caps data-testid=place-{place}').classes('grow')
                                for place in ('room', 'online')}
            self.note = ui.label(t('place.next_round')).classes('text-sm text-grey-7')
        self.update()

    def update(self) -> None:
        self.box.set_visibility(self.room.info.mode == 'hybrid')
        chosen = self.room.roster.places.get(self.participant_id, '')
        for place, button in self.buttons.items():
            button.props(remove='outline unelevated')
            button.props('unelevated color=primary' if place == chosen else 'outline color=grey-9')
            button.props(f'aria-pressed={"true" if place == chosen else "false"}')
        self.note.set_visibility(bool(chosen))

    async def _choose(self, place: str) -> None:
        if await attempt(self.t, lambda: self.room.roster.set_place(self.participant_id, place)):
            self.update()
