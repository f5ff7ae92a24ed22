"""The network map's projected view and the facilitator's panel (the phone is ``phone.py``).

Both draw ``graph_of(room, activity)`` and redraw it in place on each answer (a burst becomes one update per
``COALESCE`` seconds) and when someone joins or leaves. "Nog door niemand gevraagd" is on the control view only:
never on the screen.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from nicegui import Event, ui

from app.domain.network_map import MapGraph
from app.domain.tallies import format_number
from app.kinds.answer_views import screen_heading, voting_buttons
from app.kinds.network_map.answers import graph_of
from app.kinds.network_map.chart import PANEL, SCREEN, Look, map_options
from app.kinds.network_map.rules import PERIOD_KEYS, NetworkMapSettings
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.parts import Part, shown_by
from components.results import preload_charts

COALESCE = 0.05


class MapLive(Part):
    """What the screen and the control view share: the chart, "x van y geantwoord", redrawing in place."""

    chart: ui.echart | None = None
    answered: ui.label | None = None
    empty: ui.label | None = None
    look: Look = SCREEN
    _scheduled = False

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return (room.agenda.answers_changed,)

    def graph(self) -> MapGraph:
        return graph_of(self.room, self.activity.id)

    def options(self, graph: MapGraph) -> dict:
        look = replace(self.look, names=self.look.names or NetworkMapSettings.of(self.live).names_on_screen)
        return map_options(graph, look, self.t('network_map.no_organisation'),
                           within=lambda n: self.t.plural('network_map.within', n))

    def draw_chart(self, height: str) -> None:
        graph = self.graph()
        self.chart = ui.echart(self.options(graph), renderer='svg').classes('w-full').style(f'height: {height}') \
            .props('data-testid=map-chart').mark('map-chart')
        self.empty = ui.label(self.t('network_map.empty')).classes(self._empty_classes) \
            .props('data-testid=map-empty').mark('map-empty')
        self.show(graph)

    _empty_classes = 'text-4xl text-grey-5'

    def show(self, graph: MapGraph) -> None:
        """Figures and visibility for ``graph`` (the chart's options are set by the caller or at build)."""
        if self.chart is not None:
            self.chart.props(f'data-nodes={len(graph.nodes)} data-ties={graph.ties} '
                             f'data-grouped={"true" if graph.large else "false"}')
            self.chart.set_visibility(bool(graph.answered))
        if self.empty is not None:
            self.empty.set_visibility(not graph.answered)
        self.update_count()

    def update_count(self) -> None:
        if self.answered is not None:
            self.answered.set_text(self.t.plural('screen.answered', self.room.agenda.count(self.activity.id),
                                                 total=len(self.room.roster.people)))

    def redraw(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_later(COALESCE, self._flush)

    def _flush(self) -> None:
        self._scheduled = False
        if self.chart is None or self.chart.is_deleted:
            return
        graph = self.graph()
        self.chart.options.clear()
        self.chart.options.update(self.options(graph))
        self.chart.update()
        self.show(graph)

    def changed(self, change: AnswerChange) -> None:
        if isinstance(change, AnswerChange) and change.activity_id == self.activity.id:
            self.redraw()

    def roster_changed(self, change: RosterChange) -> None:
        if change.kind != 'presence':
            self.redraw()


class NetworkMapScreen(MapLive):
    """The projected map: shapes coloured by organisation (names only when the facilitator shows them)."""

    @classmethod
    def preload(cls, room: Room) -> bool:
        if shown_by(room, cls):  # a network map on the agenda
            preload_charts()
            return True
        return False

    def show(self, graph: MapGraph) -> None:
        super().show(graph)
        if getattr(self, 'figures', None) is not None:
            self.figures.set_text(figures_line(self, graph))

    def build(self) -> None:
        t, activity = self.t, self.activity
        with ui.column().classes('w-screen h-screen overflow-hidden p-[3vh] gap-[1.5vh] no-wrap') \
                .mark('screen-activity'):
            screen_heading(self)
            with ui.row().classes('w-full items-baseline gap-x-10 gap-y-1 shrink-0'):
                self.answered = ui.label().classes('text-4xl font-bold text-yellow-300').mark('answered') \
                    .props('data-testid=answered')
                self.figures = ui.label().classes('text-3xl text-grey-4').props('data-testid=map-figures') \
                    .mark('map-figures')
                ui.label(t(PERIOD_KEYS[NetworkMapSettings.of(activity).period])).classes('text-2xl text-grey-5')
                with ui.row().classes('items-center gap-6 text-2xl'):
                    ui.label(t('network_map.legend_asked')).classes('text-[#f2b705] border-b-4 border-dashed '
                                                                    'border-[#f2b705]')
                    ui.label(t('network_map.legend_gave')).classes('text-[#4fc3f7] border-b-4 border-[#4fc3f7]')
            self.draw_chart('max(300px, calc(100vh - 30vh))')
            if activity.state == 'closed':
                ui.label(t('screen.voting_closed')).classes('text-3xl text-amber-5 shrink-0') \
                    .props('data-testid=closed')


def figures_line(view: Part, graph: MapGraph) -> str:
    """"5 mensen · 4 banden" (per organisation: "· per organisatie")."""
    t = view.t
    line = t.plural('network_map.people', len(graph.nodes)) + ' · ' + t.plural('network_map.ties', graph.ties)
    return line + (' · ' + t('network_map.grouped') if graph.large else '')


class NetworkMapControl(MapLive):
    """The facilitator's figures (who nobody asked yet: here only), close/reopen, names on the screen, a small map."""

    look = PANEL
    _empty_classes = 'text-grey-7'

    def build(self) -> None:
        t, agenda, activity = self.t, self.room.agenda, self.activity
        self.answered = ui.label().classes('text-lg').mark('live-answered').props('data-testid=live-answered')
        with ui.row().classes('gap-1'):
            voting_buttons(t, agenda, activity)
            on = NetworkMapSettings.of(activity).names_on_screen
            ui.button(t('network_map.names_off') if on else t('network_map.names_on'),
                      icon='visibility_off' if on else 'badge', on_click=self._toggle_names) \
                .props('outline data-testid=map-names').mark('map-names')
        self.box = ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-2')
        self.nobody = ui.label().classes('text-sm break-words').props('data-testid=map-nobody-asked') \
            .mark('map-nobody-asked')
        ui.label(t('network_map.facilitator_only')).classes('text-xs text-grey-7')
        self.draw_chart('320px')

    def show(self, graph: MapGraph) -> None:
        super().show(graph)
        t = self.t
        figures = [(t('network_map.figure.ties'), str(graph.ties), 'ties'),
                   (t('network_map.figure.across'), str(graph.across), 'across'),
                   (t('network_map.figure.density'), f'{format_number(graph.density * 100, self.lang)}%', 'density'),
                   (t('network_map.figure.isolated'), str(len(graph.isolated())), 'isolated')]
        self.box.clear()
        with self.box:
            for label, value, name in figures:
                with ui.column().classes('gap-0 bg-grey-2 rounded p-2 min-w-0'):
                    ui.label(value).classes('text-2xl font-bold').props(f'data-testid=map-figure-{name}')
                    ui.label(label).classes('text-xs text-grey-8 break-words')
        names = [graph.nodes[i][0] for i in graph.nobody_asked()] if graph.answered else []
        self.nobody.set_text(t('network_map.nobody_asked', names=', '.join(names)) if names
                             else t('network_map.everyone_asked') if graph.answered else '')

    async def _toggle_names(self) -> None:
        activity = self.live
        old = NetworkMapSettings.of(activity)
        settings = replace(old, names_on_screen=not old.names_on_screen)
        await self.room.agenda.edit(activity.id, activity.text, settings)
