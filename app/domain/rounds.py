"""Rounds of people in groups (speed-date pairs, breakout groups): who sits with whom, the round's countdown,
swaps, and the history of who met whom."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.domain.countdown import Countdown
from app.domain.encounters import pair_counts
from app.domain.errors import Refused

Groups = tuple[tuple[str, ...], ...]
Phase = Literal['ready', 'running', 'paused', 'over']


@dataclass(frozen=True, slots=True)
class GroupDetails:
    """What a breakout group has besides its members (speed-date pairs leave it empty)."""

    question: str = ''
    location: str = ''          # "tafel 3", or a video link for online meetings
    moderator_key: str = ''     # the invite key of its moderator
    note: str = ''              # the group's harvest
    note_version: int = 0


@dataclass(frozen=True, slots=True)
class Round:
    id: int
    activity_id: int
    number: int                   # from 1
    groups: Groups                # pairs and at most one trio, or breakout groups; the index + 1 is the table
    paused: str | None            # who sits out this round (odd count with "pause")
    countdown: Countdown
    question: str = ''
    details: tuple[GroupDetails, ...] = ()  # per group, same order as ``groups`` (breakouts)

    def info(self, table: int) -> GroupDetails:
        """Details of group ``table`` (1-based)."""
        return self.details[table - 1] if 0 < table <= len(self.details) else GroupDetails()

    def phase(self, now: datetime) -> Phase:
        c = self.countdown
        if c.running:
            return 'over' if c.is_over(now) else 'running'
        if (c.remaining or 0) <= 0:
            return 'over'
        return 'ready' if c.remaining == c.seconds else 'paused'

    def table_of(self, participant_id: str) -> int | None:
        """1-based table (group) number of a participant, or None when not placed this round."""
        for index, group in enumerate(self.groups):
            if participant_id in group:
                return index + 1
        return None

    def partners_of(self, participant_id: str) -> tuple[str, ...]:
        table = self.table_of(participant_id)
        return tuple(p for p in self.groups[table - 1] if p != participant_id) if table else ()

    def placed(self) -> set[str]:
        return {p for group in self.groups for p in group}


def stranded(groups: Groups, paused: str | None, present: set[str]) -> list[str]:
    """Who is here but has nobody to talk to: alone in their group now, or not placed (a late joiner)."""
    alone = [p for group in groups for p in group if p in present and not any(
        q != p and q in present for q in group)]
    placed = {p for group in groups for p in group}
    return alone + sorted(p for p in present if p not in placed and p != paused)


def repaired(groups: Groups, paused: str | None, present: set[str]) -> Groups:
    """The groups with the people who left taken out and the stranded ones placed: two by two, and a last one
    alone into the smallest group (a trio). Groups that still talk are not touched."""
    lonely = stranded(groups, paused, present)
    kept = [tuple(p for p in group if p in present) for group in groups]
    kept = [group for group in kept if len(group) >= 2]
    for i in range(0, len(lonely) - 1, 2):
        kept.append((lonely[i], lonely[i + 1]))
    if len(lonely) % 2:
        if kept:
            smallest = min(range(len(kept)), key=lambda i: (len(kept[i]), i))
            kept[smallest] = (*kept[smallest], lonely[-1])
        else:
            kept.append((lonely[-1],))
    return tuple(kept)


def met_counts(rounds: list[Round]) -> Counter[frozenset[str]]:
    return pair_counts(group for r in rounds for group in r.groups)


def swap(groups: Groups, paused: str | None, a: str, b: str) -> tuple[Groups, str | None]:
    """Exchange the places of ``a`` and ``b`` (either may be unplaced or the one who pauses)."""
    if a == b:
        raise Refused('error.swap_same')

    def place(pid: str) -> str:
        return b if pid == a else a if pid == b else pid

    new_groups = tuple(tuple(place(p) for p in group) for group in groups)
    new_paused = place(paused) if paused is not None else None
    return new_groups, new_paused


def rounds_done(planned: int, made: int) -> bool:
    """Every planned round has been made: the control view says so and offers one more instead of "Volgende
    ronde". ``planned`` 0 is no fixed number (breakouts by default): never done."""
    return planned > 0 and made >= planned
