"""Meetings: a facilitator's list, a new meeting, and what a meeting hands out (CSV export, text summary)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.errors import Refused
from app.domain.export import ExportRow, export_csv, summary
from app.domain.people import clean_title
from app.i18n import Translate
from app.kinds.registry import Registry
from app.live.room import Room
from app.store.repo import Repo


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    title: str
    date: date | None
    join_code: str
    state: str


class Meetings:
    def __init__(self, repo: Repo, kinds: Registry) -> None:
        self._repo = repo
        self._kinds = kinds

    async def of(self, facilitator_id: int, stand_alone: bool = False) -> list[MeetingSummary]:
        """The facilitator's meetings, newest first (``stand_alone``: only those in no network)."""
        return [MeetingSummary(m.id, m.title, m.date, m.join_code, m.state)
                for m in await self._repo.meetings_of(facilitator_id, stand_alone)]

    async def create(self, facilitator_id: int, title: str | None, on: str | date | None = None,
                     language: str = '') -> int:
        """A new meeting; ``on`` is its date (ISO text from a date field, or a date); ``language`` the one its
        facilitator works in, which its screen then speaks. Returns its id."""
        clean = clean_title(title)
        if isinstance(on, str):
            try:
                on = date.fromisoformat(on) if on else None
            except ValueError as error:
                raise Refused('error.date') from error
        meeting = await self._repo.create_meeting(facilitator_id, clean, on, language=language)
        return meeting.id

    async def export_csv(self, room: Room, t: Translate) -> bytes:
        """Every answer (names only where the participant allowed it) and what kinds add (harvests), as CSV."""
        agenda = room.agenda
        numbers = {a.id: n for n, a in enumerate(agenda.ordered(), start=1)}
        rows = [ExportRow(numbers.get(a.id, 0), activity, r.choice, r.text, r.reason, r.hidden,
                          p.name if r.show_name else '', r.extra)
                for a, r, p in await self._repo.export_rows(room.info.id)
                if (activity := agenda.activities.get(a.id)) is not None]
        history = room.history()
        for activity in agenda.ordered():
            for text, reason, name in self._kinds[activity.kind].extra_rows(activity, history, t):
                rows.append(ExportRow(numbers[activity.id], activity, '', text, reason, False, name))

        def label(choice: str) -> str:
            key = None
            for kind in self._kinds:
                key = key or kind.label_of(choice)
            return t(key) if key else choice

        return export_csv(rows, label).encode('utf-8-sig')

    def summary(self, room: Room, t: Translate, lang: str) -> str:
        agenda = room.agenda
        items = [(a, dict(agenda.tallies[a.id].counts) if a.id in agenda.tallies else {},
                  [x.text for _, x in agenda.visible_answers(a.id)]) for a in agenda.ordered()]
        return f'{room.info.title}\n' + summary(items, t, lang, self._kinds)
