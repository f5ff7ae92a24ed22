"""Who may open a meeting's control, screen and moderator views, and how a page says no."""

from __future__ import annotations

import hmac

from nicegui import app, ui

from app.domain.meetings import Invite
from app.i18n import N_, Translate
from app.live.room import Room
from app.pages.common import facilitator_id, parse_id
from app.system import System
from app.ui.messages import message_card


async def room_for_facilitator(system: System, meeting_text: str, path: str) -> tuple[Room | None, str]:
    """The room if the logged-in facilitator owns it, else None and an i18n key saying why."""
    me = facilitator_id()
    if me is None:
        app.storage.user['after_login'] = path
        return None, N_('access.login_needed')
    meeting_id = parse_id(meeting_text)
    room = await system.rooms.get(meeting_id) if meeting_id is not None else None
    if room is None or room.info.facilitator_id != me:  # another's meeting is as unknown as one that is not there
        return None, N_('error.unknown_meeting')
    return room, ''


def deny_facilitator(t: Translate, why: str, body: str) -> None:
    """The refusal of a facilitator's page (``why`` from :func:`room_for_facilitator`): log in first (the way to
    the login), else 404 — whether the meeting is not there or another's — with the way back to one's own
    dashboard."""
    if why == 'access.login_needed':
        message_card(t(why), body, link=(t('login.title'), '/login'), marker='access-denied')
        return
    ui.context.client.status_code = 404
    message_card(t(why), body, link=(t('dashboard.title'), '/dashboard'), marker='access-denied')


def deny_key(t: Translate, title: str, body: str, marker: str = 'access-denied') -> None:
    """The refusal of a page opened with a key (screen, moderator, preparer, share link): wrong or revoked, 403;
    a logged-in facilitator gets the way back to their own dashboard."""
    ui.context.client.status_code = 403
    link = (t('dashboard.title'), '/dashboard') if facilitator_id() is not None else None
    message_card(title, body, link=link, marker=marker)


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
    invite = room.invites.invite_for(key)
    return (room, invite) if invite else (None, None)
