"""The network map (pure): whom each participant asked for help or information, whom they helped, and outside
contacts by type only.

An answer is one ``Ties`` value, stored as canonical JSON in the answer's ``text`` (``dump_ties``/``parse_ties``).
A tie is always drawn from the person who answered:

- "asked" A→B: A asked B for help or information;
- "gave" A→B: A helped B.

The figures (``MapGraph``), all over the people drawn (``nodes``: present, and those who left; never the removed):

- ``ties``: distinct unordered pairs of people with any tie between them, in any direction, of any type;
- ``across``: those ties between two people who both have an organisation and whose organisations differ
  (letter case and spaces aside);
- ``density``: ``ties`` over all possible pairs (networkx's density of the undirected graph on the nodes);
- ``nobody_asked``: the people nobody marked as "asked" (no incoming "asked" tie) — for the facilitator only;
- ``isolated``: the people without any tie, in or out.

A large or dense map is drawn per organisation (``aggregate``): one node per organisation, an edge between two
organisations weighted by the number of ties between their people, ties within one organisation counted on its node.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from app.domain.errors import Refused
from app.i18n import N_, NP_

DIRECTIONS = ('asked', 'gave')
OUTSIDE_TYPES = ('colleague', 'client', 'expert', 'other')
MAX_TARGETS = 200       # per direction: more people than any meeting has
MAX_ID = 64
MAX_NODES = 25          # above this many people the map is drawn per organisation
MAX_EDGES = 80          # … or above this many arrows


@dataclass(frozen=True, slots=True)
class Ties:
    """One participant's answer: ids of people asked and helped, and outside contacts as (direction, type)."""

    asked: tuple[str, ...] = ()
    gave: tuple[str, ...] = ()
    outside: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.asked or self.gave or self.outside)

    def targets(self) -> set[str]:
        return {*self.asked, *self.gave}

    def without(self, ids: Iterable[str]) -> Ties:
        """These ties minus those to ``ids`` (people removed from the meeting)."""
        gone = set(ids)
        return Ties(tuple(i for i in self.asked if i not in gone), tuple(i for i in self.gave if i not in gone),
                    self.outside)


def canonical(ties: Ties) -> Ties:
    """Sorted and each once."""
    return Ties(tuple(sorted(set(ties.asked))), tuple(sorted(set(ties.gave))), tuple(sorted(set(ties.outside))))


def dump_ties(ties: Ties) -> str:
    ties = canonical(ties)
    return json.dumps({'asked': list(ties.asked), 'gave': list(ties.gave),
                       'outside': [list(pair) for pair in ties.outside]}, separators=(',', ':'))


def parse_ties(text: str | None) -> Ties:
    """The ties in ``text`` (canonical); '' is an empty map. Refused when it is not a map answer or too long."""
    if not (text or '').strip():
        return Ties()
    try:
        data = json.loads(text or '')
    except ValueError:
        raise Refused('error.answer_invalid') from None
    if not isinstance(data, dict):
        raise Refused('error.answer_invalid')
    people: dict[str, tuple[str, ...]] = {}
    for direction in DIRECTIONS:
        ids = data.get(direction, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) and 0 < len(i) <= MAX_ID and i.isprintable()
                                                for i in ids):
            raise Refused('error.answer_invalid')
        if len(set(ids)) > MAX_TARGETS:
            raise Refused(NP_('error.map_too_many'), count=MAX_TARGETS)
        people[direction] = tuple(ids)
    outside = data.get('outside', [])
    if not isinstance(outside, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and pair[0] in DIRECTIONS and pair[1] in OUTSIDE_TYPES
            for pair in outside):
        raise Refused('error.answer_invalid')
    return canonical(Ties(people['asked'], people['gave'], tuple((str(d), str(k)) for d, k in outside)))


def read_ties(text: str | None) -> Ties:
    """A stored answer's ties; a text that is not one (it cannot be: it was cleaned) is an empty map."""
    try:
        return parse_ties(text)
    except Refused:
        return Ties()


def clean_ties(ties: Ties, me: str, allowed_ids: Iterable[str]) -> Ties:
    """The ties ``me`` may store: never to themselves, only to people of the meeting (``allowed_ids``)."""
    ties = canonical(ties)
    if me in ties.targets():
        raise Refused(N_('error.map_self'))
    allowed = set(allowed_ids)
    if any(target not in allowed for target in ties.targets()):
        raise Refused(N_('error.map_unknown'))
    return ties


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str             # 'asked' | 'gave'


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def org_key(organisation: str) -> str:
    return ' '.join(organisation.split()).casefold()


@dataclass(frozen=True)
class MapGraph:
    """The map drawn from answers (``answers``: participant id -> Ties) over ``nodes`` (id -> (name, organisation)):
    ties to or from anyone not in ``nodes`` are left out."""

    nodes: dict[str, tuple[str, str]]
    edges: tuple[Edge, ...]
    answered: frozenset[str]
    outside: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def build(cls, answers: Mapping[str, Ties], nodes: Mapping[str, tuple[str, str]]) -> MapGraph:
        edges: set[Edge] = set()
        outside: Counter[tuple[str, str]] = Counter()
        answered = set()
        for source, ties in answers.items():
            if source not in nodes:
                continue
            answered.add(source)
            outside.update(set(ties.outside))
            for kind, targets in (('asked', ties.asked), ('gave', ties.gave)):
                edges.update(Edge(source, target, kind) for target in targets if target in nodes and target != source)
        ordered = tuple(sorted(edges, key=lambda e: (e.source, e.target, e.kind)))
        return cls(dict(nodes), ordered, frozenset(answered), outside)

    # figures
    def pairs(self) -> set[frozenset[str]]:
        return {pair(e.source, e.target) for e in self.edges}

    @property
    def ties(self) -> int:
        return len(self.pairs())

    def is_across(self, tie: frozenset[str]) -> bool:
        a, b = (org_key(self.nodes[i][1]) for i in tie)
        return bool(a and b and a != b)

    @property
    def across(self) -> int:
        return sum(1 for tie in self.pairs() if self.is_across(tie))

    def undirected(self) -> nx.Graph[str]:
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(self.nodes)
        graph.add_edges_from((a, b) for a, b in map(sorted, self.pairs()))
        return graph

    @property
    def density(self) -> float:
        return float(nx.density(self.undirected())) if len(self.nodes) > 1 else 0.0

    def nobody_asked(self) -> list[str]:
        """The ids nobody marked as asked, by name (the facilitator's list, never the screen's)."""
        asked = {e.target for e in self.edges if e.kind == 'asked'}
        return self._by_name(i for i in self.nodes if i not in asked)

    def isolated(self) -> list[str]:
        linked = {i for tie in self.pairs() for i in tie}
        return self._by_name(i for i in self.nodes if i not in linked)

    def _by_name(self, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda i: (self.nodes[i][0].casefold(), i))

    @property
    def large(self) -> bool:
        """Too many people or arrows to draw one by one: draw it per organisation."""
        return len(self.nodes) > MAX_NODES or len(self.edges) > MAX_EDGES

    def aggregate(self) -> OrgGraph:
        return aggregate(self)


@dataclass(frozen=True, slots=True)
class OrgNode:
    key: str              # org_key; '' for people without an organisation
    organisation: str     # as first written
    people: int
    within: int           # ties between two of its people


@dataclass(frozen=True, slots=True)
class OrgGraph:
    nodes: tuple[OrgNode, ...]
    edges: tuple[tuple[str, str, int], ...]   # (org key, org key, ties between them), keys sorted


def aggregate(graph: MapGraph) -> OrgGraph:
    """One node per organisation, an edge per pair of organisations weighted by the ties between their people."""
    names: dict[str, str] = {}
    people: Counter[str] = Counter()
    for _, organisation in graph.nodes.values():
        key = org_key(organisation)
        names.setdefault(key, ' '.join(organisation.split()))
        people[key] += 1
    within: Counter[str] = Counter()
    between: Counter[tuple[str, str]] = Counter()
    for tie in graph.pairs():
        a, b = sorted(org_key(graph.nodes[i][1]) for i in tie)
        if a == b:
            within[a] += 1
        else:
            between[(a, b)] += 1
    nodes = tuple(OrgNode(key, names[key], people[key], within[key]) for key in sorted(names))
    return OrgGraph(nodes, tuple((a, b, n) for (a, b), n in sorted(between.items())))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Before and after: ties (pairs of stable ids, e.g. member ids) only after, kept, only before."""

    new: frozenset[frozenset[str]]
    kept: frozenset[frozenset[str]]
    lost: frozenset[frozenset[str]]


def compare(before: MapGraph, after: MapGraph) -> Comparison:
    old, new = before.pairs(), after.pairs()
    return Comparison(frozenset(new - old), frozenset(new & old), frozenset(old - new))
