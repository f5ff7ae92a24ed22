"""A meeting's agenda while it runs: activities, the current one, answers and tallies.

Every action goes validate → store → memory → emit, like the room it belongs to; the room hands
in its ``commit`` so that changes also travel to other instances over the bus.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from nicegui import Event

from app.domain.activities import (
    EXAMPLE_STATEMENTS,
    Activity,
    Kind,
    Settings,
    clean_activity_text,
    clean_answer,
    clean_reason,
)
from app.domain.people import InvalidInput
from app.domain.tallies import Tally
from app.live.bus import Change
from app.store.repo import Repo


@dataclass(frozen=True, slots=True)
class Answer:
    choice: str = ''
    text: str = ''
    reason: str = ''
    hidden: bool = False
    show_name: bool = False


@dataclass(frozen=True, slots=True)
class AnswerChange:
    activity_id: int
    participant_id: str
    answer: Answer


class VoteRefused(Exception):
    """Answering is not possible now; ``key`` is an i18n key for the message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class Agenda:
    def __init__(self, meeting_id: int, activities: list[Activity], current_id: int | None,
                 answers: dict[int, dict[str, Answer]], repo: Repo,
                 commit: Callable[[Change], Awaitable[None]]) -> None:
        self.meeting_id = meeting_id
        self.activities: dict[int, Activity] = {a.id: a for a in activities}
        self.current_id = current_id if current_id in self.activities else None
        self.answers: dict[int, dict[str, Answer]] = {a.id: dict(answers.get(a.id, {})) for a in activities}
        self.tallies: dict[int, Tally] = {a.id: self._new_tally(a) for a in activities}
        self._repo = repo
        self._commit = commit
        self._answer_locks: dict[str, asyncio.Lock] = {}
        self.agenda_changed = Event()                      # the list: added, edited, moved, deleted, state
        self.current_changed = Event[Activity | None]()    # what phones and screen show
        self.answers_changed = Event[AnswerChange]()       # one answer (count, tally, wall)

    # queries
    def ordered(self) -> list[Activity]:
        return sorted(self.activities.values(), key=lambda a: (a.position, a.id))

    @property
    def current(self) -> Activity | None:
        return self.activities.get(self.current_id) if self.current_id is not None else None

    def answer_of(self, activity_id: int, participant_id: str) -> Answer | None:
        return self.answers.get(activity_id, {}).get(participant_id)

    def count(self, activity_id: int) -> int:
        return len(self.answers.get(activity_id, {}))

    def visible_answers(self, activity_id: int) -> list[tuple[str, Answer]]:
        return [(pid, a) for pid, a in self.answers.get(activity_id, {}).items() if not a.hidden]

    def subscriber_count(self) -> int:
        return sum(len(e.callbacks) for e in (self.agenda_changed, self.current_changed, self.answers_changed))

    # preparing
    async def add(self, kind: Kind, text: str, settings: Settings) -> Activity:
        text = clean_activity_text(text)
        row = await self._repo.add_activity(self.meeting_id, kind, text, settings.to_dict())
        activity = Activity(row.id, kind, text, settings, 'waiting', False, row.position)
        await self._commit({'kind': 'activity', 'activity': _dump(activity)})
        return activity

    async def add_examples(self) -> None:
        for text in EXAMPLE_STATEMENTS:
            await self.add('statement', text, Settings(ask_reason=True))

    async def edit(self, activity_id: int, text: str, settings: Settings) -> None:
        activity = self._get(activity_id)
        text = clean_activity_text(text)
        if self.count(activity_id) and settings.with_doubt != activity.settings.with_doubt:
            settings = replace(settings, with_doubt=activity.settings.with_doubt)  # answers depend on the options
        if activity.kind == 'score' and self.count(activity_id):
            settings = replace(settings, scale_min=activity.settings.scale_min)
        await self._repo.update_activity(self.meeting_id, activity_id, text=text, settings=settings.to_dict())
        await self._commit({'kind': 'activity', 'activity': _dump(replace(activity, text=text, settings=settings))})

    async def delete(self, activity_id: int) -> None:
        self._get(activity_id)
        await self._repo.delete_activity(self.meeting_id, activity_id)
        await self._commit({'kind': 'activity_deleted', 'id': activity_id})

    async def move(self, activity_id: int, delta: int) -> None:
        order = [a.id for a in self.ordered()]
        index = order.index(self._get(activity_id).id)
        target = min(max(index + delta, 0), len(order) - 1)
        if target == index:
            return
        order.insert(target, order.pop(index))
        await self._repo.set_positions(self.meeting_id, order)
        await self._commit({'kind': 'order', 'ids': order})

    # running
    async def open(self, activity_id: int) -> None:
        """Show this activity on every phone and the screen, and let people answer."""
        activity = self._get(activity_id)
        previous = self.current
        if activity.state != 'open':
            await self._set(activity, state='open')
        if self.current_id != activity_id:
            await self._set_current(activity_id)  # phones switch once (closing the previous one below is silent)
        if previous is not None and previous.id != activity_id and previous.state == 'open':
            await self.close(previous.id)

    async def close(self, activity_id: int) -> None:
        activity = self._get(activity_id)
        if activity.state == 'open':
            await self._set(activity, state='closed')

    async def reveal(self, activity_id: int, revealed: bool = True) -> None:
        activity = self._get(activity_id)
        if activity.revealed != revealed:
            await self._set(activity, revealed=revealed)

    async def next(self) -> Activity | None:
        """Open the activity after the current one; after the last, back to the welcome screen."""
        order = self.ordered()
        ids = [a.id for a in order]
        start = ids.index(self.current_id) + 1 if self.current_id in ids else 0
        if start < len(order):
            await self.open(order[start].id)
            return self.current
        await self.show_nothing()
        return None

    async def show_nothing(self) -> None:
        current = self.current
        if current is not None and current.state == 'open':
            await self.close(current.id)
        if self.current_id is not None:
            await self._set_current(None)

    # answering
    async def answer(self, participant_id: str, activity_id: int, *, choice: str | None = None,
                     text: str | None = None, reason: str | None = None, show_name: bool | None = None) -> Answer:
        """Store a participant's answer (or only its reason/name choice); returns what is stored."""
        lock = self._answer_locks.setdefault(participant_id, asyncio.Lock())
        try:
            async with lock:  # a double tap is two updates of one row, in order
                return await self._answer(participant_id, activity_id, choice, text, reason, show_name)
        finally:
            if not lock.locked():
                self._answer_locks.pop(participant_id, None)

    async def _answer(self, participant_id: str, activity_id: int, choice: str | None, text: str | None,
                      reason: str | None, show_name: bool | None) -> Answer:
        activity = self.activities.get(activity_id)
        if activity is None or activity.state != 'open':
            raise VoteRefused('error.vote_closed' if activity and activity.state == 'closed' else 'error.vote_not_open')
        old = self.answer_of(activity_id, participant_id)
        values: dict[str, object] = {}
        if choice is not None or text is not None:
            values['choice'], values['text'] = clean_answer(activity, choice, text)
        elif old is None:
            raise InvalidInput('error.answer_first')
        if reason is not None:
            values['reason'] = clean_reason(reason)
        if show_name is not None:
            values['show_name'] = bool(show_name)
        new = replace(old or Answer(), **values)
        if new != old:
            await self._repo.save_response(activity_id, participant_id, **values)
            await self._commit({'kind': 'answer', 'activity': activity_id, 'participant': participant_id,
                                'answer': _dump_answer(new)})
        return new

    async def hide(self, activity_id: int, participant_id: str, hidden: bool = True) -> None:
        """The facilitator hides (or shows again) an inappropriate reason or answer."""
        old = self.answer_of(activity_id, participant_id)
        if old is None or old.hidden == hidden:
            return
        await self._repo.save_response(activity_id, participant_id, hidden=hidden)
        await self._commit({'kind': 'answer', 'activity': activity_id, 'participant': participant_id,
                            'answer': _dump_answer(replace(old, hidden=hidden))})

    # applying changes (from this instance or another one)
    def apply(self, change: Change) -> None:
        kind = change['kind']
        if kind == 'activity':
            activity = _load(change['activity'])
            old = self.activities.get(activity.id)
            self.activities[activity.id] = activity
            self.answers.setdefault(activity.id, {})
            if old is None or old.options != activity.options:
                self.tallies[activity.id] = self._new_tally(activity)
            self.agenda_changed.emit()
            if activity.id == self.current_id:
                self.current_changed.emit(activity)
        elif kind == 'activity_deleted':
            self.activities.pop(change['id'], None)
            self.answers.pop(change['id'], None)
            self.tallies.pop(change['id'], None)
            self.agenda_changed.emit()
            if self.current_id == change['id']:
                self.current_id = None
                self.current_changed.emit(None)
        elif kind == 'order':
            for position, activity_id in enumerate(change['ids'], start=1):
                if activity_id in self.activities:
                    self.activities[activity_id] = replace(self.activities[activity_id], position=position)
            self.agenda_changed.emit()
        elif kind == 'current':
            self.current_id = change['id']
            self.agenda_changed.emit()
            self.current_changed.emit(self.current)
        elif kind == 'answer':
            activity_id, participant_id = change['activity'], change['participant']
            answer = Answer(**change['answer'])
            answers = self.answers.setdefault(activity_id, {})
            old = answers.get(participant_id)
            answers[participant_id] = answer
            if activity_id in self.tallies:
                self.tallies[activity_id].change(old.choice if old else None, answer.choice)
            self.answers_changed.emit(AnswerChange(activity_id, participant_id, answer))

    # helpers
    def _get(self, activity_id: int) -> Activity:
        activity = self.activities.get(activity_id)
        if activity is None:
            raise InvalidInput('error.unknown_activity')
        return activity

    async def _set(self, activity: Activity, **values: object) -> None:
        await self._repo.update_activity(self.meeting_id, activity.id, **values)
        await self._commit({'kind': 'activity', 'activity': _dump(replace(activity, **values))})

    async def _set_current(self, activity_id: int | None) -> None:
        await self._repo.update_meeting(self.meeting_id, current_activity_id=activity_id)
        await self._commit({'kind': 'current', 'id': activity_id})

    def _new_tally(self, activity: Activity) -> Tally:
        return Tally(activity.options, (a.choice for a in self.answers.get(activity.id, {}).values()))


def _dump(activity: Activity) -> dict[str, object]:
    return {'id': activity.id, 'kind': activity.kind, 'text': activity.text, 'settings': activity.settings.to_dict(),
            'state': activity.state, 'revealed': activity.revealed, 'position': activity.position}


def _load(data: dict) -> Activity:
    return Activity(int(data['id']), data['kind'], data['text'], Settings.from_dict(data['settings']),
                    data['state'], bool(data['revealed']), int(data['position']))


def _dump_answer(answer: Answer) -> dict[str, object]:
    return {'choice': answer.choice, 'text': answer.text, 'reason': answer.reason, 'hidden': answer.hidden,
            'show_name': answer.show_name}
