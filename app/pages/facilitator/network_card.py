"""On a network meeting's control view: last time's agreements, this meeting's, the members' topics, and the
participants who are no member yet (link them, or make them members)."""

from __future__ import annotations

from nicegui import ui

from app.domain.networks import MAX_AGREEMENT, MemberRef
from app.domain.people import MAX_NAME, Person
from app.i18n import Translate
from app.live.room import Room
from app.live.roster import RosterChange
from app.services.network_agreements import AgreementInfo
from app.services.network_topics import TopicBoard
from app.services.networks import Networks
from app.ui.messages import attempt, limited
from components.async_section import AsyncSection


class NetworkCard:
    def __init__(self, room: Room, networks: Networks, t: Translate) -> None:
        self.room, self.networks, self.t = room, networks, t
        self.network_id = room.info.network_id

    async def build(self) -> None:
        t = self.t
        info = await self.networks.get(self.room.info.facilitator_id, self.network_id)
        with ui.card().classes('w-full gap-2').props('data-testid=network-card'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.link(t('control.network', name=info.name if info else ''), f'/n/{self.network_id}') \
                    .classes('text-lg font-semibold break-words').props('data-testid=to-network')
                ui.switch(t('control.show_agreements'), value=self.room.info.show_agreements,
                          on_change=lambda e: self._show(bool(e.value))).props('data-testid=show-agreements')
            self.earlier = AsyncSection(lambda: self.networks.agreements.earlier(self.room), self._earlier,
                                        'w-full gap-1')
            self.here = AsyncSection(lambda: self.networks.agreements.here(self.room), self._here, 'w-full gap-1')
            self.topics = AsyncSection(lambda: self.networks.topics.all(self.room.info.facilitator_id, self.network_id),
                                       self._topics, 'w-full gap-1')
            self.guests = AsyncSection(lambda: self.networks.at_meeting.guests(self.room), self._guests, 'w-full gap-1')
            for section in (self.earlier, self.here, self.topics, self.guests):
                await section.refresh()
        self.room.memory.changed.subscribe(self._network_changed)
        self.room.roster.changed.subscribe(self._roster_changed)

    async def _show(self, show: bool) -> None:
        if show != self.room.info.show_agreements:
            await self.room.settings.set_show_agreements(show)

    async def _network_changed(self, what: str) -> None:
        if what == 'agreements':
            await self.earlier.refresh()
            await self.here.refresh()
        elif what == 'topics':
            await self.topics.refresh()
        elif what == 'members':
            await self.guests.refresh()

    async def _roster_changed(self, change: RosterChange) -> None:
        if change.kind != 'presence':
            await self.guests.refresh()

    def _earlier(self, agreements: list[AgreementInfo]) -> None:
        t = self.t
        ui.label(t('control.earlier_agreements')).classes('font-semibold')
        if not agreements:
            ui.label(t('control.no_earlier_agreements')).classes('text-grey-7 text-sm')
        for agreement in agreements:
            with ui.row().classes('w-full items-center no-wrap gap-1').props('data-testid=earlier-agreement'):
                ui.checkbox(value=False, on_change=lambda e, a=agreement.id:
                            self.networks.agreements.set_done(self.room.info.facilitator_id, self.network_id, a,
                                                              bool(e.value))).tooltip(t('control.done'))
                who = f' — {agreement.who}' if agreement.who else ''
                ui.label(agreement.text + who).classes('break-words min-w-0')

    def _here(self, agreements: list[AgreementInfo]) -> None:
        t = self.t
        ui.label(t('control.agreements_here')).classes('font-semibold mt-2')
        for agreement in agreements:
            with ui.row().classes('w-full items-center no-wrap gap-1').props('data-testid=agreement-here'):
                who = f' — {agreement.who}' if agreement.who else ''
                ui.label(agreement.text + who).classes('grow break-words min-w-0')
                ui.button(icon='delete', on_click=lambda a=agreement.id:
                          self.networks.agreements.delete(self.room.info.facilitator_id, self.network_id,
                                                          a)).props('flat round dense color=grey-7')
        with ui.row().classes('w-full items-end no-wrap gap-2'):
            text = ui.input(t('control.agreement'), placeholder=t('control.agreement_hint')) \
                .props('outlined dense').classes('grow') \
                .props('data-testid=agreement-text')
            who = ui.input(t('control.agreement_who')).props('outlined dense') \
                .classes('w-32').props('data-testid=agreement-who')
            limited(text, MAX_AGREEMENT, t)
            limited(who, MAX_NAME, t)

            async def add() -> None:
                await attempt(t, lambda: self.networks.agreements.agree(self.room, text.value, who.value), 'negative')

            ui.button(icon='add', on_click=add).props('unelevated round dense').props('data-testid=add-agreement') \
                .tooltip(t('control.add_agreement'))

    def _topics(self, board: TopicBoard) -> None:
        t = self.t
        ui.label(t('control.topics')).classes('font-semibold mt-2')
        if not board.topics:
            ui.label(t('network.no_topics')).classes('text-grey-7 text-sm')
        for topic in board.topics[:8]:
            with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=control-topic'):
                ui.label(t.plural('topics.dots', topic.dots)).classes('font-bold w-20 shrink-0')
                ui.label(topic.text).classes('grow break-words min-w-0')
                ui.button(icon='playlist_add', on_click=lambda tp=topic.id: self._use(tp)) \
                    .props('flat round dense').tooltip(t('network.topic_to_agenda')).props('data-testid=use-topic')

    async def _use(self, topic_id: int) -> None:
        await attempt(self.t, lambda: self.networks.topics.use(self.room.info.facilitator_id, self.network_id,
                                                               topic_id, self.room.info.id))

    def _guests(self, guests: list[tuple[Person, list[MemberRef]]]) -> None:
        t = self.t
        if not guests:
            return
        ui.label(t.plural('control.guests', len(guests))).classes('font-semibold mt-2')
        for person, suggestions in guests:
            with ui.row().classes('w-full items-center gap-2').props('data-testid=guest-row'):
                ui.label(person.with_organisation).classes('break-words min-w-0 grow')
                if suggestions:
                    ui.button(t('control.is_member', name=suggestions[0].name),
                              on_click=lambda p=person.id, m=suggestions[0].id: self._link(p, m)) \
                        .props('flat dense no-caps').props('data-testid=link-member')
                ui.button(t('control.make_member'), on_click=lambda p=person.id: self._make(p)) \
                    .props('flat dense no-caps').props('data-testid=make-member')

    async def _link(self, participant_id: str, member_id: int) -> None:
        await attempt(self.t, lambda: self.networks.at_meeting.link(self.room, participant_id, member_id))

    async def _make(self, participant_id: str) -> None:
        await attempt(self.t, lambda: self.networks.at_meeting.make_member(self.room, participant_id))
