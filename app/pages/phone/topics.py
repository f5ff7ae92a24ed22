"""On a member's phone in a network meeting: topics for coming meetings — propose one, place your dots (seed 003:
members choose the topics themselves). Folded away under the activity; it follows other members' dots live."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui

from app.domain.networks import MAX_TOPIC, TopicScore
from app.domain.people import Person
from app.i18n import Translate
from app.live.room import Room
from app.services.networks import Networks
from app.ui.messages import attempt, limited


class TopicsPanel:
    """Rows are kept and updated in place: another member's dot changes a number, never the button being tapped
    (a redrawn button would swallow that tap), and a topic being typed stays."""

    def __init__(self, room: Room, networks: Networks, t: Translate, person: Callable[[], Person | None]) -> None:
        self.room, self.networks, self.t, self.person = room, networks, t, person
        self.network_id = room.info.network_id
        self.member_id: int | None = None
        self._person_id: str | None = None  # whom member_id was looked up for
        self.rows: dict[int, _TopicRow] = {}
        self._generation = 0

    async def build(self) -> None:
        t = self.t
        with ui.expansion(t('topics.title'), icon='how_to_vote').classes('w-full bg-grey-2 rounded') \
                .props('data-testid=topics') as self.panel:
            self.left = ui.label().classes('text-base text-grey-8').props('data-testid=dots-left')
            self.list = ui.column().classes('w-full gap-1')
            with ui.row().classes('w-full items-end no-wrap gap-2'):
                text = limited(ui.input(t('topics.propose')).props('outlined dense data-testid=topic-input'),
                               MAX_TOPIC, t).classes('grow')

                async def propose() -> None:
                    if self.member_id is not None and await attempt(
                            t, lambda: self.networks.topics.propose(self.network_id, self.member_id,
                                                                    text.value), 'negative'):
                        text.set_value('')
                        ui.notify(t('topics.proposed'), type='positive')

                ui.button(icon='send', on_click=propose).props('unelevated round data-testid=propose-topic') \
                    .tooltip(t('topics.propose'))
                text.on('keydown.enter', propose)
        self.panel.set_visibility(False)  # members only, once we know
        await self.update()

    def refresh(self) -> None:
        background_tasks.create(self.update(), name='topics')

    async def network_changed(self, what: str) -> None:
        if what in ('topics', 'members', 'network'):
            await self.update(who_changed=what == 'members')

    async def update(self, who_changed: bool = True) -> None:
        """Show the dots as stored; who this participant is (a member or not) is asked again only when members
        changed, not on every dot of every member."""
        self._generation += 1
        mine = self._generation
        person = self.person()
        if person is None:
            member_id = None
        elif who_changed or self.member_id is None or person.id != self._person_id:
            member_id = await self.networks.at_meeting.member_of(self.room, person.id)
        else:
            member_id = self.member_id
        board = await self.networks.topics.of_member(self.network_id, member_id) if member_id is not None else None
        if mine != self._generation or self.panel.is_deleted:
            return  # a later update shows newer dots
        self.member_id, self._person_id = member_id, person.id if person is not None else None
        self.panel.set_visibility(board is not None)
        if board is None:
            return
        self.left.set_text(self.t.plural('topics.left', board.left, dots=board.dots))
        shown = {topic.id for topic in board.topics}
        for topic_id in [tid for tid in self.rows if tid not in shown]:  # put on an agenda, or deleted
            self.rows.pop(topic_id).row.delete()
        for topic in sorted(board.topics, key=lambda tp: tp.id):  # in the order proposed: rows never jump
            row = self.rows.get(topic.id)
            if row is None:
                with self.list:
                    row = self.rows[topic.id] = _TopicRow(topic.id, topic.text, self._dot, self._undot)
            row.show(topic, board.left)

    async def _dot(self, topic_id: int) -> None:
        if self.member_id is not None:
            await attempt(self.t, lambda: self.networks.topics.dot(self.network_id, self.member_id, topic_id))

    async def _undot(self, topic_id: int) -> None:
        if self.member_id is not None:
            await self.networks.topics.undot(self.network_id, self.member_id, topic_id)


class _TopicRow:
    def __init__(self, topic_id: int, text: str, dot: Callable[[int], Awaitable[None]],
                 undot: Callable[[int], Awaitable[None]]) -> None:
        with ui.row().classes('w-full items-center no-wrap gap-1').props('data-testid=topic') as self.row:
            ui.label(text).classes('grow break-words min-w-0 text-base').props('data-testid=topic-text')
            self.mine = ui.label().classes('text-primary shrink-0').props('data-testid=my-dots')
            self.dots = ui.label().classes('font-bold w-6 text-right shrink-0').props('data-testid=topic-dots')
            self.minus = ui.button(icon='remove', on_click=lambda: undot(topic_id)) \
                .props('flat round dense aria-label=-')
            self.plus = ui.button(icon='add', on_click=lambda: dot(topic_id)) \
                .props('round dense unelevated color=primary data-testid=add-dot aria-label=+')

    def show(self, topic: TopicScore, left: int) -> None:
        self.mine.set_text('●' * topic.mine)
        self.dots.set_text(str(topic.dots))
        self.minus.set_enabled(topic.mine > 0)
        self.plus.set_enabled(left > 0)
