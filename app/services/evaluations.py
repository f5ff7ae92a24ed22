""""Vorige keer" over a network's series: the previous meeting's evaluation, the quotes the facilitator picks from
it for the screen and the line about what we changed.

The service knows no kind: the previous meeting's evaluation is what a kind's ``recap`` hook recalls of it (the
evaluation kind: its ROTI and texts, ``app/kinds/evaluation/series.py``), read from the database (not through
rooms). A quote is one of those texts, word for word, never with a name. The trend over the series is the
evaluation's network-level part (``Kind.series``), not this service's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.errors import Refused
from app.domain.evaluation import MeetingEvaluation
from app.domain.people import clean_text
from app.i18n import N_, NP_
from app.live.room import Room
from app.services.series import StoredSeries
from app.store.repo import Repo

if TYPE_CHECKING:
    from app.kinds.registry import Registry

MAX_NOTE = 300
MAX_QUOTES = 3


class Evaluations:
    def __init__(self, repo: Repo, kinds: Registry) -> None:
        self._repo, self._kinds = repo, kinds

    async def previous(self, room: Room) -> MeetingEvaluation | None:
        """The meeting before this one in its series, as the kinds recall it (None: not in a network, the first, or
        no kind recalls anything)."""
        if room.info.network_id is None:
            return None
        series = StoredSeries(self._repo, room.info.network_id)
        meetings = await series.meetings()
        order = [m.id for m in meetings]
        if room.info.id not in order or order.index(room.info.id) == 0:
            return None
        before = meetings[order.index(room.info.id) - 1]
        for kind in self._kinds:
            found = await kind.recap(series, before)
            if found is not None:
                return found
        return None

    async def set_recap(self, room: Room, note: str | None, quotes: list[str] | tuple[str, ...]) -> None:
        """"Vorige keer": the line about what we changed and up to three quotes of last time's evaluation."""
        previous = await self.previous(room)
        if previous is None:
            raise Refused(N_('error.no_previous_meeting'))
        text = clean_text(note)
        if len(text) > MAX_NOTE:
            raise Refused(NP_('error.recap_note_too_long'), count=MAX_NOTE)
        picked = tuple(dict.fromkeys(quotes))
        if len(picked) > MAX_QUOTES:
            raise Refused(NP_('error.recap_too_many_quotes'), count=MAX_QUOTES)
        if any(quote not in previous.quotes for quote in picked):
            raise Refused(N_('error.recap_unknown_quote'))
        await room.settings.set_recap(text, picked)
