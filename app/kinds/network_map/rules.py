"""The network map as an activity kind (pure): its settings and what counts as an answer.

An answer is stored like any other:

- ``text``: the ties as canonical JSON (``app.domain.network_map.dump_ties``): whom I asked, whom I helped, outside
  contacts by type (never a name);
- ``reason``: the reflection question's answer ("Wat maakt het moeilijk om hulp te vragen?");
- ``choice``: '' (nothing to tap).

``clean_answer`` checks the structure only (it does not know the room's people); who may be named is checked
against the room before storing (``app.kinds.network_map.answers.store_ties``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Self

from app.domain.activities import Activity, Answer, KindSettings
from app.domain.errors import Refused
from app.domain.network_map import MapGraph, Ties, dump_ties, parse_ties, read_ties
from app.domain.people import limited_text
from app.domain.report import Block, Figure, ReportSection, quotes
from app.domain.rounds import Round
from app.domain.series import Series
from app.i18n import N_, NP_, Translate
from app.kinds.base import Kind
from app.kinds.network_map.series import BeforeAfter, before_after

MAX_QUESTION = 200
DEFAULT_REFLECTION = N_('network_map.reflection')
PERIODS = ('since_last', 'ever')
PERIOD_KEYS = {'since_last': N_('network_map.period.since_last'), 'ever': N_('network_map.period.ever')}
OUTSIDE_KEYS = {'colleague': N_('network_map.outside.colleague'), 'client': N_('network_map.outside.client'),
                'expert': N_('network_map.outside.expert'), 'other': N_('network_map.outside.other')}
DIRECTION_KEYS = {'asked': N_('network_map.outside_asked'), 'gave': N_('network_map.outside_gave')}  # "{type}"


@dataclass(frozen=True, slots=True)
class NetworkMapSettings(KindSettings):
    period: Literal['since_last', 'ever'] = 'since_last'
    names_on_screen: bool = False     # anonymous by default: shapes without names
    reflection: str = ''              # '' : the default question, in the reader's language

    def checked(self, old: Self | None, answered: bool) -> Self:
        period = self.period if self.period in PERIODS else 'since_last'
        if answered and old is not None:
            period = old.period  # the question people answered stays the question
        return replace(self, period=period, names_on_screen=bool(self.names_on_screen),
                       reflection=limited_text(self.reflection, MAX_QUESTION, NP_('error.question_too_long')))

    def question(self, t: Translate) -> str:
        return self.reflection or t(DEFAULT_REFLECTION)


def answers_of(answers: dict[str, Answer]) -> dict[str, Ties]:
    """The ties of every answer that is not hidden."""
    return {pid: read_ties(a.text) for pid, a in answers.items() if not a.hidden}


class NetworkMapRules(Kind):
    name = 'network_map'
    label = N_('kind.network_map')
    settings = NetworkMapSettings
    answered = True
    network_order = 20  # its card after the evaluation's trend

    async def series(self, series: Series) -> BeforeAfter | None:
        """The first and the latest map of the series (app/kinds/network_map/series.py); None: no map yet."""
        return await before_after(series, self.name)

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        if choice:
            raise Refused('error.answer_invalid')
        return '', dump_ties(parse_ties(text))

    def phone_view(self, activity: Activity) -> tuple:
        s = NetworkMapSettings.of(activity)  # names on the screen do not rebuild phones
        return activity.id, activity.text, activity.state, s.period, s.reflection

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        marked = sum(len(read_ties(text).targets()) for text in answers)
        return t.plural('summary.network_map', len(answers), marked=marked)

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """Figures only: how many answered, ties, outside contacts per type; the reflection's texts without names.
        (The report is not handed the meeting's people: "across organisations", density and who nobody asked are
        on the control view only.)"""
        ties = answers_of(answers)
        named = {target for tie in ties.values() for target in tie.targets()}
        nodes = dict.fromkeys({*ties, *named}, ('', ''))
        graph = MapGraph.build(ties, nodes)
        figures = [Figure(t('network_map.figure.ties'), str(graph.ties))]
        for (direction, kind), count in sorted(graph.outside.items()):
            figures.append(Figure(t(DIRECTION_KEYS[direction], type=t(OUTSIDE_KEYS[kind])), str(count)))
        found = tuple(replace(q, person='') for q in quotes(answers, 'reason'))
        blocks = (Block(NetworkMapSettings.of(activity).question(t), found),) if found else ()
        return ReportSection(t(self.label), activity.text, t.plural('agenda.answers', len(ties)),
                             figures=tuple(figures) if ties else (), blocks=blocks)
