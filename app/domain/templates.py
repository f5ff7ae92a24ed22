"""Ready-made agendas for the meetings of a learning network (the seeds' formats), and a meeting's agenda as one.

Texts are catalog keys: a template is laid out in the facilitator's language when it is used. Every built-in
template ends with the evaluation (ROTI), with its default questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.i18n import N_


@dataclass(frozen=True, slots=True)
class TemplateItem:
    kind: str
    text: str                      # a catalog key (built-in) or the text itself (a facilitator's own)
    settings: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BuiltInTemplate:
    key: str
    name: str                      # catalog key
    items: tuple[TemplateItem, ...]


BUILT_IN: tuple[BuiltInTemplate, ...] = (
    BuiltInTemplate('start', N_('template.start'), (
        TemplateItem('open', N_('template.start.expectations'), {}),
        TemplateItem('speed_date', N_('template.start.speed_date'),
                     {'minutes': 4, 'round_questions': N_('template.start.speed_date_questions')}),
        TemplateItem('open', N_('template.start.learning_goal'), {}),
        TemplateItem('score', N_('template.start.confidence'), {}),
        TemplateItem('evaluation', N_('evaluation.question'), {}),
    )),
    BuiltInTemplate('deepening', N_('template.deepening'), (
        TemplateItem('open', N_('template.applied'), {}),  # applied value: what came of last time's take-away
        TemplateItem('open', N_('template.deepening.case'), {}),
        TemplateItem('statement', N_('template.deepening.statement'), {}),
        TemplateItem('breakout', N_('template.deepening.breakout'), {'minutes': 20}),
        TemplateItem('open', N_('template.deepening.harvest'), {}),
        TemplateItem('evaluation', N_('evaluation.question'), {}),
    )),
    BuiltInTemplate('closing', N_('template.closing'), (
        TemplateItem('open', N_('template.applied'), {}),
        TemplateItem('open', N_('template.closing.looking_back'), {}),
        TemplateItem('open', N_('template.closing.follow_up'), {}),
        TemplateItem('evaluation', N_('evaluation.question'), {}),
    )),
)


def built_in(key: str) -> BuiltInTemplate | None:
    return next((template for template in BUILT_IN if template.key == key), None)


# settings whose value is a catalog key in a built-in template (a list of questions, one per line)
TRANSLATED_SETTINGS = ('round_questions',)


def as_items(activities: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """A meeting's agenda as a facilitator's own template (kind, text, settings; no answers, no state)."""
    return [{'kind': kind, 'text': text, 'settings': dict(settings)} for kind, text, settings in activities]
