"""On a member's phone in a network meeting: topics for coming meetings — propose one, place your dots (seed 003:
members choose the topics themselves). Folded away under the activity; it follows other members' dots live."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import background_tasks, ui

from app.domain.networks import MAX_TOPIC
from app.domain.people import Person
from app.i18n import Translate
from app.live.room import Room
from app.pages.common import attempt
from app.services.networks import Networks, TopicBoard
from components.async_section import AsyncSection


class TopicsPanel:
    def __init__(self, room: Room, networks: Networks, t: Translate, person: Callable[[], Person | None]) -> None:
        self.room, self.networks, self.t, self.person = room, networks, t, person
        self.network_id = room.info.network_id
        self.member_id: int | None = None

    async def build(self) -> None:
        with ui.expansion(self.t('topics.title'), icon='how_to_vote').classes('w-full bg-grey-2 rounded') \
                .props('data-testid=topics') as self.panel:
            self.board = AsyncSection(self._fetch, self._draw)
        await self.board.refresh()

    def refresh(self) -> None:
        background_tasks.create(self.board.refresh(), name='topics')

    async def network_changed(self, what: str) -> None:
        if what in ('topics', 'members', 'network'):
            await self.board.refresh()

    async def _fetch(self) -> TopicBoard | None:
        person = self.person()
        self.member_id = await self.networks.member_of(self.room, person.id) if person is not None else None
        return await self.networks.topics(self.network_id, self.member_id) if self.member_id is not None else None

    def _draw(self, board: TopicBoard | None) -> None:
        t = self.t
        self.panel.set_visibility(board is not None)  # members only
        if board is None:
            return
        ui.label(t.plural('topics.left', board.left, dots=board.dots)).classes('text-base text-grey-8') \
            .props('data-testid=dots-left')
        for topic in board.topics:
            with ui.row().classes('w-full items-center no-wrap gap-1').props('data-testid=topic'):
                ui.label(topic.text).classes('grow break-words min-w-0 text-base').props('data-testid=topic-text')
                ui.label('●' * topic.mine).classes('text-primary shrink-0').props('data-testid=my-dots')
                ui.label(str(topic.dots)).classes('font-bold w-6 text-right shrink-0').props('data-testid=topic-dots')
                ui.button(icon='remove', on_click=lambda tp=topic.id: self._undot(tp)) \
                    .props('flat round dense aria-label=-').set_enabled(topic.mine > 0)
                ui.button(icon='add', on_click=lambda tp=topic.id: self._dot(tp)) \
                    .props('round dense unelevated color=primary data-testid=add-dot aria-label=+') \
                    .set_enabled(board.left > 0)
        with ui.row().classes('w-full items-end no-wrap gap-2'):
            text = ui.input(t('topics.propose')).props(f'outlined dense maxlength={MAX_TOPIC + 20} '
                                                       'data-testid=topic-input').classes('grow')

            async def propose() -> None:
                if await attempt(t, lambda: self.networks.propose(self.network_id, self.member_id, text.value),
                                 'negative'):
                    ui.notify(t('topics.proposed'), type='positive')

            ui.button(icon='send', on_click=propose).props('unelevated round data-testid=propose-topic') \
                .tooltip(t('topics.propose'))
            text.on('keydown.enter', propose)

    async def _dot(self, topic_id: int) -> None:
        if self.member_id is not None:
            await attempt(self.t, lambda: self.networks.dot(self.network_id, self.member_id, topic_id))

    async def _undot(self, topic_id: int) -> None:
        if self.member_id is not None:
            await self.networks.undot(self.network_id, self.member_id, topic_id)
