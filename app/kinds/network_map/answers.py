"""Storing and reading a network map through a room: who may be named, and what is drawn.

``clean_answer`` cannot see the room's people, so a phone stores its map through ``store_ties``: never yourself,
never someone removed or unknown; someone who left today may still be named (they were here). What is drawn
(``graph_of``): every answer that is not hidden, over the people present and those who left; ties to or from a
removed person are left out.
"""

from __future__ import annotations

from app.domain.activities import Answer
from app.domain.errors import Refused
from app.domain.network_map import MapGraph, Ties, clean_ties, dump_ties
from app.i18n import N_
from app.kinds.network_map.rules import answers_of
from app.live.room import Room


def nameable(room: Room) -> dict[str, tuple[str, str]]:
    """Who may be named and drawn: present, and those who left (not the removed), id -> (name, organisation)."""
    people = {pid: (p.name, p.organisation) for pid, p in room.roster.gone.items() if pid not in room.roster.removed}
    people.update((pid, (p.name, p.organisation)) for pid, p in room.roster.people.items())
    return people


async def store_ties(room: Room, participant_id: str, activity_id: int, ties: Ties) -> Answer:
    """Check ``ties`` against the room and store them as this participant's map."""
    removed = sorted(ties.targets() & set(room.roster.removed))
    if removed:
        raise Refused(N_('error.map_removed'), name=room.roster.removed[removed[0]][0].name)
    cleaned = clean_ties(ties, participant_id, nameable(room))
    return await room.agenda.answer(participant_id, activity_id, text=dump_ties(cleaned))


def graph_of(room: Room, activity_id: int) -> MapGraph:
    return MapGraph.build(answers_of(room.agenda.answers.get(activity_id, {})), nameable(room))
