"""Rounds with a shared countdown (speed dating, breakouts): start, pause, resume, +1 minute, end early.

Validate → store → memory → emit, with the room's ``commit``. The countdown is server-authoritative:
the deadline (or the remaining time while paused) is stored; pages tick locally.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime

from nicegui import Event

from app.domain.countdown import Countdown
from app.domain.people import InvalidInput, Person
from app.domain.speeddate import DateRound, GroupInfo
from app.live.bus import Change
from app.store.repo import Repo


def utcnow() -> datetime:
    return datetime.now(UTC)


class RoundRunner:
    """The rounds of one kind of activity; ``prefix`` names its changes on the bus."""

    prefix = 'round'

    def __init__(self, rounds: list[DateRound], repo: Repo, commit: Callable[[Change], Awaitable[None]],
                 people: Callable[[], list[Person]], clock: Callable[[], datetime] = utcnow) -> None:
        self.rounds: dict[int, list[DateRound]] = {}
        for r in sorted(rounds, key=lambda r: (r.activity_id, r.number)):
            self.rounds.setdefault(r.activity_id, []).append(r)
        self._repo, self._commit, self._people, self.clock = repo, commit, people, clock
        self._lock = asyncio.Lock()
        self.round_changed = Event[DateRound]()   # a new round or new places: views rebuild their round part
        self.clock_changed = Event[DateRound]()   # pause, resume, +1 minute, end: countdowns change in place

    def current(self, activity_id: int) -> DateRound | None:
        rounds = self.rounds.get(activity_id)
        return rounds[-1] if rounds else None

    def all_rounds(self) -> list[DateRound]:
        return [r for rounds in self.rounds.values() for r in rounds]

    def subscriber_count(self) -> int:
        return len(self.round_changed.callbacks) + len(self.clock_changed.callbacks)

    async def start(self, activity_id: int) -> None:
        await self._clock(activity_id, lambda c, now: c.start(now))

    async def pause(self, activity_id: int) -> None:
        await self._clock(activity_id, lambda c, now: c.pause(now))

    async def extend(self, activity_id: int, seconds: float = 60) -> None:
        def add(c: Countdown, now: datetime) -> Countdown:
            if not c.running and c.remaining == c.seconds:  # not started yet: a longer round
                return Countdown.ready(c.seconds + seconds)
            return c.extend(now, seconds)
        await self._clock(activity_id, add)

    async def end_early(self, activity_id: int) -> None:
        await self._clock(activity_id, lambda c, now: replace(c, ends_at=now, remaining=None))

    async def _clock(self, activity_id: int, change: Callable[[Countdown, datetime], Countdown]) -> None:
        async with self._lock:
            current = self.current(activity_id)
            if current is None:
                raise InvalidInput('error.speeddate_no_round')
            countdown = change(current.countdown, self.clock())
            if countdown == current.countdown:
                return
            await self._repo.update_round(current.id, seconds=countdown.seconds, ends_at=countdown.ends_at,
                                          remaining=countdown.remaining)
            await self._commit({'kind': f'{self.prefix}_clock', 'round': dump(replace(current, countdown=countdown))})

    async def _replace(self, new: DateRound) -> None:
        await self._commit({'kind': self.prefix, 'round': dump(new)})

    def apply(self, change: Change) -> None:
        new = load(change['round'])
        rounds = self.rounds.setdefault(new.activity_id, [])
        index = next((i for i, r in enumerate(rounds) if r.number == new.number), None)
        if index is None:
            rounds.append(new)
            rounds.sort(key=lambda r: r.number)
        else:
            rounds[index] = new
        if change['kind'].endswith('_clock'):
            self.clock_changed.emit(new)
        else:
            self.round_changed.emit(new)


def dump(r: DateRound) -> dict[str, object]:
    c = r.countdown
    return {'id': r.id, 'activity': r.activity_id, 'number': r.number, 'groups': [list(g) for g in r.groups],
            'paused': r.paused, 'seconds': c.seconds, 'ends_at': c.ends_at.isoformat() if c.ends_at else None,
            'remaining': c.remaining, 'question': r.question,
            'details': [[i.question, i.location, i.moderator_key, i.note, i.note_version] for i in r.details]}


def load(data: dict) -> DateRound:
    ends_at = datetime.fromisoformat(data['ends_at']) if data['ends_at'] else None
    return DateRound(int(data['id']), int(data['activity']), int(data['number']),
                     tuple(tuple(g) for g in data['groups']), data['paused'],
                     Countdown(float(data['seconds']), ends_at, data['remaining']), data['question'],
                     tuple(GroupInfo(*info) for info in data.get('details', [])))
