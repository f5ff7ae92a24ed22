"""A meeting's agenda while it runs: activities, the current one, answers and tallies.

Every action goes validate → store → memory → emit, like the room it belongs to; the room hands
in its ``commit`` so that changes also travel to other instances over the bus. What depends on an
activity's kind (its settings, what counts as an answer, its tally) is asked of the kind.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from nicegui import Event

from app.domain.activities import Activity, Answer, KindSettings, clean_activity_text, clean_reason, takes_late_answer
from app.domain.errors import Refused
from app.domain.tallies import Tally
from app.i18n import translator
from app.live.changes import ActivityDeleted, ActivitySaved, AnswerSaved, CurrentChanged, OrderChanged
from app.store.repo import Repo

if TYPE_CHECKING:
    from app.kinds.base import Kind
    from app.kinds.registry import Registry

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnswerChange:
    activity_id: int
    participant_id: str
    answer: Answer


class _AnswerValues(TypedDict, total=False):
    """The fields of an answer one call changes (stored as sent, applied to the held answer)."""

    choice: str
    text: str
    reason: str
    extra: str
    show_name: bool


class Agenda:
    change_types = (ActivitySaved, ActivityDeleted, OrderChanged, CurrentChanged, AnswerSaved)

    def __init__(self, meeting_id: int, kinds: Registry, activities: list[Activity], current_id: int | None,
                 answers: dict[int, dict[str, Answer]], repo: Repo,
                 commit: Callable[[object], Awaitable[None]], joined_at: Mapping[str, datetime] | None = None) -> None:
        self.meeting_id = meeting_id
        self._joined_at: Mapping[str, datetime] = joined_at if joined_at is not None else {}  # the room's: who is
        # here since when (late answers only from who was here before it closed)
        self.kinds = kinds
        self.activities: dict[int, Activity] = {a.id: a for a in activities}
        self.current_id = current_id if current_id in self.activities else None
        self.answers: dict[int, dict[str, Answer]] = {a.id: dict(answers.get(a.id, {})) for a in activities}
        self.tallies: dict[int, Tally] = {a.id: self._new_tally(a) for a in activities}
        self._repo = repo
        self._commit = commit
        self._answer_locks: dict[str, asyncio.Lock] = {}
        self.versions: dict[tuple[int, str], int] = {}  # (activity, participant) -> version of the answer held
        self.agenda_changed = Event[[]]()                    # the list: added, edited, moved, deleted, state
        self.current_changed = Event[Activity | None]()    # what phones and screen show
        self.answers_changed = Event[AnswerChange]()       # one answer (count, tally, wall)

    # queries
    def ordered(self) -> list[Activity]:
        return sorted(self.activities.values(), key=lambda a: (a.position, a.id))

    @property
    def current(self) -> Activity | None:
        return self.activities.get(self.current_id) if self.current_id is not None else None

    def kind_of(self, activity: Activity) -> Kind:
        return self.kinds[activity.kind]

    def answer_of(self, activity_id: int, participant_id: str) -> Answer | None:
        return self.answers.get(activity_id, {}).get(participant_id)

    def count(self, activity_id: int) -> int:
        return len(self.answers.get(activity_id, {}))

    def visible_answers(self, activity_id: int) -> list[tuple[str, Answer]]:
        return [(pid, a) for pid, a in self.answers.get(activity_id, {}).items() if not a.hidden]

    def answerable(self, activity: Activity, at: datetime | None = None, participant_id: str | None = None) -> bool:
        """Open, or closed less than its kind's ``late_answers`` ago (the evaluation: 48 hours); with
        ``participant_id``: and that participant was in the meeting before it closed."""
        if activity.state == 'open':
            return True
        kind = self.kinds.get(activity.kind)
        late = kind.late_answers if kind is not None else None
        if activity.state != 'closed' or late is None or activity.closed_at is None:
            return False
        joined = activity.closed_at if participant_id is None else self._joined_at.get(participant_id)
        return takes_late_answer(activity.closed_at, late[0], joined, at or now())

    def late(self) -> Activity | None:
        """The latest closed activity that still takes answers (the evaluation after the meeting), if any."""
        found = [a for a in self.activities.values() if a.state == 'closed' and self.answerable(a)]
        return max(found, key=lambda a: a.closed_at or datetime.min.replace(tzinfo=UTC), default=None)

    def subscriber_count(self) -> int:
        return sum(len(e.callbacks) for e in (self.agenda_changed, self.current_changed, self.answers_changed))

    # preparing
    async def add(self, kind_name: str, text: str, settings: KindSettings | dict[str, Any] | None = None) -> Activity:
        kind = self.kinds[kind_name]
        text = clean_activity_text(text)
        checked = kind.new_settings(settings).checked(None, False)
        row = await self._repo.add_activity(self.meeting_id, kind.name, text, checked.to_dict())
        activity = Activity(row.id, kind.name, text, checked, 'waiting', False, row.position)
        await self._commit(_saved(activity))
        return activity

    async def add_examples(self, t: Callable[[str], str] | None = None) -> None:
        """The ready-made activities of every kind that has some (the four statements of the training script),
        in the language of ``t`` (Dutch by default)."""
        t = t or translator('nl')
        for kind in self.kinds:
            for key, settings in kind.examples:
                await self.add(kind.name, t(key), settings)

    async def edit(self, activity_id: int, text: str, settings: KindSettings | dict[str, Any]) -> None:
        activity = self._get(activity_id)
        text = clean_activity_text(text)
        checked = self.kind_of(activity).new_settings(settings).checked(activity.settings, self.count(activity_id) > 0)
        await self._repo.update_activity(self.meeting_id, activity_id, text=text, settings=checked.to_dict())
        await self._commit(_saved(replace(activity, text=text, settings=checked)))

    async def delete(self, activity_id: int) -> None:
        self._get(activity_id)
        await self._repo.delete_activity(self.meeting_id, activity_id)
        await self._commit(ActivityDeleted(activity_id))

    async def move(self, activity_id: int, delta: int) -> None:
        order = [a.id for a in self.ordered()]
        index = order.index(self._get(activity_id).id)
        target = min(max(index + delta, 0), len(order) - 1)
        if target == index:
            return
        order.insert(target, order.pop(index))
        await self._repo.set_positions(self.meeting_id, order)
        await self._commit(OrderChanged(tuple(order)))

    # running
    async def open(self, activity_id: int, *, stored: bool = False) -> None:
        """Show this activity on every phone and the screen, and let people answer (``stored``: the meeting's
        current activity is already this one in the database, ``next`` moved it)."""
        activity = self._get(activity_id)
        previous = self.current
        if activity.state != 'open':
            await self._set(activity, state='open', closed_at=None)
        if self.current_id != activity_id:
            await self._set_current(activity_id, stored)  # phones switch once (closing the previous one is silent)
        if previous is not None and previous.id != activity_id and previous.state == 'open':
            await self.close(previous.id)

    async def close(self, activity_id: int) -> None:
        activity = self._get(activity_id)
        if activity.state == 'open':
            await self._set(activity, state='closed', closed_at=now())

    async def reveal(self, activity_id: int, revealed: bool = True) -> None:
        activity = self._get(activity_id)
        if activity.revealed != revealed:
            await self._set(activity, revealed=revealed)

    async def next(self, after: int | Literal['current'] | None = 'current') -> Activity | None:
        """Open the activity after ``after`` (what the facilitator saw; by default the current one); after the
        last, back to the welcome screen. When the meeting no longer shows ``after`` (another click, here or on
        another instance, moved it first), nothing happens: two clicks at once are one step."""
        shown = self.current_id if after == 'current' else after
        order = self.ordered()
        ids = [a.id for a in order]
        start = ids.index(shown) + 1 if shown in ids else 0
        target = order[start].id if start < len(order) else None
        if not await self._repo.move_current(self.meeting_id, shown, target):
            log.info('meeting %s: "next" from %s, but it moved on already', self.meeting_id, shown)
            return self.current
        if target is not None:
            await self.open(target, stored=True)
            return self.current
        await self.show_nothing(stored=True)
        return None

    async def show_nothing(self, *, stored: bool = False) -> None:
        current = self.current
        if current is not None and current.state == 'open':
            await self.close(current.id)
        if self.current_id is not None:
            await self._set_current(None, stored)

    # answering
    async def answer(self, participant_id: str, activity_id: int, *, choice: str | None = None,
                     text: str | None = None, reason: str | None = None, show_name: bool | None = None,
                     extra: str | None = None) -> Answer:
        """Store a participant's answer (or only its reason, second text or name choice); returns what is stored.
        Sending only the choice keeps the text, and only the text keeps the choice."""
        lock = self._answer_locks.setdefault(participant_id, asyncio.Lock())
        try:
            async with lock:  # a double tap is two updates of one row, in order
                return await self._answer(participant_id, activity_id, choice, text, reason, show_name, extra)
        finally:
            if not lock.locked():
                self._answer_locks.pop(participant_id, None)

    async def _answer(self, participant_id: str, activity_id: int, choice: str | None, text: str | None,
                      reason: str | None, show_name: bool | None, extra: str | None = None) -> Answer:
        activity = self.activities.get(activity_id)
        if activity is None or not self.kind_of(activity).answered \
                or not self.answerable(activity, participant_id=participant_id):
            if activity is not None and activity.state == 'closed':
                late = self.kind_of(activity).late_answers
                if late and self.answerable(activity):  # still open to those who were there, not to this one
                    raise Refused(late[2])
                raise Refused(late[1] if late else 'error.vote_closed')
            raise Refused('error.vote_not_open')
        old = self.answer_of(activity_id, participant_id)
        values: _AnswerValues = {}
        if choice is not None or text is not None:
            if old is not None:  # one part sent: the other stays as it was
                choice = old.choice if choice is None else choice
                text = old.text if text is None else text
            values['choice'], values['text'] = self.kind_of(activity).clean_answer(activity, choice, text)
        elif old is None:
            raise Refused('error.answer_first')
        if reason is not None:
            values['reason'] = clean_reason(reason)
        if extra is not None:
            values['extra'] = clean_reason(extra)
        if show_name is not None:
            values['show_name'] = bool(show_name)
        new = replace(old or Answer(), **values)
        if new != old:
            version = await self._repo.save_response(activity_id, participant_id, **values)
            await self._commit(AnswerSaved(activity_id, participant_id, new, version))
        return new

    async def hide(self, activity_id: int, participant_id: str, hidden: bool = True) -> None:
        """The facilitator hides (or shows again) an inappropriate reason or answer."""
        old = self.answer_of(activity_id, participant_id)
        if old is None or old.hidden == hidden:
            return
        version = await self._repo.save_response(activity_id, participant_id, hidden=hidden)
        await self._commit(AnswerSaved(activity_id, participant_id, replace(old, hidden=hidden), version))

    # applying changes (from this instance or another one)
    def apply(self, change: object) -> None:
        if isinstance(change, ActivitySaved):
            self._activity_saved(change)
        elif isinstance(change, ActivityDeleted):
            self.activities.pop(change.activity_id, None)
            self.answers.pop(change.activity_id, None)
            self.tallies.pop(change.activity_id, None)
            self.agenda_changed.emit()
            if self.current_id == change.activity_id:
                self.current_id = None
                self.current_changed.emit(None)
        elif isinstance(change, OrderChanged):
            for position, activity_id in enumerate(change.activity_ids, start=1):
                if activity_id in self.activities:
                    self.activities[activity_id] = replace(self.activities[activity_id], position=position)
            self.agenda_changed.emit()
        elif isinstance(change, CurrentChanged):
            self.current_id = change.activity_id
            self.agenda_changed.emit()
            self.current_changed.emit(self.current)
        elif isinstance(change, AnswerSaved):
            key = (change.activity_id, change.participant_id)
            if change.version and change.version < self.versions.get(key, 0):
                log.info('meeting %s: a late message about an older answer of %s, ignored', self.meeting_id,
                         change.participant_id)
                return
            if change.version:
                self.versions[key] = change.version
            answers = self.answers.setdefault(change.activity_id, {})
            old = answers.get(change.participant_id)
            answers[change.participant_id] = change.answer
            if change.activity_id in self.tallies:
                self.tallies[change.activity_id].change(old.choice if old else None, change.answer.choice)
            self.answers_changed.emit(AnswerChange(change.activity_id, change.participant_id, change.answer))

    def _activity_saved(self, change: ActivitySaved) -> None:
        kind = self.kinds.get(change.kind)
        if kind is None:  # a kind only a newer instance knows
            log.warning('ignoring an activity of unknown kind %r', change.kind)
            return
        activity = Activity(change.id, kind.name, change.text, kind.new_settings(change.settings),
                            change.state, change.revealed, change.position, change.closed_at)  # type: ignore[arg-type]
        old = self.activities.get(activity.id)
        self.activities[activity.id] = activity
        self.answers.setdefault(activity.id, {})
        if old is None or old.options != activity.options:
            self.tallies[activity.id] = self._new_tally(activity)
        self.agenda_changed.emit()
        if activity.id == self.current_id:
            self.current_changed.emit(activity)

    # helpers
    def _get(self, activity_id: int) -> Activity:
        activity = self.activities.get(activity_id)
        if activity is None:
            raise Refused('error.unknown_activity')
        return activity

    async def _set(self, activity: Activity, **values: object) -> None:
        await self._repo.update_activity(self.meeting_id, activity.id, **values)
        await self._commit(_saved(replace(activity, **values)))  # type: ignore[arg-type]

    async def _set_current(self, activity_id: int | None, stored: bool = False) -> None:
        if not stored:
            await self._repo.update_meeting(self.meeting_id, current_activity_id=activity_id)
        await self._commit(CurrentChanged(activity_id))

    def _new_tally(self, activity: Activity) -> Tally:
        return self.kind_of(activity).tally(activity, self.answers.get(activity.id, {}).values())


def _saved(activity: Activity) -> ActivitySaved:
    return ActivitySaved(activity.id, activity.kind, activity.text, activity.settings.to_dict(), activity.state,
                         activity.revealed, activity.position, activity.closed_at)


def now() -> datetime:
    """The time an activity closes (a function, so that tests can move the clock)."""
    return datetime.now(UTC)
