"""What the projected speed-dating and breakout views share: the title row, a countdown kept in place."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.domain.speeddate import DateRound
from app.i18n import Translate
from app.live.room import Room
from components.countdown import Countdown


class ScreenRounds:
    """Subclasses fill the refreshable ``part``; the page forwards round and clock changes."""

    def __init__(self, room: Room, activity: Activity, t: Translate, join_hint: str) -> None:
        self.room, self.activity, self.t, self.join_hint = room, activity, t, join_hint
        self.countdown: Countdown | None = None

    def build(self) -> None:
        with ui.column().classes('w-screen h-screen overflow-hidden p-[4vh] gap-[2vh]'):
            with ui.row().classes('w-full items-center justify-between no-wrap'):
                ui.label(self.activity.text).classes('text-4xl font-bold line-clamp-1')
                ui.label(self.join_hint).classes('text-2xl text-grey-5')
            self.part()

    @ui.refreshable_method
    def part(self) -> None:
        pass

    def round_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id:
            self.part.refresh()

    def clock_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id and self.countdown is not None:
            self.countdown.show(r.countdown)
