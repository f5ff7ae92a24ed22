"""What the views of the round kinds (speed dating, breakouts) share: the facilitator's clock and buttons, the
projected title row and a countdown kept in place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from nicegui import Event, ui

from app.domain.errors import Refused
from app.domain.rounds import Round, rounds_done
from app.i18n import Translate
from app.live.changes import ClockChanged, RoundSaved
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.messages import notify_refused
from app.ui.parts import Part
from components.attributes import with_props
from components.countdown import Countdown


class RoundPart(Part):
    """A view of a round kind; ``runner`` is the kind's live runner."""

    kind_name: ClassVar[str]  # the kind whose runner it follows

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return room.runners[cls.kind_name].events()

    @property
    def runner(self) -> Any:
        return self.room.runner(self.activity.kind)

    def current(self) -> Round | None:
        return self.runner.current(self.activity.id)

    def changed(self, change: Any) -> None:
        if isinstance(change, ClockChanged) and change.round.activity_id == self.activity.id:
            self.clock_changed(change.round)
        elif isinstance(change, RoundSaved) and change.round.activity_id == self.activity.id:
            self.round_changed(change.round)

    def round_changed(self, r: Round) -> None:
        """A new round or new places in it."""

    def clock_changed(self, r: Round) -> None:
        """Start, pause, +1 minute, end."""


class ControlRounds(RoundPart):
    """Subclasses give the texts, ``new_round`` and the refreshable ``header_extra``, ``body`` and ``tools``.
    Each part rebuilds only itself, so a choice being made in a field survives a clock, roster or note change."""

    round_text = ''      # i18n key with {number} (and {total})
    done_text = ''       # shown by the countdown at zero
    new_text = ('', '')  # button to make the first round, and the next one
    end_text = ''        # button to end the round early

    def build(self) -> None:
        self.fields: dict[str, ui.select] = {}  # the tools' choices, by name (kept when the tools rebuild)
        self.header = ui.refreshable(self._header)
        self.body = ui.refreshable(self._body)
        self.kept: dict[str, object] = {}
        self.tools = ui.refreshable(self._tools_kept)
        self.header()
        self.between()
        self.body()
        self.tools()

    def between(self) -> None:
        """Fixed controls between the header and the body (built once)."""

    def round_changed(self, r: Round | None = None) -> None:
        self.kept = {name: field.value for name, field in self.fields.items()}  # a choice being made survives
        self.header.refresh()
        self.body.refresh()
        self.tools.refresh()

    def clock_changed(self, r: Round) -> None:
        self.header.refresh()

    def roster_changed(self, change: RosterChange) -> None:
        self.body.refresh()

    def round_label(self, r: Round) -> str:
        return self.t(self.round_text, number=r.number)

    def planned(self) -> int:
        """How many rounds the facilitator planned (0: no fixed number)."""
        return 0

    def _header(self) -> None:
        t, runner = self.t, self.runner
        r = self.current()
        phase = r.phase(runner.clock()) if r else None
        if r is not None:
            with ui.row().classes('items-baseline gap-4'):
                ui.label(self.round_label(r)).classes('text-lg font-bold').props('data-testid=control-round')
                ui.label(t(f'speed.phase.{phase}')).classes('text-grey-8').props('data-testid=control-phase')
                Countdown(r.countdown, done_text=t(self.done_text),
                          paused_text=t('countdown.paused')).classes('text-3xl font-bold tabular-nums')
        planned = self.planned() if r is not None and phase == 'over' else 0
        done = r is not None and rounds_done(planned, r.number)
        if done:  # after the last planned round: no "Volgende ronde" as if the plan went on
            ui.label(t.plural('rounds.all_done', planned)).classes('text-base font-semibold text-positive') \
                .props('data-testid=rounds-done')
        with ui.row().classes('gap-1'):
            if r is None or phase == 'over':
                ui.button(t('rounds.one_more') if done else t(self.new_text[r is not None]), icon='groups',
                          on_click=lambda: self.do(self.new_round)).props('outline' if done else 'unelevated') \
                    .mark('next-round')
            if phase in ('ready', 'paused'):
                ui.button(t('speed.start'), icon='play_arrow', on_click=lambda: self.do(runner.start)) \
                    .props('unelevated color=positive').mark('start-round')
            if phase == 'running':
                ui.button(t('speed.pause'), icon='pause', on_click=lambda: self.do(runner.pause)).props('outline') \
                    .mark('pause-round')
            if phase in ('ready', 'running', 'paused'):
                ui.button(t('speed.plus_minute'), icon='more_time', on_click=lambda: self.do(runner.extend)) \
                    .props('outline').mark('extend-round')
            if phase in ('running', 'paused'):
                ui.button(t(self.end_text), icon='stop', on_click=lambda: self.do(runner.end_early)) \
                    .props('outline').mark('end-round')
        self.header_extra(r)

    def header_extra(self, r: Round | None) -> None:
        """More controls under the clock (rebuilt with it)."""

    async def new_round(self, activity_id: int) -> None:
        raise NotImplementedError

    def _body(self) -> None:
        """The round's groups."""

    def _tools(self) -> None:
        """Tools that change the round (swap, move); their choices go into ``self.fields``."""

    def _tools_kept(self) -> None:
        kept, self.kept, self.fields = self.kept, {}, {}
        self._tools()
        for name, value in kept.items():
            field = self.fields.get(name)
            if field is not None and value is not None and value in field.options:
                field.set_value(value)

    async def do(self, action: Callable[[int], Awaitable[object]]) -> None:
        try:
            await action(self.activity.id)
        except Refused as error:
            notify_refused(self.t, error)


class ScreenRounds(RoundPart):
    """Subclasses fill ``part`` (rebuilt per round); the countdown changes in place."""

    countdown: Countdown | None = None

    def build(self) -> None:
        self.part = ui.refreshable(self._part)
        with ui.column().classes('w-screen h-screen overflow-hidden p-[4vh] gap-[2vh]'):
            with ui.row().classes('w-full items-center justify-between no-wrap'):
                ui.label(self.activity.text).classes('text-4xl font-bold line-clamp-1')
                ui.label(self.ctx.join_hint).classes('text-2xl text-grey-5')
            self.part()

    def _part(self) -> None:
        raise NotImplementedError

    def round_changed(self, r: Round) -> None:
        self.part.refresh()

    def clock_changed(self, r: Round) -> None:
        if self.countdown is not None:
            self.countdown.show(r.countdown)


def is_link(location: str) -> bool:
    return location.startswith(('http://', 'https://'))


def video_room(t: Translate, location: str) -> None:
    """ "Open jullie gesprek": one big tap to this pair's or group's video room (a new tab), and the link itself."""
    link = ui.link(target=location, new_tab=True).classes('w-full no-underline').props('data-testid=video-link')
    with with_props(link, data_href=location):
        ui.button(t('video.open'), icon='videocam').props('unelevated size=lg no-caps').classes('w-full')
    ui.label(location).classes('text-sm text-grey-7 break-all').props('data-testid=video-url')


def plenary(t: Translate, room: Room) -> ui.column:
    """ "Terug naar de plenaire" with the main call's link (online and hybrid meetings); hidden until a round ends."""
    with ui.column().classes('w-full gap-1 bg-blue-1 rounded p-3').props('data-testid=plenary') as box:
        ui.label(t('video.back')).classes('text-xl font-bold')
        if room.info.plenary_url:
            with ui.link(target=room.info.plenary_url, new_tab=True).classes('w-full no-underline') \
                    .props('data-testid=plenary-link'):
                ui.button(t('video.open_plenary'), icon='groups').props('outline no-caps').classes('w-full')
            ui.label(room.info.plenary_url).classes('text-sm text-grey-7 break-all').props('data-testid=plenary-url')
    return box
