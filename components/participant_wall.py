"""The screen's live wall of names with a counter; updated in place, one name at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from nicegui import ui

from app.domain.names import DisplayName
from app.domain.people import Person


class ParticipantWall:
    def __init__(self, people: Iterable[Person], counter_text: Callable[[int], str], empty_text: str,
                 names: Callable[[], Mapping[str, DisplayName]] | None = None) -> None:
        self._counter_text = counter_text
        self._names = names  # two people with the same name told apart
        self._chips: dict[str, ui.label] = {}
        self._size = ''
        with ui.column().classes('w-full h-full gap-4 overflow-hidden'):
            self._counter = ui.label().classes('text-5xl font-bold').mark('wall-count').props('data-testid=wall-count')
            self._empty = ui.label(empty_text).classes('text-3xl text-grey-5')
            self._box = ui.row().classes('w-full content-start overflow-hidden').mark('wall')
        for person in people:
            self.add(person)
        self._refresh_counter()

    def add(self, person: Person) -> None:
        if person.id in self._chips:
            return
        with self._box:
            chip = ui.label(self._name(person)) \
                .classes('font-semibold px-[0.8em] py-[0.25em] rounded-full bg-white text-black leading-tight '
                         'max-w-full break-words') \
                .mark('wall-name').props('data-testid=wall-name')
        self._chips[person.id] = chip
        self._refresh_counter()

    def _name(self, person: Person) -> str:
        shown = self._names().get(person.id) if self._names is not None else None
        return shown.short if shown is not None else person.name

    def relabel(self) -> None:
        """Someone with the same name came or went: the names that tell them apart change."""
        if self._names is None:
            return
        names = self._names()
        for person_id, chip in self._chips.items():
            shown = names.get(person_id)
            if shown is not None and chip.text != shown.short:
                chip.set_text(shown.short)

    def remove(self, person_id: str) -> None:
        chip = self._chips.pop(person_id, None)
        if chip is not None:
            chip.delete()
            self._refresh_counter()

    def _refresh_counter(self) -> None:
        count = len(self._chips)
        self._counter.set_text(self._counter_text(count))
        self._empty.set_visibility(not self._chips)
        size = font_size(count)
        if size != self._size:  # more names, smaller type: the wall never scrolls
            self._size = size
            self._box.style(f'font-size: {size}; gap: 0.5em')


# up to 100 names: 24 px on a 1920×1080 screen (every text the room reads), 2vh on 1280×720 (the screen's fixed-size
# title and counter take more of a smaller screen); more than 100 names fit only smaller
WALL_100 = 'max(2vh, 2.75vh - 5.4px)'


def font_size(count: int) -> str:
    """Type size of the names for ``count`` names on a 16:9 screen."""
    for limit, size in ((12, '4.4vh'), (24, '3.6vh'), (48, '2.8vh'), (100, WALL_100), (200, '1.5vh')):
        if count <= limit:
            return size
    return '1.1vh'
