"""Queries of learning networks: networks, members, preparers, topics and dots, agreements, templates.

Like ``Repo``: one short transaction per call, plain rows out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, func, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.domain.codes import new_join_code, new_key, new_participant_id
from app.domain.network_export import ImportedMeeting, NetworkImport
from app.domain.networks import MemberFields, NetworkFields
from app.store.models import (
    Activity,
    Agreement,
    Meeting,
    Member,
    ModeratorInvite,
    Network,
    Participant,
    Preparer,
    Response,
    Round,
    RoundGroup,
    Template,
    Topic,
    TopicVote,
)


class Taken(Exception):
    """A unique value is taken already (a network's name, a member pasted twice, a dot's slot)."""


@dataclass(frozen=True, slots=True)
class NetworkRows:
    """Everything of one network, read at one moment (for its export)."""

    network: Network
    members: list[Member]              # as added
    meetings: list[Meeting]            # in the series' order
    activities: list[Activity]         # by position
    participants: list[Participant]    # as they joined
    responses: list[Response]
    rounds: list[Round]                # by activity and number
    groups: list[RoundGroup]           # by round and number
    topics: list[Topic]
    dots: dict[int, int]               # topic id -> dots placed on it now
    agreements: list[Agreement]


class NetworkRepo:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self.sessions = sessions

    # networks
    async def create_network(self, facilitator_id: int, fields: NetworkFields) -> Network:
        network = Network(facilitator_id=facilitator_id, name=fields.name, goal=fields.goal,
                          planned_meetings=fields.planned_meetings, starts_on=fields.starts_on,
                          ends_on=fields.ends_on, place=fields.place, dots=fields.dots)
        try:
            async with self.sessions.begin() as s:
                s.add(network)
        except IntegrityError as error:
            raise Taken from error
        return network

    async def update_network(self, network_id: int, fields: NetworkFields) -> None:
        try:
            async with self.sessions.begin() as s:
                await s.execute(update(Network).where(Network.id == network_id).values(
                    name=fields.name, goal=fields.goal, planned_meetings=fields.planned_meetings,
                    starts_on=fields.starts_on, ends_on=fields.ends_on, place=fields.place, dots=fields.dots))
        except IntegrityError as error:
            raise Taken from error

    async def networks_of(self, facilitator_id: int) -> list[Network]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Network).where(Network.facilitator_id == facilitator_id)
                                        .order_by(Network.created_at.desc(), Network.id.desc())))

    async def network(self, network_id: int) -> Network | None:
        async with self.sessions() as s:
            return await s.get(Network, network_id)

    async def delete_network(self, network_id: int, with_meetings: bool) -> None:
        """Delete a network; its meetings go with it or stay as stand-alone meetings (without member links)."""
        async with self.sessions.begin() as s:
            meetings = select(Meeting.id).where(Meeting.network_id == network_id)
            if with_meetings:
                await s.execute(delete(Meeting).where(Meeting.network_id == network_id))
            else:
                await s.execute(update(Participant).where(Participant.meeting_id.in_(meetings))
                                .values(member_id=None))
                await s.execute(delete(Agreement).where(Agreement.network_id == network_id))
                await s.execute(update(Meeting).where(Meeting.network_id == network_id).values(network_id=None))
            await s.execute(delete(Network).where(Network.id == network_id))

    async def meetings_of(self, network_id: int) -> list[Meeting]:
        """The network's meetings in their order: by date, an undated one on the day it was planned."""
        async with self.sessions() as s:
            meetings = list(await s.scalars(select(Meeting).where(Meeting.network_id == network_id)
                                            .order_by(Meeting.id)))
        return sorted(meetings, key=lambda m: (m.date or m.created_at.date(), m.id))

    async def update_meeting_plan(self, meeting_id: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Meeting).where(Meeting.id == meeting_id)
                            .values(**values, version=Meeting.version + 1))

    # members
    async def members_of(self, network_id: int) -> list[Member]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Member).where(Member.network_id == network_id)
                                        .order_by(Member.name, Member.id)))

    async def member(self, member_id: int) -> Member | None:
        async with self.sessions() as s:
            return await s.get(Member, member_id)

    async def add_members(self, network_id: int, members: list[MemberFields]) -> tuple[list[Member], int]:
        """Add members one by one; one already there (same name and organisation) is skipped, not an error.
        Returns the new members and how many were skipped."""
        added: list[Member] = []
        skipped = 0
        async with self.sessions.begin() as s:
            for fields in members:
                member = Member(network_id=network_id, name=fields.name, organisation=fields.organisation,
                                role=fields.role, email=fields.email, match_key=fields.key)
                try:
                    async with s.begin_nested():
                        s.add(member)
                except IntegrityError:
                    skipped += 1
                    continue
                added.append(member)
        return added, skipped

    async def update_member(self, member_id: int, fields: MemberFields) -> None:
        try:
            async with self.sessions.begin() as s:
                await s.execute(update(Member).where(Member.id == member_id).values(
                    name=fields.name, organisation=fields.organisation, role=fields.role, email=fields.email,
                    match_key=fields.key))
        except IntegrityError as error:
            raise Taken from error

    async def forget_member(self, member_id: int) -> list[tuple[int, str]]:
        """Remove a member with their personal data: their participants lose name, organisation and device
        (answers stay, anonymous: no name is shown with them any more). Returns (meeting id, participant id)."""
        async with self.sessions.begin() as s:
            rows = list(await s.execute(select(Participant.meeting_id, Participant.id)
                                        .where(Participant.member_id == member_id)))
            ids = [participant_id for _, participant_id in rows]
            if ids:  # the answers' and the meetings' versions move: another instance sees it missed this
                await s.execute(update(Response).where(Response.participant_id.in_(ids))
                                .values(show_name=False, version=Response.version + 1))
                await s.execute(update(Participant).where(Participant.id.in_(ids)).values(
                    name='', organisation='', device_id=literal('forgotten-') + Participant.id, member_id=None,
                    status='left'))
                await s.execute(update(Meeting).where(Meeting.id.in_({meeting_id for meeting_id, _ in rows}))
                                .values(version=Meeting.version + 1))
            member = await s.get(Member, member_id)
            if member is not None:  # "Anna stuurt haar procedure door": the agreement stays, without her name
                await s.execute(update(Agreement).where(Agreement.network_id == member.network_id,
                                                        Agreement.who == member.name).values(who=''))
            await s.execute(delete(Member).where(Member.id == member_id))
        return [(meeting_id, participant_id) for meeting_id, participant_id in rows]

    async def link_participant(self, participant_id: str, member_id: int | None) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Participant).where(Participant.id == participant_id).values(member_id=member_id))

    async def members_in(self, meeting_id: int) -> dict[str, int]:
        """Participant id -> member id, for the meeting's participants who are members."""
        async with self.sessions() as s:
            rows = await s.execute(select(Participant.id, Participant.member_id)
                                   .where(Participant.meeting_id == meeting_id, Participant.member_id.is_not(None)))
            return {participant_id: member_id for participant_id, member_id in rows}

    async def latest_answers(self, network_id: int, kind: str, not_in: int | None = None,
                             member_id: int | None = None) -> dict[int, str]:
        """Member id -> the text of their latest answer to an activity of ``kind`` in the network's meetings (not
        meeting ``not_in``; only ``member_id`` if given): what a member wrote last time (give and need)."""
        async with self.sessions() as s:
            query = (select(Participant.member_id, Response.text)
                     .join(Response, Response.participant_id == Participant.id)
                     .join(Activity, Activity.id == Response.activity_id)
                     .join(Meeting, Meeting.id == Activity.meeting_id)
                     .where(Meeting.network_id == network_id, Activity.kind == kind,
                            Participant.member_id.is_not(None), Response.hidden.is_(False))
                     .order_by(Response.updated_at, Response.id))
            if not_in is not None:
                query = query.where(Meeting.id != not_in)
            if member_id is not None:
                query = query.where(Participant.member_id == member_id)
            return {member: text for member, text in await s.execute(query)}  # the latest wins

    async def member_for_device(self, network_id: int, device_id: str, not_in: int) -> Member | None:
        """The member who joined another meeting of the network on this device (the latest time)."""
        async with self.sessions() as s:
            return await s.scalar(
                select(Member).join(Participant, Participant.member_id == Member.id)
                .where(Participant.device_id == device_id, Participant.meeting_id != not_in,
                       Participant.meeting_id.in_(select(Meeting.id).where(Meeting.network_id == network_id)))
                .order_by(Participant.joined_at.desc()).limit(1))

    async def attendance(self, network_id: int) -> list[tuple[int, int]]:
        """(member id, meeting id) for every member who joined a meeting of the network."""
        async with self.sessions() as s:
            rows = await s.execute(select(Participant.member_id, Participant.meeting_id).distinct()
                                   .join(Meeting, Meeting.id == Participant.meeting_id)
                                   .where(Meeting.network_id == network_id, Participant.member_id.is_not(None),
                                          Participant.status != 'removed'))
            return [(member_id, meeting_id) for member_id, meeting_id in rows]

    async def participants_without_member(self, meeting_id: int) -> list[Participant]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Participant).where(
                Participant.meeting_id == meeting_id, Participant.member_id.is_(None),
                Participant.status == 'active').order_by(Participant.joined_at)))

    async def earlier_groups(self, network_id: int, not_in: int) -> tuple[list[list[str]], dict[str, int]]:
        """The pairs and groups of every round in the network's other meetings, and participant -> member there."""
        async with self.sessions() as s:
            meetings = select(Meeting.id).where(Meeting.network_id == network_id, Meeting.id != not_in)
            groups = [list(members) for members in await s.scalars(
                select(RoundGroup.members).join(Round, Round.id == RoundGroup.round_id)
                .join(Activity, Activity.id == Round.activity_id).where(Activity.meeting_id.in_(meetings)))]
            members = {participant_id: member_id for participant_id, member_id in await s.execute(
                select(Participant.id, Participant.member_id)
                .where(Participant.meeting_id.in_(meetings), Participant.member_id.is_not(None)))}
        return groups, members

    # preparers
    async def add_preparer(self, meeting_id: int, member_id: int) -> Preparer:
        async with self.sessions.begin() as s:
            preparer = Preparer(meeting_id=meeting_id, member_id=member_id, key=new_key(), revoked=False)
            s.add(preparer)
        return preparer

    async def preparers_of(self, meeting_id: int) -> list[tuple[Preparer, Member]]:
        async with self.sessions() as s:
            rows = await s.execute(select(Preparer, Member).join(Member, Member.id == Preparer.member_id)
                                   .where(Preparer.meeting_id == meeting_id, Preparer.revoked.is_(False))
                                   .order_by(Preparer.id))
            return [(p, m) for p, m in rows]

    async def preparer_by_key(self, key: str) -> Preparer | None:
        async with self.sessions() as s:
            return await s.scalar(select(Preparer).where(Preparer.key == key, Preparer.revoked.is_(False)))

    async def revoke_preparer(self, meeting_id: int, preparer_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Preparer).where(Preparer.id == preparer_id, Preparer.meeting_id == meeting_id)
                            .values(revoked=True))

    # topics
    async def add_topic(self, network_id: int, member_id: int | None, text: str) -> Topic:
        async with self.sessions.begin() as s:
            topic = Topic(network_id=network_id, member_id=member_id, text=text, used_in=None, dots_when_used=0)
            s.add(topic)
        return topic

    async def topics_of(self, network_id: int) -> list[Topic]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Topic).where(Topic.network_id == network_id).order_by(Topic.id)))

    async def topic(self, topic_id: int) -> Topic | None:
        async with self.sessions() as s:
            return await s.get(Topic, topic_id)

    async def votes_of(self, network_id: int) -> list[tuple[int, int]]:
        """(topic id, member id), one per dot, on the network's open topics."""
        async with self.sessions() as s:
            rows = await s.execute(select(TopicVote.topic_id, TopicVote.member_id)
                                   .join(Topic, Topic.id == TopicVote.topic_id)
                                   .where(Topic.network_id == network_id, Topic.used_in.is_(None)))
            return [(topic_id, member_id) for topic_id, member_id in rows]

    async def add_dot(self, topic_id: int, member_id: int, dots: int) -> bool:
        """Place one dot in the member's first free slot (1..dots); False when all are used. Two tabs at once
        cannot both take a slot: the unique (member, slot) decides, the loser tries the next slot."""
        for _ in range(dots + 1):
            async with self.sessions() as s:
                used = set(await s.scalars(select(TopicVote.slot).where(TopicVote.member_id == member_id)))
            free = [slot for slot in range(1, dots + 1) if slot not in used]
            if not free:
                return False
            try:
                async with self.sessions.begin() as s:
                    s.add(TopicVote(topic_id=topic_id, member_id=member_id, slot=free[0]))
                return True
            except IntegrityError:
                continue
        return False

    async def remove_dot(self, topic_id: int, member_id: int) -> bool:
        async with self.sessions.begin() as s:
            vote = await s.scalar(select(TopicVote.id).where(TopicVote.topic_id == topic_id,
                                                             TopicVote.member_id == member_id)
                                  .order_by(TopicVote.slot.desc()).limit(1))
            if vote is None:
                return False
            await s.execute(delete(TopicVote).where(TopicVote.id == vote))
        return True

    async def use_topic(self, topic_id: int, meeting_id: int) -> None:
        """The topic goes on a meeting's agenda: its dots are counted and given back to the members."""
        async with self.sessions.begin() as s:
            dots = await s.scalar(select(func.count()).select_from(TopicVote).where(TopicVote.topic_id == topic_id))
            await s.execute(delete(TopicVote).where(TopicVote.topic_id == topic_id))
            await s.execute(update(Topic).where(Topic.id == topic_id).values(used_in=meeting_id,
                                                                             dots_when_used=int(dots or 0)))

    async def delete_topic(self, topic_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(delete(Topic).where(Topic.id == topic_id))

    # agreements
    async def add_agreement(self, network_id: int, meeting_id: int, text: str, who: str) -> Agreement:
        async with self.sessions.begin() as s:
            agreement = Agreement(network_id=network_id, meeting_id=meeting_id, text=text, who=who, done=False)
            s.add(agreement)
        return agreement

    async def agreements_of(self, network_id: int) -> list[Agreement]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Agreement).where(Agreement.network_id == network_id)
                                        .order_by(Agreement.id)))

    async def update_agreement(self, network_id: int, agreement_id: int, **values: object) -> None:
        async with self.sessions.begin() as s:
            await s.execute(update(Agreement).where(Agreement.id == agreement_id, Agreement.network_id == network_id)
                            .values(**values))

    async def delete_agreement(self, network_id: int, agreement_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(delete(Agreement).where(Agreement.id == agreement_id, Agreement.network_id == network_id))

    # templates
    async def save_template(self, facilitator_id: int, name: str, items: list[dict]) -> Template:
        async with self.sessions.begin() as s:
            template = Template(facilitator_id=facilitator_id, name=name, items=items)
            s.add(template)
        return template

    async def templates_of(self, facilitator_id: int) -> list[Template]:
        async with self.sessions() as s:
            return list(await s.scalars(select(Template).where(Template.facilitator_id == facilitator_id)
                                        .order_by(Template.name, Template.id)))

    async def delete_template(self, facilitator_id: int, template_id: int) -> None:
        async with self.sessions.begin() as s:
            await s.execute(delete(Template).where(Template.id == template_id,
                                                   Template.facilitator_id == facilitator_id))

    # the next meeting
    async def next_meetings(self, network_ids: list[int], today: date) -> dict[int, Meeting]:
        """Per network: its first meeting on or after ``today`` (or undated), for the dashboard."""
        if not network_ids:
            return {}
        async with self.sessions() as s:
            rows = await s.scalars(select(Meeting).where(Meeting.network_id.in_(network_ids),
                                                         or_(Meeting.date.is_(None), Meeting.date >= today),
                                                         Meeting.state != 'closed')
                                   .order_by(Meeting.date.is_(None), Meeting.date, Meeting.id))
        found: dict[int, Meeting] = {}
        for meeting in rows:
            found.setdefault(meeting.network_id, meeting)
        return found

    # a network as a file
    async def network_rows(self, network_id: int) -> NetworkRows | None:
        """Everything of the network for its export, read in one transaction (on PostgreSQL at one snapshot)."""
        async with self.sessions() as s:
            if s.bind.dialect.name == 'postgresql':
                await s.connection(execution_options={'isolation_level': 'REPEATABLE READ'})
            network = await s.get(Network, network_id)
            if network is None:
                return None
            meeting_ids = select(Meeting.id).where(Meeting.network_id == network_id)
            activity_ids = select(Activity.id).where(Activity.meeting_id.in_(meeting_ids))
            members = list(await s.scalars(select(Member).where(Member.network_id == network_id).order_by(Member.id)))
            meetings = list(await s.scalars(select(Meeting).where(Meeting.network_id == network_id)
                                            .order_by(Meeting.date.is_(None), Meeting.date, Meeting.id)))
            activities = list(await s.scalars(select(Activity).where(Activity.meeting_id.in_(meeting_ids))
                                              .order_by(Activity.position, Activity.id)))
            participants = list(await s.scalars(select(Participant).where(Participant.meeting_id.in_(meeting_ids))
                                                .order_by(Participant.joined_at, Participant.id)))
            responses = list(await s.scalars(select(Response).where(Response.activity_id.in_(activity_ids))
                                             .order_by(Response.id)))
            rounds = list(await s.scalars(select(Round).where(Round.activity_id.in_(activity_ids))
                                          .order_by(Round.activity_id, Round.number)))
            groups = list(await s.scalars(
                select(RoundGroup).where(RoundGroup.round_id.in_(select(Round.id).where(
                    Round.activity_id.in_(activity_ids)))).order_by(RoundGroup.round_id, RoundGroup.number)))
            topics = list(await s.scalars(select(Topic).where(Topic.network_id == network_id).order_by(Topic.id)))
            dots = {topic_id: int(count) for topic_id, count in await s.execute(
                select(TopicVote.topic_id, func.count()).join(Topic, Topic.id == TopicVote.topic_id)
                .where(Topic.network_id == network_id).group_by(TopicVote.topic_id))}
            agreements = list(await s.scalars(select(Agreement).where(Agreement.network_id == network_id)
                                              .order_by(Agreement.id)))
        return NetworkRows(network, members, meetings, activities, participants, responses, rounds, groups, topics,
                           dots, agreements)

    async def import_network(self, facilitator_id: int, plan: NetworkImport, now: datetime) -> int:
        """A checked export written anew for this facilitator, in one transaction: all of it or nothing.
        New join codes, screen keys and participant ids; participants without a device. Raises ``Taken`` when the
        facilitator has a network of that name (also one made a moment ago). Returns the new network's id."""
        async with self.sessions.begin() as s:
            fields = plan.network
            try:
                async with s.begin_nested():
                    network = Network(facilitator_id=facilitator_id, name=fields.name, goal=fields.goal,
                                      planned_meetings=fields.planned_meetings, starts_on=fields.starts_on,
                                      ends_on=fields.ends_on, place=fields.place, dots=fields.dots)
                    s.add(network)
            except IntegrityError as error:
                raise Taken from error
            members = [Member(network_id=network.id, name=m.name, organisation=m.organisation, role=m.role,
                              email=m.email, match_key=m.key) for m in plan.members]
            s.add_all(members)
            await s.flush()
            meeting_ids = []
            for imported in plan.meetings:
                meeting_ids.append(await self._import_meeting(s, facilitator_id, network.id, imported, plan, members,
                                                              now))
            s.add_all(Topic(network_id=network.id, text=t.text, dots_when_used=t.dots_when_used,
                            member_id=members[t.member].id if t.member is not None else None,
                            used_in=meeting_ids[t.used_in] if t.used_in is not None else None)
                      for t in plan.topics)
            s.add_all(Agreement(network_id=network.id, meeting_id=meeting_ids[a.meeting], text=a.text, who=a.who,
                                done=a.done) for a in plan.agreements)
            return network.id

    @staticmethod
    async def _import_meeting(s: AsyncSession, facilitator_id: int, network_id: int, imported: ImportedMeeting,
                              plan: NetworkImport, members: list[Member], now: datetime) -> int:
        for _ in range(20):  # a clash of random codes is rare; the unique constraint decides
            try:
                async with s.begin_nested():
                    meeting = Meeting(facilitator_id=facilitator_id, title=imported.title, date=imported.date,
                                      join_code=new_join_code(), screen_key=new_key(), state=imported.state,
                                      locked=imported.locked, max_participants=imported.max_participants,
                                      language=imported.language, network_id=network_id, place=imported.place,
                                      host=imported.host, show_agreements=imported.show_agreements)
                    s.add(meeting)
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError('could not find a free join code')
        activities = [Activity(meeting_id=meeting.id, position=position, kind=a.kind, text=a.text,
                               settings=a.settings, state=a.state, revealed=a.revealed)
                      for position, a in enumerate(imported.agenda, start=1)]
        s.add_all(activities)
        # they joined on the meeting's day, in the file's order (which an export keeps)
        start = datetime.combine(imported.date, time(9), UTC) if imported.date else now
        ids: dict[int, str] = {}
        for n, p in enumerate(imported.participants):
            ids[p.ref] = new_participant_id()
            member = plan.members[p.member] if p.member is not None else None
            s.add(Participant(id=ids[p.ref], meeting_id=meeting.id, device_id=f'imported-{ids[p.ref]}',
                              name=member.name if member else '', organisation=member.organisation if member else '',
                              # nobody is on this server yet: who was in comes back as themselves, a member again
                              status='left' if p.status == 'active' else p.status,
                              member_id=members[p.member].id if p.member is not None else None,
                              joined_at=start + timedelta(seconds=n)))
        await s.flush()
        if imported.current is not None:
            meeting.current_activity_id = activities[imported.current].id
        s.add_all(Response(activity_id=activity.id, participant_id=ids[a.participant], choice=a.choice, text=a.text,
                           reason=a.reason, hidden=a.hidden, show_name=False)
                  for activity, a_ in zip(activities, imported.agenda, strict=True) for a in a_.answers)
        rounds = [Round(activity_id=activities[r.activity].id, number=r.number, seconds=r.seconds, ends_at=r.ends_at,
                        remaining=r.remaining, question=r.question,
                        paused_participant=ids[r.paused] if r.paused is not None else '')
                  for r in imported.rounds]
        s.add_all(rounds)
        await s.flush()
        s.add_all(RoundGroup(round_id=row.id, number=number, members=[ids[p] for p in group.members],
                             question=group.question, location=group.location, note=group.note,
                             note_version=1 if group.note else 0)
                  for row, r in zip(rounds, imported.rounds, strict=True)
                  for number, group in enumerate(r.groups, start=1))
        return meeting.id

    async def backdate_meeting(self, meeting_id: int, shift: timedelta) -> None:
        """Everything that happened in the meeting moved back by ``shift``, as if it happened then (the demo's
        past meetings, made by running them now)."""
        async with self.sessions.begin() as s:
            activity_ids = select(Activity.id).where(Activity.meeting_id == meeting_id)
            rows = [
                *await s.scalars(select(Meeting).where(Meeting.id == meeting_id)),
                *await s.scalars(select(Activity).where(Activity.meeting_id == meeting_id)),
                *await s.scalars(select(Participant).where(Participant.meeting_id == meeting_id)),
                *await s.scalars(select(Response).where(Response.activity_id.in_(activity_ids))),
                *await s.scalars(select(Round).where(Round.activity_id.in_(activity_ids))),
                *await s.scalars(select(Agreement).where(Agreement.meeting_id == meeting_id)),
                *await s.scalars(select(ModeratorInvite).where(ModeratorInvite.meeting_id == meeting_id)),
            ]
            for row in rows:
                for column in ('created_at', 'joined_at', 'updated_at', 'ends_at'):
                    value = getattr(row, column, None)
                    if value is not None:
                        setattr(row, column, value - shift)
