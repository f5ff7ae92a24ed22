"""A meeting's report (pure): who was there, every activity as a section, the harvests, the agreements.

One function, ``build_report``, makes the report model from the meeting's data; each activity's section comes from
its kind (``Kind.report``), so no kind is named here. The model holds finished texts in the report's language; the
renderers (``app/domain/report_render.py``: HTML, Markdown; the PDF is the HTML printed) only lay them out.

Privacy, in one place: a section never holds a hidden answer, and a text carries its author only when that answer
allowed it (``Quote.person`` is set from ``show_name``; ``build_report`` turns it into the name). Who was there is
named only when they allowed it for at least one answer; the others are counted per organisation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.domain.activities import Activity, Answer
from app.domain.meetings import MeetingInfo
from app.domain.people import Person
from app.domain.rounds import Round
from app.domain.tallies import whole_percentages
from app.i18n import N_, Translate


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    percent: int          # whole; the bars of one chart add up to 100 (or all 0)


@dataclass(frozen=True, slots=True)
class Figure:
    label: str            # "Gemiddelde"
    value: str            # "7,4"


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    label: str = ''       # what it answers, shown before it ("Ronde 2")
    person: str = ''      # the participant id, only when the answer allowed the name (show_name)
    name: str = ''        # filled by build_report from ``person``


@dataclass(frozen=True, slots=True)
class Block:
    title: str            # "Redenen", "Groep 2 · Ronde 1"
    quotes: tuple[Quote, ...] = ()
    note: str = ''        # a line under the title (the group's question)


@dataclass(frozen=True, slots=True)
class ReportSection:
    kind_label: str
    text: str
    summary: str = ''     # "12 antwoorden"
    bars: tuple[Bar, ...] = ()
    figures: tuple[Figure, ...] = ()
    blocks: tuple[Block, ...] = ()
    number: int = 0       # its place in the agenda, from 1 (set by build_report)


@dataclass(frozen=True, slots=True)
class Attendance:
    total: int
    names: tuple[str, ...]                  # who allowed their name ("Anna (Woonzorg)")
    others: tuple[tuple[str, int], ...]     # the rest, per organisation ("zonder organisatie" last)


@dataclass(frozen=True, slots=True)
class Agreement:
    text: str
    who: str = ''


@dataclass(frozen=True, slots=True)
class Report:
    meeting_id: int
    title: str
    date: str             # formatted in the report's language ('' : no date)
    place: str
    host: str
    attendance: Attendance
    sections: tuple[ReportSection, ...]
    agreements: tuple[Agreement, ...] = ()


@dataclass(frozen=True, slots=True)
class NetworkSection:
    """A kind's section in a network's report, over the whole series (the evaluation's ROTI per meeting): a heading,
    a table (columns and rows of texts, already in the report's language) and lines under it."""

    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """What is rendered: one meeting's report, or a network's (every meeting, and the kinds' sections over the
    series: the ROTI trend)."""

    title: str
    reports: tuple[Report, ...]
    network: tuple[NetworkSection, ...] = ()
    subtitle: str = ''


# helpers for the kinds' ``report`` hooks
def bars(options: Sequence[str], counts: Mapping[str, int], label: Callable[[str], str]) -> tuple[Bar, ...]:
    """One bar per option, in the options' order, with its count and whole percentage."""
    counted = {option: counts.get(option, 0) for option in options}
    shares = whole_percentages(counted)
    return tuple(Bar(label(option), counted[option], shares[option]) for option in options)


def quotes(answers: Mapping[str, Answer], field: str = 'reason', label: str = '') -> tuple[Quote, ...]:
    """The non-empty ``field`` ('reason', 'text', 'extra') of every answer that is not hidden; the author only
    where the answer allowed the name."""
    return tuple(Quote(value, label, participant if answer.show_name else '')
                 for participant, answer in answers.items()
                 if not answer.hidden and (value := getattr(answer, field).strip()))


def answer_blocks(answers: Mapping[str, Answer], t: Translate,
                  titles: Sequence[tuple[str, str]] = (('text', N_('report.answers')),
                                                        ('reason', N_('report.reasons')),
                                                        ('extra', N_('report.extras')))) -> tuple[Block, ...]:
    """A block per answer field that has visible texts: (field, i18n key of its title)."""
    found = ((t(title), quotes(answers, field)) for field, title in titles)
    return tuple(Block(title, items) for title, items in found if items)


# the report
def attendance(people: Iterable[Person], named: set[str], t: Translate) -> Attendance:
    everyone = list(people)
    names = tuple(sorted((p.with_organisation for p in everyone if p.id in named), key=str.casefold))
    per_org = Counter(p.organisation for p in everyone if p.id not in named)
    without = per_org.pop('', 0)
    others = sorted(per_org.items(), key=lambda item: (-item[1], item[0].casefold()))
    if without:
        others.append((t('report.no_organisation'), without))
    return Attendance(len(everyone), names, tuple(others))


def build_report(info: MeetingInfo, kinds: Any, activities: Sequence[Activity],
                 answers: Mapping[int, Mapping[str, Answer]], rounds: Sequence[Round],
                 people: Mapping[str, Person], agreements: Iterable[Agreement], t: Translate,
                 lang: str) -> Report:
    """The report of one meeting.

    ``kinds`` looks a kind up by name (``kinds.get(name)``: the registry); ``activities`` in agenda order;
    ``answers`` per activity id and participant id; ``rounds`` every round of the meeting; ``people`` everyone
    who took part (present or left, not the removed), by participant id."""
    sections: list[ReportSection] = []
    for activity in activities:
        kind = kinds.get(activity.kind)
        if kind is None:  # a kind this instance does not know
            continue
        own = [r for r in rounds if r.activity_id == activity.id]
        section = kind.report(activity, dict(answers.get(activity.id, {})), own, t, lang)
        sections.append(replace(section, number=len(sections) + 1, blocks=tuple(
            replace(block, quotes=tuple(_named(q, people) for q in block.quotes)) for block in section.blocks)))
    named = {pid for by_person in answers.values() for pid, answer in by_person.items() if answer.show_name}
    return Report(info.id, info.title, t.date(info.date) if info.date else '', info.place, info.host,
                  attendance(people.values(), named, t), tuple(sections), tuple(agreements))


def _named(quote: Quote, people: Mapping[str, Person]) -> Quote:
    person = people.get(quote.person) if quote.person else None
    return replace(quote, name=person.name if person else '')
