"""Breakouts' settings and rules (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Self

from app.domain.activities import Activity, Answer, KindSettings, clamp
from app.domain.report import Block, Quote, ReportSection
from app.domain.rounds import Round
from app.domain.templates import TemplatePart
from app.domain.video import parse_places
from app.i18n import N_, Translate
from app.kinds.base import Kind
from app.kinds.speed_date.rules import MAX_MINUTES, MAX_ROUNDS

MAX_GROUP_VALUE = 100
MAX_MESSAGE = 200


@dataclass(frozen=True, slots=True)
class BreakoutSettings(KindSettings):
    minutes: float = 2.0
    group_by: Literal['size', 'count'] = 'size'  # people per group, or a number of groups
    group_value: int = 4              # that size or count
    fill: Literal['mixed', 'random', 'choose'] = 'mixed'  # mixed, random, or people pick a topic
    group_questions: str = ''         # one per line, divided over the groups
    locations: str = ''               # one per line ("tafel 3" or a video link)
    harvest_on_screen: int = -1       # -1 the groups, 0 every group's harvest, k only group k's
    rounds: int = 0                   # rounds planned; 0 = no fixed number

    def checked(self, old: Self | None, answered: bool) -> Self:
        parse_places(self.locations)  # a place that is a link is an http(s) link, or refused with its line
        return replace(self, minutes=clamp(float(self.minutes or 2), 0.5, MAX_MINUTES),
                       group_value=int(clamp(int(self.group_value or 0), 0, MAX_GROUP_VALUE)),
                       rounds=int(clamp(int(self.rounds or 0), 0, MAX_ROUNDS)),
                       group_by=self.group_by if self.group_by in ('size', 'count') else 'size',
                       fill=self.fill if self.fill in ('mixed', 'random', 'choose') else 'mixed')


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class BreakoutRules(Kind):
    name = 'breakout'
    label = N_('kind.breakout')
    text_label = N_('agenda.title_field')
    settings = BreakoutSettings
    template_items = (TemplatePart('deepening', 3, N_('template.deepening.breakout'), {'minutes': 20}),)

    def progress(self, activity: Activity, answers: int, rounds: list[Round], t: Translate) -> str:
        harvests = sum(1 for r in rounds if r.activity_id == activity.id for n in range(1, len(r.groups) + 1)
                       if r.info(n).note)
        return t.plural('agenda.harvests', harvests)

    def extra_rows(self, activity: Activity, rounds: list[Round], t: Translate) -> list[tuple[str, str, str]]:
        """Every group's harvest, one line per group and round."""
        return [(r.info(n).note, r.info(n).question, t('breakout.group', number=n) + ' · '
                 + t('breakout.round', number=r.number))
                for r in rounds if r.activity_id == activity.id for n in range(1, len(r.groups) + 1) if r.info(n).note]

    def phone_view(self, activity: Activity) -> tuple:
        return activity.id, activity.text, activity.state, BreakoutSettings.of(activity).fill

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """Every group's question and harvest, round by round; not who sat in which group."""
        several = len({r.number for r in rounds}) > 1
        blocks = []
        for r in rounds:
            if several and r.question:
                blocks.append(Block(t('breakout.round', number=r.number), note=r.question))
            for n in range(1, len(r.groups) + 1):
                info = r.info(n)
                if not (info.note.strip() or info.question):
                    continue
                title = t('breakout.group', number=n)
                if several:
                    title += ' · ' + t('breakout.round', number=r.number)
                harvest = (Quote(info.note.strip()),) if info.note.strip() else ()
                blocks.append(Block(title, harvest, info.question))
        return ReportSection(t(self.label), activity.text, self.progress(activity, 0, rounds, t),
                             blocks=tuple(blocks))
