"""Queries: every read and write of the app goes through ``Repo`` (one short transaction each)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import date
from typing import TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.domain.codes import new_join_code, new_key, new_participant_id
from app.store.batches import GroupCommit
from app.store.models import (
    Activity,
    Facilitator,
    Meeting,
    ModeratorInvite,
    Participant,
    Response,
    Round,
    RoundGroup,
    utcnow,
)
from app.store.networks import NetworkRepo

log = logging.getLogger(__name__)
T = TypeVar('T')
RETRIES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)  # seconds between tries when SQLite is busy
RESPONSE_DEFAULTS = {'choice': '', 'text': '', 'reason': '', 'hidden': False, 'show_name': False, 'extra': ''}
RESPONSE_ROWS = 100  # rows per insert: 100 x 9 values stays under the 999 variables of an old SQLite
UNREACHABLE_WAIT = 60.0  # seconds an answer waits for a database that went away (the phone shows it as not stored)
# the room versions this task wrote since its room last committed a change: (meeting id, first, last)
_written: ContextVar[tuple[int, int, int] | None] = ContextVar('written_room_version', default=None)


def take_written(meeting_id: int) -> tuple[int, int] | None:
    """The room versions (first, last) the calling task stored for this meeting since it last asked: what the
    change it is about to commit covers (None: it stored nothing for this room)."""
    written = _written.get()
    if written is None or written[0] != meeting_id:
        return None
    _written.set(None)
    return written[1], written[2]


async def _bump(s: AsyncSession, meeting_id: object) -> None:
    """Count the room's version up in the transaction ``s`` (``meeting_id`` may be a subquery)."""
    row = (await s.execute(update(Meeting).where(Meeting.id == meeting_id).values(version=Meeting.version + 1)
                           .returning(Meeting.id, Meeting.version))).first()
    if row is None:
        return
    written = _written.get()
    first = written[1] if written is not None and written[0] == row[0] else row[1]
    _written.set((row[0], first, row[1]))


def _meeting_of_activity(activity_id: int) -> object:
    return select(Activity.meeting_id).where(Activity.id == activity_id).scalar_subquery()


def _meeting_of_round(round_id: int) -> object:
    return select(Activity.meeting_id).join(Round, Round.activity_id == Activity.id) \
        .where(Round.id == round_id).scalar_subquery()


def unreachable(error: BaseException) -> bool:
    """The database cannot be reached (refused, cut, restarting), as opposed to a write it refuses."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    text = str(error).lower()
    return isinstance(error, (OperationalError, DBAPIError, OSError)) and any(
        word in text for word in ('connection', 'connect', 'server closed', 'terminating', 'timeout', 'refused'))


async def wait_while_unreachable(write: Callable[[], Awaitable[T]], wait: float = UNREACHABLE_WAIT) -> T:
    """Run a write again while the database cannot be reached, for up to ``wait`` seconds (then its error goes
    through): whoever waits for it (a phone's tap) is shown as not stored yet meanwhile, and stored once the
    database is back."""
    deadline, pause = time.monotonic() + wait, 0.1
    while True:
        try:
            return await write()
        except Exception as error:
            if not unreachable(error) or time.monotonic() + pause > deadline:
                raise
            log.warning('database unreachable (%s), trying again in %.1f s', type(error).__name__, pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


async def retry_when_busy(write: Callable[[], Awaitable[T]]) -> T:
    """Run a write again when SQLite's single writer is busy (many phones joining at once): the person who
    tapped never sees it. Other errors, and the last try's, go through."""
    for pause in RETRIES:
        try:
            return await write()
        except OperationalError as error:
            if 'locked' not in str(error) and 'busy' not in str(error):
                raise
            log.info('database busy, trying again in %.2f s', pause)
            await asyncio.sleep(pause)
    return await write()


class Repo:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self.sessions = sessions
        self.networks = NetworkRepo(sessions)  # learning networks: members, preparers, topics, agreements
        self._responses = GroupCommit[tuple[int, str], int](self._write_responses)

    # facilitators
    async def count_facilitators(self) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(Facilitator)) or 0)

    async def create_facilitator(self, username: str, password_hash: str) -> Facilitator:
        async with self.sessions.begin() as s:
            facilitator = Facilitator(username=username, password_hash=password_hash)
            s.add(facilitator)
        return facilitator

    async def facilitator_by_username(self, username: str) -> Facilitator | None:
        async with self.sessions() as s:
            return await s.scalar(select(Facilitator).where(Facilitator.username == username))

    async def facilitator(self, facilitator_id: int) -> Facilitator | None:
        async with self.sessions() as s:
            return await s.get(Facilitator, facilitator_id)

    # meetings
    async def create_meeting(self, facilitator_id: int, title: str, on: date | None, network_id: int | None = None,
                             place: str = '', host: str = '', language: str = '') -> Meeting:
        """A new meeting; ``language`` is what its screen speaks ('': the app's default)."""
        for _ in range(20):  # a clash of random codes is rare; the unique constraint decides
            meeting = Meeting(facilitator_id=facilitator_id, title=title, date=on, join_code=new_join_code(),
                              screen_key=new_key(), state='open', locked=False, network_id=network_id,
                              place=place, host=host, show_agreements=False, language=language)
            try:
                async with self.sessions.begin() as s:
                    s.add(meeting)
                return meeting
            except IntegrityError:
                continue
        raise RuntimeError('could not find a free join code')

    async def meetings_of(self, facilitator_id: int, stand_alone: bool = False) -> list[Meeting]:
        """The facilitator's meetings, newest first; ``stand_alone``: only those in no network."""
        async with self.sessions() as s:
            query = select(Meeting).where(Meeting.facilitator_id == facilitator_id)
            if stand_alone:
                query = query.where(Meeting.network_id.is_(None))
            rows = await s.scalars(query
                                   .order_by(Meeting.created_at.desc(), Meeting.id.desc()))
            return list(rows)

    async def meeting(self, meeting_id: int) -> Meeting | None:
        async with self.sessions() as s:
            return await s.get(Meeting, meeting_id)

    async def meeting_by_code(self, code: str) -> Meeting | None:
        async with self.sessions() as s:
            return await s.scalar(select(Meeting).where(Meeting.join_code == code))

    async def update_meeting(self, meeting_id: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Meeting).where(Meeting.id == meeting_id).values(**values))
            await _bump(s, meeting_id)

    async def move_current(self, meeting_id: int, expected: int | None, new: int | None) -> bool:
        """Set what the meeting shows to ``new`` only if it still shows ``expected`` (one statement: of two clicks
        on "Volgende" at once, on one instance or two, one moves the meeting and the other finds it moved)."""
        still = Meeting.current_activity_id.is_(None) if expected is None else Meeting.current_activity_id == expected
        async with self.sessions.begin() as s:
            result = await s.execute(update(Meeting).where(Meeting.id == meeting_id, still)
                                     .values(current_activity_id=new))
            if result.rowcount != 1:
                return False
            await _bump(s, meeting_id)
            return True

    # moderator invites
    async def create_invite(self, meeting_id: int, label: str) -> ModeratorInvite:
        async with self.sessions.begin() as s:
            invite = ModeratorInvite(meeting_id=meeting_id, key=new_key(), label=label, revoked=False)
            s.add(invite)
            await _bump(s, meeting_id)
        return invite

    async def invites_of(self, meeting_id: int) -> list[ModeratorInvite]:
        async with self.sessions() as s:
            rows = await s.scalars(select(ModeratorInvite).where(ModeratorInvite.meeting_id == meeting_id)
                                   .order_by(ModeratorInvite.id))
            return list(rows)

    async def revoke_invite(self, meeting_id: int, invite_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(ModeratorInvite)
                            .where(ModeratorInvite.id == invite_id, ModeratorInvite.meeting_id == meeting_id)
                            .values(revoked=True))
            await _bump(s, meeting_id)

    # participants
    async def add_participant(self, meeting_id: int, device_id: str, name: str, organisation: str,
                              member_id: int | None = None) -> Participant:
        async def write() -> Participant:
            async with self.sessions.begin() as s:
                participant = Participant(id=new_participant_id(), meeting_id=meeting_id, device_id=device_id,
                                          name=name, organisation=organisation, status='active',
                                          member_id=member_id)
                s.add(participant)
                await _bump(s, meeting_id)
            return participant

        return await retry_when_busy(write)

    async def active_participants(self, meeting_id: int) -> list[Participant]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Participant)
                                   .where(Participant.meeting_id == meeting_id, Participant.status == 'active')
                                   .order_by(Participant.joined_at, Participant.id))
            return list(rows)

    async def participants_of(self, meeting_id: int) -> list[Participant]:
        """Everyone who took part, present or left (not the removed): the report's "who was there"."""
        async with self.sessions() as s:
            rows = await s.scalars(select(Participant)
                                   .where(Participant.meeting_id == meeting_id, Participant.status != 'removed')
                                   .order_by(Participant.joined_at, Participant.id))
            return list(rows)

    async def removed_participants(self, meeting_id: int) -> list[Participant]:
        """Who the facilitator removed (their devices may not join again unless let back in)."""
        async with self.sessions() as s:
            rows = await s.scalars(select(Participant)
                                   .where(Participant.meeting_id == meeting_id, Participant.status == 'removed')
                                   .order_by(Participant.joined_at, Participant.id))
            return list(rows)

    async def set_participant_place(self, meeting_id: int, participant_id: str, place: str) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Participant)
                            .where(Participant.id == participant_id, Participant.meeting_id == meeting_id)
                            .values(place=place))
            await _bump(s, meeting_id)

    async def set_participant_status(self, meeting_id: int, participant_id: str, status: str) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Participant)
                            .where(Participant.id == participant_id, Participant.meeting_id == meeting_id)
                            .values(status=status))
            await _bump(s, meeting_id)

    # activities
    async def activities_of(self, meeting_id: int) -> list[Activity]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Activity).where(Activity.meeting_id == meeting_id)
                                   .order_by(Activity.position, Activity.id))
            return list(rows)

    async def add_activity(self, meeting_id: int, kind: str, text: str, settings: dict) -> Activity:
        async with self.sessions.begin() as s:
            last = await s.scalar(select(func.max(Activity.position)).where(Activity.meeting_id == meeting_id))
            activity = Activity(meeting_id=meeting_id, kind=kind, text=text, settings=settings,
                                position=(last or 0) + 1, state='waiting', revealed=False)
            s.add(activity)
            await _bump(s, meeting_id)
        return activity

    async def update_activity(self, meeting_id: int, activity_id: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Activity).where(Activity.id == activity_id, Activity.meeting_id == meeting_id)
                            .values(**values))
            await _bump(s, meeting_id)

    async def delete_activity(self, meeting_id: int, activity_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(delete(Response).where(Response.activity_id == activity_id))
            await s.execute(delete(Activity).where(Activity.id == activity_id, Activity.meeting_id == meeting_id))
            await s.execute(update(Meeting).where(Meeting.id == meeting_id, Meeting.current_activity_id == activity_id)
                            .values(current_activity_id=None))
            await _bump(s, meeting_id)

    async def set_positions(self, meeting_id: int, ordered_ids: list[int]) -> None:
        async with self.sessions.begin() as s:
            for position, activity_id in enumerate(ordered_ids, start=1):
                await s.execute(update(Activity).where(Activity.id == activity_id, Activity.meeting_id == meeting_id)
                                .values(position=position))
            await _bump(s, meeting_id)

    # responses
    async def responses_of(self, meeting_id: int) -> list[Response]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Response).join(Activity).where(Activity.meeting_id == meeting_id)
                                   .order_by(Response.id))
            return list(rows)

    async def responses_of_participant(self, meeting_id: int, participant_id: str) -> list[Response]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Response).join(Activity).where(Activity.meeting_id == meeting_id,
                                                                         Response.participant_id == participant_id))
            return list(rows)

    async def room_versions(self, meeting_ids: list[int]) -> dict[int, tuple[int, dict[int, int]]]:
        """For each meeting: its room version and, per activity, the sum of its answers' versions (every stored
        answer counts its row's version up, so a sum that differs from what an instance holds means it missed
        one). Two small queries for all of an instance's rooms: the check that runs while the bus is down."""
        if not meeting_ids:
            return {}
        async with self.sessions() as s:
            rooms = {m: (v, {}) for m, v in await s.execute(select(Meeting.id, Meeting.version)
                                                           .where(Meeting.id.in_(meeting_ids)))}
            sums = await s.execute(select(Activity.meeting_id, Response.activity_id, func.sum(Response.version))
                                   .join(Activity, Activity.id == Response.activity_id)
                                   .where(Activity.meeting_id.in_(meeting_ids))
                                   .group_by(Activity.meeting_id, Response.activity_id))
            for meeting_id, activity_id, total in sums:
                if meeting_id in rooms:
                    rooms[meeting_id][1][activity_id] = int(total or 0)
        return rooms

    async def save_response(self, activity_id: int, participant_id: str, **values: object) -> int:
        """Insert or update the one response of this participant to this activity; returns, once committed, its new
        version (1 for a new response, one more with every change). Responses that arrive together are committed
        together (``GroupCommit``)."""
        return await self._responses.put((activity_id, participant_id), values)

    async def _write_responses(self, rows: dict[tuple[int, str], dict[str, object]]) -> dict[tuple[int, str], int]:
        """One transaction: an insert-or-update per set of fields, ``RESPONSE_ROWS`` rows per statement."""
        by_fields: dict[frozenset[str], list[dict[str, object]]] = {}
        for (activity_id, participant_id), values in rows.items():
            by_fields.setdefault(frozenset(values), []).append(
                {**RESPONSE_DEFAULTS, **values, 'activity_id': activity_id, 'participant_id': participant_id})

        async def write() -> dict[tuple[int, str], int]:
            now, versions = utcnow(), {}
            async with self.sessions.begin() as s:
                insert = sqlite_insert if s.bind.dialect.name == 'sqlite' else pg_insert
                for fields, group in by_fields.items():
                    for start in range(0, len(group), RESPONSE_ROWS):
                        statement = insert(Response).values([{**row, 'updated_at': now, 'version': 1}
                                                             for row in group[start:start + RESPONSE_ROWS]])
                        statement = statement.on_conflict_do_update(
                            index_elements=['activity_id', 'participant_id'],
                            set_={**{field: statement.excluded[field] for field in fields}, 'updated_at': now,
                                  'version': Response.__table__.c.version + 1})
                        result = await s.execute(statement.returning(Response.activity_id, Response.participant_id,
                                                                     Response.version))
                        versions.update({(a, p): v for a, p, v in result.all()})
            return versions

        return await wait_while_unreachable(lambda: retry_when_busy(write))

    async def export_rows(self, meeting_id: int) -> list[tuple[Activity, Response, Participant]]:
        async with self.sessions() as s:
            rows = await s.execute(select(Activity, Response, Participant)
                                   .join(Response, Response.activity_id == Activity.id)
                                   .join(Participant, Participant.id == Response.participant_id)
                                   .where(Activity.meeting_id == meeting_id)
                                   .order_by(Activity.position, Activity.id, Response.id))
            return [tuple(row) for row in rows]

    # rounds (speed dating)
    async def rounds_of(self, meeting_id: int) -> list[tuple[Round, list[RoundGroup]]]:
        async with self.sessions() as s:
            rounds = list(await s.scalars(select(Round).join(Activity).where(Activity.meeting_id == meeting_id)
                                          .order_by(Round.activity_id, Round.number)))
            groups = list(await s.scalars(select(RoundGroup).where(RoundGroup.round_id.in_([r.id for r in rounds]))
                                          .order_by(RoundGroup.round_id, RoundGroup.number))) if rounds else []
        by_round: dict[int, list[RoundGroup]] = {}
        for group in groups:
            by_round.setdefault(group.round_id, []).append(group)
        return [(r, by_round.get(r.id, [])) for r in rounds]

    async def add_round(self, activity_id: int, number: int, seconds: float, question: str, paused: str,
                        groups: list[list[str]], details: list[dict] | None = None) -> Round:
        """A new round with its groups, in one transaction; (activity, number) is unique, so a second
        "next round" for the same number fails instead of making two rounds."""
        async with self.sessions.begin() as s:
            round_ = Round(activity_id=activity_id, number=number, seconds=seconds, remaining=seconds, ends_at=None,
                           question=question, paused_participant=paused)
            s.add(round_)
            await s.flush()
            extra = details or [{} for _ in groups]
            s.add_all(RoundGroup(round_id=round_.id, number=i, members=list(members), **extra[i - 1])
                      for i, members in enumerate(groups, start=1))
            await _bump(s, _meeting_of_activity(activity_id))
        return round_

    async def update_round(self, round_id: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Round).where(Round.id == round_id).values(**values))
            await _bump(s, _meeting_of_round(round_id))

    async def set_round_groups(self, round_id: int, groups: list[list[str]], paused: str,
                               details: list[dict] | None = None) -> None:
        """New groups for a round (a swap, a repair); ``details`` per group (its video room) when given."""
        async with self.sessions.begin() as s:
            await s.execute(delete(RoundGroup).where(RoundGroup.round_id == round_id))
            extra = list(details or [])
            extra += [{} for _ in range(len(groups) - len(extra))]
            s.add_all(RoundGroup(round_id=round_id, number=i, members=list(members), **extra[i - 1])
                      for i, members in enumerate(groups, start=1))
            await s.execute(update(Round).where(Round.id == round_id).values(paused_participant=paused))
            await _bump(s, _meeting_of_round(round_id))

    async def update_group(self, round_id: int, number: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(RoundGroup).where(RoundGroup.round_id == round_id, RoundGroup.number == number)
                            .values(**values))
            await _bump(s, _meeting_of_round(round_id))

    async def move_member(self, round_id: int, groups: dict[int, list[str]]) -> None:
        """New member lists for some groups of a round, in one transaction (notes and details stay)."""
        async with self.sessions.begin() as s:
            for number, members in groups.items():
                await s.execute(update(RoundGroup).where(RoundGroup.round_id == round_id,
                                                         RoundGroup.number == number).values(members=members))
            await _bump(s, _meeting_of_round(round_id))
