"""The facilitator's participant list: who is in (online or not), remove one or many, let a removed one back in."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from app.domain.people import Person
from app.i18n import Translate
from app.live.room import Room
from app.live.roster import RosterChange
from components.roster_list import RosterList

RECENT_MINUTES = (5, 15, 60)


class RosterCard:
    def __init__(self, room: Room, t: Translate) -> None:
        self.room, self.t = room, t
        self.removed = ui.refreshable(self._removed)

    def build(self) -> None:
        t = self.t
        with ui.card().classes('w-full lg:w-1/2 gap-2'):
            self.roster = RosterList(self.room.roster.people.values(), self.room.roster.is_online,
                                     count_text=lambda n, on: t.plural('control.count', n, online=on),
                                     online_text=t('control.online'), offline_text=t('control.offline'),
                                     empty_text=t('control.nobody'), on_remove=self._confirm_one,
                                     remove_text=t('control.remove'), names=self.room.roster.names)
            with ui.row().classes('w-full items-center gap-2'):
                ui.button(t('roster.remove_offline'), icon='person_off',
                          on_click=lambda: self._confirm_many(self.room.roster.offline)).props('flat dense') \
                    .mark('remove-offline')
                recent = ui.select({m: t.plural('roster.minutes', m) for m in RECENT_MINUTES},
                                   value=RECENT_MINUTES[0]).props('dense outlined').classes('w-48') \
                    .mark('recent-minutes')
                ui.button(t('roster.remove_recent'), icon='group_remove',
                          on_click=lambda: self._confirm_many(lambda: self.room.roster.joined_within(recent.value))) \
                    .props('flat dense').mark('remove-recent')
            self.removed()
        self.room.roster.changed.subscribe(self._roster_changed)
        self.room.roster.removed_changed.subscribe(self.removed.refresh)

    def _removed(self) -> None:
        """Removed people stay out; the facilitator may let one back in (their device can join again)."""
        if not self.room.roster.removed:
            return
        ui.label(self.t.plural('roster.removed', len(self.room.roster.removed))).classes('font-semibold mt-2')
        for person, _ in self.room.roster.removed.values():
            with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=removed-row'):
                ui.label(person.name).classes('grow break-words min-w-0')
                ui.button(self.t('roster.let_back_in'), on_click=lambda p=person: self.room.roster.let_back_in(p.id)) \
                    .props('flat dense').mark('let-back-in')

    def _confirm_one(self, person: Person) -> None:
        shown = self.room.roster.names().get(person.id)
        self._confirm(self.t('control.remove_confirm', name=shown.full if shown else person.name), [person])

    def _confirm_many(self, who: Callable[[], list[Person]]) -> None:
        people = who()
        if not people:
            ui.notify(self.t('roster.nobody_to_remove'))
            return
        self._confirm(self.t.plural('roster.remove_many_confirm', len(people)), people)

    def _confirm(self, question: str, people: list[Person]) -> None:
        with ui.dialog() as dialog, ui.card():
            ui.label(question).classes('text-lg break-words')
            with ui.row().classes('w-full justify-end'):
                ui.button(self.t('common.cancel'), on_click=dialog.close).props('flat')

                async def remove() -> None:
                    dialog.close()
                    await self.room.roster.remove_many([p.id for p in people])

                ui.button(self.t('control.remove'), on_click=remove).props('unelevated color=negative') \
                    .mark('remove-confirm')
        dialog.on('hide', dialog.delete)
        dialog.open()

    def _roster_changed(self, change: RosterChange) -> None:
        self.roster.change(change.kind, change.person)
