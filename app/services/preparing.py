"""A preparer's actions on one meeting's agenda (``/m/{id}/prepare?key=…``). Every action checks the key again on
the server first — a link revoked while its page is open does nothing more — and then the preparer's rights
(``app.domain.preparing``): only activities that were never opened and hold no answers change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain.activities import Activity, KindSettings
from app.domain.errors import Refused
from app.domain.preparing import check_preparer_may_change, preparer_may_change
from app.i18n import N_
from app.live.room import Room
from app.services.networks import Networks


class PreparerAgenda:
    """The agenda as one preparer's key may change it; ``on_revoked`` runs once when the key no longer works."""

    def __init__(self, networks: Networks, room: Room, key: str, on_revoked: Callable[[], Any] | None = None) -> None:
        self.networks, self.room, self.key, self.on_revoked = networks, room, key, on_revoked
        self.revoked = False

    async def valid(self) -> bool:
        """The key still opens this meeting (asked of the database, not of what the page was built with)."""
        if not self.revoked:
            access = await self.networks.planning.preparer(self.room.info.id, self.key)
            if access is None:
                self.revoked = True
                if self.on_revoked is not None:
                    self.on_revoked()
        return not self.revoked

    async def _check(self) -> None:
        if not await self.valid():
            raise Refused(N_('access.bad_preparer_link'))

    def may_change(self, activity: Activity) -> bool:
        agenda = self.room.agenda
        return preparer_may_change(activity, agenda.count(activity.id), agenda.current_id)

    async def _changeable(self, activity_id: int) -> None:
        await self._check()
        agenda = self.room.agenda
        activity = agenda.activities.get(activity_id)
        if activity is None:
            raise Refused(N_('error.unknown_activity'))
        check_preparer_may_change(activity, agenda.count(activity_id), agenda.current_id)

    async def add(self, kind_name: str, text: str, settings: KindSettings | dict[str, Any] | None = None) -> Activity:
        await self._check()
        return await self.room.agenda.add(kind_name, text, settings)

    async def add_examples(self, t: Callable[[str], str] | None = None) -> None:
        await self._check()
        await self.room.agenda.add_examples(t)

    async def edit(self, activity_id: int, text: str, settings: KindSettings | dict[str, Any]) -> None:
        await self._changeable(activity_id)
        await self.room.agenda.edit(activity_id, text, settings)

    async def move(self, activity_id: int, delta: int) -> None:
        await self._changeable(activity_id)
        await self.room.agenda.move(activity_id, delta)

    async def delete(self, activity_id: int) -> None:
        await self._changeable(activity_id)
        await self.room.agenda.delete(activity_id)
