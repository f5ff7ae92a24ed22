"""Agenda activities: statements, scores and open questions — their settings and what counts as an answer."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from app.domain.people import InvalidInput, clean_text, required_text

Kind = Literal['statement', 'score', 'open', 'speed_date', 'breakout']
State = Literal['waiting', 'open', 'closed']
KINDS: tuple[Kind, ...] = ('statement', 'score', 'open', 'speed_date', 'breakout')
AGREE, DISAGREE, DOUBT = 'agree', 'disagree', 'doubt'
MAX_TEXT = 300
MAX_REASON = 500
MAX_ANSWER = 200

# The four statements of seed 004 ("Zelf training geven over kennis delen via lerende netwerken").
EXAMPLE_STATEMENTS = (
    'De rol van de facilitator/organisator is het allerbelangrijkste bij een lerend netwerk.',
    'Lerende netwerken zijn vooral nuttig wanneer je al met een specifiek probleem of vraag zit.',
    'Deelnemen aan een lerend netwerk is vooral nuttig wanneer je in een specifieke job zit, '
    'bijvoorbeeld als je zelf vormingen of opleidingen geeft.',
    'Bij een lerend netwerk kijk ik altijd eerst de kat uit de boom. Als je zelf eerst veel kennis deelt, '
    'riskeer je dat je er niets voor terug krijgt en met lege handen achterblijft.',
)


@dataclass(frozen=True, slots=True)
class Settings:
    """How an activity asks and shows; only the fields of its kind matter."""

    ask_reason: bool = True           # statement/score: "Waarom?"
    with_doubt: bool = False          # statement: a middle option "Twijfel"
    scale_min: int = 0                # score: 0–10 or 1–10
    display: Literal['cloud', 'wall'] = 'wall'  # open question
    results_live: bool = True         # False: only the count until the facilitator reveals
    results_on_phones: bool = True    # revealed results also on the phones
    reasons_on_screen: bool = False   # the facilitator shows the reasons wall on the screen
    minutes: float = 2.0              # speed date: minutes per round
    rounds: int = 0                   # speed date: 0 = as many as possible without repeats
    round_questions: str = ''         # speed date: one question per line, used round after round
    tables: bool = False              # speed date: numbered tables/spots
    odd: Literal['trio', 'pause'] = 'trio'  # speed date: an odd count makes a trio, or one person pauses
    sound: bool = True                # speed date: a sound on the screen at the end of a round
    group_by: Literal['size', 'count'] = 'size'  # breakout: people per group, or a number of groups
    group_value: int = 4              # breakout: that size or count
    fill: Literal['mixed', 'random', 'choose'] = 'mixed'  # breakout: mixed, random, or people pick a topic
    group_questions: str = ''         # breakout: one per line, divided over the groups
    locations: str = ''               # breakout: one per line ("tafel 3" or a video link)
    harvest_on_screen: int = -1       # breakout: -1 the groups, 0 every group's harvest, k only group k's

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> Settings:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return replace(cls(), **known)


@dataclass(frozen=True, slots=True)
class Activity:
    id: int
    kind: Kind
    text: str
    settings: Settings = field(default_factory=Settings)
    state: State = 'waiting'
    revealed: bool = False
    position: int = 0

    @property
    def options(self) -> tuple[str, ...]:
        """The answers a phone can tap (scores as text), in display order."""
        if self.kind == 'statement':
            return (AGREE, DOUBT, DISAGREE) if self.settings.with_doubt else (AGREE, DISAGREE)
        if self.kind == 'score':
            return tuple(str(v) for v in range(self.settings.scale_min, 11))
        return ()

    @property
    def results_visible(self) -> bool:
        return self.settings.results_live or self.revealed


def clean_activity_text(text: str | None) -> str:
    return required_text(text, MAX_TEXT, 'error.activity_text_required', 'error.activity_text_too_long')


def clean_answer(activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
    """The (choice, text) to store for an answer; raises InvalidInput with a message key."""
    if activity.kind == 'open':
        return '', required_text(text, MAX_ANSWER, 'error.answer_required', 'error.answer_too_long')
    if choice not in activity.options:
        raise InvalidInput('error.answer_invalid')
    return str(choice), ''


def clean_reason(text: str | None) -> str:
    """A reason is optional; only its length is limited. Line breaks are kept."""
    value = '\n'.join(clean_text(line) for line in (text or '').splitlines()).strip()
    if len(value) > MAX_REASON:
        raise InvalidInput('error.reason_too_long', max=MAX_REASON)
    return value
