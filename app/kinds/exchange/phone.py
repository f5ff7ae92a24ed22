"""Give and need on the phone: up to three offers and three needs (tags optional), then who can help you and whom
you can help — live while others answer."""

from __future__ import annotations

from nicegui import Event, ui

from app.domain.errors import Refused
from app.domain.exchange import MAX_ITEM, MAX_ITEMS, GiveNeed, Item, Match, dump, helped_by, helpers_of, parse
from app.kinds.exchange.rules import ExchangeSettings, market_of
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.messages import limited, notify_refused
from app.ui.parts import Part
from components.attributes import with_props

SIDES = ('give', 'need')


class ItemRow:
    """One offer or need: a text field and, when the facilitator prepared tags, a chip per tag to tap."""

    def __init__(self, side: str, index: int, tags: tuple[str, ...], item: Item | None, label: str,
                 enabled: bool) -> None:
        self.chosen = set(item.tags if item else ())
        with ui.column().classes('w-full gap-1'):
            self.input = with_props(ui.textarea(value=item.text if item else '')
                                    .props('outlined dense autogrow rows=1 '
                                           f'data-testid={side}-{index}'), aria_label=label) \
                .classes('w-full').mark(f'{side}-{index}')
            self.input.set_enabled(enabled)
            self.chips: dict[str, ui.chip] = {}
            if tags:
                with ui.row().classes('w-full gap-1'):
                    for tag in tags:
                        chip = ui.chip(tag, selectable=True, selected=tag in self.chosen,
                                       on_selection_change=lambda e, tag=tag: self._toggle(tag, e.value)) \
                            .props(f'dense outline data-testid={side}-{index}-tag').classes('text-sm')
                        chip.set_enabled(enabled)
                        self.chips[tag] = chip

    def _toggle(self, tag: str, selected: bool) -> None:
        (self.chosen.add if selected else self.chosen.discard)(tag)

    def value(self) -> Item:
        return Item(self.input.value or '', tuple(t for t in self.chips if t in self.chosen))

    def set(self, item: Item) -> None:
        self.input.set_value(item.text)
        self.chosen = set(item.tags)
        for tag, chip in self.chips.items():
            chip.selected = tag in self.chosen
            chip.update()


class ExchangePhone(Part):
    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return (room.agenda.answers_changed,)

    def build(self) -> None:
        t, activity = self.t, self.activity
        settings = ExchangeSettings.of(activity)
        pid = self.ctx.participant_id
        answer = self.room.agenda.answer_of(activity.id, pid)
        stored = parse(answer.text) if answer else GiveNeed()
        open_ = activity.state == 'open'
        ui.label(t(self.room.kinds[activity.kind].label)).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(activity.text).classes('text-xl font-bold leading-snug break-words') \
            .props('data-testid=activity-text').mark('activity-text')
        self.earlier = ui.label(t('exchange.earlier')).classes('text-base bg-grey-3 rounded p-3') \
            .props('data-testid=exchange-earlier')
        self.earlier.set_visibility(False)
        self.rows: dict[str, list[ItemRow]] = {}
        for side in SIDES:
            question = settings.question(side, t)
            ui.label(question).classes('text-lg font-semibold leading-snug break-words mt-2') \
                .props(f'data-testid=question-{side}')
            items = stored.gives if side == 'give' else stored.needs
            self.rows[side] = [ItemRow(side, i, settings.tag_list, items[i] if i < len(items) else None,
                                       f'{question} {i + 1}', open_) for i in range(MAX_ITEMS)]
            for row in self.rows[side]:  # a paste past the limit is never cut: it says so and stays
                limited(row.input, MAX_ITEM, t)
        with ui.row().classes('w-full items-center gap-3'):
            ui.button(t('common.save'), icon='send', on_click=self._save) \
                .props('unelevated size=lg data-testid=exchange-save').classes('grow').mark('exchange-save') \
                .set_enabled(open_)
        self.received = ui.label(t('phone.received')).classes('text-lg font-semibold text-positive') \
            .props('role=status data-testid=received').mark('received')
        self.received.set_visibility(answer is not None)
        if not open_:
            ui.label(t('error.vote_closed')).classes('text-base bg-grey-3 rounded p-3').props('data-testid=closed')
        self.found = ui.column().classes('w-full gap-2 mt-2').props('data-testid=exchange-matches')
        self.shown: tuple | None = None  # what the match lists were drawn from
        self._draw_matches()
        if answer is None and open_:  # once, after the page is connected: a member's earlier answer (one query)
            ui.timer(0.05, self._prefill, once=True)

    async def _prefill(self) -> None:
        """A member who answered in an earlier meeting finds their offers and needs filled in (not stored yet)."""
        earlier = parse(await self.room.memory.earlier_text(self.activity.kind, self.ctx.participant_id))
        if earlier.empty or self.room.agenda.answer_of(self.activity.id, self.ctx.participant_id) is not None:
            return
        if any(row.value().text for rows in self.rows.values() for row in rows):
            return  # they started typing: keep it
        for side, items in (('give', earlier.gives), ('need', earlier.needs)):
            for row, item in zip(self.rows[side], items, strict=False):
                if item.tags and not set(item.tags) <= set(ExchangeSettings.of(self.activity).tag_list):
                    item = Item(item.text)
                row.set(item)
        self.earlier.set_visibility(True)

    def _answer(self) -> GiveNeed:
        return GiveNeed(*(tuple(row.value() for row in self.rows[side]) for side in SIDES))

    async def _save(self) -> None:
        self.received.set_visibility(False)
        try:
            await self.room.agenda.answer(self.ctx.participant_id, self.activity.id, text=dump(self._answer()))
        except Refused as error:
            notify_refused(self.t, error)
            return
        self.received.set_visibility(True)
        self.earlier.set_visibility(False)
        self._draw_matches()

    def _name(self, participant_id: str) -> str:
        person = self.room.roster.people.get(participant_id) or self.room.roster.gone.get(participant_id)
        return person.with_organisation if person else '?'

    def _draw_matches(self) -> None:
        t, pid = self.t, self.ctx.participant_id
        market = market_of(self.activity, self.room.agenda.answers.get(self.activity.id, {}),
                           {**self.room.roster.gone, **self.room.roster.people})
        mine = market.answers.get(pid)
        helpers, helped = helpers_of(market.matches, pid), helped_by(market.matches, pid)
        shown = (mine, helpers, helped, tuple(self._name(m.offer_of) for m in helpers),
                 tuple(self._name(m.need_of) for m in helped))
        if shown == self.shown:  # someone else's answer that changes nothing here: no redraw
            return
        self.shown = shown
        self.found.clear()
        if mine is None:
            return
        with self.found:
            self._list(t('exchange.who_helps_you'), helpers, 'helps-me',
                       lambda m: t('exchange.helps_you', name=self._name(m.offer_of), need=m.need.text,
                                   offer=m.offer.text), bool(mine.needs))
            self._list(t('exchange.you_help'), helped, 'i-help',
                       lambda m: t('exchange.you_can_help', name=self._name(m.need_of), need=m.need.text,
                                   offer=m.offer.text), bool(mine.gives))

    def _list(self, title: str, found: list[Match], testid: str, line, asked: bool) -> None:  # type: ignore[no-untyped-def]
        if not asked:
            return
        ui.label(title).classes('text-lg font-bold mt-2')
        if not found:
            ui.label(self.t('exchange.nobody_yet')).classes('text-base text-grey-7') \
                .props(f'data-testid={testid}-none')
        for m in found:
            ui.label(line(m)).classes('text-base leading-snug break-words bg-blue-1 rounded p-2 w-full') \
                .props(f'data-testid={testid}')

    def changed(self, change: AnswerChange) -> None:
        if isinstance(change, AnswerChange) and change.activity_id == self.activity.id:
            self._draw_matches()

    def roster_changed(self, change: RosterChange) -> None:
        if change.kind == 'left':
            self._draw_matches()

    def draft(self) -> dict[str, object]:
        return {'answer': self._answer()}

    def restore(self, draft: dict[str, object]) -> None:
        answer = draft.get('answer')
        if isinstance(answer, GiveNeed):
            for side, items in (('give', answer.gives), ('need', answer.needs)):
                for row, item in zip(self.rows[side], items, strict=False):
                    row.set(item)
