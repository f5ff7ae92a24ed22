"""Breakout rounds while they run: groups that mix organisations, moves, moderators, messages, harvest notes."""

from __future__ import annotations

import asyncio
import math
import random
from dataclasses import dataclass, replace

from nicegui import Event

from app.domain.activities import Activity
from app.domain.countdown import Countdown
from app.domain.errors import Refused
from app.domain.grouping import group_sizes, make_groups
from app.domain.notes import MAX_NOTE, merge_lines
from app.domain.people import Person, required_text
from app.domain.rounds import GroupDetails, Round
from app.domain.video import group_is_online, share_groups
from app.i18n import N_, NP_
from app.kinds.breakout.rules import MAX_MESSAGE, BreakoutSettings, lines
from app.live.rounds import RoundRunner
from app.live.runner import RunnerContext


@dataclass(frozen=True, slots=True)
class NoteSaved:
    """A group's harvest note saved (the round carries the new note and version)."""

    kind: str
    round: Round
    group: int          # 1-based

    @property
    def activity_id(self) -> int:
        return self.round.activity_id

    @property
    def text(self) -> str:
        return self.round.info(self.group).note

    @property
    def version(self) -> int:
        return self.round.info(self.group).note_version


@dataclass(frozen=True, slots=True)
class MessageSent:
    kind: str
    activity_id: int
    group: int | None   # None: to everyone
    text: str


class Breakouts(RoundRunner):
    no_round = N_('error.breakout_no_round')

    def __init__(self, ctx: RunnerContext) -> None:
        super().__init__(ctx)
        self.note_changed = Event[NoteSaved]()
        self.message_sent = Event[MessageSent]()
        self.messages: dict[int, list[MessageSent]] = {}  # the last few per activity, for phones that open later

    def events(self) -> tuple[Event, ...]:
        return *super().events(), self.note_changed, self.message_sent

    async def rehearse(self, activity: Activity, rounds: int, notes: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        """The rounds, each group's harvest one of ``notes`` in turn."""
        done = []
        for _ in range(rounds):
            r = await self.new_round(activity)
            await self.start(activity.id)
            for group in range(1, len(r.groups) + 1):
                if notes:
                    await self.save_note(activity.id, group, 0, '', notes[(group - 1) % len(notes)])
            await self.end_early(activity.id)
            done.append((r.id, round(r.countdown.seconds / 60) + 2))
        return done

    async def new_round(self, activity: Activity) -> Round:
        """Divide everyone present into groups (ready, not started); twice quickly makes one round.

        Who met whom in earlier rounds (speed dating too) is avoided; moderators are given out in turn."""
        if activity.kind != self.ctx.kind or activity.state != 'open':
            raise Refused('error.breakout_not_open')
        moderators = [i.key for i in self.ctx.invites() if not i.revoked]
        async with self._lock:
            last = self.current(activity.id)
            if last is not None and last.phase(self.clock()) == 'ready':
                return last
            people = self.ctx.people()
            settings = BreakoutSettings.of(activity)
            questions = lines(settings.group_questions)
            placement = self.ctx.placement([p.id for p in people])
            org = {p.id: p.organisation for p in people}
            number = (last.number if last else 0) + 1
            met = await self.ctx.met()
            loop = asyncio.get_running_loop()
            if settings.fill == 'choose' and questions:
                groups: list[list[str]] = [[] for _ in questions]
            elif len(placement.sets) > 1 and settings.fill != 'choose':  # hybrid: the room and online apart
                counts = share_groups(settings.group_value, [len(part) for part in placement.sets]) \
                    if settings.group_by == 'count' else [None] * len(placement.sets)
                groups = []
                for part, count in zip(placement.sets, counts, strict=True):
                    groups += await loop.run_in_executor(None, _divide, [(pid, org[pid]) for pid in part], activity,
                                                         met, number, count)
            else:
                groups = await loop.run_in_executor(None, _divide, [(p.id, p.organisation) for p in people],
                                                    activity, met, number)
            places = lines(settings.locations)
            details = [GroupDetails(questions[i % len(questions)] if questions else '',
                                    places[i % len(places)] if places else '',
                                    moderators[i % len(moderators)] if moderators else '') for i in range(len(groups))]
            details = self._rooms(groups, details, [p.id for p in people])
            seconds = round(settings.minutes * 60)
            row = await self.ctx.repo.add_round(activity.id, number, seconds, '', '', groups, [
                {'question': d.question, 'location': d.location, 'moderator_key': d.moderator_key} for d in details])
            new = Round(row.id, activity.id, number, tuple(tuple(g) for g in groups), None,
                        Countdown.ready(seconds), '', tuple(details))
            await self._save(new)
            return new

    def _rooms(self, groups: list[list[str]], details: list[GroupDetails], ids: list[str]) -> list[GroupDetails]:
        """Online and hybrid: a new video room for each group without a place of the facilitator's that meets
        online (anyone in it online; every group while people still choose theirs)."""
        online = self.ctx.placement(ids).online
        wanted = [i for i, (group, d) in enumerate(zip(groups, details, strict=True))
                  if not d.location and online and (not group or group_is_online(group, online))]
        links = self.ctx.video_rooms(len(wanted)) if wanted else []
        found = list(details)
        for i, link in zip(wanted, links, strict=True):
            if link:
                found[i] = replace(found[i], location=link)
        return found

    def capacity(self, activity_id: int) -> int:
        """Most people a self-chosen group takes: everyone present spread evenly."""
        current = self.round_of(activity_id)
        return max(1, math.ceil(len(self.ctx.people()) / max(1, len(current.groups))))

    async def choose(self, activity_id: int, participant_id: str, group: int) -> None:
        """A participant picks a topic group before the round starts (self-select), if it is not full."""
        current = self.round_of(activity_id)
        if current.phase(self.clock()) != 'ready':
            raise Refused('error.choose_closed')
        if not 1 <= group <= len(current.groups):
            raise Refused('error.group_unknown')
        if participant_id not in current.groups[group - 1] and \
                len(current.groups[group - 1]) >= self.capacity(activity_id):
            raise Refused('error.group_full')
        await self.move(activity_id, participant_id, group)

    async def start(self, activity_id: int) -> None:
        """Start the clock; whoever is not in a group yet (did not choose, joined late) goes to the smallest."""
        current = self.round_of(activity_id)
        if current.phase(self.clock()) == 'ready':
            for person in self.ctx.people():
                await self.add_late_joiner(activity_id, person)
        await super().start(activity_id)

    async def move(self, activity_id: int, participant_id: str, group: int) -> None:
        """Put a participant into group ``group`` (1-based), taking them out of their current one."""
        current = self.round_of(activity_id)
        if not 1 <= group <= len(current.groups):
            raise Refused('error.group_unknown')
        source = current.table_of(participant_id)
        if source == group:
            return
        groups = [list(g) for g in current.groups]
        changed: dict[int, list[str]] = {group: [*groups[group - 1], participant_id]}
        if source is not None:
            changed[source] = [p for p in groups[source - 1] if p != participant_id]
        for number, members in changed.items():
            groups[number - 1] = members
        await self.ctx.repo.move_member(current.id, changed)
        await self._save(replace(current, groups=tuple(tuple(g) for g in groups)))

    async def joined(self, activity: Activity, person: Person) -> None:
        """A late joiner goes into the smallest group once the round has started (before the start, the start
        places everyone who has no group yet)."""
        running = self.current(activity.id)
        if running is not None and running.phase(self.clock()) != 'ready':
            await self.add_late_joiner(activity.id, person)

    async def add_late_joiner(self, activity_id: int, person: Person) -> None:
        """A participant who joins during a round goes into the smallest group."""
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) == 'over' or current.table_of(person.id):
            return
        smallest = min(range(len(current.groups)), key=lambda i: (len(current.groups[i]), i)) + 1
        await self.move(activity_id, person.id, smallest)

    async def set_moderator(self, activity_id: int, group: int, key: str) -> None:
        current = self.round_of(activity_id)
        if not 1 <= group <= len(current.groups):
            raise Refused('error.group_unknown')
        await self.ctx.repo.update_group(current.id, group, moderator_key=key)
        details = list(current.details)
        details[group - 1] = replace(current.info(group), moderator_key=key)
        await self._save(replace(current, details=tuple(details)))

    async def save_note(self, activity_id: int, group: int, base_version: int, base_text: str,
                        text: str, *, by: str | None = None) -> tuple[NoteSaved, bool]:
        """Save a group's harvest written from version ``base_version``; returns it and whether edits collided.
        ``by``: the moderator's invite key (a moderator writes only their own group's, while the invite holds)."""
        if len(text) > MAX_NOTE:
            raise Refused(NP_('error.note_too_long'), count=MAX_NOTE)
        async with self._lock:
            current = self.round_of(activity_id)
            if not 1 <= group <= len(current.groups):
                raise Refused('error.group_unknown')
            if by is not None:
                self._check_moderator(current, group, by)
            info = current.info(group)
            conflict = False
            if base_version != info.note_version:  # someone saved in between: merge, never overwrite
                text, conflict = merge_lines(base_text, text, info.note)
            if text == info.note:
                return NoteSaved(self.ctx.kind, current, group), conflict
            version = info.note_version + 1
            await self.ctx.repo.update_group(current.id, group, note=text, note_version=version)
            details = list(current.details)
            details[group - 1] = replace(info, note=text, note_version=version)
            saved = NoteSaved(self.ctx.kind, replace(current, details=tuple(details)), group)
            await self.ctx.commit(saved)
            return saved, conflict

    async def send(self, activity_id: int, text: str, group: int | None = None, *, by: str | None = None) -> None:
        """A message on the phones of everyone (or of one group), e.g. "Nog 2 minuten!"; ``by``: the moderator's
        invite key (a moderator sends only to their own group, while the invite holds)."""
        if by is not None:
            self._check_moderator(self.round_of(activity_id), group or 0, by)
        text = required_text(text, MAX_MESSAGE, N_('error.message_required'), NP_('error.message_too_long'))
        await self.ctx.commit(MessageSent(self.ctx.kind, activity_id, group, text))

    async def call_back(self, activity_id: int, group: int, invite_key: str, text: str) -> None:
        """A moderator calls their group back to the plenary early (``text`` says so, with the main call's link);
        refused for a group that is not theirs."""
        self._check_moderator(self.round_of(activity_id), group, invite_key)
        await self.send(activity_id, text, group)

    def _check_moderator(self, current: Round, group: int, invite_key: str) -> None:
        """The invite still holds (checked on every action: a revoked one does nothing more) and ``group`` is one
        it moderates."""
        if not invite_key or not any(i.key == invite_key and not i.revoked for i in self.ctx.invites()):
            raise Refused(N_('access.bad_moderator_link'))
        if not 1 <= group <= len(current.groups) or current.info(group).moderator_key != invite_key:
            raise Refused(N_('error.not_your_group'))

    def apply(self, change: object) -> None:
        if isinstance(change, MessageSent):
            self.messages[change.activity_id] = [*self.messages.get(change.activity_id, [])[-4:], change]
            self.message_sent.emit(change)
        elif isinstance(change, NoteSaved):
            self._put(change.round)
            self.note_changed.emit(change)
        else:
            super().apply(change)

    def last_message(self, activity_id: int, group: int | None) -> MessageSent | None:
        """The newest message for everyone or for ``group``."""
        return next((m for m in reversed(self.messages.get(activity_id, [])) if m.group in (None, group)), None)

    def round_of(self, activity_id: int) -> Round:
        """The current round, or a refusal when there is none yet."""
        current = self.current(activity_id)
        if current is None:
            raise Refused('error.breakout_no_round')
        return current


def _divide(people: list[tuple[str, str]], activity: Activity, met: dict, number: int,
            count: int | None = None) -> list[list[str]]:
    """The groups of one round (runs in a worker thread: the search may take a moment for many people); ``count``
    overrides the number of groups (a hybrid meeting's share of them)."""
    settings = BreakoutSettings.of(activity)
    option = {'group_size': settings.group_value} if settings.group_by == 'size' else \
        {'group_count': count if count is not None else settings.group_value}
    try:
        sizes = group_sizes(len(people), **option)
    except ValueError as error:
        raise Refused('error.breakout_sizes', detail=str(error)) from error
    if settings.fill == 'choose':  # no topics given: empty groups of the chosen number, people pick one
        return [[] for _ in sizes]
    if settings.fill == 'random':
        order = sorted(p for p, _ in people)
        random.Random(f'{activity.id}:{number}').shuffle(order)
        groups, start = [], 0
        for size in sizes:
            groups.append(order[start:start + size])
            start += size
        return groups
    return make_groups(people, met=met, seed=activity.id * 1000 + number, effort=0.5, **option)
