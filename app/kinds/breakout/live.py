"""Breakout rounds while they run: groups that mix organisations, moves, moderators, messages, harvest notes."""

from __future__ import annotations

import asyncio
import math
import random
from dataclasses import dataclass, replace

from nicegui import Event

from app.domain.activities import Activity
from app.domain.countdown import Countdown
from app.domain.grouping import group_sizes, make_groups
from app.domain.notes import MAX_NOTE, merge_lines
from app.domain.people import InvalidInput, Person, required_text
from app.domain.speeddate import DateRound, GroupInfo, met_counts
from app.live.bus import Change
from app.live.rounds import RoundRunner, dump, load

MAX_MESSAGE = 200


@dataclass(frozen=True, slots=True)
class NoteChange:
    activity_id: int
    group: int          # 1-based
    text: str
    version: int


@dataclass(frozen=True, slots=True)
class Message:
    activity_id: int
    group: int | None   # None: to everyone
    text: str


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Breakouts(RoundRunner):
    prefix = 'breakout'

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.note_changed = Event[NoteChange]()
        self.message_sent = Event[Message]()
        self.messages: dict[int, list[Message]] = {}  # the last few per activity, for phones that (re)open later

    def subscriber_count(self) -> int:
        return super().subscriber_count() + len(self.note_changed.callbacks) + len(self.message_sent.callbacks)

    async def new_round(self, activity: Activity, moderators: list[str], history: list[DateRound]) -> DateRound:
        """Divide everyone present into groups (ready, not started); twice quickly makes one round.

        ``history`` holds the earlier rounds (speed dating too): who met whom is avoided."""
        if activity.kind != 'breakout' or activity.state != 'open':
            raise InvalidInput('error.breakout_not_open')
        async with self._lock:
            last = self.current(activity.id)
            if last is not None and last.phase(self.clock()) == 'ready':
                return last
            people = self._people()
            questions = lines(activity.settings.group_questions)
            groups = [[] for _ in questions] if activity.settings.fill == 'choose' and questions else \
                await asyncio.get_running_loop().run_in_executor(
                None, _divide, [(p.id, p.organisation) for p in people], activity,
                met_counts([*history, *self.all_rounds()]),
                (last.number if last else 0) + 1)
            places = lines(activity.settings.locations)
            details = [GroupInfo(questions[i % len(questions)] if questions else '',
                                 places[i % len(places)] if places else '',
                                 moderators[i % len(moderators)] if moderators else '') for i in range(len(groups))]
            number = (last.number if last else 0) + 1
            seconds = round(activity.settings.minutes * 60)
            row = await self._repo.add_round(activity.id, number, seconds, '', '', groups, [
                {'question': d.question, 'location': d.location, 'moderator_key': d.moderator_key} for d in details])
            new = DateRound(row.id, activity.id, number, tuple(tuple(g) for g in groups), None,
                            Countdown.ready(seconds), '', tuple(details))
            await self._replace(new)
            return new

    def capacity(self, activity_id: int) -> int:
        """Most people a self-chosen group takes: everyone present spread evenly."""
        current = self._current(activity_id)
        return max(1, math.ceil(len(self._people()) / max(1, len(current.groups))))

    async def choose(self, activity_id: int, participant_id: str, group: int) -> None:
        """A participant picks a topic group before the round starts (self-select), if it is not full."""
        current = self._current(activity_id)
        if current.phase(self.clock()) != 'ready':
            raise InvalidInput('error.choose_closed')
        if not 1 <= group <= len(current.groups):
            raise InvalidInput('error.group_unknown')
        if participant_id not in current.groups[group - 1] and \
                len(current.groups[group - 1]) >= self.capacity(activity_id):
            raise InvalidInput('error.group_full')
        await self.move(activity_id, participant_id, group)

    async def start(self, activity_id: int) -> None:
        """Start the clock; whoever is not in a group yet (did not choose, joined late) goes to the smallest."""
        current = self._current(activity_id)
        if current.phase(self.clock()) == 'ready':
            for person in self._people():
                await self.add_late_joiner(activity_id, person)
        await super().start(activity_id)

    async def move(self, activity_id: int, participant_id: str, group: int) -> None:
        """Put a participant into group ``group`` (1-based), taking them out of their current one."""
        current = self._current(activity_id)
        if not 1 <= group <= len(current.groups):
            raise InvalidInput('error.group_unknown')
        source = current.table_of(participant_id)
        if source == group:
            return
        groups = [list(g) for g in current.groups]
        changed: dict[int, list[str]] = {group: [*groups[group - 1], participant_id]}
        if source is not None:
            changed[source] = [p for p in groups[source - 1] if p != participant_id]
        for number, members in changed.items():
            groups[number - 1] = members
        await self._repo.move_member(current.id, changed)
        await self._replace(replace(current, groups=tuple(tuple(g) for g in groups)))

    async def add_late_joiner(self, activity_id: int, person: Person) -> None:
        """A participant who joins during a round goes into the smallest group."""
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) == 'over' or current.table_of(person.id):
            return
        smallest = min(range(len(current.groups)), key=lambda i: (len(current.groups[i]), i)) + 1
        await self.move(activity_id, person.id, smallest)

    async def set_moderator(self, activity_id: int, group: int, key: str) -> None:
        current = self._current(activity_id)
        if not 1 <= group <= len(current.groups):
            raise InvalidInput('error.group_unknown')
        await self._repo.update_group(current.id, group, moderator_key=key)
        details = list(current.details)
        details[group - 1] = replace(current.info(group), moderator_key=key)
        await self._replace(replace(current, details=tuple(details)))

    async def save_note(self, activity_id: int, group: int, base_version: int, base_text: str,
                        text: str) -> tuple[NoteChange, bool]:
        """Save a group's harvest written from version ``base_version``; returns it and whether edits collided."""
        if len(text) > MAX_NOTE:
            raise InvalidInput('error.note_too_long', max=MAX_NOTE)
        async with self._lock:
            current = self._current(activity_id)
            if not 1 <= group <= len(current.groups):
                raise InvalidInput('error.group_unknown')
            info = current.info(group)
            conflict = False
            if base_version != info.note_version:  # someone saved in between: merge, never overwrite
                text, conflict = merge_lines(base_text, text, info.note)
            if text == info.note:
                return NoteChange(activity_id, group, text, info.note_version), conflict
            version = info.note_version + 1
            await self._repo.update_group(current.id, group, note=text, note_version=version)
            details = list(current.details)
            details[group - 1] = replace(info, note=text, note_version=version)
            await self._commit({'kind': 'breakout_note', 'round': dump(replace(current, details=tuple(details))),
                                'group': group})
            return NoteChange(activity_id, group, text, version), conflict

    async def send(self, activity_id: int, text: str, group: int | None = None) -> None:
        """A message on the phones of everyone (or of one group), e.g. "Nog 2 minuten!"."""
        text = required_text(text, MAX_MESSAGE, 'error.message_required', 'error.message_too_long')
        await self._commit({'kind': 'breakout_message', 'activity': activity_id, 'group': group, 'text': text})

    def apply(self, change: Change) -> None:
        kind = change['kind']
        if kind == 'breakout_message':
            message = Message(change['activity'], change['group'], change['text'])
            self.messages[message.activity_id] = [*self.messages.get(message.activity_id, [])[-4:], message]
            self.message_sent.emit(message)
        elif kind == 'breakout_note':
            new = load(change['round'])
            rounds = self.rounds.get(new.activity_id, [])
            for i, r in enumerate(rounds):
                if r.number == new.number:
                    rounds[i] = new
            info = new.info(change['group'])
            self.note_changed.emit(NoteChange(new.activity_id, change['group'], info.note, info.note_version))
        else:
            super().apply(change)

    def last_message(self, activity_id: int, group: int | None) -> Message | None:
        """The newest message for everyone or for ``group``."""
        return next((m for m in reversed(self.messages.get(activity_id, [])) if m.group in (None, group)), None)

    def _current(self, activity_id: int) -> DateRound:
        current = self.current(activity_id)
        if current is None:
            raise InvalidInput('error.breakout_no_round')
        return current


def _divide(people: list[tuple[str, str]], activity: Activity, met: dict, number: int) -> list[list[str]]:
    """The groups of one round (runs in a worker thread: the search may take a moment for many people)."""
    settings = activity.settings
    option = {'group_size': settings.group_value} if settings.group_by == 'size' else \
        {'group_count': settings.group_value}
    try:
        sizes = group_sizes(len(people), **option)
    except ValueError as error:
        raise InvalidInput('error.breakout_sizes', detail=str(error)) from error
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
