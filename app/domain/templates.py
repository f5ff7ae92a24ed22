"""Ready-made agendas for the meetings of a learning network (the seeds' formats), and a meeting's agenda as one.

A built-in template is put together from what the kinds contribute (``Kind.template_items``: an activity at a place
in a template, with its role in the series); the registry assembles them (``Registry.templates``). Texts are catalog
keys: a template is laid out in the facilitator's language when it is used. Every built-in template ends with the
evaluation (ROTI), with its default questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.domain.activities import Role
from app.i18n import N_


@dataclass(frozen=True, slots=True)
class TemplateItem:
    kind: str
    text: str                      # a catalog key (built-in) or the text itself (a facilitator's own)
    settings: dict[str, Any]
    role: Role = ''                # its role in the series (stored with its settings when used)


@dataclass(frozen=True, slots=True)
class TemplatePart:
    """What a kind contributes to a built-in template: one activity of that kind at a place in it."""

    template: str                  # the template's key (``TEMPLATES``)
    place: int                     # its place in the template, from 0; ``LAST``: at the end
    text: str                      # a catalog key
    settings: dict[str, Any] = field(default_factory=dict)
    role: Role = ''


@dataclass(frozen=True, slots=True)
class BuiltInTemplate:
    key: str
    name: str                      # catalog key
    items: tuple[TemplateItem, ...]


TEMPLATES: tuple[tuple[str, str], ...] = (  # (key, name's catalog key), in the order the planning dialog lists them
    ('start', N_('template.start')),
    ('deepening', N_('template.deepening')),
    ('closing', N_('template.closing')),
)
LAST = 1_000  # the place of what closes every template (the evaluation)


def assemble(parts: Iterable[tuple[str, TemplatePart]]) -> tuple[BuiltInTemplate, ...]:
    """The built-in templates from (kind name, part) pairs: each template's parts in the order of their places (two
    parts on one place: in the order given). A part of an unknown template is left out."""
    items: dict[str, list[tuple[int, int, TemplateItem]]] = {key: [] for key, _ in TEMPLATES}
    for n, (kind, part) in enumerate(parts):
        if part.template in items:
            items[part.template].append((part.place, n, TemplateItem(kind, part.text, dict(part.settings), part.role)))
    return tuple(BuiltInTemplate(key, name, tuple(item for _, _, item in sorted(items[key], key=lambda x: x[:2])))
                 for key, name in TEMPLATES)


# settings whose value is a catalog key in a built-in template (a list of questions, one per line)
TRANSLATED_SETTINGS = ('round_questions',)


def as_items(activities: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """A meeting's agenda as a facilitator's own template (kind, text, settings; no answers, no state)."""
    return [{'kind': kind, 'text': text, 'settings': dict(settings)} for kind, text, settings in activities]
