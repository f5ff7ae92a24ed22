"""A learning network as a file: the facilitator downloads everything of it, and uploads it again here or on
another server (a facilitator owns their data and can move).

``export`` gives a JSON-able dict (``app/domain/network_export.py`` describes and checks the format): the network,
its members, the meetings with their agendas, the answers without names (a participant is a number of the file,
with the member index where they were a member), who met whom per round, topics, agreements and attendance. No
join codes, screen keys, secret links or device ids: those are made anew by ``import_``, which writes everything in
one transaction (all or nothing; see ``NetworkRepo.import_network``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

from app.domain.errors import Refused
from app.domain.network_export import FORMAT, VERSION, parse, read_json
from app.i18n import N_
from app.live.rooms import Rooms
from app.store.networks import NetworkRows, Taken
from app.store.repo import Repo


def _utc(moment: datetime | None) -> str | None:
    """ISO text in UTC (SQLite gives back naive datetimes; everything stored is UTC)."""
    if moment is None:
        return None
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).isoformat()


def _day(on: date | None) -> str | None:
    return on.isoformat() if on is not None else None


def file_name(network: str, on: date) -> str:
    """``netwerk-zorg-kortrijk-2025-03-01.json``: the name in plain letters, and the day of the export."""
    plain = unicodedata.normalize('NFKD', network).encode('ascii', 'ignore').decode().lower()
    slug = re.sub(r'[^a-z0-9]+', '-', plain).strip('-')[:60].strip('-') or 'netwerk'
    return f'{slug}-{on.isoformat()}.json'


class NetworkExport:
    def __init__(self, repo: Repo, rooms: Rooms) -> None:
        self._db = repo.networks
        self._kinds = rooms.kinds

    async def export(self, facilitator_id: int, network_id: int) -> dict[str, Any]:
        """Everything of the facilitator's network, as JSON-able data; refused when it is not theirs."""
        network = await self._db.network(network_id)
        if network is None or network.facilitator_id != facilitator_id:
            raise Refused(N_('error.unknown_network'))
        rows = await self._db.network_rows(network_id)
        if rows is None:  # deleted in between
            raise Refused(N_('error.unknown_network'))
        return build(rows, datetime.now(UTC))

    async def export_file(self, facilitator_id: int, network_id: int) -> tuple[str, bytes]:
        """(file name, UTF-8 JSON) for a download."""
        data = await self.export(facilitator_id, network_id)
        content = json.dumps(data, ensure_ascii=False, indent=1).encode('utf-8')
        return file_name(data['network']['name'], datetime.now(UTC).date()), content

    async def import_(self, facilitator_id: int, data: object) -> int:
        """A network from an export, made anew for this facilitator; returns its id. Everything is checked before
        anything is written; a network of the same name (case aside, as ``Networks.create``) is refused: rename or
        delete the one there first."""
        plan = parse(data, self._kinds)
        name = plan.network.name
        if any(n.name.casefold() == name.casefold() for n in await self._db.networks_of(facilitator_id)):
            raise Refused(N_('error.network_name_taken'), name=name)
        try:
            return await self._db.import_network(facilitator_id, plan, datetime.now(UTC))
        except Taken as error:  # made a moment ago, in another tab
            raise Refused(N_('error.network_name_taken'), name=name) from error

    async def import_file(self, facilitator_id: int, content: bytes | str) -> int:
        """``import_`` of an uploaded file (JSON; refused when it is something else or too large)."""
        return await self.import_(facilitator_id, read_json(content))


def build(rows: NetworkRows, now: datetime) -> dict[str, Any]:
    """The export of a network's rows (no ids, codes or keys: only what makes sense on another server)."""
    network = rows.network
    member_index = {m.id: i for i, m in enumerate(rows.members)}
    meeting_index = {m.id: i for i, m in enumerate(rows.meetings)}
    refs: dict[str, int] = {}  # participant id -> the file's number
    by_meeting: dict[int, list] = {m.id: [] for m in rows.meetings}
    for p in rows.participants:
        if p.meeting_id in by_meeting:
            refs[p.id] = len(refs) + 1
            by_meeting[p.meeting_id].append(p)
    activities: dict[int, list] = {m.id: [] for m in rows.meetings}
    for a in rows.activities:
        activities.setdefault(a.meeting_id, []).append(a)
    answers: dict[int, list] = {}
    for r in rows.responses:
        if r.participant_id in refs:
            answers.setdefault(r.activity_id, []).append(r)
    groups: dict[int, list] = {}
    for g in rows.groups:
        groups.setdefault(g.round_id, []).append(g)
    rounds: dict[int, list] = {}
    for r in rows.rounds:
        rounds.setdefault(r.activity_id, []).append(r)

    def meeting(m) -> dict[str, Any]:
        agenda = activities.get(m.id, [])
        position = {a.id: i for i, a in enumerate(agenda)}
        people = by_meeting[m.id]
        encounters = [{
            'activity': position[a.id], 'number': r.number, 'seconds': r.seconds, 'question': r.question,
            'ends_at': _utc(r.ends_at), 'remaining': r.remaining, 'paused': refs.get(r.paused_participant),
            'groups': [[refs[p] for p in g.members if p in refs] for g in groups.get(r.id, [])],
            'details': [{'question': g.question, 'location': g.location, 'note': g.note}
                        for g in groups.get(r.id, [])],
        } for a in agenda for r in rounds.get(a.id, [])]
        return {
            'title': m.title, 'date': _day(m.date), 'place': m.place, 'host': m.host, 'state': m.state,
            'language': m.language, 'locked': m.locked, 'max_participants': m.max_participants,
            'show_agreements': m.show_agreements, 'current': position.get(m.current_activity_id),
            'agenda': [{
                'kind': a.kind, 'text': a.text, 'settings': a.settings, 'state': a.state, 'revealed': a.revealed,
                'answers': [{'participant': refs[r.participant_id], 'choice': r.choice, 'text': r.text,
                             'reason': r.reason, 'hidden': r.hidden}
                            for r in sorted(answers.get(a.id, []), key=lambda r: refs[r.participant_id])],
            } for a in agenda],
            'participants': [{'ref': refs[p.id], 'member': member_index.get(p.member_id), 'status': p.status}
                             for p in people],
            'attendance': sorted({member_index[p.member_id] for p in people
                                  if p.member_id in member_index and p.status != 'removed'}),
            'encounters': encounters,
        }

    return {
        'format': FORMAT,
        'version': VERSION,
        'exported_at': now.isoformat(),
        'network': {'name': network.name, 'goal': network.goal, 'planned_meetings': network.planned_meetings,
                    'starts_on': _day(network.starts_on), 'ends_on': _day(network.ends_on), 'place': network.place,
                    'dots': network.dots},
        'members': [{'name': m.name, 'organisation': m.organisation, 'role': m.role, 'email': m.email}
                    for m in rows.members],
        'meetings': [meeting(m) for m in rows.meetings],
        'topics': [{'text': t.text, 'member': member_index.get(t.member_id), 'dots': rows.dots.get(t.id, 0),
                    'used_in': meeting_index.get(t.used_in), 'dots_when_used': t.dots_when_used}
                   for t in rows.topics],
        'agreements': [{'meeting': meeting_index[a.meeting_id], 'text': a.text, 'who': a.who, 'done': a.done}
                       for a in rows.agreements if a.meeting_id in meeting_index],
    }
