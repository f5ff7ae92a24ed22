"""Remote and hybrid meetings (pure): where a meeting happens, which video room each pair or group of a round gets,
and who may be paired with whom in a hybrid meeting.

A room comes from a provider: **pasted links** (the facilitator's own Zoom/Teams rooms, one per table, used in order)
or a **Jitsi Meet base URL** with an unguessable room name per group per round (128 random bits, never derived from
names). Nothing here calls a video service: a Jitsi room exists when someone opens its URL.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import urlsplit

from app.domain.errors import Refused
from app.i18n import N_, NP_

Mode = Literal['room', 'online', 'hybrid']
MODES: tuple[str, ...] = ('room', 'online', 'hybrid')
PLACES: tuple[str, ...] = ('room', 'online')
MAX_URL = 500
MAX_LINKS = 200
ROOM_BYTES = 16  # 128 bits of randomness per room name
NOT_IN_URL = '"<>`\\'  # never in a link (RFC 3986 wants them percent-encoded): a quote that would end an attribute


def check_url(url: str | None, *, required: bool = False) -> str:
    """An http(s) link as typed (trimmed); refused with a message when it is not one."""
    value = (url or '').strip()
    if not value:
        if required:
            raise Refused(N_('error.video_url_required'))
        return ''
    if len(value) > MAX_URL:
        raise Refused(NP_('error.video_url_too_long'), count=MAX_URL)
    parts = urlsplit(value)
    if parts.scheme not in ('http', 'https') or not parts.netloc or any(c.isspace() or c in NOT_IN_URL for c in value):
        raise Refused(N_('error.video_url_bad'), url=value[:80])
    return value


LINK_SCHEMES = ('javascript', 'data', 'vbscript', 'file', 'blob')  # link-like whatever follows the colon
SCHEME = re.compile(r'^([a-z][a-z0-9+.-]*):', re.IGNORECASE)


def check_place(text: str | None) -> str:
    """A group's place as typed (trimmed): words ("tafel 3", "Zaal B: achteraan") or an http(s) link. Anything that
    looks like a link of another kind (``javascript:``, ``ftp://``) or a broken http(s) link is refused: only a
    valid http(s) link is ever opened."""
    value = (text or '').strip()
    found = SCHEME.match(value)
    if found and (found[1].lower() in ('http', 'https', *LINK_SCHEMES) or value[found.end():].startswith('//')):
        check_url(value)
    return value


def parse_places(text: str | None) -> tuple[str, ...]:
    """Breakout places, one per line (empty lines skipped); a line that is a bad link is refused with its number."""
    places = []
    for number, line in enumerate((text or '').splitlines(), start=1):
        try:
            if place := check_place(line):
                places.append(place)
        except Refused as error:
            raise Refused(N_('error.place_line'), line=number, url=line.strip()[:80]) from error
    return tuple(places)


def parse_links(text: str | None) -> tuple[str, ...]:
    """Pasted room links, one per line (empty lines skipped); a line that is not a link is refused with its
    number."""
    links = []
    for number, line in enumerate((text or '').splitlines(), start=1):
        if not line.strip():
            continue
        try:
            links.append(check_url(line))
        except Refused as error:
            raise Refused(N_('error.video_link_line'), line=number, url=line.strip()[:80]) from error
    if len(links) > MAX_LINKS:
        raise Refused(NP_('error.video_too_many_links'), count=MAX_LINKS)
    return tuple(links)


@dataclass(frozen=True, slots=True)
class Remote:
    """A meeting's remote settings as stored (checked by :func:`check_remote`)."""

    mode: str = 'room'
    plenary_url: str = ''
    video_base: str = ''
    video_links: tuple[str, ...] = ()
    mixed: bool = False


def check_remote(mode: str | None, plenary_url: str | None, video_base: str | None, video_links: str | None,
                 mixed: bool = False) -> Remote:
    if mode not in MODES:
        raise Refused(N_('error.video_mode'))
    return Remote(str(mode), check_url(plenary_url), check_url(video_base), parse_links(video_links), bool(mixed))


class RoomProvider(Protocol):
    def rooms(self, count: int) -> list[str | None]:
        """A link for each of ``count`` groups of a new round (None: that group gets a table, not a link)."""
        ...


@dataclass(frozen=True, slots=True)
class JitsiRooms:
    base: str

    def rooms(self, count: int) -> list[str | None]:
        base = self.base.rstrip('/')
        return [f'{base}/Uitwisselplek-{secrets.token_hex(ROOM_BYTES)}' for _ in range(count)]


@dataclass(frozen=True, slots=True)
class PastedLinks:
    links: tuple[str, ...]

    def rooms(self, count: int) -> list[str | None]:
        return [self.links[i] if i < len(self.links) else None for i in range(count)]

    def missing(self, count: int) -> int:
        return max(0, count - len(self.links))


@dataclass(frozen=True, slots=True)
class NoRooms:
    def rooms(self, count: int) -> list[str | None]:
        return [None] * count


def provider_for(remote: Remote, app_base: str) -> RoomProvider:
    """Pasted links first; else the meeting's Jitsi base URL, else the app's; else no rooms (tables)."""
    if remote.video_links:
        return PastedLinks(remote.video_links)
    base = remote.video_base or app_base
    return JitsiRooms(base) if base else NoRooms()


@dataclass(frozen=True, slots=True)
class Placement:
    """People of a hybrid meeting split into the sets the engines pair separately."""

    sets: tuple[tuple[str, ...], ...]       # participant ids per set (the room first, then online)
    online: frozenset[str] = field(default_factory=frozenset)  # who is online (their groups get video rooms)
    moved: tuple[str, ...] = ()             # someone alone in their set, paired with the other set after all


def place_people(ids: Sequence[str], places: dict[str, str], mode: str, mixed: bool) -> Placement:
    """Who may be paired with whom: in the room everyone together; online everyone together (all online); hybrid:
    people in the room with each other and people online with each other, unless ``mixed``. A set of one cannot pair:
    that person joins the other set (and is named in ``moved``). Someone who did not say where they are counts as
    in the room."""
    if mode == 'online':
        return Placement((tuple(ids),), frozenset(ids))
    if mode != 'hybrid':
        return Placement((tuple(ids),))
    online = frozenset(pid for pid in ids if places.get(pid) == 'online')
    if mixed:
        return Placement((tuple(ids),), online)
    room = tuple(pid for pid in ids if pid not in online)
    remote = tuple(pid for pid in ids if pid in online)
    if len(room) == 1 and remote:
        return Placement((room + remote,), online, room)
    if len(remote) == 1 and room:
        return Placement((room + remote,), online, remote)
    return Placement(tuple(s for s in (room, remote) if s), online)


def group_is_online(group: Sequence[str], online: frozenset[str]) -> bool:
    """A group meets in a video room when anyone in it is online."""
    return any(pid in online for pid in group)


def share_groups(count: int, sizes: Sequence[int]) -> list[int]:
    """``count`` groups shared over sets of ``sizes`` people in proportion (each set at least one group, never more
    groups than people): a hybrid meeting's "4 groups" become groups in the room and groups online."""
    total = sum(sizes)
    shares = [max(1, min(size, round(count * size / total))) for size in sizes] if total else [0 for _ in sizes]
    while sum(shares) > max(count, len(sizes)):  # rounding gave one too many: the largest share gives one back
        i = max(range(len(shares)), key=lambda k: (shares[k], -k))
        shares[i] -= 1
    while sum(shares) < min(count, total):  # too few: the set with the most people per group gets one more
        i = max((k for k in range(len(shares)) if shares[k] < sizes[k]), key=lambda k: sizes[k] / shares[k])
        shares[i] += 1
    return shares
