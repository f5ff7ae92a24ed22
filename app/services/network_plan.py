"""A network's series of meetings and their planning: the meetings, the host rota, a new meeting from a template
or an earlier agenda, the facilitator's templates, preparers (members who help with an agenda)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.errors import Refused
from app.domain.networks import next_host
from app.domain.people import clean_text, clean_title
from app.domain.templates import TRANSLATED_SETTINGS, as_items
from app.i18n import N_, Translate
from app.live.changes import NetworkChanged
from app.live.room import Room
from app.services.network_area import NetworkArea, as_date
from app.store.models import Meeting


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    id: int
    title: str
    date: date | None
    place: str
    host: str
    state: str
    join_code: str
    preparers: tuple[tuple[int, str, str], ...] = ()   # (preparer id, member name, key)


@dataclass(frozen=True, slots=True)
class PrepareAccess:
    room: Room
    member: str            # the preparer's name


def planned_meeting(m: Meeting, preparers: tuple[tuple[int, str, str], ...] = ()) -> PlannedMeeting:
    return PlannedMeeting(m.id, m.title, m.date, m.place, m.host, m.state, m.join_code, preparers)


class Planning(NetworkArea):
    async def meetings(self, facilitator_id: int, network_id: int) -> list[PlannedMeeting]:
        await self._owned(facilitator_id, network_id)
        meetings = await self._db.meetings_of(network_id)
        return [planned_meeting(m, tuple((p.id, member.name, p.key) for p, member in await self._db.preparers_of(m.id)))
                for m in meetings]

    async def suggested_host(self, facilitator_id: int, network_id: int) -> str | None:
        """The member organisation whose turn it is to host the next meeting."""
        await self._owned(facilitator_id, network_id)
        members = await self._db.members_of(network_id)
        hosts = [m.host for m in await self._db.meetings_of(network_id) if m.host]
        return next_host([m.organisation for m in members], hosts)

    async def plan(self, facilitator_id: int, network_id: int, title: str | None, on: str | date | None = None,
                   place: str | None = '', host: str | None = '', source: str = '', t: Translate | None = None) -> int:
        """A new meeting in the series; ``source`` is '' (empty agenda), ``meeting:<id>`` (a copy of that
        meeting's agenda, without answers), ``builtin:<key>`` or ``template:<id>``. Returns its id."""
        network = await self._owned(facilitator_id, network_id)
        clean, place_text, host_text = clean_title(title), clean_text(place) or network.place, clean_text(host)
        if len(place_text) > 200 or len(host_text) > 120:
            raise Refused(N_('error.place_or_host_too_long'))
        items = await self._items(facilitator_id, source, t)
        meeting = await self._repo.create_meeting(facilitator_id, clean, as_date(on), network_id, place_text,
                                                  host_text, language=t.lang if t is not None else '')  # facilitator's
        room = await self._rooms.get(meeting.id)
        for kind, text, settings in items:
            if kind in room.kinds.names():
                await room.agenda.add(kind, text, settings)
        return meeting.id

    async def _items(self, facilitator_id: int, source: str,
                     t: Translate | None) -> list[tuple[str, str, dict[str, Any]]]:
        what, _, ref = source.partition(':')
        if what == 'meeting' and ref.isdigit():
            room = await self._rooms.get(int(ref))
            if room is None or room.info.facilitator_id != facilitator_id:
                raise Refused(N_('error.unknown_meeting'))
            return [(a.kind, a.text, a.settings.to_dict()) for a in room.agenda.ordered()]
        if what == 'builtin':
            template = self._rooms.kinds.template(ref)
            if template is None:
                raise Refused(N_('error.unknown_template'))
            say = t or (lambda key: key)
            return [(item.kind, say(item.text),
                     {k: say(v) if k in TRANSLATED_SETTINGS else v for k, v in item.settings.items()}
                     | ({'role': item.role} if item.role else {}))
                    for item in template.items]
        if what == 'template' and ref.isdigit():
            own = {tp.id: tp for tp in await self._db.templates_of(facilitator_id)}
            template = own.get(int(ref))
            if template is None:
                raise Refused(N_('error.unknown_template'))
            return [(i.get('kind', ''), i.get('text', ''), i.get('settings') or {}) for i in template.items]
        return []

    async def update_plan(self, facilitator_id: int, network_id: int, meeting_id: int, title: str | None,
                          on: str | date | None, place: str | None, host: str | None) -> None:
        await self._owned(facilitator_id, network_id)
        room = await self._network_room(network_id, meeting_id)
        place_text, host_text = clean_text(place), clean_text(host)
        if len(place_text) > 200 or len(host_text) > 120:
            raise Refused(N_('error.place_or_host_too_long'))
        await room.settings.set_plan(clean_title(title), as_date(on), place_text, host_text)

    async def templates(self, facilitator_id: int, t: Translate) -> list[tuple[str, str]]:
        """(source, name) of every template: the built-in ones, then the facilitator's own."""
        own = await self._db.templates_of(facilitator_id)
        return [(f'builtin:{tp.key}', t(tp.name)) for tp in self._rooms.kinds.templates()] + [
            (f'template:{tp.id}', tp.name) for tp in own]

    async def save_template(self, facilitator_id: int, room: Room, name: str | None) -> None:
        if room.info.facilitator_id != facilitator_id:
            raise Refused(N_('error.unknown_meeting'))
        clean = clean_title(name)
        if not room.agenda.ordered():
            raise Refused(N_('error.template_empty'))
        items = as_items([(a.kind, a.text, a.settings.to_dict()) for a in room.agenda.ordered()])
        await self._db.save_template(facilitator_id, clean, items)

    # preparers
    async def add_preparer(self, facilitator_id: int, network_id: int, meeting_id: int, member_id: int) -> str:
        await self._owned(facilitator_id, network_id)
        await self._network_room(network_id, meeting_id)
        await self._member_of(network_id, member_id)
        return (await self._db.add_preparer(meeting_id, member_id)).key

    async def revoke_preparer(self, facilitator_id: int, network_id: int, meeting_id: int, preparer_id: int) -> None:
        await self._owned(facilitator_id, network_id)
        await self._network_room(network_id, meeting_id)
        await self._db.revoke_preparer(meeting_id, preparer_id)
        await self._rooms.broadcast([meeting_id], NetworkChanged(network_id, 'preparers'))  # open pages stop

    async def preparer(self, meeting_id: int, key: str | None) -> PrepareAccess | None:
        """The meeting's room when ``key`` is a preparer link of that very meeting that was not revoked."""
        if not key:
            return None
        preparer = await self._db.preparer_by_key(key)
        if preparer is None or preparer.meeting_id != meeting_id:
            return None
        room = await self._rooms.get(meeting_id)
        member = await self._db.member(preparer.member_id)
        return PrepareAccess(room, member.name if member else '') if room is not None else None
