"""Give and need (pure): what each participant can share and needs, and who could help whom.

An answer holds up to three offers ("wat kan je delen?") and three needs ("wat heb je nodig?"), each a short text
with optional tags the facilitator prepared. A need matches an offer of someone from another organisation when
they share a tag or enough of their words.

**How words are compared.** A text is folded (lower case, accents off), split into words, and words that carry
no theme ("de", "met", "kennis", "hulp", …) are dropped. Each word is reduced by the Snowball stemmers for Dutch
*and* English (``snowballstemmer``: "werven" and "werving" both become "werf", "vrijwilligers" "vrijwil"), so a
Dutch and an English text may meet. A long Dutch compound also counts the known words of six letters or more
it contains ("vrijwilligerswerving" contains "vrijwil…"), and two words sharing eight letters in a row are related
("cliënttevredenheid", "tevredenheidsmeting"), both at a lower weight. Rare words weigh more than words many answers
use (inverse document frequency over the market). The text score is how much of the need the offer covers (weight
0.7) and of the offer the need (0.3), out of each text's three weightiest words (a long text is not diluted); a
shared tag adds ``TAG_SCORE``; from ``MATCH_AT`` on it is a match. Synonyms across languages ("vrijwilligers
werven", "volunteer recruitment") are not seen: that would take a dictionary.
Everything is deterministic: no model, no random.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from app.domain.errors import Refused
from app.domain.people import clean_text
from app.i18n import N_, NP_

MAX_ITEMS = 3          # offers, and needs, per participant
MAX_ITEM = 120         # characters per offer or need
MAX_TAGS = 12          # tags the facilitator prepares
MAX_TAG = 40
MATCH_AT = 0.28        # the score from which a need and an offer match
TAG_SCORE = 0.5        # a shared tag
PART_WEIGHT = 0.7      # a word found inside a compound counts this much
MIN_PART = 6           # the shortest word looked for inside a compound ("nieuw" in "nieuwsbrief" is not one)
GRAM = 8               # two words sharing 8 letters in a row are related ("cliënttevredenheid", "tevredenheidsmeting")
NEED_WEIGHT = 0.7      # a match is mostly about how much of the need the offer covers
TOP_WORDS = 3          # a text counts as covered by its three weightiest words: a long text is not diluted
MUTUAL_BONUS = 10.0    # a pair who can help each other goes before any one-way pair

# Words that say nothing about a theme: Dutch and English function words and the words every offer or need uses.
STOPWORDS = frozenset('''
aan al alle alles als altijd ander andere anderen ben bij bijvoorbeeld binnen daar dan dat de deze die dit doen door
delen dus een eigen en er ervaring ervaringen expertise geen goed graag had heb hebben heeft het hier hoe hulp ik in
info informatie is je jij kan kennis komen krijgen kunnen leren maar maken manier me meer met mij mijn moet na naar
niet nodig nog nu of om omtrent onder ons onze ook op opzetten organisatie organiseren over rond rondom samen
sommige staan te tegen tips toe tot tussen u uit van veel vinden voor vooral vragen waar wat we werk werken weten
wie wil willen wij wordt worden zijn zo zoeken zou zoals zelf zich zeer

a about advice all also an and any are as at be been being but by can could do does doing experience expertise find
for from get good have help how i in info information into is it its knowledge learn learning make making me more my
need needs of on or organisation organization our set setting share sharing some such that the their them there
these they this tips to up use using want we what when which who will with work working would you your
'''.split())

_WORD = re.compile(r'[^\W_]+')
_STEMMERS = (snowballstemmer.stemmer('dutch'), snowballstemmer.stemmer('english'))


@dataclass(frozen=True, slots=True)
class Item:
    """One offer or need: a short text and the facilitator's tags it carries."""

    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GiveNeed:
    """One participant's answer: what they can share and what they need (each at most ``MAX_ITEMS``)."""

    gives: tuple[Item, ...] = ()
    needs: tuple[Item, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.gives and not self.needs


@dataclass(frozen=True, slots=True)
class Match:
    """Someone's need met by someone else's offer, and why: the words or tags they share."""

    need_of: str
    need: Item
    offer_of: str
    offer: Item
    score: float
    shared: tuple[str, ...] = ()


# answers as stored (the response's text)
def dump(answer: GiveNeed) -> str:
    def items(found: tuple[Item, ...]) -> list[dict[str, object]]:
        return [{'text': i.text, 'tags': list(i.tags)} if i.tags else {'text': i.text} for i in found]

    return json.dumps({'give': items(answer.gives), 'need': items(answer.needs)}, ensure_ascii=False,
                      separators=(',', ':'))


def parse(text: str) -> GiveNeed:
    """A stored answer (anything unreadable is an empty one: a stored answer is never a crash)."""
    try:
        data = json.loads(text or '{}')
    except ValueError:
        return GiveNeed()
    if not isinstance(data, dict):
        return GiveNeed()

    def items(raw: object) -> tuple[Item, ...]:
        found = []
        for entry in raw if isinstance(raw, list) else []:
            if isinstance(entry, str):
                entry = {'text': entry}
            if isinstance(entry, dict) and isinstance(entry.get('text'), str):
                tags = entry.get('tags')
                found.append(Item(entry['text'], tuple(t for t in tags if isinstance(t, str))
                                  if isinstance(tags, list) else ()))
        return tuple(found)

    return GiveNeed(items(data.get('give')), items(data.get('need')))


def clean_tags(lines: Iterable[str], most: int | None = MAX_TAGS) -> tuple[str, ...]:
    """The facilitator's tags: trimmed, doubles (case-insensitive) and empty lines out, at most ``most``."""
    seen: set[str] = set()
    tags = []
    for line in lines:
        tag = clean_text(line)[:MAX_TAG]
        if tag and fold(tag) not in seen:
            seen.add(fold(tag))
            tags.append(tag)
    return tuple(tags[:most])


def clean(answer: GiveNeed, tags: tuple[str, ...]) -> GiveNeed:
    """The answer as it may be stored: empty lines dropped; refused (with a message key) when a text is too long,
    the same text comes twice on one side, a side has more than ``MAX_ITEMS``, a tag is not one of ``tags`` or
    nothing is left."""
    known = {fold(tag): tag for tag in tags}

    def side(items: tuple[Item, ...]) -> tuple[Item, ...]:
        kept: list[Item] = []
        seen: set[str] = set()
        for item in items:
            text = clean_text(item.text)
            if len(text) > MAX_ITEM:
                raise Refused(NP_('error.exchange_too_long'), count=MAX_ITEM)
            chosen = []
            for tag in item.tags:
                if fold(tag) not in known:
                    raise Refused(N_('error.exchange_tag'))
                if known[fold(tag)] not in chosen:
                    chosen.append(known[fold(tag)])
            if not text and not chosen:
                continue
            key = fold(text) or '#' + '|'.join(sorted(fold(t) for t in chosen))
            if key in seen:
                raise Refused(N_('error.exchange_double'), text=text or ', '.join(chosen))
            seen.add(key)
            kept.append(Item(text or ', '.join(chosen), tuple(sorted(chosen, key=fold))))
        if len(kept) > MAX_ITEMS:
            raise Refused(NP_('error.exchange_too_many'), count=MAX_ITEMS)
        return tuple(kept)

    cleaned = GiveNeed(side(answer.gives), side(answer.needs))
    if cleaned.empty:
        raise Refused(N_('error.exchange_empty'))
    return cleaned


# words
def fold(text: str) -> str:
    decomposed = unicodedata.normalize('NFKD', text.casefold())
    return ''.join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=20_000)
def _forms(word: str) -> frozenset[str]:
    """A folded word's stems in Dutch and English."""
    return frozenset(stemmer.stemWord(word) for stemmer in _STEMMERS)


def words(text: str) -> list[tuple[str, str]]:
    """The theme words of a text: (folded word, as written), without stop words, numbers or one- and two-letter
    words, each once."""
    found: dict[str, str] = {}
    for written in _WORD.findall(text):
        word = fold(written)
        if len(word) >= 3 and not word.isdigit() and word not in STOPWORDS and word not in found:
            found[word] = written.lower()
    return list(found.items())


@dataclass(slots=True)
class _Word:
    folded: str
    written: str
    stems: frozenset[str]        # its Dutch and English stems
    grams: frozenset[str]        # every run of ``GRAM`` letters
    parts: frozenset[str] = frozenset()  # known stems and words of the market inside it (a compound)
    weight: float = 1.0          # how rare it is in the market


@dataclass(slots=True)
class _Side:
    """An offer or need prepared for comparing: its words, and their stems, words, compound parts and letter runs
    as sets (a comparison is a few set intersections)."""

    owner: str
    item: Item
    words: list[_Word]
    keys: frozenset[str] = frozenset()               # every stem of its words
    tags: frozenset[str] = frozenset()
    grams: frozenset[str] = frozenset()
    plain: frozenset[str] = frozenset()              # its words, folded
    inside: frozenset[str] = frozenset()             # every compound part of its words
    total: float = 0.0                               # the weight of its ``TOP_WORDS`` weightiest words


def _prepare(owner: str, item: Item) -> _Side:
    found = [_Word(word, written, _forms(word), frozenset(_grams(word))) for word, written in words(item.text)]
    return _Side(owner, item, found, frozenset(stem for w in found for stem in w.stems),
                 tags=frozenset(fold(t) for t in item.tags), grams=frozenset(g for w in found for g in w.grams),
                 plain=frozenset(w.folded for w in found))


def _grams(word: str) -> list[str]:
    return [word[i:i + GRAM] for i in range(len(word) - GRAM + 1)]


def _find_parts(sides: list[_Side]) -> None:
    """For long words: which other known stems (and words) they contain — Dutch writes compounds as one word."""
    vocabulary = {stem for side in sides for stem in side.keys if len(stem) >= MIN_PART}
    vocabulary |= {word for side in sides for word in side.plain if len(word) >= MIN_PART}
    for side in sides:
        for w in side.words:
            if len(w.folded) < 2 * MIN_PART:
                continue
            word = w.folded
            inside = {word[i:j] for i in range(len(word) - MIN_PART + 1)
                      for j in range(i + MIN_PART, len(word) + 1)} & vocabulary
            w.parts = frozenset(inside - w.stems - {word})
        side.inside = frozenset(p for w in side.words for p in w.parts)


def _weigh(sides: list[_Side]) -> None:
    """Inverse document frequency of every stem over the market: a word everybody uses weighs little."""
    counts: dict[str, int] = defaultdict(int)
    for side in sides:
        for stem in side.keys:
            counts[stem] += 1
    total = max(len(sides), 1)
    for side in sides:
        for w in side.words:
            # a word in two texts is what a match shares: it weighs as much as a word of one text
            w.weight = max((1.0 + math.log(total / max(1, counts[stem] - 1)) for stem in w.stems), default=1.0)
        side.total = sum(sorted((w.weight for w in side.words), reverse=True)[:TOP_WORDS])


def _covered(side: _Side, other: _Side) -> tuple[float, list[str]]:
    """How much of ``side``'s words ``other`` covers (0..1, weighted), and the words covered (as written)."""
    if not side.total:
        return 0.0, []
    got = 0.0
    shared = []
    for w in side.words:
        if not w.stems.isdisjoint(other.keys):
            got += w.weight
            shared.append(w.written)
        elif (w.parts and not (w.parts.isdisjoint(other.keys) and w.parts.isdisjoint(other.plain))) or \
                (other.inside and not (w.stems.isdisjoint(other.inside) and w.folded not in other.inside)) or \
                not w.grams.isdisjoint(other.grams):
            got += PART_WEIGHT * w.weight
            shared.append(w.written)
    return min(1.0, got / side.total), shared


def score(need: _Side, offer: _Side) -> tuple[float, tuple[str, ...]]:
    """A need against an offer: how much of the need the offer covers (weighed ``NEED_WEIGHT``) and of the offer
    the need, plus ``TAG_SCORE`` for a shared tag."""
    need_cover, shared = _covered(need, offer)
    offer_cover, _ = _covered(offer, need)
    text = NEED_WEIGHT * need_cover + (1 - NEED_WEIGHT) * offer_cover
    tags = need.tags & offer.tags
    if not tags:
        return text, tuple(shared)
    return text + TAG_SCORE, tuple(t for t in need.item.tags if fold(t) in tags) + tuple(shared)


def matches(answers: Mapping[str, GiveNeed], organisations: Mapping[str, str] | None = None,
            at: float = MATCH_AT) -> list[Match]:
    """Every need matched by an offer of someone else — never of the same (non-empty) organisation — scoring at
    least ``at``, best first (then by need owner, offer owner, text: a stable order)."""
    orgs = {pid: ' '.join(fold(org).split()) for pid, org in (organisations or {}).items()}
    needs = [_prepare(pid, item) for pid in sorted(answers) for item in answers[pid].needs]
    offers = [_prepare(pid, item) for pid in sorted(answers) for item in answers[pid].gives]
    sides = needs + offers
    _find_parts(sides)
    _weigh(sides)
    index: dict[str, set[int]] = defaultdict(set)  # stem, word, compound part, letter run or tag -> offers
    for i, offer in enumerate(offers):
        for key in offer.keys | offer.plain | offer.inside | {'>' + g for g in offer.grams} | \
                {'#' + tag for tag in offer.tags}:
            index[key].add(i)
    found = []
    for need in needs:
        candidates: set[int] = set()
        for key in need.keys | need.plain | need.inside | {'>' + g for g in need.grams} | \
                {'#' + tag for tag in need.tags}:
            candidates |= index.get(key, set())
        for i in sorted(candidates):
            offer = offers[i]
            if offer.owner == need.owner:
                continue
            org = orgs.get(need.owner, '')
            if org and org == orgs.get(offer.owner, ''):
                continue
            value, shared = score(need, offer)
            if value >= at:
                found.append(Match(need.owner, need.item, offer.owner, offer.item, round(value, 4), shared))
    found.sort(key=lambda m: (-m.score, m.need_of, m.offer_of, m.need.text, m.offer.text))
    return found


def helpers_of(found: Iterable[Match], participant_id: str) -> list[Match]:
    """Who can help ``participant_id`` (their needs met), the best match per need and helper."""
    return _best(m for m in found if m.need_of == participant_id)


def helped_by(found: Iterable[Match], participant_id: str) -> list[Match]:
    """Whom ``participant_id`` can help (their offers meeting others' needs)."""
    return _best(m for m in found if m.offer_of == participant_id)


def _best(found: Iterable[Match]) -> list[Match]:
    best: dict[tuple[str, str, str], Match] = {}
    for m in found:  # already best first
        best.setdefault((m.need_of, m.offer_of, m.need.text), m)
    return list(best.values())


def pair_strengths(found: Iterable[Match]) -> dict[frozenset[str], float]:
    """How strongly two people should talk: their best match each way, summed; a mutual pair (each can help the
    other) gets ``MUTUAL_BONUS`` so that it goes before every one-way pair."""
    best: dict[tuple[str, str], float] = {}
    for m in found:
        key = (m.need_of, m.offer_of)
        best[key] = max(best.get(key, 0.0), m.score)
    strengths: dict[frozenset[str], float] = {}
    for (need_of, offer_of), value in best.items():
        pair = frozenset((need_of, offer_of))
        strengths[pair] = strengths.get(pair, 0.0) + value
    for pair in strengths:
        a, b = sorted(pair)
        if (a, b) in best and (b, a) in best:
            strengths[pair] += MUTUAL_BONUS
    return strengths


def unmet(answers: Mapping[str, GiveNeed], found: Iterable[Match]) -> list[tuple[str, Item]]:
    """The needs nobody's offer matches: (owner, need)."""
    met = {(m.need_of, m.need) for m in found}
    return [(pid, need) for pid in sorted(answers) for need in answers[pid].needs if (pid, need) not in met]


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of offers and needs on the market: a tag, or the word that joins matched items."""

    name: str
    matches: tuple[Match, ...]
    needs: tuple[tuple[str, Item], ...]    # not matched
    gives: tuple[tuple[str, Item], ...]    # not matched


def themes(answers: Mapping[str, GiveNeed], found: list[Match], other: str) -> list[Theme]:
    """The market's themes, biggest first: matched items grouped with what they share (a tag first, else the
    shared word), unmatched items under their first tag or, without one, under ``other`` (last)."""
    grouped: dict[str, list[Match]] = defaultdict(list)
    used: set[tuple[str, Item]] = set()
    for m in found:
        if (m.need_of, m.need) in used or (m.offer_of, m.offer) in used:
            continue  # each card once on the market: its best match
        used |= {(m.need_of, m.need), (m.offer_of, m.offer)}
        grouped[m.shared[0] if m.shared else other].append(m)
    needs: dict[str, list[tuple[str, Item]]] = defaultdict(list)
    gives: dict[str, list[tuple[str, Item]]] = defaultdict(list)
    for pid in sorted(answers):
        for side, items in ((needs, answers[pid].needs), (gives, answers[pid].gives)):
            for item in items:
                if (pid, item) not in used:
                    side[item.tags[0] if item.tags else other].append((pid, item))
    names = set(grouped) | set(needs) | set(gives)
    result = [Theme(name, tuple(grouped.get(name, ())), tuple(needs.get(name, ())), tuple(gives.get(name, ())))
              for name in names]
    result.sort(key=lambda th: (th.name == other, -(2 * len(th.matches) + len(th.needs) + len(th.gives)),
                                fold(th.name)))
    return result
