"""What every activity of an agenda has, whatever its kind: text, settings, state, answers.

The kinds themselves (statement, score, …) live in ``app/kinds``: each declares its own settings
(a ``KindSettings``) and what counts as an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any, Literal, Self

from app.domain.errors import Refused
from app.domain.people import clean_lines, required_text
from app.i18n import N_, NP_

State = Literal['waiting', 'open', 'closed']
# what an activity is for in a network's series, whatever its kind (set by a template or in the agenda editor):
# the first meeting's expectations, what the last meeting says was achieved; '' : no role
Role = Literal['', 'expectations', 'achieved']
ROLES: tuple[Role, ...] = ('', 'expectations', 'achieved')
MAX_TEXT = 300
MAX_REASON = 500


@dataclass(frozen=True, slots=True)
class KindSettings:
    """How an activity of one kind asks and shows; a kind subclasses it with its own fields. ``role`` is the one
    field every kind has: what the activity is for in a network's series (``ROLES``), stored with its settings
    only when set."""

    role: Role = ''

    def to_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != 'role' or self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Self:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in (data or {}).items() if k in names}
        if values.get('role', '') not in ROLES:
            values['role'] = ''  # a role this version does not know (or not a text): none
        return replace(cls(), **values)

    @property
    def options(self) -> tuple[str, ...]:
        """The answers a phone can tap, in display order (none: the kind has no buttons)."""
        return ()

    def checked(self, old: Self | None, answered: bool) -> Self:
        """These settings as they may be stored: limits applied; ``old`` and ``answered`` tell what may
        no longer change because people answered already."""
        return self

    @classmethod
    def of(cls, activity: Activity) -> Self:
        """``activity``'s settings as this class, the typed way for its kind to read them
        (``SpeedDateSettings.of(activity).tables``); an activity of another kind is a programming error."""
        settings = activity.settings
        if not isinstance(settings, cls):
            raise TypeError(f'activity {activity.id} ({activity.kind}) has {type(settings).__name__}, '
                            f'not {cls.__name__}')
        return settings


@dataclass(frozen=True, slots=True)
class Activity:
    id: int
    kind: str
    text: str
    settings: KindSettings
    state: State = 'waiting'
    revealed: bool = False
    position: int = 0
    closed_at: datetime | None = None  # when it last closed (UTC); None while it never closed or is open again

    @property
    def options(self) -> tuple[str, ...]:
        return self.settings.options

    @property
    def results_visible(self) -> bool:
        return bool(getattr(self.settings, 'results_live', True)) or self.revealed


@dataclass(frozen=True, slots=True)
class Answer:
    """One participant's answer to one activity."""

    choice: str = ''
    text: str = ''
    reason: str = ''
    hidden: bool = False
    show_name: bool = False
    extra: str = ''        # a second optional text (the evaluation's "Wat mag anders?")


def clean_activity_text(text: str | None) -> str:
    return required_text(text, MAX_TEXT, N_('error.activity_text_required'), NP_('error.activity_text_too_long'))


def clean_reason(text: str | None) -> str:
    """A reason is optional; only its length is limited. Line breaks are kept."""
    value = clean_lines(text)
    if len(value) > MAX_REASON:
        raise Refused(NP_('error.reason_too_long'), count=MAX_REASON)
    return value


def takes_late_answer(closed_at: datetime | None, window: timedelta, joined_at: datetime | None, at: datetime) -> bool:
    """A closed activity that takes late answers (the evaluation: for 48 hours) takes one from someone who was in the
    meeting before it closed, until ``window`` after it closed; someone who joined after it closed took no part."""
    return closed_at is not None and joined_at is not None and joined_at <= closed_at and at - closed_at <= window


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))
