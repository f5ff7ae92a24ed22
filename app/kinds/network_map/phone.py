"""The network map on a phone: the other people of the meeting with "gevraagd" / "geholpen" each, outside contacts by
type (no names), one "Bewaren" for the whole map (changeable while it is open), then the reflection question.

"Ontvangen ✓" shows only once the map is stored, and hides again as soon as the person changes a tap. Someone who
joins appears at the bottom of the list; someone who leaves stays (a tie to them still counts); someone removed
disappears, and a tap on them is taken away with a message.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.domain.activities import MAX_REASON, Answer
from app.domain.errors import Refused
from app.domain.network_map import DIRECTIONS, OUTSIDE_TYPES, Ties, read_ties
from app.domain.people import Person, lines_length
from app.i18n import N_
from app.kinds.network_map.answers import store_ties
from app.kinds.network_map.rules import OUTSIDE_KEYS, PERIOD_KEYS, NetworkMapSettings
from app.live.roster import RosterChange
from app.ui.messages import limited, notify_refused
from app.ui.parts import Part
from components.attributes import with_props

SEARCH_FROM = 10  # people in the list: from this many a search field
TOGGLE_KEYS = {'asked': N_('network_map.asked'), 'gave': N_('network_map.gave')}


class NetworkMapPhone(Part):
    def build(self) -> None:
        t, activity = self.t, self.activity
        settings = NetworkMapSettings.of(activity)
        self.answer: Answer | None = self.room.agenda.answer_of(activity.id, self.ctx.participant_id)
        stored = read_ties(self.answer.text) if self.answer else Ties()
        self.marked: dict[str, set[str]] = {'asked': set(stored.asked), 'gave': set(stored.gave)}
        self.outside: set[tuple[str, str]] = set(stored.outside)
        self.open_ = self.room.agenda.answerable(activity)
        self.toggles: dict[tuple[str, str], ui.button] = {}
        self.rows: dict[str, ui.element] = {}
        self.names: dict[str, str] = {}
        ui.label(t(self.room.kinds[activity.kind].label)).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(activity.text).classes('text-xl font-bold leading-snug break-words').mark('activity-text') \
            .props('data-testid=activity-text')
        help_text = t('network_map.help')
        ui.label(f'{t(PERIOD_KEYS[settings.period])} · {help_text}') \
            .classes('text-base text-grey-8 leading-snug break-words')
        people = self._people()
        if len(people) >= SEARCH_FROM:
            ui.input(t('network_map.search'), on_change=lambda e: self._filter(e.value or '')) \
                .props('outlined dense clearable data-testid=map-search').classes('w-full')
        self.list = ui.column().classes('w-full gap-2').props('data-testid=map-people')
        with self.list:
            self.nobody = ui.label(t('network_map.nobody_else')).classes('text-grey-7')
            for person in people:
                self._row(person)
        self._show_nobody()
        ui.label(t('network_map.outside_title')).classes('text-base font-semibold leading-snug break-words mt-2')
        ui.label(t('network_map.outside_help')).classes('text-sm text-grey-7 leading-snug break-words')
        with ui.column().classes('w-full gap-2'):
            for kind in OUTSIDE_TYPES:
                self._outside_row(kind)
        with ui.row().classes('w-full items-center gap-3'):
            ui.button(t('network_map.save'), icon='check', on_click=self._save) \
                .props('unelevated color=primary size=lg no-caps data-testid=map-save').classes('grow') \
                .mark('map-save').set_enabled(self.open_)
        self.received = ui.label(t('phone.received')).classes('text-lg font-semibold text-positive') \
            .props('role=status data-testid=received').mark('received')
        self.received.set_visibility(self.answer is not None)
        self._reflection(settings.question(t))
        if not self.open_:
            ui.label(t('error.vote_closed')).classes('text-base bg-grey-3 rounded p-3').mark('vote-closed') \
                .props('data-testid=vote-closed')

    # the list
    def _people(self) -> list[Person]:
        """Everyone else here, and those who left whom I marked (the tie still counts)."""
        me = self.ctx.participant_id
        here = [p for pid, p in self.room.roster.people.items() if pid != me]
        marked = self.marked['asked'] | self.marked['gave']
        left = [p for pid, p in self.room.roster.gone.items() if pid in marked and pid not in self.room.roster.people]
        return sorted(here, key=lambda p: p.name.casefold()) + left

    def _row(self, person: Person) -> None:
        t = self.t
        self.names[person.id] = person.name
        with ui.column().classes('w-full gap-1 border rounded-lg p-2') \
                .props('data-testid=map-person') as row:
            row.props['data-name'] = person.name
            with ui.column().classes('w-full gap-0 min-w-0'):
                ui.label(person.name).classes('text-lg font-semibold leading-tight break-words')
                if person.organisation:
                    ui.label(person.organisation).classes('text-sm text-grey-8 leading-tight break-words')
                if person.id in self.room.roster.gone:
                    ui.label(t('network_map.left')).classes('text-sm text-grey-7')
            with ui.element('div').classes('w-full grid grid-cols-2 gap-2'):
                for direction in DIRECTIONS:
                    self._toggle(person.id, direction, t(TOGGLE_KEYS[direction]))
        self.rows[person.id] = row

    def _toggle(self, target: str, direction: str, text: str) -> None:
        button = ui.button(text, on_click=lambda: self._tap(target, direction)) \
            .props(f'no-caps data-testid=map-{direction}').classes('w-full min-h-[48px]')
        button.set_enabled(self.open_)
        self.toggles[(target, direction)] = button
        self._paint(button, self._is_on(target, direction))

    def _outside_row(self, kind: str) -> None:
        with ui.column().classes('w-full gap-1 border rounded-lg p-2').props(f'data-testid=map-outside-{kind}'):
            ui.label(self.t(OUTSIDE_KEYS[kind])).classes('text-base font-semibold leading-tight break-words')
            with ui.element('div').classes('w-full grid grid-cols-2 gap-2'):
                for direction in DIRECTIONS:
                    self._toggle(f'outside:{kind}', direction, self.t(TOGGLE_KEYS[direction]))

    def _is_on(self, target: str, direction: str) -> bool:
        if target.startswith('outside:'):
            return (direction, target.removeprefix('outside:')) in self.outside
        return target in self.marked[direction]

    @staticmethod
    def _paint(button: ui.button, on: bool) -> None:
        button.props(remove='outline unelevated color icon')
        button.props('unelevated color=primary icon=check' if on else 'outline color=grey-9')
        button.props(f'aria-pressed={"true" if on else "false"}')

    def _tap(self, target: str, direction: str) -> None:
        on = not self._is_on(target, direction)
        if target.startswith('outside:'):
            self.outside ^= {(direction, target.removeprefix('outside:'))}
        else:
            self.marked[direction] ^= {target}
        self._paint(self.toggles[(target, direction)], on)
        self.received.set_visibility(False)  # changed since it was stored

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for pid, row in self.rows.items():
            row.set_visibility(not needle or needle in self.names.get(pid, '').casefold())

    def _show_nobody(self) -> None:
        self.nobody.set_visibility(not self.rows)

    def ties(self) -> Ties:
        return Ties(tuple(self.marked['asked']), tuple(self.marked['gave']), tuple(self.outside))

    # the room changes
    def roster_changed(self, change: RosterChange) -> None:
        person = change.person
        if change.kind == 'joined' and person.id != self.ctx.participant_id and person.id not in self.rows:
            with self.list:
                self._row(person)
            self._show_nobody()

    def participant_left(self, participant_id: str) -> None:
        if participant_id not in self.room.roster.removed or participant_id not in self.rows:
            return  # who left stays on the list: a tie to them still counts
        name = self.names.get(participant_id, '')
        had = any(participant_id in ids for ids in self.marked.values())
        for ids in self.marked.values():
            ids.discard(participant_id)
        self.rows.pop(participant_id).delete()
        for direction in DIRECTIONS:
            self.toggles.pop((participant_id, direction), None)
        self._show_nobody()
        if had:
            self.received.set_visibility(False)
            ui.notify(self.t('network_map.removed_unmarked', name=name), type='warning', multi_line=True)

    # storing
    async def _save(self) -> None:
        self.received.set_visibility(False)
        try:
            self.answer = await store_ties(self.room, self.ctx.participant_id, self.activity.id, self.ties())
        except Refused as error:
            notify_refused(self.t, error)
            return
        self.received.set_visibility(True)
        self.reflection.set_visibility(True)

    def _reflection(self, question: str) -> None:
        stored = self.answer.reason if self.answer else ''
        with ui.column().classes('w-full gap-1 mt-2').props('data-testid=block-reflection') as self.reflection:
            ui.label(question).classes('text-base font-semibold leading-snug break-words') \
                .props('data-testid=question-reflection')
            self.area = with_props(ui.textarea(value=stored).props(
                'outlined autogrow data-testid=input-reflection'),
                aria_label=question).classes('w-full').mark('input-reflection')
            limited(self.area, MAX_REASON, self.t, lines_length)
            self.area.set_enabled(self.open_)
            with ui.row().classes('w-full items-center gap-3'):
                ui.button(self.t('common.save'), on_click=self._save_reflection) \
                    .props('outline data-testid=save-reflection').mark('save-reflection').set_enabled(self.open_)
                self.saved = ui.label(self.t('evaluation.saved')).classes('text-positive') \
                    .props('role=status data-testid=saved-reflection')
                self.saved.set_visibility(False)
        self.reflection.set_visibility(self.answer is not None)  # after the map: the answer's row exists then

    async def _save_reflection(self) -> None:
        self.saved.set_visibility(False)
        try:
            self.answer = await self.room.agenda.answer(self.ctx.participant_id, self.activity.id,
                                                        reason=self.area.value or '')
        except Refused as error:
            notify_refused(self.t, error)
            return
        self.saved.set_visibility(True)

    # across a rebuild
    def draft(self) -> dict[str, Any]:
        stored = read_ties(self.answer.text) if self.answer else Ties()
        draft: dict[str, Any] = {}
        mine = self.ties()
        if (set(mine.asked), set(mine.gave), set(mine.outside)) != \
                (set(stored.asked), set(stored.gave), set(stored.outside)):
            draft['ties'] = mine
        if (self.area.value or '') != (self.answer.reason if self.answer else ''):
            draft['reflection'] = self.area.value or ''
        return draft

    def restore(self, draft: dict[str, Any]) -> None:
        ties = draft.get('ties')
        if isinstance(ties, Ties) and self.open_:
            self.marked = {'asked': set(ties.asked), 'gave': set(ties.gave)}
            self.outside = set(ties.outside)
            for (target, direction), button in self.toggles.items():
                self._paint(button, self._is_on(target, direction))
            self.received.set_visibility(False)
        if 'reflection' in draft and self.area.enabled:
            self.area.set_value(draft['reflection'])

