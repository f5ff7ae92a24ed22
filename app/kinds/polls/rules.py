"""The rules of the three poll kinds: their settings, what counts as an answer, their summary (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, Self

from app.domain.activities import Activity, Answer, KindSettings
from app.domain.errors import Refused
from app.domain.people import required_text
from app.domain.report import Figure, ReportSection
from app.domain.rounds import Round
from app.domain.tallies import Tally, format_number, score_stats, whole_percentages, words
from app.domain.templates import TemplatePart
from app.i18n import N_, NP_, Translate
from app.kinds.base import Kind

AGREE, DISAGREE, DOUBT = 'agree', 'disagree', 'doubt'
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

EXAMPLE_KEYS = (N_('example.statement_1'), N_('example.statement_2'), N_('example.statement_3'),
                N_('example.statement_4'))  # the same four, in the facilitator's language


@dataclass(frozen=True, slots=True)
class PollSettings(KindSettings):
    results_live: bool = True         # False: only the count until the facilitator reveals
    results_on_phones: bool = True    # revealed results also on the phones


@dataclass(frozen=True, slots=True)
class StatementSettings(PollSettings):
    ask_reason: bool = True           # "Waarom?"
    with_doubt: bool = False          # a middle option "Twijfel"
    reasons_on_screen: bool = False   # the facilitator shows the reasons wall on the screen

    @property
    def options(self) -> tuple[str, ...]:
        return (AGREE, DOUBT, DISAGREE) if self.with_doubt else (AGREE, DISAGREE)

    def checked(self, old: Self | None, answered: bool) -> Self:
        if old is not None and answered:  # the answers depend on the options
            return replace(self, with_doubt=old.with_doubt)
        return self


@dataclass(frozen=True, slots=True)
class ScoreSettings(PollSettings):
    ask_reason: bool = True
    scale_min: int = 0                # 0–10 or 1–10
    reasons_on_screen: bool = False

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(str(v) for v in range(self.scale_min, 11))

    def checked(self, old: Self | None, answered: bool) -> Self:
        scale_min = old.scale_min if old is not None and answered else 1 if self.scale_min == 1 else 0
        return replace(self, scale_min=scale_min)


@dataclass(frozen=True, slots=True)
class OpenSettings(PollSettings):
    display: Literal['cloud', 'wall'] = 'wall'

    def checked(self, old: Self | None, answered: bool) -> Self:
        return self if self.display in ('cloud', 'wall') else replace(self, display='wall')



class ChoiceRules(Kind):
    """A poll answered by tapping one of the options."""

    answered = True

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        if choice not in activity.options:
            raise Refused('error.answer_invalid')
        return str(choice), ''

    def phone_view(self, activity: Activity) -> tuple:
        s = PollSettings.of(activity)
        return (activity.id, activity.text, activity.state, activity.revealed, activity.options,
                getattr(s, 'ask_reason', False), getattr(s, 'results_on_phones', True))


class StatementRules(ChoiceRules):
    name = 'statement'
    label = N_('kind.statement')
    settings = StatementSettings
    examples = tuple((key, {'ask_reason': True}) for key in EXAMPLE_KEYS)
    template_items = (TemplatePart('deepening', 2, N_('template.deepening.statement')),)

    def label_of(self, choice: str) -> str | None:
        return f'option.{choice}' if choice in (AGREE, DOUBT, DISAGREE) else None

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        shares = whole_percentages(counts)
        return ', '.join(f'{t(f"option.{o}")} {counts.get(o, 0)} ({shares.get(o, 0)}%)'
                         for o in activity.options)


class ScoreRules(ChoiceRules):
    name = 'score'
    label = N_('kind.score')
    settings = ScoreSettings
    template_items = (TemplatePart('start', 3, N_('template.start.confidence')),)

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        stats = score_stats(counts)
        return t.plural('summary.score', stats.count, mean=format_number(stats.mean, lang),
                        median=format_number(stats.median, lang))

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        section = super().report(activity, answers, rounds, t, lang)
        stats = score_stats(self.tally(activity, answers.values()).counts)
        if not stats.count:
            return section
        return replace(section, figures=(Figure(t('report.mean'), format_number(stats.mean, lang)),
                                         Figure(t('report.median'), format_number(stats.median, lang))))


class OpenRules(Kind):
    name = 'open'
    label = N_('kind.open')
    settings = OpenSettings
    answered = True
    takes_topics = True  # a network's topic goes onto the agenda as an open question
    template_items = (
        TemplatePart('start', 0, N_('template.start.expectations'), role='expectations'),
        TemplatePart('start', 2, N_('template.start.learning_goal')),
        TemplatePart('deepening', 0, N_('template.applied')),  # applied value: what came of last time's take-away
        TemplatePart('deepening', 1, N_('template.deepening.case')),
        TemplatePart('deepening', 4, N_('template.deepening.harvest')),
        TemplatePart('closing', 0, N_('template.applied')),
        TemplatePart('closing', 1, N_('template.closing.looking_back'), role='achieved'),
        TemplatePart('closing', 2, N_('template.closing.follow_up')),
    )

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        return '', required_text(text, MAX_ANSWER, N_('error.answer_required'), NP_('error.answer_too_long'))

    def tally(self, activity: Activity, answers: Iterable[Answer]) -> Tally:
        return Tally(())

    def phone_view(self, activity: Activity) -> tuple:
        s = OpenSettings.of(activity)
        return activity.id, activity.text, activity.state, activity.revealed, s.results_on_phones, s.display

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        top = ', '.join(f'{word} ({count})' for word, count in words(answers, top=8))
        return t.plural('summary.open', len(answers)) + (f' — {top}' if top else '')
