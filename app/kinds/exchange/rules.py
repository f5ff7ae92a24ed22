"""Give and need ("Geven en vragen") as an activity kind (pure): its settings, how an answer is checked and stored,
what the market looks like, which pairs it suggests to speed dating.

An answer is stored like any other: ``text`` holds the offers and needs as JSON (``app.domain.exchange.dump``),
``choice`` stays empty. One answer per participant per activity, changeable while it is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Self

from app.domain.activities import Activity, Answer, KindSettings
from app.domain.errors import Refused
from app.domain.exchange import (
    MAX_TAG,
    MAX_TAGS,
    GiveNeed,
    Match,
    clean,
    clean_tags,
    dump,
    matches,
    pair_strengths,
    parse,
    unmet,
)
from app.domain.people import Person, limited_text
from app.domain.report import Block, Figure, Quote, ReportSection
from app.domain.rounds import Round
from app.domain.series import Series
from app.i18n import N_, NP_, Translate
from app.kinds.base import Kind
from app.kinds.exchange.series import OpenNeed, open_needs

MAX_QUESTION = 200
MAX_STORED = 4000  # characters of an answer as sent (three offers and three needs with tags fit easily)
DEFAULT_QUESTIONS = {'give': N_('exchange.give_question'), 'need': N_('exchange.need_question')}


@dataclass(frozen=True, slots=True)
class ExchangeSettings(KindSettings):
    give: str = ''     # the "what can you share" question; '' is the default, in the reader's language
    need: str = ''     # the "what do you need" question
    tags: str = ''     # the facilitator's tags, one per line ("roosters", "vrijwilligers", …)

    def checked(self, old: Self | None, answered: bool) -> Self:
        lines = (self.tags or '').splitlines()
        for line in lines:
            limited_text(line, MAX_TAG, NP_('error.tag_too_long'))
        if len(clean_tags(lines, most=None)) > MAX_TAGS:  # refused, never the last ones dropped
            raise Refused(NP_('error.too_many_tags'), count=MAX_TAGS)
        return replace(self, give=limited_text(self.give, MAX_QUESTION, NP_('error.question_too_long')),
                       need=limited_text(self.need, MAX_QUESTION, NP_('error.question_too_long')),
                       tags='\n'.join(clean_tags(lines)))

    @property
    def tag_list(self) -> tuple[str, ...]:
        return clean_tags(self.tags.splitlines())

    def question(self, side: str, t: Translate) -> str:
        return getattr(self, side) or t(DEFAULT_QUESTIONS[side])


@dataclass(frozen=True, slots=True)
class Market:
    """Everyone's offers and needs in one activity and what matches (of the people who may be shown)."""

    answers: dict[str, GiveNeed]
    matches: list[Match]

    @property
    def offers(self) -> int:
        return sum(len(a.gives) for a in self.answers.values())

    @property
    def needs(self) -> int:
        return sum(len(a.needs) for a in self.answers.values())

    def unmet(self) -> list:
        return unmet(self.answers, self.matches)


_markets: dict[int, tuple[tuple, Market]] = {}  # activity id -> (what it was computed from, market)


def market_of(activity: Activity, answers: Mapping[str, Answer], people: Mapping[str, Person]) -> Market:
    """The market of ``answers`` from ``people`` (the others — removed, forgotten — are left out), hidden answers
    left out. Computed once per set of answers and shared by every view of the activity (phones, screen)."""
    shown = {pid: a.text for pid, a in answers.items() if pid in people and not a.hidden}
    key = tuple(sorted((pid, text, people[pid].organisation) for pid, text in shown.items()))
    cached = _markets.get(activity.id)
    if cached is not None and cached[0] == key:
        return cached[1]
    parsed = {pid: parse(text) for pid, text in shown.items()}
    parsed = {pid: a for pid, a in parsed.items() if not a.empty}
    found = matches(parsed, {pid: people[pid].organisation for pid in parsed})
    market = Market(parsed, found)
    if len(_markets) > 500:
        _markets.clear()
    _markets[activity.id] = (key, market)
    return market


class ExchangeRules(Kind):
    name = 'exchange'
    label = N_('kind.exchange')
    text_label = N_('agenda.title_field')
    settings = ExchangeSettings
    answered = True
    network_order = 30  # its card ("Open vragen") after the evaluation's and the network map's

    async def series(self, series: Series) -> tuple[OpenNeed, ...]:
        """The needs of the network's members that no other member's offer meets yet (app/kinds/exchange/series.py)."""
        return await open_needs(series, self.name)

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        if len(text or '') > MAX_STORED:
            raise Refused(NP_('error.exchange_too_long'), count=MAX_STORED)
        answer: GiveNeed = parse(text or '')
        return '', dump(clean(answer, ExchangeSettings.of(activity).tag_list))

    def phone_view(self, activity: Activity) -> tuple:
        s = ExchangeSettings.of(activity)  # revealing names on the screen does not rebuild phones
        return activity.id, activity.text, activity.state, s.give, s.need, s.tags

    def preferred_pairs(self, activity: Activity, answers: dict[str, Answer],
                        people: list[Person]) -> dict[frozenset[str], float]:
        return pair_strengths(market_of(activity, answers, {p.id: p for p in people}).matches)

    def pair_reason(self, activity: Activity, answers: dict[str, Answer], people: dict[str, Person], me: str,
                    partner: str, t: Translate) -> str:
        """ "Bram kan je helpen met „roosters” …" and the other way round: the best match each way."""
        found = market_of(activity, answers, people).matches
        name = people[partner].name if partner in people else ''
        lines = []
        for m in found:  # best first
            if m.need_of == me and m.offer_of == partner:
                lines.append(t('exchange.helps_you', name=name, need=m.need.text, offer=m.offer.text))
                break
        for m in found:
            if m.need_of == partner and m.offer_of == me:
                lines.append(t('exchange.you_can_help', name=name, need=m.need.text, offer=m.offer.text))
                break
        return '\n'.join(lines)

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        parsed = [parse(text) for text in answers]
        found = matches({str(i): a for i, a in enumerate(parsed)})
        return t('summary.exchange', offers=sum(len(a.gives) for a in parsed),
                 needs=sum(len(a.needs) for a in parsed), matches=len(found))

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """What was offered and needed, which needs met an offer and which are still open — never a name."""
        parsed = {pid: parse(a.text) for pid, a in answers.items() if not a.hidden}
        found = matches(parsed)
        figures = (Figure(t('exchange.offers'), str(sum(len(a.gives) for a in parsed.values()))),
                   Figure(t('exchange.needs'), str(sum(len(a.needs) for a in parsed.values()))),
                   Figure(t('exchange.matches'), str(len(found))))
        seen: set[tuple[str, str]] = set()
        met = []
        for m in found:
            if (m.need.text, m.offer.text) not in seen:
                seen.add((m.need.text, m.offer.text))
                met.append(Quote(t('exchange.report_match', need=m.need.text, offer=m.offer.text)))
        open_needs = tuple(Quote(need.text) for _, need in unmet(parsed, found))
        blocks = tuple(b for b in (Block(t('exchange.matched'), tuple(met)), Block(t('exchange.open_needs'),
                                                                                      open_needs)) if b.quotes)
        return ReportSection(t(self.label), activity.text, t.plural('agenda.answers', len(parsed)),
                             figures=figures if parsed else (), blocks=blocks)
