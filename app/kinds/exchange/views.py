"""Give and need for the facilitator and on the projector: the market of offers and needs grouped by theme, the
matches between them, names only once the facilitator reveals them."""

from __future__ import annotations

from typing import Any

from nicegui import Event, ui

from app.domain.exchange import Item, Theme, themes
from app.i18n import N_
from app.kinds.answer_views import screen_heading, voting_buttons
from app.kinds.exchange.rules import Market, market_of
from app.live.agenda import AnswerChange
from app.live.room import Room
from app.live.roster import RosterChange
from app.ui.messages import attempt
from app.ui.parts import Part

MAX_THEMES = 6          # on the screen; the rest is counted
ROWS_PER_THEME = 3      # cards (a match is one row) per theme on the screen: a 120-character card fits whole


class ExchangeLive(Part):
    """What the control view and the screen share: the market, redrawn when an answer comes in."""

    count: ui.label | None = None
    body: ui.element | None = None

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return (room.agenda.answers_changed,)

    def market(self) -> Market:
        return market_of(self.activity, self.room.agenda.answers.get(self.activity.id, {}),
                         {**self.room.roster.gone, **self.room.roster.people})

    def name(self, participant_id: str) -> str:
        person = self.room.roster.people.get(participant_id) or self.room.roster.gone.get(participant_id)
        return person.with_organisation if person else ''

    def update_count(self, market: Market) -> None:
        if self.count is not None:
            self.count.set_text(' · '.join((
                self.t.plural('screen.answered', len(market.answers), total=len(self.room.roster.people)),
                self.t.plural('exchange.count_matches', len(market.matches)))))

    def redraw(self) -> None:
        market = self.market()
        self.update_count(market)
        if self.body is not None:
            self.body.clear()
            with self.body:
                self.draw(market)

    def draw(self, market: Market) -> None:
        raise NotImplementedError

    def changed(self, change: AnswerChange) -> None:
        if isinstance(change, AnswerChange) and change.activity_id == self.activity.id:
            self.redraw()

    def roster_changed(self, change: RosterChange) -> None:
        if change.kind != 'presence':
            self.redraw()


class ExchangeScreen(ExchangeLive):
    """The projected market: a card per offer (green) and need (orange), grouped by theme, a match as a need and an
    offer side by side with an arrow; names only after "Namen tonen"."""

    def build(self) -> None:
        with ui.column().classes('w-screen h-screen overflow-hidden p-[3vh] gap-[1.5vh]').mark('screen-activity'):
            screen_heading(self)
            self.count = ui.label().classes('text-3xl font-bold text-yellow-300').props('data-testid=answered')
            self.body = ui.element('div').classes('w-full grow min-h-0 grid grid-cols-3 gap-[1.5vh] content-start') \
                .props('data-testid=market')
            with self.body:
                self.draw(self.market())
        self.update_count(self.market())

    def draw(self, market: Market) -> None:
        t = self.t
        if not market.answers:
            ui.label(t('exchange.market_empty')).classes('col-span-3 text-4xl text-grey-5') \
                .props('data-testid=market-empty')
            return
        found = themes(market.answers, market.matches, t('exchange.other'))
        for theme in found[:MAX_THEMES]:
            self._theme(theme)
        if len(found) > MAX_THEMES:
            rest = sum(len(th.matches) * 2 + len(th.needs) + len(th.gives) for th in found[MAX_THEMES:])
            ui.label(t.plural('exchange.more_themes', len(found) - MAX_THEMES, cards=rest)) \
                .classes('col-span-3 text-2xl text-grey-5')

    def _theme(self, theme: Theme) -> None:
        names = self.activity.revealed
        with ui.column().classes('min-w-0 gap-2 bg-grey-9 rounded-lg p-3').props('data-testid=market-theme'):
            ui.label(theme.name).classes('text-2xl font-bold text-yellow-300 break-words line-clamp-1')
            rows = 0
            for m in theme.matches:
                if rows >= ROWS_PER_THEME:
                    break
                with ui.row().classes('w-full no-wrap items-center gap-1').props('data-testid=market-match'):
                    self._card(m.need, 'need', m.need_of if names else '')
                    ui.icon('west').classes('text-3xl text-yellow-300 shrink-0')
                    self._card(m.offer, 'give', m.offer_of if names else '')
                rows += 1
            loose = [(pid, item, 'need') for pid, item in theme.needs] + \
                [(pid, item, 'give') for pid, item in theme.gives]
            shown = loose[:max(0, ROWS_PER_THEME - rows) * 2]
            if shown:
                with ui.element('div').classes('w-full grid grid-cols-2 gap-1'):
                    for pid, item, side in shown:
                        self._card(item, side, pid if names else '')
            left = len(theme.matches) - min(len(theme.matches), ROWS_PER_THEME) + len(loose) - len(shown)
            if left > 0:
                ui.label(self.t.plural('results.more', left)).classes('text-2xl text-grey-5')

    def _card(self, item: Item, side: str, owner: str) -> None:
        colour = 'bg-orange-2' if side == 'need' else 'bg-green-2'
        with ui.column().classes(f'{colour} text-black rounded p-2 gap-0 min-w-0 grow basis-0') \
                .props(f'data-testid=market-{side}'):
            ui.label(item.text).classes('text-2xl leading-tight break-words line-clamp-5')
            if owner:
                ui.label(self.name(owner)).classes('text-2xl text-grey-8 leading-tight break-words line-clamp-3') \
                    .props('data-testid=market-name')


class ExchangeControl(ExchangeLive):
    """Close or reopen, names on the screen, "Koppels op basis van geven en vragen", every match with names and
    the needs nobody could meet yet."""

    def build(self) -> None:
        t, activity = self.t, self.activity
        self.count = ui.label().classes('text-lg').props('data-testid=live-answered').mark('live-answered')
        with ui.row().classes('gap-1'):
            voting_buttons(t, self.room.agenda, activity)
            ui.button(t('exchange.hide_names') if activity.revealed else t('exchange.show_names'), icon='badge',
                      on_click=lambda: self.room.agenda.reveal(activity.id, not activity.revealed)) \
                .props('outline data-testid=exchange-names').mark('exchange-names')
            if self._pairing() is not None:  # a kind that pairs people by these answers (speed dating)
                ui.button(t('exchange.make_pairs'), icon='people', on_click=self._speed_date) \
                    .props('unelevated data-testid=exchange-pairs').mark('exchange-pairs')
        ui.label(t('exchange.names_hidden') if not activity.revealed else t('exchange.names_shown')) \
            .classes('text-sm text-grey-7')
        self.body = ui.column().classes('w-full gap-1')
        with self.body:
            self.draw(self.market())
        self.update_count(self.market())

    def draw(self, market: Market) -> None:
        t = self.t
        ui.label(t('exchange.matched')).classes('font-bold mt-2')
        if not market.matches:
            ui.label(t('exchange.no_matches')).classes('text-grey-7').props('data-testid=control-no-matches')
        for m in market.matches:
            ui.label(t('exchange.control_match', need_of=self.name(m.need_of), need=m.need.text,
                       offer_of=self.name(m.offer_of), offer=m.offer.text)) \
                .classes('break-words').props('data-testid=control-match')
        open_needs = market.unmet()
        if open_needs:
            ui.label(t('exchange.open_needs')).classes('font-bold mt-2')
            for pid, need in open_needs:
                ui.label(f'{need.text} — {self.name(pid)}').classes('break-words').props('data-testid=control-open')

    def _pairing(self) -> tuple[str, dict[str, Any]] | None:
        """(kind name, settings) of the first kind that pairs people by this activity's answers."""
        for kind in self.room.kinds:
            settings = kind.pairing_settings(self.activity)
            if settings is not None:
                return kind.name, settings
        return None

    async def _speed_date(self) -> None:
        """A speed-dating activity right after this one, pairing the strongest mutual matches first; opened."""
        agenda = self.room.agenda

        async def make() -> None:
            pairing = self._pairing()
            if pairing is None:
                return
            new = await agenda.add(pairing[0], self.t(SPEED_DATE_TITLE), pairing[1])
            order = [a.id for a in agenda.ordered()]
            await agenda.move(new.id, order.index(self.activity.id) + 1 - order.index(new.id))
            await agenda.open(new.id)

        await attempt(self.t, make)


SPEED_DATE_TITLE = N_('exchange.speed_date_title')
