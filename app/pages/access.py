"""Who may open a meeting's control, screen and moderator views."""

from __future__ import annotations

import hmac

from nicegui import app

from app.i18n import N_
from app.live.room import Invite, Room
from app.pages.common import facilitator_id, parse_id
from app.system import System


async def room_for_facilitator(system: System, meeting_text: str, path: str) -> tuple[Room | None, str]:
    """The room if the logged-in facilitator owns it, else None and an i18n key saying why."""
    me = facilitator_id()
    if me is None:
        app.storage.user['after_login'] = path
        return None, N_('access.login_needed')
    meeting_id = parse_id(meeting_text)
    room = await system.rooms.get(meeting_id) if meeting_id is not None else None
    if room is None:
        return None, N_('error.unknown_meeting')
    if room.info.facilitator_id != me:
        return None, N_('access.not_yours')
    return room, ''


async def room_for_key(system: System, meeting_text: str, key: str | None) -> Room | None:
    """The room when ``key`` is its current screen key."""
    meeting_id = parse_id(meeting_text)
    room = await system.rooms.get(meeting_id) if meeting_id is not None else None
    return room if room is not None and key and hmac.compare_digest(key, room.info.screen_key) else None


async def invite_for_key(system: System, meeting_text: str, key: str | None) -> tuple[Room | None, Invite | None]:
    """The room and the moderator invite when ``key`` is a valid invite of that very meeting."""
    meeting_id = parse_id(meeting_text)
    room = await system.rooms.get(meeting_id) if meeting_id is not None else None
    if room is None or not key:
        return None, None
    invite = room.invite_for(key)
    return (room, invite) if invite else (None, None)
