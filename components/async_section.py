"""A part of a page drawn from data that must be fetched first (a database query): rebuilt in one go once the
data is there, and when refreshes overlap (three dots placed at once) only the latest one draws — never twice."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from nicegui import ui

T = TypeVar('T')


class AsyncSection(Generic[T]):
    def __init__(self, fetch: Callable[[], Awaitable[T]], draw: Callable[[T], None],
                 classes: str = 'w-full gap-2') -> None:
        self.fetch, self.draw = fetch, draw
        self.container = ui.column().classes(classes)
        self._generation = 0

    async def refresh(self) -> None:
        self._generation += 1
        mine = self._generation
        data = await self.fetch()
        if mine != self._generation or self.container.is_deleted:
            return  # a later refresh draws (or the page is gone)
        self.container.clear()
        with self.container:
            self.draw(data)
