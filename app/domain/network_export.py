"""A learning network as a file (pure): what an export holds, and an export read back and checked for an import.

The file is the facilitator's own: the network, its members (with e-mail), the meetings with their agendas,
the answers without names, who met whom, topics and agreements. Participants appear only as a number that means
nothing outside the file ("participant 7"), with the member they were where they were one; guests stay anonymous.

``parse`` checks everything before anything is written: the wrong kind of file, a newer version, a missing or
mistyped field, a reference to nothing, texts longer than the database holds, absurd sizes. Each is a
``Refused`` that says where ("meetings[2].agenda[0].text"), never a crash half-way.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol, TypeGuard, overload

from app.domain.activities import KindSettings
from app.domain.errors import Refused
from app.domain.meetings import MAX_PARTICIPANTS
from app.domain.networks import MemberFields, NetworkFields, clean_member, clean_network
from app.domain.notes import MAX_NOTE
from app.i18n import LANGUAGES, N_, NP_


class Kind(Protocol):
    """What reading a file needs of an activity kind (``app.kinds.base.Kind`` is one; the caller passes them in)."""

    @property
    def name(self) -> str: ...
    @property
    def runner(self) -> object: ...  # None: its activities have no rounds
    def new_settings(self, data: dict[str, Any]) -> KindSettings: ...


class Kinds(Protocol):
    """The kinds by stored name (``app.kinds.registry.Registry`` is one)."""

    def __getitem__(self, name: str) -> Kind: ...
    def get(self, name: str) -> Kind | None: ...

FORMAT = 'uitwisselplek-network'
VERSION = 1

# sizes no real network reaches: a file beyond them is a mistake or an attack
MAX_BYTES = 50_000_000
MAX_MEMBERS = 500
MAX_MEETINGS = 100
MAX_ACTIVITIES = 200         # per meeting
MAX_ROUNDS = 500             # per meeting, over its speed dates and breakouts
MAX_GROUPS = MAX_PARTICIPANTS  # per round
MAX_TOPICS = 2000
MAX_AGREEMENTS = 2000
MAX_SETTINGS = 50_000        # an activity's settings, as JSON text
MAX_NUMBER = 1_000_000       # seconds, counts: anything larger is not from a meeting

# the longest text the database takes (the columns of app/store/models.py; tests/store checks they agree)
TEXT = {
    'title': 200, 'place': 200, 'host': 120,               # meeting
    'activity': 400, 'choice': 16,                          # activity, response
    'answer': 2000, 'reason': 2000,                         # response (Text columns: a generous limit)
    'question': 20_000, 'location': 300, 'note': MAX_NOTE,  # round, round group (a line of the settings)
    'topic': 400, 'agreement': 400, 'who': 80,              # topic, agreement
    'setting': 20_000,                                      # one text setting (questions, one per line)
}

MEETING_STATES = ('draft', 'open', 'closed')
ACTIVITY_STATES = ('waiting', 'open', 'closed')
PARTICIPANT_STATES = ('active', 'left', 'removed')


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    participant: int       # the file's participant number
    choice: str
    text: str
    reason: str
    hidden: bool


@dataclass(frozen=True, slots=True)
class ImportedActivity:
    kind: str
    text: str
    settings: dict[str, Any]   # checked by the kind
    state: str
    revealed: bool
    answers: tuple[ImportedAnswer, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedParticipant:
    ref: int               # the file's participant number (unique in the file)
    member: int | None     # index into the members
    status: str


@dataclass(frozen=True, slots=True)
class ImportedGroup:
    members: tuple[int, ...]   # participant numbers
    question: str = ''
    location: str = ''
    note: str = ''


@dataclass(frozen=True, slots=True)
class ImportedRound:
    activity: int          # index into the meeting's agenda
    number: int
    seconds: float
    question: str
    ends_at: datetime | None
    remaining: float | None
    paused: int | None     # participant number
    groups: tuple[ImportedGroup, ...]


@dataclass(frozen=True, slots=True)
class ImportedMeeting:
    title: str
    date: date | None
    place: str
    host: str
    state: str
    language: str
    locked: bool
    max_participants: int
    show_agreements: bool
    current: int | None    # index into the agenda
    agenda: tuple[ImportedActivity, ...]
    participants: tuple[ImportedParticipant, ...]
    rounds: tuple[ImportedRound, ...]


@dataclass(frozen=True, slots=True)
class ImportedTopic:
    text: str
    member: int | None     # who proposed it (index into the members)
    used_in: int | None    # index into the meetings
    dots_when_used: int


@dataclass(frozen=True, slots=True)
class ImportedAgreement:
    meeting: int           # index into the meetings
    text: str
    who: str
    done: bool


@dataclass(frozen=True, slots=True)
class NetworkImport:
    network: NetworkFields
    members: tuple[MemberFields, ...]
    meetings: tuple[ImportedMeeting, ...]
    topics: tuple[ImportedTopic, ...]
    agreements: tuple[ImportedAgreement, ...]


def read_json(raw: bytes | str) -> object:
    """The file's content as JSON (a refusal for something else, or something too large)."""
    if len(raw) > MAX_BYTES:
        raise Refused(NP_('error.import_too_large'), count=MAX_BYTES // 1_000_000)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise Refused(N_('error.import_format')) from error


def invalid(where: str) -> Refused:
    return Refused(N_('error.import_invalid'), where=where)


def _plain(value: str) -> bool:
    """Text the databases store as it is: no NUL (PostgreSQL refuses it), no lone surrogate (not UTF-8)."""
    if '\x00' in value:
        return False
    try:
        value.encode('utf-8')
    except UnicodeEncodeError:
        return False
    return True


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[float]:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and abs(value) <= 1e15)


class _Object:
    """One object of the file; every refusal names where it is."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise invalid(where)
        self.data: dict[str, Any] = value
        self.where = where

    def at(self, key: str) -> str:
        return f'{self.where}.{key}' if self.where else key

    def required(self, key: str) -> Any:
        if key not in self.data or self.data[key] is None:
            raise invalid(self.at(key))
        return self.data[key]

    def text(self, key: str, most: int, required: bool = False) -> str:
        value = self.required(key) if required else self.data.get(key)
        value = '' if value is None else value
        if not isinstance(value, str) or not _plain(value) or (required and not value.strip()):
            raise invalid(self.at(key))
        if len(value) > most:
            raise Refused(NP_('error.import_text_too_long'), count=most, where=self.at(key))
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise invalid(self.at(key))
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.data.get(key, default)
        if not _is_int(value) or not low <= value <= high:
            raise invalid(self.at(key))
        return value

    @overload
    def number(self, key: str, low: float, high: float, required: Literal[True]) -> float: ...
    @overload
    def number(self, key: str, low: float, high: float, required: bool = False) -> float | None: ...

    def number(self, key: str, low: float, high: float, required: bool = False) -> float | None:
        value = self.required(key) if required else self.data.get(key)
        if value is None:
            return None
        if not _is_number(value) or not low <= value <= high:
            raise invalid(self.at(key))
        return float(value)

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or value not in options:
            raise invalid(self.at(key))
        return value

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or value == '':
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise invalid(self.at(key)) from error

    def moment(self, key: str) -> datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise invalid(self.at(key)) from error
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

    @overload
    def index(self, key: str, size: int, required: Literal[True]) -> int: ...
    @overload
    def index(self, key: str, size: int, required: bool = False) -> int | None: ...

    def index(self, key: str, size: int, required: bool = False) -> int | None:
        value = self.required(key) if required else self.data.get(key)
        if value is None:
            return None
        if not _is_int(value) or not 0 <= value < size:
            raise invalid(self.at(key))
        return value

    def items(self, key: str, most: int, required: bool = False, too_many: str = '') -> list[Any]:
        value = self.required(key) if required else self.data.get(key)
        value = [] if value is None else value
        if not isinstance(value, list):
            raise invalid(self.at(key))
        if len(value) > most:
            if too_many:
                raise Refused(too_many, count=most)
            raise Refused(NP_('error.import_too_many'), count=most, where=self.at(key))
        return value


def parse(data: object, kinds: Kinds) -> NetworkImport:
    """An export read back: checked completely (nothing is written yet), or refused with where it is wrong."""
    if not isinstance(data, dict) or data.get('format') != FORMAT:
        raise Refused(N_('error.import_format'))
    version = data.get('version')
    if not _is_int(version) or version != VERSION:
        raise Refused(N_('error.import_version'), version=str(version)[:20], supported=VERSION)
    root = _Object(data, '')
    network = _network(_Object(root.required('network'), 'network'))
    raw_members = root.items('members', MAX_MEMBERS, required=True, too_many=NP_('error.import_too_many_members'))
    members = tuple(_member(_Object(m, f'members[{i}]')) for i, m in enumerate(raw_members))
    seen: set[str] = set()
    for member in members:
        if member.key in seen:
            raise Refused(N_('error.member_double'), name=member.name)
        seen.add(member.key)
    raw_meetings = root.items('meetings', MAX_MEETINGS, required=True,
                              too_many=NP_('error.import_too_many_meetings'))
    refs: set[int] = set()
    meetings = tuple(_meeting(_Object(m, f'meetings[{i}]'), kinds, len(members), refs)
                     for i, m in enumerate(raw_meetings))
    topics = []
    for i, raw in enumerate(root.items('topics', MAX_TOPICS)):
        topic = _Object(raw, f'topics[{i}]')
        topic.integer('dots', 0, 0, MAX_NUMBER)  # the dots it had: members place them again here
        topics.append(ImportedTopic(topic.text('text', TEXT['topic'], required=True),
                                    topic.index('member', len(members)), topic.index('used_in', len(meetings)),
                                    topic.integer('dots_when_used', 0, 0, MAX_NUMBER)))
    agreements = []
    for i, raw in enumerate(root.items('agreements', MAX_AGREEMENTS)):
        agreement = _Object(raw, f'agreements[{i}]')
        agreements.append(ImportedAgreement(agreement.index('meeting', len(meetings), required=True),
                                            agreement.text('text', TEXT['agreement'], required=True),
                                            agreement.text('who', TEXT['who']), agreement.flag('done')))
    return NetworkImport(network, members, meetings, tuple(topics), tuple(agreements))


def _network(o: _Object) -> NetworkFields:
    name = o.required('name')
    for key in ('name', 'goal', 'place'):
        if not isinstance(o.data.get(key) or '', str):
            raise invalid(o.at(key))
    for key in ('planned_meetings', 'dots'):
        if key in o.data and not _is_int(o.data[key]):
            raise invalid(o.at(key))
    return clean_network(name, o.data.get('goal'), o.data.get('planned_meetings', 6), o.day('starts_on'),
                         o.day('ends_on'), o.data.get('place'), o.data.get('dots', 3))


def _member(o: _Object) -> MemberFields:
    for key in ('name', 'organisation', 'role', 'email'):
        if not isinstance(o.data.get(key) or '', str):
            raise invalid(o.at(key))
    return clean_member(o.required('name'), o.data.get('organisation'), o.data.get('role'), o.data.get('email'))


def _meeting(o: _Object, kinds: Kinds, members: int, refs: set[int]) -> ImportedMeeting:
    participants: list[ImportedParticipant] = []
    for i, raw in enumerate(o.items('participants', MAX_PARTICIPANTS)):
        p = _Object(raw, o.at(f'participants[{i}]'))
        ref = p.required('ref')
        if not _is_int(ref) or not 0 <= ref <= 10 * MAX_NUMBER or ref in refs:
            raise invalid(p.at('ref'))
        refs.add(ref)
        participants.append(ImportedParticipant(ref, p.index('member', members),
                                                p.choice('status', PARTICIPANT_STATES, 'left')))
    here = {p.ref for p in participants}
    present = {p.member for p in participants if p.member is not None and p.status != 'removed'}
    for i, member in enumerate(o.items('attendance', MAX_MEMBERS)):  # a member who came, with no participant
        if not _is_int(member) or not 0 <= member < members:
            raise invalid(o.at(f'attendance[{i}]'))
        if member not in present:
            present.add(member)
            ref = min(min(refs, default=0), 0) - 1  # below the file's numbers (never negative): no clash
            refs.add(ref)
            here.add(ref)
            participants.append(ImportedParticipant(ref, member, 'left'))
    agenda = tuple(_activity(_Object(raw, o.at(f'agenda[{i}]')), kinds, here)
                   for i, raw in enumerate(o.items('agenda', MAX_ACTIVITIES)))
    rounds: list[ImportedRound] = []
    numbers: set[tuple[int, int]] = set()
    for i, raw in enumerate(o.items('encounters', MAX_ROUNDS)):
        r = _Object(raw, o.at(f'encounters[{i}]'))
        activity = r.index('activity', len(agenda), required=True)
        if kinds[agenda[activity].kind].runner is None:  # only speed dates and breakouts have rounds
            raise invalid(r.at('activity'))
        number = r.integer('number', 0, 1, MAX_NUMBER)
        if (activity, number) in numbers:
            raise invalid(r.at('number'))
        numbers.add((activity, number))
        rounds.append(_round(r, activity, number, here))
    return ImportedMeeting(
        o.text('title', TEXT['title'], required=True), o.day('date'), o.text('place', TEXT['place']),
        o.text('host', TEXT['host']), o.choice('state', MEETING_STATES, 'open'),
        o.choice('language', ('', *LANGUAGES), ''), o.flag('locked'),
        o.integer('max_participants', 0, 0, MAX_PARTICIPANTS), o.flag('show_agreements'),
        o.index('current', len(agenda)), agenda, tuple(participants), tuple(rounds))


def _activity(o: _Object, kinds: Kinds, here: set[int]) -> ImportedActivity:
    kind = kinds.get(o.required('kind')) if isinstance(o.data.get('kind'), str) else None
    if kind is None:
        raise Refused(N_('error.unknown_kind'))
    settings = _settings(kind, o.data.get('settings'), o.at('settings'))
    answers: list[ImportedAnswer] = []
    answered: set[int] = set()
    for i, raw in enumerate(o.items('answers', MAX_PARTICIPANTS)):
        a = _Object(raw, o.at(f'answers[{i}]'))
        participant = a.required('participant')
        if not _is_int(participant) or participant not in here or participant in answered:
            raise invalid(a.at('participant'))
        answered.add(participant)
        answers.append(ImportedAnswer(participant, a.text('choice', TEXT['choice']),
                                      a.text('text', TEXT['answer']), a.text('reason', TEXT['reason']),
                                      a.flag('hidden')))
    return ImportedActivity(kind.name, o.text('text', TEXT['activity'], required=True), settings,
                            o.choice('state', ACTIVITY_STATES, 'waiting'), o.flag('revealed'), tuple(answers))


def _settings(kind: Kind, raw: object, where: str) -> dict[str, Any]:
    """The activity's settings as its kind takes them: every known field of the right type, then the kind's own
    limits (a setting this version does not know is left out, as when a stored activity is read)."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise invalid(where)
    defaults = kind.new_settings({}).to_dict()
    for name, value in raw.items():
        if name not in defaults:
            continue
        default = defaults[name]
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = _is_int(value) and abs(value) <= MAX_NUMBER
        elif isinstance(default, float):
            ok = _is_number(value)
        elif isinstance(default, str):
            ok = isinstance(value, str) and _plain(value) and len(value) <= TEXT['setting']
        else:
            ok = False
        if not ok:
            raise invalid(f'{where}.{name}')
    try:
        checked = kind.new_settings(raw).checked(None, False).to_dict()
    except Refused:
        raise
    except (TypeError, ValueError, OverflowError) as error:
        raise invalid(where) from error
    if len(json.dumps(checked)) > MAX_SETTINGS:
        raise invalid(where)
    return checked


def _round(o: _Object, activity: int, number: int, here: set[int]) -> ImportedRound:
    def ref(value: object, where: str) -> int:
        if not _is_int(value) or value not in here:
            raise invalid(where)
        return value

    paused = o.data.get('paused')
    paused_ref = ref(paused, o.at('paused')) if paused is not None else None
    raw_groups = o.items('groups', MAX_GROUPS)
    raw_details = o.items('details', MAX_GROUPS)
    if len(raw_details) > len(raw_groups):
        raise invalid(o.at('details'))
    groups = []
    for i, raw in enumerate(raw_groups):
        if not isinstance(raw, list) or len(raw) > MAX_PARTICIPANTS:
            raise invalid(o.at(f'groups[{i}]'))
        members = tuple(ref(p, o.at(f'groups[{i}][{j}]')) for j, p in enumerate(raw))
        details = _Object(raw_details[i], o.at(f'details[{i}]')) if i < len(raw_details) else _Object({}, '')
        groups.append(ImportedGroup(members, details.text('question', TEXT['question']),
                                    details.text('location', TEXT['location']), details.text('note', TEXT['note'])))
    return ImportedRound(activity, number, o.number('seconds', 0, MAX_NUMBER, required=True),
                         o.text('question', TEXT['question']), o.moment('ends_at'),
                         o.number('remaining', 0, MAX_NUMBER), paused_ref, tuple(groups))
