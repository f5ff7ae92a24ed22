"""The facilitator's and moderator's list of participants: name, organisation, online dot, remove."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from nicegui import ui

from app.domain.names import DisplayName
from app.domain.people import Person


class RosterList:
    def __init__(self, people: Iterable[Person], is_online: Callable[[str], bool], *,
                 count_text: Callable[[int, int], str], online_text: str, offline_text: str, empty_text: str,
                 on_remove: Callable[[Person], object] | None = None, remove_text: str = '',
                 names: Callable[[], Mapping[str, DisplayName]] | None = None) -> None:
        self._is_online = is_online
        self._names = names  # two people with the same name told apart (a number where the organisation does not)
        self._labels: dict[str, ui.item_label] = {}
        self._texts = (online_text, offline_text)
        self._on_remove = on_remove
        self._remove_text = remove_text
        self._count_text = count_text
        self._rows: dict[str, tuple[ui.element, ui.icon, ui.label]] = {}
        self._online: set[str] = set()  # kept with each change: no scan of everyone per join or presence
        self._count = ui.label().classes('text-lg font-semibold').mark('roster-count').props('data-testid=roster-count')
        self._empty = ui.label(empty_text).classes('text-grey-7')
        self._list = ui.list().props('bordered separator').classes('w-full').mark('roster')
        for person in people:
            self.add(person)
        self._update_count()

    def change(self, kind: str, person: Person) -> None:
        """Apply one roster change: 'joined', 'left' or 'presence'."""
        if kind == 'joined':
            self.add(person)
        elif kind == 'left':
            self.remove(person.id)
        else:
            self.set_online(person.id)
        if kind != 'presence':
            self.relabel()
        self._update_count()

    def _update_count(self) -> None:
        self._count.set_text(self._count_text(len(self._rows), len(self._online)))

    def add(self, person: Person) -> None:
        if person.id in self._rows:
            return
        with self._list, ui.item().mark('roster-row').props('data-testid=roster-row') as row:
            with ui.item_section().props('avatar'):
                dot = ui.icon('circle', size='0.9rem')
            with ui.item_section():
                self._labels[person.id] = ui.item_label(self._name(person)).classes('font-semibold') \
                    .mark('roster-name').props('data-testid=roster-name')
                if person.organisation:
                    ui.item_label(person.organisation).props('caption')
            with ui.item_section().props('side'):
                status = ui.label().classes('text-sm').props('data-testid=roster-status')
            if self._on_remove is not None:
                with ui.item_section().props('side'):
                    remove = ui.button(icon='person_remove', on_click=lambda p=person: self._on_remove(p)) \
                        .props('flat round color=negative').tooltip(self._remove_text) \
                        .mark('remove', f'remove-{person.id}')
                    remove.props['aria-label'] = self._remove_text
        self._rows[person.id] = (row, dot, status)
        self.set_online(person.id)
        self._empty.set_visibility(False)

    def _name(self, person: Person) -> str:
        shown = self._names().get(person.id) if self._names is not None else None
        return shown.name if shown is not None else person.name

    def relabel(self) -> None:
        """Someone with the same name came or went: the names that tell them apart change."""
        if self._names is None:
            return
        names = self._names()
        for person_id, label in self._labels.items():
            shown = names.get(person_id)
            if shown is not None and label.text != shown.name:
                label.set_text(shown.name)

    def remove(self, person_id: str) -> None:
        self._labels.pop(person_id, None)
        entry = self._rows.pop(person_id, None)
        self._online.discard(person_id)
        if entry:
            entry[0].delete()
        self._empty.set_visibility(not self._rows)

    def set_online(self, person_id: str) -> None:
        entry = self._rows.get(person_id)
        if entry is None:
            return
        online = self._is_online(person_id)
        if online:
            self._online.add(person_id)
        else:
            self._online.discard(person_id)
        entry[1].props(f'color={"positive" if online else "grey-5"}')
        entry[2].set_text(self._texts[0] if online else self._texts[1])
