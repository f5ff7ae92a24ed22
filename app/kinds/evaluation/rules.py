"""The evaluation after a meeting (pure): ROTI 0–5 with one tap, then three optional questions.

An answer is stored like any other (the contract the reports and the trends rely on):

- ``choice``: the score '0'..'5' (``ROTI``);
- ``reason``: "Wat zou er één punt bij doen?" — only asked while the stored score is below 4 (``asks_why``);
- ``text``: "Wat neem je mee naar je eigen werk?";
- ``extra``: "Wat mag anders?".

Answers are anonymous: the phone offers no "show my name".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Self

from app.domain.activities import Activity, Answer, KindSettings, clean_reason
from app.domain.errors import Refused
from app.domain.evaluation import MEANING, ROTI, MeetingEvaluation, RotiStats, roti_stats
from app.domain.people import limited_text
from app.domain.report import Block, Figure, NetworkSection, ReportSection, bars, quotes
from app.domain.rounds import Round
from app.domain.series import Series, SeriesMeeting
from app.domain.tallies import format_number
from app.domain.templates import LAST, TEMPLATES, TemplatePart
from app.i18n import N_, NP_, Translate
from app.kinds.base import Kind
from app.kinds.evaluation.series import SeriesEvaluation, meeting_evaluation, over_series

MAX_QUESTION = 200
QUESTIONS = ('why', 'take_away', 'change')
FIELDS = {'why': 'reason', 'take_away': 'text', 'change': 'extra'}  # question -> the Answer field it fills
# each question as shown when the facilitator did not write their own: in the viewer's language
DEFAULT_QUESTIONS = {'why': N_('evaluation.why'), 'take_away': N_('evaluation.take_away'),
                     'change': N_('evaluation.change')}
QUESTION_TEXT = N_('evaluation.question')  # the activity's text when added in one click or from a template


@dataclass(frozen=True, slots=True)
class EvaluationSettings(KindSettings):
    """The three follow-up questions: '' means the default question, in the language of whoever reads it."""

    why: str = ''
    take_away: str = ''
    change: str = ''
    results_live: bool = True       # False: only the count on the screen until the facilitator reveals
    texts_on_screen: bool = False   # the facilitator shows the written answers (never with names)

    @property
    def options(self) -> tuple[str, ...]:
        return ROTI

    def checked(self, old: Self | None, answered: bool) -> Self:
        cleaned = {name: limited_text(getattr(self, name), MAX_QUESTION, NP_('error.question_too_long'))
                   for name in QUESTIONS}
        return replace(self, **cleaned)

    def question(self, name: str, t: Translate) -> str:
        """The question ``name`` ('why', 'take_away', 'change') as the reader sees it."""
        return getattr(self, name) or t(DEFAULT_QUESTIONS[name])


def stats_of(counts: Mapping[str, int]) -> RotiStats:
    """ROTI stats from counts per score (the agenda's tally)."""
    return roti_stats(score for score, n in counts.items() for _ in range(n))


class EvaluationRules(Kind):
    name = 'evaluation'
    label = N_('kind.evaluation')
    settings = EvaluationSettings
    answered = True
    # every built-in template closes with the evaluation, with its default questions
    template_items = tuple(TemplatePart(key, LAST, QUESTION_TEXT) for key, _ in TEMPLATES)
    # answers still count this long after it closed, from a device that was in the meeting before it closed
    late_answers = (timedelta(hours=48), N_('error.evaluation_closed'), N_('evaluation.not_joined'))

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        if choice is None or choice == '':
            raise Refused(N_('error.score_first'))
        if choice not in ROTI:
            raise Refused('error.answer_invalid')
        return str(choice), clean_reason(text)

    def phone_view(self, activity: Activity) -> tuple:
        # showing the texts on the screen or revealing results does not rebuild phones
        s = EvaluationSettings.of(activity)
        return activity.id, activity.text, activity.state, s.why, s.take_away, s.change

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        stats = stats_of(counts)
        return t.plural('summary.evaluation', stats.count, mean=format_number(stats.mean, lang),
                        median=format_number(stats.median, lang))

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """The distribution 0..5, average and median, then the written answers per question (never a hidden one;
        never a name: the evaluation is anonymous)."""
        stats = roti_stats(a.choice for a in answers.values())
        counts = dict(zip(ROTI, stats.distribution, strict=True))
        figures = (Figure(t('evaluation.mean'), format_number(stats.mean, lang)),
                   Figure(t('evaluation.median'), format_number(stats.median, lang))) if stats.count else ()
        settings = EvaluationSettings.of(activity)
        blocks = []
        for question in ('take_away', 'change', 'why'):
            found = tuple(replace(q, person='') for q in quotes(answers, FIELDS[question]))
            if found:
                blocks.append(Block(settings.question(question, t), found))
        return ReportSection(t(self.label), activity.text, t.plural('agenda.answers', stats.count),
                             bars=bars(ROTI, counts, lambda c: f'{c} – {t(MEANING[c])}') if stats.count else (),
                             figures=figures, blocks=tuple(blocks))

    # the network level (app/kinds/evaluation/series.py): the trend card, the report's ROTI table, "Vorige keer"
    network_order = 10  # the first card on the network page

    async def series(self, series: Series) -> SeriesEvaluation:
        return await over_series(series, self.name)

    def network_report(self, found: SeriesEvaluation, t: Translate, lang: str) -> NetworkSection | None:
        """ROTI per meeting of the series (once any meeting has answers)."""
        points = found.trend.points
        if not any(p.stats.count for p in points):
            return None
        return NetworkSection(t(N_('report.trend')),
                              tuple(t(key) for key in (N_('report.meeting'), N_('report.count'), N_('report.mean'),
                                                       N_('report.median'))),
                              tuple((p.title, str(p.stats.count), format_number(p.stats.mean, lang),
                                     format_number(p.stats.median, lang)) for p in points))

    async def recap(self, series: Series, meeting: SeriesMeeting) -> MeetingEvaluation:
        return await meeting_evaluation(series, meeting, self.name)
