"""Rounds with a shared countdown (speed dating, breakouts): start, pause, resume, +1 minute, end early.

Validate → store → memory → emit, with the room's ``commit``. The countdown is server-authoritative:
the deadline (or the remaining time while paused) is stored; pages tick locally.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from nicegui import Event

from app.domain.countdown import Countdown
from app.domain.errors import Refused
from app.domain.rounds import Round
from app.i18n import N_
from app.live.changes import ClockChanged, RoundSaved
from app.live.runner import Runner, RunnerContext


class RoundRunner(Runner):
    """The rounds of one kind of activity; its changes carry the kind's name."""

    no_round = N_('error.speeddate_no_round')  # i18n key: the clock was used before there is a round

    def __init__(self, ctx: RunnerContext) -> None:
        super().__init__(ctx)
        self.by_activity: dict[int, list[Round]] = {}
        self._lock = asyncio.Lock()
        self.round_changed = Event[RoundSaved]()     # a new round or new places: views rebuild their round part
        self.clock_changed = Event[ClockChanged]()   # start, pause, +1 minute, end, and zero: views follow
        self._timers: dict[int, asyncio.TimerHandle] = {}  # activity id -> the end of its running round

    def load(self, rounds: list[Round]) -> None:
        self.by_activity = {}
        for r in sorted(rounds, key=lambda r: (r.activity_id, r.number)):
            self.by_activity.setdefault(r.activity_id, []).append(r)
        for rounds_of_activity in self.by_activity.values():
            self._schedule(rounds_of_activity[-1])  # a restart during a round: its end is still announced

    def events(self) -> tuple[Event[Any], ...]:
        return self.round_changed, self.clock_changed

    def current(self, activity_id: int) -> Round | None:
        rounds = self.by_activity.get(activity_id)
        return rounds[-1] if rounds else None

    def rounds(self) -> list[Round]:
        return [r for rounds in self.by_activity.values() for r in rounds]

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
                raise Refused(self.no_round)
            countdown = change(current.countdown, self.clock())
            if countdown == current.countdown:
                return
            await self.ctx.repo.update_round(current.id, seconds=countdown.seconds, ends_at=countdown.ends_at,
                                             remaining=countdown.remaining)
            await self.ctx.commit(ClockChanged(self.ctx.kind, replace(current, countdown=countdown)))

    async def _save(self, new: Round) -> None:
        await self.ctx.commit(RoundSaved(self.ctx.kind, new))

    def _put(self, new: Round) -> None:
        rounds = self.by_activity.setdefault(new.activity_id, [])
        index = next((i for i, r in enumerate(rounds) if r.number == new.number), None)
        if index is None:
            rounds.append(new)
            rounds.sort(key=lambda r: r.number)
        else:
            rounds[index] = new
        self._schedule(rounds[-1])

    def _schedule(self, r: Round) -> None:
        """One server-side timer per running round: at zero every view learns that the round is over (nothing
        to store: the deadline is stored already, so a restart after it finds the round over as well)."""
        old = self._timers.pop(r.activity_id, None)
        if old is not None:
            old.cancel()
        if r.countdown.ends_at is None:
            return
        left = (r.countdown.ends_at - self.clock()).total_seconds()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # built outside the event loop (a test): nobody to tell
            return
        if left > 0:
            self._timers[r.activity_id] = loop.call_later(left + 0.05, self._ended, r.activity_id, r.number)

    def _ended(self, activity_id: int, number: int) -> None:
        self._timers.pop(activity_id, None)
        r = self.current(activity_id)
        if r is None or r.number != number:
            return
        if r.phase(self.clock()) == 'over':
            self.clock_changed.emit(ClockChanged(self.ctx.kind, r))
        else:  # moved meanwhile (+1 minute on another instance)
            self._schedule(r)


    def apply(self, change: object) -> None:
        if isinstance(change, RoundSaved):
            self._put(change.round)
            self.round_changed.emit(change)
        elif isinstance(change, ClockChanged):
            self._put(change.round)
            self.clock_changed.emit(change)
