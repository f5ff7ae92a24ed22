"""What the facilitator's speed-dating and breakout panels share: the round's clock and its buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.domain.activities import Activity
from app.domain.people import InvalidInput
from app.domain.speeddate import DateRound
from app.i18n import Translate
from app.live.room import Room
from app.live.rounds import RoundRunner
from components.countdown import Countdown


class ControlRounds:
    """Subclasses give ``runner``, the texts, ``new_round`` and the refreshable ``header_extra``, ``body``
    and ``tools``. The page subscribes once and forwards to the ``*_changed`` methods; each rebuilds only its
    part, so a choice being made in a field survives a clock, roster or note change."""

    runner: RoundRunner
    round_text = ''      # i18n key with {number} (and {total})
    done_text = ''       # shown by the countdown at zero
    new_text = ('', '')  # button to make the first round, and the next one
    end_text = ''        # button to end the round early

    def __init__(self, room: Room, activity: Activity, t: Translate) -> None:
        self.room, self.activity, self.t = room, activity, t

    def build(self) -> None:
        self.header()
        self.between()
        self.body()
        self.tools()

    def between(self) -> None:
        """Fixed controls between the header and the body (built once)."""

    def round_changed(self, r: DateRound | None = None) -> None:
        if r is None or r.activity_id == self.activity.id:
            self.header.refresh()
            self.body.refresh()
            self.tools.refresh()

    def clock_changed(self, r: DateRound) -> None:
        if r.activity_id == self.activity.id:
            self.header.refresh()

    def roster_changed(self) -> None:
        self.body.refresh()

    def round_label(self, r: DateRound) -> str:
        return self.t(self.round_text, number=r.number)

    @ui.refreshable_method
    def header(self) -> None:
        t, runner = self.t, self.runner
        r = runner.current(self.activity.id)
        phase = r.phase(runner.clock()) if r else None
        if r is not None:
            with ui.row().classes('items-baseline gap-4'):
                ui.label(self.round_label(r)).classes('text-lg font-bold').props('data-testid=control-round')
                ui.label(t(f'speed.phase.{phase}')).classes('text-grey-8').props('data-testid=control-phase')
                Countdown(r.countdown, done_text=t(self.done_text)).classes('text-3xl font-bold tabular-nums')
        with ui.row().classes('gap-1'):
            if r is None or phase == 'over':
                ui.button(t(self.new_text[r is not None]), icon='groups', on_click=lambda: self._do(self.new_round)) \
                    .props('unelevated').mark('next-round')
            if phase in ('ready', 'paused'):
                ui.button(t('speed.start'), icon='play_arrow', on_click=lambda: self._do(runner.start)) \
                    .props('unelevated color=positive').mark('start-round')
            if phase == 'running':
                ui.button(t('speed.pause'), icon='pause', on_click=lambda: self._do(runner.pause)).props('outline') \
                    .mark('pause-round')
            if phase in ('ready', 'running', 'paused'):
                ui.button(t('speed.plus_minute'), icon='more_time', on_click=lambda: self._do(runner.extend)) \
                    .props('outline').mark('extend-round')
            if phase in ('running', 'paused'):
                ui.button(t(self.end_text), icon='stop', on_click=lambda: self._do(runner.end_early)) \
                    .props('outline').mark('end-round')
        self.header_extra(r)

    def header_extra(self, r: DateRound | None) -> None:
        """More controls under the clock (rebuilt with it)."""

    async def new_round(self, activity_id: int) -> None:
        raise NotImplementedError

    @ui.refreshable_method
    def body(self) -> None:
        pass

    @ui.refreshable_method
    def tools(self) -> None:
        pass

    async def _do(self, action: Callable[[int], Awaitable[object]]) -> None:
        try:
            await action(self.activity.id)
        except InvalidInput as error:
            ui.notify(self.t(error.key, **error.params), type='warning')
