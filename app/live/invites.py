"""A room's invites and keys (``room.invites``): moderator invite links, the projector screen's key, the
report's share link. A new key makes the old one stop working."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from nicegui import Event

from app.domain.codes import new_key
from app.domain.errors import Refused
from app.domain.meetings import MAX_INVITE_LABEL, Invite, MeetingInfo
from app.i18n import NP_
from app.live.changes import InviteSaved, MeetingUpdated
from app.store.repo import Repo


class Invites:
    change_types = (InviteSaved,)

    def __init__(self, meeting: Callable[[], MeetingInfo], invites: list[Invite], repo: Repo,
                 commit: Callable[[object], Awaitable[None]]) -> None:
        self._meeting = meeting
        self.by_key: dict[str, Invite] = {invite.key: invite for invite in invites}  # revoked ones too
        self._repo = repo
        self._commit = commit
        self.changed = Event[[]]()

    def invite_for(self, key: str) -> Invite | None:
        invite = self.by_key.get(key)
        return invite if invite and not invite.revoked else None

    def all(self) -> list[Invite]:
        """Every invite, revoked ones included (a round's moderators may name one)."""
        return list(self.by_key.values())

    async def create(self, label: str) -> Invite:
        if len(label) > MAX_INVITE_LABEL:
            raise Refused(NP_('error.label_too_long'), count=MAX_INVITE_LABEL)
        row = await self._repo.create_invite(self._meeting().id, label)
        invite = Invite(row.id, row.key, row.label, row.revoked)
        await self._commit(InviteSaved(invite))
        return invite

    async def revoke(self, invite_id: int) -> None:
        invite = next((i for i in self.by_key.values() if i.id == invite_id), None)
        if invite is None or invite.revoked:
            return
        await self._repo.revoke_invite(self._meeting().id, invite_id)
        await self._commit(InviteSaved(replace(invite, revoked=True)))

    # keys
    async def new_screen_key(self) -> None:
        key = new_key()
        await self._repo.update_meeting(self._meeting().id, screen_key=key)
        await self._commit(MeetingUpdated(screen_key=key))

    async def new_report_key(self) -> str:
        """A (new) share link for the report; the old one stops working."""
        key = new_key()
        await self._repo.update_meeting(self._meeting().id, report_key=key)
        await self._commit(MeetingUpdated(report_key=key))
        return key

    async def revoke_report_key(self) -> None:
        await self._repo.update_meeting(self._meeting().id, report_key='')
        await self._commit(MeetingUpdated(report_key=''))

    def apply(self, change: InviteSaved, _: str) -> None:
        self.by_key[change.invite.key] = change.invite
        self.changed.emit()
