"""The network map as ECharts options (pure: a dict, no UI): a graph series, laid out by a force-directed layout
computed here (``layout.spread``: ECharts' own force layout does not fit the chart) and scaled into the chart's box.

People are nodes coloured (and shaped) by organisation, ties are arrows from whoever answered ("asked" yellow,
"gave" blue). Without names (the screen's default) nodes carry no name at all, not even in the options sent to
the browser. A large or dense map (``MapGraph.large``) is drawn per organisation: one node per organisation sized by
its people, edges as thick as the ties between two organisations.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from app.domain.network_map import MapGraph, org_key, pair
from app.kinds.network_map.layout import Point, spread

COLORS = ('#4fc3f7', '#f2b705', '#81c784', '#e57373', '#ba68c8', '#ffb74d', '#4db6ac', '#f06292', '#aed581',
          '#9575cd', '#90a4ae', '#fff176')
SYMBOLS = ('circle', 'rect', 'triangle', 'diamond', 'roundRect')
EDGE_COLORS = {'asked': '#f2b705', 'gave': '#4fc3f7'}
NEW_COLOR = '#e91e63'


@dataclass(frozen=True, slots=True)
class Look:
    """How one chart is drawn: the screen (dark, big), the control panel, the network page."""

    dark: bool = True
    names: bool = False
    font: int = 24                 # px: every text on the projector is at least 24 px
    node: int = 40                 # symbol size of a person
    animate: bool = True
    aspect: float = 2.8            # about the drawing box's width over its height (1920×1080: 1760×630 px)

    @property
    def ink(self) -> str:
        return '#ffffff' if self.dark else '#222222'


SCREEN = Look()
PANEL = Look(dark=False, names=True, font=12, node=18, aspect=2.0)
PAGE = Look(dark=False, names=False, font=12, node=16, animate=False, aspect=1.6)


def organisations(*graphs: MapGraph) -> dict[str, int]:
    """Org key -> its place in the palette (sorted, so two charts of the same people agree)."""
    keys = sorted({org_key(org) for graph in graphs for _, org in graph.nodes.values()})
    return {key: i for i, key in enumerate(keys)}


def positions(graph: MapGraph, previous: Mapping[str, Point] | None = None) -> dict[str, Point]:
    """Where each node goes: people by id, or organisations by key when the map is drawn per organisation."""
    if graph.large:
        orgs = graph.aggregate()
        return spread([n.key for n in orgs.nodes], [frozenset((a, b)) for a, b, _ in orgs.edges], previous)
    return spread(sorted(graph.nodes), graph.pairs(), previous)


def map_options(graph: MapGraph, look: Look, no_organisation: str,
                highlight: Collection[frozenset[str]] = (), palette: dict[str, int] | None = None,
                within: Callable[[int], str] = str, places: Mapping[str, Point] | None = None) -> dict:
    """The chart of ``graph``; ``highlight``: ties drawn thick in a signal colour (new since the first meeting);
    ``within``: the text "3 binnen" of ties inside one organisation (drawn per organisation); ``places``: from
    ``positions`` (computed when not given)."""
    palette = palette if palette is not None else organisations(graph)
    places = places if places is not None else positions(graph)
    if graph.large:
        series = _per_organisation(graph, look, no_organisation, palette, within, places)
    else:
        series = _per_person(graph, look, no_organisation, palette, set(highlight), places)
    return {
        'animation': look.animate,
        'animationDurationUpdate': 600,
        'tooltip': {'show': False},
        'legend': {'show': not graph.large, 'top': 0, 'left': 'center', 'textStyle': {'color': look.ink,
                                                                                     'fontSize': look.font},
                   'itemWidth': look.font, 'itemHeight': look.font, 'selectedMode': False,
                   'data': [c['name'] for c in series.get('categories', [])]},
        'series': [series],
    }


def _categories(graph: MapGraph, palette: dict[str, int], no_organisation: str) -> tuple[list[dict], dict[str, int]]:
    names: dict[str, str] = {}
    for _, organisation in graph.nodes.values():
        names.setdefault(org_key(organisation), ' '.join(organisation.split()) or no_organisation)
    keys = sorted(names, key=lambda k: palette.get(k, 0))
    categories = [{'name': names[k], 'symbol': SYMBOLS[palette.get(k, 0) % len(SYMBOLS)],
                   'itemStyle': {'color': COLORS[palette.get(k, 0) % len(COLORS)]}} for k in keys]
    return categories, {k: i for i, k in enumerate(keys)}


def _at(look: Look, point: Point) -> dict:
    return {'x': round(point[0] * look.aspect * 100, 1), 'y': round(point[1] * 100, 1)}


def _per_person(graph: MapGraph, look: Look, no_organisation: str, palette: dict[str, int],
                highlight: set[frozenset[str]], places: Mapping[str, Point]) -> dict:
    categories, category_of = _categories(graph, palette, no_organisation)
    ids = sorted(graph.nodes)
    index = {pid: i for i, pid in enumerate(ids)}
    size = look.node * (3 if len(ids) <= 10 else 2) // 2  # a small map: bigger shapes
    nodes = []
    for pid in ids:
        name, organisation = graph.nodes[pid]
        node = {'id': f'n{index[pid]}', 'name': name if look.names else f'n{index[pid]}',
                'category': category_of[org_key(organisation)], 'symbolSize': size,
                'label': {'show': look.names}, **_at(look, places.get(pid, (0.0, 0.0)))}
        nodes.append(node)
    width = (2.5 if len(graph.edges) <= 30 else 1.5) * (1.4 if look.dark else 1)  # thicker on the projector
    links = []
    for edge in graph.edges:
        new = pair(edge.source, edge.target) in highlight
        color = NEW_COLOR if new else (EDGE_COLORS[edge.kind] if not highlight else '#9e9e9e')
        links.append({'source': f'n{index[edge.source]}', 'target': f'n{index[edge.target]}',
                      'lineStyle': {'color': color, 'width': width * 2 if new else width,
                                    'type': 'solid' if edge.kind == 'gave' else 'dashed'}})
    edge = max(size, 32)  # half a shape and an arrow's curve stay inside
    side = max(look.font * 12, edge) if look.names else edge  # a name to the right of its node
    return {'type': 'graph', 'layout': 'none', 'roam': False, 'draggable': False, 'top': look.font * 4 + size // 2,
            'bottom': edge, 'left': edge, 'right': side, 'categories': categories, 'data': nodes,
            'links': links, 'edgeSymbol': ['none', 'arrow'], 'edgeSymbolSize': max(8, size // 3),
            'lineStyle': {'curveness': 0.18, 'opacity': 0.9}, 'emphasis': {'disabled': True}, 'nodeScaleRatio': 0,
            'label': {'position': 'right', 'color': look.ink, 'fontSize': look.font, 'width': look.font * 11,
                      'overflow': 'break', 'lineHeight': int(look.font * 1.25)}}


def _per_organisation(graph: MapGraph, look: Look, no_organisation: str, palette: dict[str, int],
                      within: Callable[[int], str], places: Mapping[str, Point]) -> dict:
    orgs = graph.aggregate()
    biggest = max((n.people for n in orgs.nodes), default=1)
    heaviest = max((w for _, _, w in orgs.edges), default=1)
    index = {node.key: i for i, node in enumerate(orgs.nodes)}
    nodes = []
    for node in orgs.nodes:
        i = palette.get(node.key, 0)
        label = f'{node.organisation or no_organisation} ({node.people})'
        if node.within:
            label += f'\n{within(node.within)}'
        nodes.append({'id': f'o{index[node.key]}', 'name': label, 'value': node.people,
                      'symbol': SYMBOLS[i % len(SYMBOLS)], 'itemStyle': {'color': COLORS[i % len(COLORS)]},
                      'symbolSize': [size := look.node + int(look.node * 1.5 * (node.people / biggest) ** 0.5), size],
                      'label': {'show': True}, **_at(look, places.get(node.key, (0.0, 0.0)))})
    links = [{'source': f'o{index[a]}', 'target': f'o{index[b]}', 'value': w,
              'lineStyle': {'width': 1 + 9 * w / heaviest, 'color': look.ink, 'opacity': 0.25 + 0.6 * w / heaviest}}
             for a, b, w in orgs.edges]
    return {'type': 'graph', 'layout': 'none', 'roam': False, 'draggable': False, 'top': look.node * 2,
            'bottom': look.font * 4 + look.node, 'left': look.font * 6, 'right': look.font * 6, 'data': nodes,
            'links': links,
            'emphasis': {'disabled': True}, 'nodeScaleRatio': 0,
            'label': {'position': 'bottom', 'color': look.ink, 'fontSize': look.font, 'width': look.font * 10,
                      'overflow': 'break', 'align': 'center', 'lineHeight': int(look.font * 1.25)}}
