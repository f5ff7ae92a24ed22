"""Breakouts on a phone (your group, choosing a topic, messages, the harvest) and on a moderator's laptop."""

from __future__ import annotations

from nicegui import ui

from app.domain.errors import Refused
from app.domain.rounds import Round
from app.kinds.breakout.live import MessageSent, NoteSaved
from app.kinds.breakout.rules import MAX_MESSAGE, BreakoutSettings
from app.kinds.breakout.views import BreakoutPart, GroupCard
from app.ui.messages import limited, notify_refused


class PhoneBreakout(BreakoutPart):
    """The phone during a breakout: your group, its question and place, the countdown, messages, the harvest."""

    card: GroupCard | None = None
    shown: tuple | None = None
    note_draft: dict | None = None  # a harvest being typed, carried into the rebuilt group card

    def build(self) -> None:
        self.part = ui.refreshable(self._part)  # per phone
        t = self.t
        ui.label(t(self.room.kinds[self.activity.kind].label)).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.label(self.activity.text).classes('text-xl font-bold break-words').props('data-testid=activity-text')
        self.message = ui.label().classes('text-lg font-bold bg-amber-2 rounded p-3 w-full break-words') \
            .props('role=alert data-testid=message')
        self.message.set_visibility(False)
        self.part()
        r = self.current()
        last = self.runner.last_message(self.activity.id, r.table_of(self.ctx.participant_id) if r else None)
        if last is not None:  # sent while this phone was asleep or reloading
            self.message_sent(last)

    def refresh(self) -> None:
        """Rebuild the round part, keeping a harvest being typed."""
        self.note_draft = self.draft() or None  # taken by the next _part (a refresh may run a moment later)
        self.part.refresh()

    def draft(self) -> dict:
        note = self.card.note.draft() if self.card is not None else None
        return {'group': self.card.group, 'note': note} if note is not None else {}

    def restore(self, draft: dict) -> None:
        if self.card is not None and draft.get('group') == self.card.group:
            self.card.note.restore(draft['note'])

    def _part(self) -> None:
        r = self.current()
        self.card = None
        self.shown = self._view_of(r)
        if r is None:
            ui.label(self.t('breakout.soon')).classes('text-lg text-grey-8').props('data-testid=breakout-soon')
            return
        group = r.table_of(self.ctx.participant_id)
        if self._choosing(r):
            self._chooser(r, group)
            return
        if group is None:
            ui.label(self.t('breakout.not_placed')).classes('text-lg')
            return
        self.card = GroupCard(self.ctx, self.activity.id, r, group, me=self.ctx.participant_id)
        draft, self.note_draft = self.note_draft, None
        if draft and draft.get('group') == group:
            self.card.note.restore(draft['note'])

    def _choosing(self, r: Round) -> bool:
        return BreakoutSettings.of(self.live).fill == 'choose' and r.phase(self.runner.clock()) == 'ready'

    def _chooser(self, r: Round, mine: int | None) -> None:
        """Self-select: every topic with its places left; tap to choose (again) until the round starts."""
        t, most = self.t, self.runner.capacity(self.activity.id)
        ui.label(t('breakout.choose_title')).classes('text-2xl font-bold')
        for number, members in enumerate(r.groups, start=1):
            info = r.info(number)
            with ui.card().classes('w-full gap-1 ' + ('bg-green-1' if number == mine else '')) \
                    .props('data-testid=topic'):
                ui.label(info.question or t('breakout.group', number=number)).classes('text-xl font-bold break-words')
                ui.label(t.plural('breakout.places', most, taken=len(members))).classes('text-grey-8')
                if number == mine:
                    ui.label(t('breakout.chosen')).classes('text-positive font-semibold')
                else:
                    ui.button(t('breakout.choose'), on_click=lambda n=number: self._choose(n)) \
                        .props(f'unelevated size=lg data-testid=choose-{number}').classes('w-full') \
                        .mark(f'choose-{number}').set_enabled(len(members) < most)

    async def _choose(self, group: int) -> None:
        try:
            await self.runner.choose(self.activity.id, self.ctx.participant_id, group)
        except Refused as error:
            notify_refused(self.t, error)

    def _view_of(self, r: Round | None) -> tuple | None:
        """What this phone shows of a round: only when it changes, the group card is rebuilt (a note being
        typed is not thrown away because someone in another group was moved)."""
        if r is None:
            return None
        group = r.table_of(self.ctx.participant_id)
        choosing = self._choosing(r)
        return (r.number, group, r.groups if choosing else r.groups[group - 1] if group else None,
                r.info(group).question if group else '', r.info(group).location if group else '', choosing)

    def round_changed(self, r: Round) -> None:
        if self._view_of(r) != self.shown:
            self.refresh()

    def clock_changed(self, r: Round) -> None:
        if self._view_of(r) != self.shown:  # the start ends the choosing
            self.refresh()
        elif self.card is not None:
            self.card.countdown.show(r.countdown)

    def note_changed(self, change: NoteSaved) -> None:
        if self.card is not None:
            self.card.note_changed(change)

    def message_sent(self, message: MessageSent) -> None:
        mine = self.card.group if self.card else None
        if message.group in (None, mine):
            self.message.set_text(message.text)
            self.message.set_visibility(True)


class ModerateBreakout(BreakoutPart):
    """The breakout groups given to one moderator: members, question, countdown, harvest, a message."""

    def build(self) -> None:
        self.part = ui.refreshable(self._part)
        self.part()

    def _mine(self) -> tuple[Round | None, list[int]]:
        r = self.current()
        key = self.ctx.invite.key if self.ctx.invite else ''
        return r, [n for n in range(1, len(r.groups) + 1) if r.info(n).moderator_key == key] if r else []

    def _view(self) -> tuple:
        r, groups = self._mine()
        return (r.number if r else None, tuple(r.groups[n - 1] for n in groups) if r else (), tuple(groups))

    def _part(self) -> None:
        t = self.t
        self.cards: dict[int, GroupCard] = {}
        self.shown = self._view()
        r, groups = self._mine()
        if r is None:
            return
        ui.label(t('moderate.groups')).classes('text-xl font-bold')
        if not groups:
            ui.label(t('moderate.no_groups')).classes('text-grey-7')
        drafts, self.drafts = getattr(self, 'drafts', {}), {}
        for number in groups:
            self.cards[number] = GroupCard(self.ctx, self.activity.id, r, number)
            self.cards[number].note.restore(drafts.get(number))
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                field = limited(ui.input(t('moderate.message')).props('outlined dense'), MAX_MESSAGE, t) \
                    .classes('grow').mark('group-message')
                ui.button(t('breakout.send'), icon='campaign',
                          on_click=lambda f=field, n=number: self._send(n, f)).props('outline') \
                    .mark('send-group-message')
            if self.room.info.mode != 'room':
                ui.button(t('video.call_back'), icon='groups', on_click=lambda n=number: self._call_back(n)) \
                    .props(f'outline data-testid=call-back-{number}').mark(f'call-back-{number}')

    async def _send(self, group: int, field: ui.input) -> None:
        try:
            await self.runner.send(self.activity.id, field.value or '', group,
                                   by=self.ctx.invite.key if self.ctx.invite else '')
        except Refused as error:
            notify_refused(self.t, error)
            return
        field.set_value('')
        ui.notify(self.t('breakout.sent'))

    async def _call_back(self, group: int) -> None:
        text = self.t('video.called_back', url=self.room.info.plenary_url) if self.room.info.plenary_url \
            else self.t('video.called_back_no_link')
        try:
            await self.runner.call_back(self.activity.id, group, self.ctx.invite.key if self.ctx.invite else '', text)
        except Refused as error:
            notify_refused(self.t, error)
            return
        ui.notify(self.t('breakout.sent'))

    def round_changed(self, r: Round) -> None:
        if self._view() != self.shown:
            self.drafts = {number: card.note.draft() for number, card in self.cards.items()}
            self.part.refresh()  # a harvest being typed goes into the rebuilt card of the same group

    def clock_changed(self, r: Round) -> None:
        for card in self.cards.values():
            card.countdown.show(r.countdown)

    def note_changed(self, change: NoteSaved) -> None:
        for card in self.cards.values():
            card.note_changed(change)
