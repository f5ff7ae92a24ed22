"""The network map's card on the network page: "Netwerkkaart: eerste en laatste bijeenkomst" — the two maps side by
side (shapes coloured by organisation, no names), the ties that are new in the latest one drawn thick, and the figures
of both. Drawn from ``series.BeforeAfter``; no card while no meeting has a map with answers."""

from __future__ import annotations

from collections.abc import Collection

from nicegui import ui

from app.domain.network_map import MapGraph
from app.domain.tallies import format_number
from app.i18n import Translate
from app.kinds.network_map.chart import PAGE, map_options, organisations
from app.kinds.network_map.series import BeforeAfter, MeetingMap
from app.ui.parts import NetworkCard


class MapsCard(NetworkCard):
    found: BeforeAfter

    def build(self) -> None:
        network_map_section(self.found, self.t, self.lang)


def network_map_section(found: BeforeAfter, t: Translate, lang: str) -> None:
    with ui.card().classes('w-full gap-2').props('data-testid=network-map-card'):
        ui.label(t('network_map.series_title')).classes('text-lg font-semibold')
        ui.label(t('network_map.series_help')).classes('text-grey-7 text-sm')
        graphs = [found.first.graph] + ([found.last.graph] if found.last else [])
        palette = organisations(*graphs)
        new = found.comparison.new if found.comparison else frozenset()
        with ui.element('div').classes('w-full grid grid-cols-1 md:grid-cols-2 gap-4'):
            _map(found.first, t('network_map.first', title=found.first.title), palette, (), t, lang, 'first')
            if found.last is not None:
                _map(found.last, t('network_map.latest', title=found.last.title), palette, new, t, lang, 'last')
        if found.last is None:
            ui.label(t('network_map.one_meeting')).classes('text-grey-7').props('data-testid=network-map-one')
        else:
            ui.label(t.plural('network_map.new_ties', len(new))).classes('text-lg font-bold text-pink-8') \
                .props('data-testid=network-map-new')


def _map(found: MeetingMap, title: str, palette: dict[str, int], new: Collection[frozenset[str]], t: Translate,
         lang: str, marker: str) -> None:
    graph: MapGraph = found.graph
    with ui.column().classes('gap-1 min-w-0 w-full'):
        ui.label(title).classes('font-semibold break-words')
        ui.echart(map_options(graph, PAGE, t('network_map.no_organisation'), highlight=new,
                              palette=palette, within=lambda n: t.plural('network_map.within', n)),
                  renderer='svg').classes('w-full h-80') \
            .props(f'data-testid=network-map-{marker} data-ties={graph.ties} data-nodes={len(graph.nodes)}')
        ui.label(' · '.join((t.plural('network_map.people', len(graph.nodes)), t.plural('network_map.ties', graph.ties),
                             t('network_map.across_short', count=graph.across),
                             t('network_map.density_short', value=format_number(graph.density * 100, lang))))) \
            .classes('text-sm text-grey-8 break-words').props(f'data-testid=network-map-figures-{marker}')
