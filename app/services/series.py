"""A network's series as its kinds read it (``app.domain.series.Series``, from the database, not from rooms: the page
of a network with ten past meetings must not load ten rooms), and the kinds' network-level parts: what each kind with
a ``series`` hook found over the network, for the network page's cards and the network's report.

The service knows no kind: it asks every kind the registry lists (``Registry.network_kinds``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.series import SeriesActivity, SeriesAnswer, SeriesMeeting, SeriesMember, SeriesPerson
from app.store.repo import Repo

if TYPE_CHECKING:
    from app.kinds.base import Kind
    from app.kinds.registry import Registry


class StoredSeries:
    """``Series`` read from the database; each meeting's rows are read once per object."""

    def __init__(self, repo: Repo, network_id: int) -> None:
        self._repo, self.network_id = repo, network_id
        self._meetings: list[SeriesMeeting] | None = None
        self._activities: dict[int, list[SeriesActivity]] = {}
        self._answers: dict[int, dict[int, list[SeriesAnswer]]] = {}

    async def meetings(self) -> list[SeriesMeeting]:
        if self._meetings is None:
            meetings = await self._repo.networks.meetings_of(self.network_id)
            self._meetings = [SeriesMeeting(m.id, m.title) for m in meetings]
        return self._meetings

    async def activities(self, meeting_id: int) -> list[SeriesActivity]:
        if meeting_id not in self._activities:
            self._activities[meeting_id] = [
                SeriesActivity(a.id, a.kind, a.text, str((a.settings or {}).get('role') or ''))
                for a in await self._repo.activities_of(meeting_id)]
        return self._activities[meeting_id]

    async def answers(self, meeting_id: int) -> dict[int, list[SeriesAnswer]]:
        if meeting_id not in self._answers:
            found: dict[int, list[SeriesAnswer]] = {}
            for r in await self._repo.responses_of(meeting_id):
                if not r.hidden:
                    found.setdefault(r.activity_id, []).append(
                        SeriesAnswer(r.participant_id, r.choice or '', r.text or '', r.reason or '', r.extra or ''))
            self._answers[meeting_id] = found
        return self._answers[meeting_id]

    async def people(self, meeting_id: int) -> list[SeriesPerson]:
        return [SeriesPerson(p.id, p.member_id, p.name, p.organisation)
                for p in await self._repo.participants_of(meeting_id)]

    async def members(self) -> list[SeriesMember]:
        members = await self._repo.networks.members_of(self.network_id)
        return [SeriesMember(m.id, m.name, m.organisation) for m in members]

    async def latest_answers(self, kind: str) -> dict[int, str]:
        return await self._repo.networks.latest_answers(self.network_id, kind)


class NetworkParts:
    """What the kinds found over a network's series, in the order of their ``network_order``."""

    def __init__(self, repo: Repo, kinds: Registry) -> None:
        self._repo, self._kinds = repo, kinds

    def of(self, network_id: int) -> StoredSeries:
        return StoredSeries(self._repo, network_id)

    async def parts(self, network_id: int) -> list[tuple[Kind, Any]]:
        """(kind, what it found) for every kind that has something to show (its ``series`` gave not None)."""
        series = self.of(network_id)
        found = [(kind, await kind.series(series)) for kind in self._kinds.network_kinds()]
        return [(kind, part) for kind, part in found if part is not None]
