"""Speed dating's settings and rules (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal, Self

from app.domain.activities import Activity, Answer, KindSettings, clamp
from app.domain.pairing import max_rounds_without_repeat
from app.domain.report import Block, Quote, ReportSection
from app.domain.rounds import Round
from app.domain.templates import TemplatePart
from app.i18n import N_, Translate
from app.kinds.base import Kind

MAX_MINUTES = 60.0
PAIRING_MINUTES = 5.0  # a speed dating made from give and need (pairing_settings)
MAX_ROUNDS = 50


@dataclass(frozen=True, slots=True)
class SpeedDateSettings(KindSettings):
    minutes: float = 2.0              # per round
    rounds: int = 0                   # 0 = as many as possible without repeats
    round_questions: str = ''         # one question per line, used round after round
    tables: bool = False              # numbered tables/spots
    odd: Literal['trio', 'pause'] = 'trio'  # an odd count makes a trio, or one person pauses
    sound: bool = True                # a sound on the screen at the end of a round
    pairs_from: int = 0               # an activity whose answers suggest pairs first (give and need); 0: none

    def checked(self, old: Self | None, answered: bool) -> Self:
        return replace(self, minutes=clamp(float(self.minutes or 2), 0.5, MAX_MINUTES),
                       rounds=int(clamp(int(self.rounds or 0), 0, MAX_ROUNDS)),
                       odd=self.odd if self.odd in ('trio', 'pause') else 'trio',
                       pairs_from=max(0, int(self.pairs_from or 0)))


def planned_rounds(settings: SpeedDateSettings, people: int) -> int:
    """How many rounds the facilitator planned: the setting, or as many as possible without repeats."""
    if settings.rounds > 0:
        return settings.rounds
    return max(1, max_rounds_without_repeat(max(people, 2), odd=settings.odd))


def total_rounds(settings: SpeedDateSettings, rounds: list[Round]) -> int:
    """The "van 5" of "Ronde 2 van 5", fixed when the activity starts: the setting, or as many as possible for
    the people of the first round — the same on every device, whoever joins or leaves later."""
    if not rounds:
        return planned_rounds(settings, 0)
    first = rounds[0]
    people = sum(len(group) for group in first.groups) + (1 if first.paused else 0)
    return max(planned_rounds(settings, people), rounds[-1].number)


def question_for(settings: SpeedDateSettings, number: int) -> str:
    questions = [line.strip() for line in settings.round_questions.splitlines() if line.strip()]
    return questions[(number - 1) % len(questions)] if questions else ''


class SpeedDateRules(Kind):
    name = 'speed_date'
    label = N_('kind.speed_date')
    text_label = N_('agenda.title_field')
    settings = SpeedDateSettings
    template_items = (TemplatePart('start', 1, N_('template.start.speed_date'),
                                   {'minutes': 4, 'round_questions': N_('template.start.speed_date_questions')}),)

    def pairing_settings(self, source: Activity) -> dict[str, Any] | None:
        """A speed dating of 5 minutes that pairs the strongest mutual matches of ``source`` first."""
        return {'minutes': PAIRING_MINUTES, 'pairs_from': source.id}

    def progress(self, activity: Activity, answers: int, rounds: list[Round], t: Translate) -> str:
        done = sum(1 for r in rounds if r.activity_id == activity.id)
        return t.plural('agenda.rounds_done', done) if done else ''

    def phone_view(self, activity: Activity) -> tuple:
        return activity.id, activity.text, activity.state, SpeedDateSettings.of(activity).tables

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """The rounds and their questions; who sat with whom stays out of the report."""
        asked = tuple(Quote(r.question, t('breakout.round', number=r.number)) for r in rounds if r.question)
        return ReportSection(t(self.label), activity.text, self.progress(activity, 0, rounds, t),
                             blocks=(Block(t('report.round_questions'), asked),) if asked else ())
