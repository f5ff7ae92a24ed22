"""Breakouts' views: the facilitator's controls, the projector, the phone, and a moderator's groups."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nicegui import Event, ui

from app.domain.errors import Refused
from app.domain.rounds import Round
from app.i18n import N_
from app.kinds.breakout.live import MessageSent, NoteSaved
from app.kinds.breakout.rules import BreakoutRules
from app.kinds.round_views import ControlRounds, RoundPart, ScreenRounds
from app.live.room import Room
from app.pages.common import notify_refused
from app.pages.parts import ViewContext
from components.countdown import Countdown
from components.note_editor import NoteEditor


class BreakoutPart(RoundPart):
    kind_name = BreakoutRules.name

    def changed(self, change: Any) -> None:
        if isinstance(change, NoteSaved) and change.activity_id == self.activity.id:
            self.note_changed(change)
        elif isinstance(change, MessageSent) and change.activity_id == self.activity.id:
            self.message_sent(change)
        else:
            super().changed(change)

    def note_changed(self, change: NoteSaved) -> None:
        """A group's harvest note was saved."""

    def message_sent(self, message: MessageSent) -> None:
        """A message to everyone or to one group."""


class GroupCard:
    """One group as its members and its moderator see it."""

    def __init__(self, ctx: ViewContext, activity_id: int, r: Round, group: int, *, me: str | None = None) -> None:
        self.room, self.activity_id, self.group, self.t = ctx.room, activity_id, group, ctx.t
        t, room, info = ctx.t, ctx.room, r.info(group)
        with ui.card().classes('w-full gap-2').mark('group-card').props('data-testid=group-card'):
            ui.label(t('breakout.group', number=group)).classes('text-2xl font-black').props('data-testid=group-name')
            others = [p for p in r.groups[group - 1] if p != me]
            if others:
                ui.label(t('breakout.with') if me else t('breakout.members')).classes('text-base text-grey-8')
                for pid in others:
                    person = room.people.get(pid)
                    text = person.with_organisation if person else t('speed.gone')
                    online = '' if me or room.is_online(pid) else f' · {t("control.offline")}'
                    ui.label(text + online).classes('text-xl font-semibold break-words max-w-full') \
                        .props('data-testid=group-member')
            if info.question:
                ui.label(info.question).classes('text-lg italic break-words').props('data-testid=group-question')
            if info.location.startswith(('http://', 'https://')):
                ui.link(t('breakout.video'), info.location, new_tab=True).classes('text-lg')
            elif info.location:
                ui.label(info.location).classes('text-lg font-bold text-primary break-words') \
                    .props('data-testid=group-location')
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up'),
                                       paused_text=t('countdown.paused'), vibrate=me is not None) \
                .classes('text-5xl font-black tabular-nums self-center').props('data-testid=countdown')
            self.note = NoteEditor(info.note, info.note_version, label=t('breakout.note'), save_text=t('common.save'),
                                   saved_text=t('breakout.note_saved'), merged_text=t('breakout.note_merged'),
                                   changed_text=t('breakout.note_changed'), on_save=self._save, on_error=self._error)

    async def _save(self, base_version: int, base_text: str, text: str) -> tuple[str, int, bool]:
        saved, conflict = await self.room.runner(BreakoutRules.name).save_note(self.activity_id, self.group,
                                                                               base_version, base_text, text)
        return saved.text, saved.version, conflict

    def _error(self, error: ValueError) -> None:
        if isinstance(error, Refused):
            notify_refused(self.t, error)
        else:
            ui.notify(self.t('error.unexpected'), type='warning')

    def note_changed(self, change: NoteSaved) -> None:
        if change.activity_id == self.activity_id and change.group == self.group:
            self.note.remote(change.text, change.version)


class ControlBreakout(ControlRounds, BreakoutPart):
    """Make groups, move people, moderators, start, message, back to plenary."""

    round_text = N_('breakout.round')
    done_text = N_('breakout.time_up')
    new_text = (N_('breakout.make'), N_('breakout.again'))
    end_text = N_('breakout.plenary')

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        return *super().events(room), room.invites_changed

    def changed(self, change: Any) -> None:
        if change is None:  # the invites changed: the moderator choices
            self.round_changed()
        else:
            super().changed(change)

    async def new_round(self, activity_id: int) -> None:
        await self.runner.new_round(self.live)

    def between(self) -> None:
        t = self.t
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            message = ui.input(t('breakout.message')).props('outlined dense maxlength=220').classes('grow') \
                .mark('broadcast-input')
            ui.button(t('breakout.send'), icon='campaign', on_click=lambda: self._send(message)).props('outline') \
                .mark('broadcast')

    def note_changed(self, change: NoteSaved) -> None:
        self.body.refresh()

    def header_extra(self, r: Round | None) -> None:
        if r is None:
            return
        t = self.t
        harvest = self.live.settings.harvest_on_screen
        choices = {-1: t('breakout.screen_groups'), 0: t('breakout.screen_harvest'),
                   **{n: t('breakout.group', number=n) for n in range(1, len(r.groups) + 1)}}
        ui.toggle(choices, value=harvest if harvest in choices else -1,
                  on_change=lambda e: self._show_harvest(e.value)).props('no-caps').mark('harvest-on-screen')

    def _body(self) -> None:
        t, people = self.t, self.room.people
        r = self.current()
        if r is None:
            return
        invites = {i.key: i.label or t('control.moderator') for i in self.room.invites.values() if not i.revoked}
        for number, group in enumerate(r.groups, start=1):
            info = r.info(number)
            with ui.card().classes('w-full gap-1').props('data-testid=control-group'):
                with ui.row().classes('w-full items-center justify-between'):
                    ui.label(t('breakout.group', number=number)).classes('font-bold')
                    ui.select({'': '—', **invites}, value=info.moderator_key if info.moderator_key in invites else '',
                              label=t('control.moderator'),
                              on_change=lambda e, n=number: self._moderator(n, e.value)).props('dense').classes('w-40')
                names = [people[p].name + ('' if self.room.is_online(p) else f' · {t("control.offline")}')
                         for p in group if p in people]
                ui.label(', '.join(names) or '—').classes('break-words').props('data-testid=control-group-members')
                if info.question:
                    ui.label(info.question).classes('text-sm italic break-words')
                if info.note:
                    ui.label(info.note).classes('text-sm bg-grey-2 rounded p-2 break-words') \
                        .style('white-space: pre-line')

    def _tools(self) -> None:
        t, people = self.t, self.room.people
        r = self.current()
        if r is None:
            return
        options = {p.id: p.name for p in people.values()}
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            who = ui.select(options, label=t('breakout.move_who')).classes('grow').mark('move-who')
            to = ui.select({n: t('breakout.group', number=n) for n in range(1, len(r.groups) + 1)},
                           label=t('breakout.move_to')).classes('w-40').mark('move-to')
            self.fields.update(move_who=who, move_to=to)
            ui.button(t('breakout.move'), icon='east', on_click=lambda: self._move(who.value, to.value)) \
                .props('outline').mark('move')

    async def _send(self, field: ui.input) -> None:
        try:
            await self.runner.send(self.activity.id, field.value or '')
        except Refused as error:
            notify_refused(self.t, error)
            return
        field.set_value('')
        ui.notify(self.t('breakout.sent'))

    async def _move(self, who: str | None, to: int | None) -> None:
        if not who or not to:
            ui.notify(self.t('error.move_choose'), type='warning')
            return
        await self.do(lambda aid: self.runner.move(aid, who, int(to)))

    async def _moderator(self, group: int, key: str) -> None:
        await self.do(lambda aid: self.runner.set_moderator(aid, group, key or ''))

    async def _show_harvest(self, value: int) -> None:
        activity = self.live
        if activity.settings.harvest_on_screen != value:
            await self.room.agenda.edit(activity.id, activity.text, replace(activity.settings, harvest_on_screen=value))


class ScreenBreakout(ScreenRounds, BreakoutPart):
    """Every group with its members and the countdown, then the harvests."""

    notes: dict[int, ui.label]

    def _part(self) -> None:
        t, r = self.t, self.current()
        self.countdown, self.notes = None, {}
        if r is None:
            ui.label(t('breakout.soon')).classes('text-6xl font-bold text-grey-4 mt-[20vh] self-center')
            return
        harvest = self.live.settings.harvest_on_screen
        if harvest < 0:
            self.countdown = Countdown(r.countdown, done_text=t('breakout.time_up'),
                                       paused_text=t('countdown.paused')) \
                .classes('font-black tabular-nums leading-none self-end').style('font-size: 16vh') \
                .props('data-testid=countdown')
        names = {p.id: p.name for p in self.room.people.values()}
        shown = [n for n in range(1, len(r.groups) + 1) if harvest <= 0 or n == harvest]
        columns = 'grid-cols-4' if len(shown) > 6 else 'grid-cols-3' if len(shown) > 2 else 'grid-cols-2'
        with ui.element('div').classes(f'w-full grid {columns} gap-6 content-start overflow-hidden'):
            for number in shown:
                info = r.info(number)
                with ui.column().classes('bg-grey-9 rounded-xl p-5 gap-2 min-w-0').props('data-testid=screen-group'):
                    ui.label(t('breakout.group', number=number)).classes('text-3xl font-black text-yellow-300')
                    if harvest < 0:
                        ui.label(', '.join(names.get(p, '…') for p in r.groups[number - 1])) \
                            .classes('text-2xl font-semibold break-words max-w-full')
                        if info.location:
                            ui.label(info.location).classes('text-xl text-grey-4 break-all')
                    if info.question:
                        ui.label(info.question).classes('text-xl italic break-words max-w-full')
                    if harvest >= 0:
                        self.notes[number] = ui.label(info.note or '—').classes('text-2xl break-words max-w-full') \
                            .style('white-space: pre-line').props('data-testid=screen-harvest')

    def note_changed(self, change: NoteSaved) -> None:
        label = self.notes.get(change.group)
        if label is not None:
            label.set_text(change.text or '—')


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
        return self.live.settings.fill == 'choose' and r.phase(self.runner.clock()) == 'ready'

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
                field = ui.input(t('moderate.message')).props('outlined dense maxlength=220').classes('grow') \
                    .mark('group-message')
                ui.button(t('breakout.send'), icon='campaign',
                          on_click=lambda f=field, n=number: self._send(n, f)).props('outline') \
                    .mark('send-group-message')

    async def _send(self, group: int, field: ui.input) -> None:
        try:
            await self.runner.send(self.activity.id, field.value or '', group)
        except Refused as error:
            notify_refused(self.t, error)
            return
        field.set_value('')
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
