"""On the projector, while no activity runs and the facilitator shows it: "Vorige keer" — last meeting's ROTI
average, the quotes picked from its evaluation (no names) and what we changed. Large type, clamped so that it never
pushes the screen past 1920x1080."""

from __future__ import annotations

from nicegui import ui

from app.domain.meetings import MeetingInfo
from app.domain.tallies import format_number
from app.i18n import Translate
from app.live.room import Room
from app.services.evaluations import Evaluations


def _shown(info: MeetingInfo) -> tuple[bool, str, tuple[str, ...]]:
    return info.show_recap, info.recap_note, info.recap_quotes


class RecapPanel:
    def __init__(self, room: Room, evaluations: Evaluations | None, t: Translate, lang: str) -> None:
        self.room, self.evaluations, self.t, self.lang = room, evaluations, t, lang
        self.section = ui.refreshable(self._draw)
        self.drawn = _shown(room.info)

    async def build(self) -> None:
        await self.section()

    def changed(self, info: MeetingInfo) -> None:
        """The meeting changed: redraw only when what this panel shows did."""
        if _shown(info) != self.drawn:
            self.drawn = _shown(info)
            self.section.refresh()

    async def _draw(self) -> None:
        info = self.room.info
        if not info.show_recap or self.evaluations is None:
            return
        previous = await self.evaluations.previous(self.room)
        if previous is None:
            return
        t = self.t
        with ui.column().classes('w-full gap-2 bg-grey-9 rounded-lg p-4 shrink-0 overflow-hidden') \
                .props('data-testid=screen-recap'):
            with ui.row().classes('w-full items-baseline gap-6 no-wrap'):
                ui.label(t('screen.recap')).classes('text-4xl font-bold text-amber-5 shrink-0')
                if not previous.stats.empty:
                    ui.label(t('recap.roti', value=format_number(previous.stats.mean, self.lang))) \
                        .classes('text-5xl font-black').props('data-testid=screen-recap-roti')
            for quote in info.recap_quotes:
                ui.label(f'“{quote}”').classes('text-3xl italic leading-snug line-clamp-2 break-words') \
                    .props('data-testid=screen-recap-quote')
            if info.recap_note:
                with ui.element('div').classes('w-full text-3xl leading-snug line-clamp-2 break-words') \
                        .props('data-testid=screen-recap-note'):
                    ui.label(t('recap.note') + ':').classes('inline font-bold text-amber-5 mr-2')
                    ui.label(info.recap_note).classes('inline')
