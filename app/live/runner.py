"""The live part of an activity kind beyond answers (the rounds of speed dating and breakouts).

A kind that needs one declares a factory (``Kind.runner``); the room makes one runner per such kind,
hands it a ``RunnerContext`` and routes to it the changes of the types it declares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from nicegui import Event

from app.domain.activities import Activity
from app.domain.meetings import Invite
from app.domain.people import Person
from app.domain.rounds import Round
from app.domain.video import Placement
from app.store.repo import Repo


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class RunnerContext:
    """What a runner may use of its room."""

    kind: str                                       # the kind it runs for (its changes carry this name)
    repo: Repo
    commit: Callable[[object], Awaitable[None]]     # apply here, then publish to the other instances
    people: Callable[[], list[Person]]              # who is in the meeting now
    invites: Callable[[], list[Invite]]             # moderators (revoked ones included)
    history: Callable[[], list[Round]]              # every round of the meeting, of every kind: who met whom
    met: Callable[[], Awaitable[Counter[frozenset[str]]]]  # who met whom here and, for members, in earlier meetings
    # pairs another activity of the meeting would like to see talk (give and need), by that activity's id
    preferred: Callable[[int], dict[frozenset[str], float]] = lambda activity_id: {}
    placement: Callable[[list[str]], Placement] = lambda ids: Placement((tuple(ids),))  # hybrid: who with whom
    video_rooms: Callable[[int], list[str | None]] = lambda count: [None] * count  # a link per online group
    clock: Callable[[], datetime] = utcnow


class Runner:
    """Base of a kind's live state: loads its rounds, applies its changes, reacts to a late joiner."""

    def __init__(self, ctx: RunnerContext) -> None:
        self.ctx = ctx
        self.clock = ctx.clock

    def load(self, rounds: list[Round]) -> None:
        """The rounds stored for this kind's activities (a room loaded from the database)."""

    def apply(self, change: object) -> None:
        """A change of one of the kind's ``change_types``, made here or on another instance."""

    def events(self) -> tuple[Event[Any], ...]:
        return ()

    async def rehearse(self, activity: Activity, rounds: int, notes: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        """Run ``rounds`` rounds of the open ``activity`` one after the other at once, as a past meeting of the demo
        had them (``notes``: what groups wrote, where the kind has notes): (round id, minutes it took) per round.
        A runner without rounds has none."""
        return []

    def subscriber_count(self) -> int:
        return sum(len(e.callbacks) for e in self.events())

    def rounds(self) -> list[Round]:
        """Its rounds, for the room's history of who met whom."""
        return []

    async def joined(self, activity: Activity, person: Person) -> None:
        """Someone joined while ``activity`` (of this kind) is the current one."""
