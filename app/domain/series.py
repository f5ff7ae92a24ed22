"""A network's series of meetings as a kind reads it for its network-level parts (the network page's cards, the
network's report, "Vorige keer"): what was stored, never a live room, hidden answers and removed people left out.

``Series`` is the reading side a kind's ``series``/``recap`` hooks get (``app/services/series.py`` reads it from the
database); the records are plain values, so a kind's series code is tested without SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SeriesMeeting:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class SeriesActivity:
    id: int
    kind: str
    text: str
    role: str = ''           # its role in the series (``app.domain.activities.ROLES``)


@dataclass(frozen=True, slots=True)
class SeriesAnswer:
    participant_id: str
    choice: str = ''
    text: str = ''
    reason: str = ''
    extra: str = ''


@dataclass(frozen=True, slots=True)
class SeriesPerson:
    id: str                  # the participant
    member_id: int | None    # the network's member they are (None: a guest)
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class SeriesMember:
    id: int
    name: str
    organisation: str


class Series(Protocol):
    """One network's meetings, read once per page or report (each call may be cached)."""

    network_id: int

    async def meetings(self) -> list[SeriesMeeting]:
        """In series order: by date, an undated one on the day it was planned."""
        ...

    async def activities(self, meeting_id: int) -> list[SeriesActivity]:
        """In agenda order."""
        ...

    async def answers(self, meeting_id: int) -> dict[int, list[SeriesAnswer]]:
        """Per activity id, the answers that are not hidden."""
        ...

    async def people(self, meeting_id: int) -> list[SeriesPerson]:
        """Who took part (present or left; the removed are not in it)."""
        ...

    async def members(self) -> list[SeriesMember]:
        ...

    async def latest_answers(self, kind: str) -> dict[int, str]:
        """Member id -> the text of their latest answer to an activity of ``kind`` in any meeting of the network."""
        ...
