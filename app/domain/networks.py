"""Learning networks (pure): a series of meetings with the same members.

What a network, a member, a topic and an agreement may hold; a pasted member list; which member a new
participant probably is; whose turn it is to host; the dot-vote rules; and who met whom over the series.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from app.domain.errors import Refused
from app.domain.people import MAX_NAME, clean_name, clean_organisation, clean_text, required_text, with_organisation
from app.i18n import N_, NP_

MAX_NETWORK_NAME = 120
MAX_GOAL = 2000
MAX_PLACE = 200
MAX_ROLE = 80
MAX_EMAIL = 200
MAX_TOPIC = 300
MAX_AGREEMENT = 300
MAX_PLANNED = 50           # meetings in one network
ADVISED_MEMBERS = 15       # "tien à vijftien is een richtlijn": above it a warning, not a refusal
MAX_MEMBERS = 200          # a list pasted by mistake (a whole address book) stops here
DOTS = 3                   # dots per member for the topics
MAX_DOTS = 10
EMAIL = re.compile(r'^[^@\s,;<>"]+@[^@\s,;<>"]+\.[^@\s,;<>".]{2,}$')


@dataclass(frozen=True, slots=True)
class NetworkFields:
    name: str
    goal: str = ''
    planned_meetings: int = 6
    starts_on: date | None = None
    ends_on: date | None = None
    place: str = ''        # the usual place, or "online"
    dots: int = DOTS


@dataclass(frozen=True, slots=True)
class MemberFields:
    name: str
    organisation: str = ''
    role: str = ''
    email: str = ''        # never shown to other members

    @property
    def key(self) -> str:
        return member_key(self.name, self.organisation)


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A member as pages show them (no e-mail)."""

    id: int
    name: str
    organisation: str

    @property
    def with_organisation(self) -> str:
        return with_organisation(self.name, self.organisation)


def clean_network(name: str | None, goal: str | None = '', planned: int | None = 6, starts_on: date | None = None,
                  ends_on: date | None = None, place: str | None = '', dots: int | None = DOTS) -> NetworkFields:
    clean = required_text(name, MAX_NETWORK_NAME, N_('error.network_name_required'), NP_('error.network_name_too_long'))
    goal_text = '\n'.join(clean_text(line) for line in (goal or '').splitlines()).strip()
    if len(goal_text) > MAX_GOAL:
        raise Refused(NP_('error.goal_too_long'), count=MAX_GOAL)
    place_text = clean_text(place)
    if len(place_text) > MAX_PLACE:
        raise Refused(NP_('error.place_too_long'), count=MAX_PLACE)
    planned_count = int(planned or 0)
    if not 1 <= planned_count <= MAX_PLANNED:
        raise Refused(NP_('error.planned_meetings'), count=MAX_PLANNED)
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(N_('error.network_ends_before_start'))
    dot_count = int(dots or 0)
    if not 1 <= dot_count <= MAX_DOTS:
        raise Refused(NP_('error.dots'), count=MAX_DOTS)
    return NetworkFields(clean, goal_text, planned_count, starts_on, ends_on, place_text, dot_count)


def clean_email(text: str | None) -> str:
    value = clean_text(text)
    if not value:
        return ''
    if len(value) > MAX_EMAIL or not EMAIL.match(value):
        raise Refused(N_('error.email'), email=value[:60])
    return value


def clean_member(name: str | None, organisation: str | None = '', role: str | None = '',
                 email: str | None = '') -> MemberFields:
    role_text = clean_text(role)
    if len(role_text) > MAX_ROLE:
        raise Refused(NP_('error.role_too_long'), count=MAX_ROLE)
    return MemberFields(clean_name(name), clean_organisation(organisation), role_text, clean_email(email))


def member_key(name: str, organisation: str) -> str:
    """Name and organisation as one key that ignores case, accents and spacing: "Anna Peeters|vzw de link"."""
    def fold(text: str) -> str:
        plain = ''.join(ch for ch in unicodedata.normalize('NFKD', clean_text(text))
                        if not unicodedata.combining(ch))
        return plain.casefold()
    return f'{fold(name)}|{fold(organisation)}'


@dataclass(frozen=True, slots=True)
class PastedLine:
    number: int            # 1-based line number in what was pasted
    member: MemberFields | None
    problem: Refused | None = None


@dataclass(frozen=True, slots=True)
class PastedList:
    members: tuple[MemberFields, ...]   # new, in the order pasted
    doubles: tuple[int, ...]            # line numbers of members already there or pasted twice
    problems: tuple[PastedLine, ...]    # lines that are not a member (no name, bad e-mail, too long)


def parse_member_list(text: str, existing_keys: Iterable[str] = ()) -> PastedList:
    """``name,organisation[,role[,e-mail]]`` per line (a tab or a semicolon also separates, as a spreadsheet
    pastes it); a first line "naam,organisatie" is a header. Doubles and bad lines are reported, not added."""
    seen = set(existing_keys)
    members: list[MemberFields] = []
    doubles: list[int] = []
    problems: list[PastedLine] = []
    first = True
    for number, raw in enumerate((text or '').splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in re.split(r'\t|;|,', raw)]
        header, first = first and parts[0].casefold() in ('naam', 'name', 'voornaam naam'), False
        if header:  # the first line that is not blank
            continue
        parts += [''] * (4 - len(parts))
        if len(parts) > 4:  # an e-mail never has a comma; extra cells are left out
            parts = parts[:4]
        try:
            member = clean_member(*parts)
        except Refused as problem:
            problems.append(PastedLine(number, None, problem))
            continue
        if member.key in seen:
            doubles.append(number)
            continue
        seen.add(member.key)
        members.append(member)
    if len(members) > MAX_MEMBERS:
        raise Refused(NP_('error.too_many_members'), count=MAX_MEMBERS)
    return PastedList(tuple(members), tuple(doubles), tuple(problems))


def member_match(name: str, organisation: str, members: Sequence[MemberRef]) -> MemberRef | None:
    """The one member a new participant surely is: the same name and organisation (case, accents and
    spacing aside), or the same name when only one member has it and the participant gave no organisation."""
    key = member_key(name, organisation)
    same = [m for m in members if member_key(m.name, m.organisation) == key]
    if len(same) == 1:
        return same[0]
    if not clean_text(organisation):
        by_name = [m for m in members if member_key(m.name, '') == member_key(name, '')]
        if len(by_name) == 1:
            return by_name[0]
    return None


def member_suggestions(name: str, organisation: str, members: Sequence[MemberRef], most: int = 3) -> list[MemberRef]:
    """Members a participant may be, best first: same name, then a name that shares a word, then the same
    organisation (for the facilitator's "link to member" list)."""
    name_key, org_key = member_key(name, ''), member_key('', organisation)
    words = set(name_key.rstrip('|').split())

    def score(member: MemberRef) -> int:
        points = 0
        if member_key(member.name, '') == name_key:
            points += 4
        elif words & set(member_key(member.name, '').rstrip('|').split()):
            points += 2
        if organisation.strip() and member_key('', member.organisation) == org_key:
            points += 1
        return points

    scored = sorted(((score(m), m.name.casefold(), m.id, m) for m in members), key=lambda s: (-s[0], s[1], s[2]))
    return [m for points, _, _, m in scored if points > 0][:most]


def next_host(organisations: Sequence[str], hosts_so_far: Sequence[str]) -> str | None:
    """Whose turn it is to host: the member organisation that hosted least often, among those the one whose
    last turn is longest ago (never first), in the order the organisations are listed. None: no organisations."""
    orgs = list(dict.fromkeys(o for o in organisations if o.strip()))
    if not orgs:
        return None
    folded = [member_key('', h) for h in hosts_so_far if h.strip()]
    count = Counter(folded)
    last = {host: at for at, host in enumerate(folded)}

    def turn(org: str) -> tuple[int, int]:
        key = member_key('', org)
        return count[key], last.get(key, -1)

    return min(orgs, key=turn)


def check_dot(votes_of_member: int, dots: int) -> None:
    """A member may place at most ``dots`` dots over all open topics (several on one topic is fine)."""
    if votes_of_member >= dots:
        raise Refused(NP_('error.no_dots_left'), count=dots)


def clean_topic(text: str | None) -> str:
    return required_text(text, MAX_TOPIC, N_('error.topic_required'), NP_('error.topic_too_long'))


def clean_agreement(text: str | None, who: str | None = '') -> tuple[str, str]:
    what = required_text(text, MAX_AGREEMENT, N_('error.agreement_required'), NP_('error.agreement_too_long'))
    person = clean_text(who)
    if len(person) > MAX_NAME:
        raise Refused(NP_('error.name_too_long'), count=MAX_NAME)
    return what, person


@dataclass(frozen=True, slots=True)
class TopicScore:
    id: int
    text: str
    dots: int
    mine: int = 0          # the asking member's dots on it


def ranking(topics: Mapping[int, str], votes: Iterable[tuple[int, int]], member_id: int | None = None,
            order: Mapping[int, int] | None = None) -> list[TopicScore]:
    """Topics by dots (most first; ties: proposed first). ``votes`` are (topic id, member id), one per dot."""
    dots: Counter[int] = Counter()
    mine: Counter[int] = Counter()
    for topic_id, voter in votes:
        if topic_id in topics:
            dots[topic_id] += 1
            if voter == member_id:
                mine[topic_id] += 1
    rank = order or {topic_id: topic_id for topic_id in topics}
    return sorted((TopicScore(tid, text, dots[tid], mine[tid]) for tid, text in topics.items()),
                  key=lambda s: (-s.dots, rank.get(s.id, s.id)))


def member_encounters(groups: Iterable[Sequence[str]], member_of: Mapping[str, int]) -> Counter[frozenset[int]]:
    """Who met whom in earlier meetings, as pairs of members (participants who were no member are left out)."""
    met: Counter[frozenset[int]] = Counter()
    for group in groups:
        members = sorted({member_of[p] for p in group if p in member_of})
        met.update(frozenset(pair) for pair in combinations(members, 2))
    return met


def merged_history(this_meeting: Mapping[frozenset[str], int], earlier: Mapping[frozenset[int], int],
                   member_of: Mapping[str, int]) -> Counter[frozenset[str]]:
    """The engines' "met before" for the people of this meeting: this meeting's own pairs plus the members'
    pairs of earlier meetings, put on the participants who are those members now."""
    merged: Counter[frozenset[str]] = Counter({pair: n for pair, n in this_meeting.items() if n > 0})
    by_member: dict[int, list[str]] = {}
    for participant, member in member_of.items():
        by_member.setdefault(member, []).append(participant)
    for pair, count in earlier.items():
        if count <= 0 or len(pair) != 2:
            continue
        a, b = sorted(pair)
        for pa in by_member.get(a, ()):
            for pb in by_member.get(b, ()):
                merged[frozenset((pa, pb))] += count
    return merged


@dataclass(frozen=True, slots=True)
class Attendance:
    """Members × meetings: who came to which meeting."""

    members: tuple[MemberRef, ...]
    meetings: tuple[int, ...]
    present: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (member id, meeting id)

    def came(self, member_id: int, meeting_id: int) -> bool:
        return (member_id, meeting_id) in self.present

    def count(self, member_id: int) -> int:
        return sum(1 for m in self.meetings if self.came(member_id, m))

