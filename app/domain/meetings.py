"""A meeting as the live views know it, and its moderator invites (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

MeetingState = Literal['draft', 'open', 'closed']
MAX_INVITE_LABEL = 80
MAX_PARTICIPANTS = 1000


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    id: int
    facilitator_id: int
    title: str
    date: date | None
    join_code: str
    state: str
    locked: bool
    screen_key: str
    current_activity_id: int | None = None
    max_participants: int = 0   # 0: no maximum
    language: str = ''          # what the screen speaks; '' : the app's default
    network_id: int | None = None  # the learning network it belongs to (None: a stand-alone meeting)
    place: str = ''
    host: str = ''              # the member organisation hosting it
    show_agreements: bool = False  # the screen shows last time's agreements while no activity runs
    report_key: str = ''        # the share link of its report ('' : none, or revoked)
    recap_note: str = ''        # "Vorige keer": what we changed since (the facilitator's line)
    recap_quotes: tuple[str, ...] = ()  # "Vorige keer": anonymous quotes of last time the facilitator picked
    show_recap: bool = False    # the screen shows "Vorige keer" while no activity runs
    mode: str = 'room'          # where it happens: 'room' (in de zaal), 'online', 'hybrid'
    plenary_url: str = ''       # the main call's link ("Terug naar de plenaire")
    video_base: str = ''        # a Jitsi Meet base URL for this meeting ('' : the app's setting)
    video_links: tuple[str, ...] = ()  # rooms the facilitator pasted (one per table); used before video_base
    mixed: bool = False         # hybrid: people in the room and online may be paired together


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    key: str
    label: str
    revoked: bool
