"""The changes a room applies: one small dataclass per change, made here or on another instance.

Every change goes *validate → store → apply → emit*: the room that made it applies it at once and
publishes it on the bus; the other instances' rooms apply the same object. ``ChangeCodec`` is the only
place where changes become JSON and back; a change type this instance does not know is logged and
ignored (an older instance next to a newer one keeps running).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from app.domain.activities import Answer
from app.domain.meetings import Invite, MeetingState
from app.domain.people import Person
from app.domain.rounds import Round

log = logging.getLogger(__name__)

# what of a learning network changed (``NetworkChanged.what``; a room's ``memory.changed`` tells its pages)
NetworkPart = Literal['members', 'topics', 'agreements', 'network', 'preparers']


# the meeting and its people
@dataclass(frozen=True, slots=True)
class Joined:
    """Someone joined the meeting (or joined again)."""

    person: Person
    device: str
    at: datetime | None = None  # when (UTC)


@dataclass(frozen=True, slots=True)
class Left:
    """Someone left, or the facilitator removed them."""

    participant_id: str
    removed: bool = False  # by the facilitator: their device stays out until let back in


@dataclass(frozen=True, slots=True)
class NetworkChanged:
    """Something of the meeting's learning network changed ('preparers': a preparer link was revoked)."""

    network_id: int
    what: NetworkPart


@dataclass(frozen=True, slots=True)
class Forgotten:
    """A member asked to be forgotten: their participants leave, without name or device."""

    participant_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LetBackIn:
    """A removed participant's device may join again."""

    participant_id: str


@dataclass(frozen=True, slots=True)
class PlaceChanged:
    """In a hybrid meeting: a participant said they are in the room or online."""

    participant_id: str
    place: str


@dataclass(frozen=True, slots=True)
class Presence:
    """How many pages of a participant are open on the instance that sent it."""

    participant_id: str
    count: int


@dataclass(frozen=True, slots=True)
class MeetingUpdated:
    """The meeting's info or settings changed: only the fields that are not None (``no_date``: the date was cleared)."""

    locked: bool | None = None
    state: MeetingState | None = None
    screen_key: str | None = None
    max_participants: int | None = None
    language: str | None = None
    show_agreements: bool | None = None
    title: str | None = None
    on: date | None = None    # the meeting's date
    no_date: bool = False     # the date was cleared (None above means: unchanged)
    place: str | None = None
    host: str | None = None
    report_key: str | None = None
    recap_note: str | None = None
    recap_quotes: tuple[str, ...] | None = None
    show_recap: bool | None = None
    mode: str | None = None
    plenary_url: str | None = None
    video_base: str | None = None
    video_links: tuple[str, ...] | None = None
    mixed: bool | None = None


@dataclass(frozen=True, slots=True)
class InviteSaved:
    """A moderator invite made or changed."""

    invite: Invite


# the agenda
@dataclass(frozen=True, slots=True)
class ActivitySaved:
    """An activity added or changed (text, settings, state, revealed); settings as stored."""

    id: int
    kind: str
    text: str
    settings: dict[str, Any]
    state: str
    revealed: bool
    position: int
    closed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ActivityDeleted:
    """An activity taken off the agenda."""

    activity_id: int


@dataclass(frozen=True, slots=True)
class OrderChanged:
    """The agenda's new order."""

    activity_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CurrentChanged:
    """The activity shown on the screen and the phones (None: none)."""

    activity_id: int | None


@dataclass(frozen=True, slots=True)
class AnswerSaved:
    """One participant's answer stored, changed or hidden (``version``: the stored response's)."""

    activity_id: int
    participant_id: str
    answer: Answer
    version: int = 0  # the stored response's version: a late message about an older one is ignored (0: unknown)


# rounds of a kind that has them (``kind`` names the runner that applies it)
@dataclass(frozen=True, slots=True)
class RoundSaved:
    """A new round, or new places in it: views rebuild their round part."""

    kind: str
    round: Round


@dataclass(frozen=True, slots=True)
class ClockChanged:
    """Start, pause, +1 minute, end: countdowns change in place."""

    kind: str
    round: Round


CORE_CHANGES: tuple[type, ...] = (Joined, Left, Forgotten, NetworkChanged, LetBackIn, Presence, PlaceChanged,
                                  MeetingUpdated,
                                  InviteSaved, ActivitySaved, ActivityDeleted, OrderChanged, CurrentChanged,
                                  AnswerSaved, RoundSaved, ClockChanged)


class ChangeCodec:
    """Changes to JSON-able dicts and back; the class name is the wire name (renaming one changes the protocol)."""

    def __init__(self, types: tuple[type, ...]) -> None:
        self._adapters: dict[str, TypeAdapter[Any]] = {t.__name__: TypeAdapter(t) for t in types}

    def encode(self, change: object) -> dict[str, Any]:
        name = type(change).__name__
        return {'type': name, 'data': self._adapters[name].dump_python(change, mode='json')}

    def decode(self, message: dict[str, Any]) -> object | None:
        """The change, or None (logged) when its type is unknown here or its data does not fit."""
        adapter = self._adapters.get(str(message.get('type')))
        if adapter is None:
            log.warning('ignoring a change of unknown type %r (a newer instance?)', message.get('type'))
            return None
        try:
            change: object = adapter.validate_python(message.get('data'))
            return change
        except ValidationError:
            log.warning('ignoring a change of type %r that does not fit', message.get('type'), exc_info=True)
            return None
