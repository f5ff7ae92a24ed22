"""The one registry of activity kinds: adding a kind is its own package plus one line here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.domain.errors import Refused
from app.domain.templates import BuiltInTemplate, assemble
from app.kinds.base import Kind
from app.kinds.breakout.kind import Breakout
from app.kinds.evaluation.kind import Evaluation
from app.kinds.exchange.kind import Exchange
from app.kinds.network_map.kind import NetworkMap
from app.kinds.polls.kind import OpenQuestion, Score, Statement
from app.kinds.speed_date.kind import SpeedDate


class Registry:
    def __init__(self, kinds: Iterable[Kind]) -> None:
        self._kinds: dict[str, Kind] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f'two activity kinds named {kind.name!r}')
            self._kinds[kind.name] = kind

    def __getitem__(self, name: str) -> Kind:
        kind = self._kinds.get(name)
        if kind is None:
            raise Refused('error.unknown_kind')
        return kind

    def get(self, name: str) -> Kind | None:
        return self._kinds.get(name)

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def change_types(self) -> tuple[type, ...]:
        """The changes of every kind's runner (the bus must know them)."""
        return tuple(t for kind in self for t in kind.change_types)

    def network_kinds(self) -> list[Kind]:
        """The kinds with a part at the network level (a ``series`` hook), in their ``network_order``."""
        return sorted((kind for kind in self if type(kind).series is not Kind.series), key=lambda k: k.network_order)

    def templates(self) -> tuple[BuiltInTemplate, ...]:
        """The built-in templates, put together from what every kind contributes (``Kind.template_items``)."""
        return assemble((kind.name, part) for kind in self for part in kind.template_items)

    def template(self, key: str) -> BuiltInTemplate | None:
        return next((template for template in self.templates() if template.key == key), None)


def default_registry() -> Registry:
    """Every kind the app offers, in the order the agenda editor lists them."""
    return Registry([
        Statement(),
        Score(),
        OpenQuestion(),
        SpeedDate(),
        Breakout(),
        Evaluation(),
        Exchange(),
        NetworkMap(),
    ])
