"""Typed declarative models."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Facilitator(Base):
    __tablename__ = 'facilitator'

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Meeting(Base):
    __tablename__ = 'meeting'

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey('facilitator.id', ondelete='CASCADE'), index=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    state: Mapped[str] = mapped_column(String(16), default='open')  # draft | open | closed
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    screen_key: Mapped[str] = mapped_column(String(64), unique=True)
    current_activity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # what phones and screen show
    max_participants: Mapped[int] = mapped_column(Integer, default=0, server_default='0')  # 0: no maximum
    language: Mapped[str] = mapped_column(String(8), default='', server_default='')  # '' : the app's default
    network_id: Mapped[int | None] = mapped_column(ForeignKey('network.id', ondelete='SET NULL'), nullable=True,
                                                   index=True)
    place: Mapped[str] = mapped_column(String(200), default='', server_default='')
    host: Mapped[str] = mapped_column(String(120), default='', server_default='')  # the hosting organisation
    show_agreements: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # on the screen
    report_key: Mapped[str] = mapped_column(String(64), default='', server_default='')  # share link; '' : none
    recap_note: Mapped[str] = mapped_column(Text, default='', server_default='')  # "wat we veranderd hebben"
    recap_quotes: Mapped[list | None] = mapped_column(JSON, default=list, nullable=True)  # quotes picked for the screen
    show_recap: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # "Vorige keer"
    mode: Mapped[str] = mapped_column(String(8), default='room', server_default='room')  # room | online | hybrid
    plenary_url: Mapped[str] = mapped_column(String(500), default='', server_default='')  # the main call
    video_base: Mapped[str] = mapped_column(String(500), default='', server_default='')  # a Jitsi base URL
    video_links: Mapped[str] = mapped_column(Text, default='', server_default='')  # pasted rooms, one per line
    mixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # hybrid: mixed pairs
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # +1 with every stored change of its room (not its answers: those have their own), in the same transaction
    version: Mapped[int] = mapped_column(Integer, default=0, server_default='0')


class ModeratorInvite(Base):
    __tablename__ = 'moderator_invite'

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey('meeting.id', ondelete='CASCADE'), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default='')
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Participant(Base):
    __tablename__ = 'participant'
    __table_args__ = (Index('ix_participant_device', 'meeting_id', 'device_id'),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey('meeting.id', ondelete='CASCADE'), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(120), default='')
    status: Mapped[str] = mapped_column(String(16), default='active')  # active | left | removed
    place: Mapped[str] = mapped_column(String(8), default='', server_default='')  # hybrid: room | online | ''
    member_id: Mapped[int | None] = mapped_column(ForeignKey('member.id', ondelete='SET NULL'), nullable=True,
                                                  index=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Activity(Base):
    """One step of the agenda: a statement, a score or an open question."""

    __tablename__ = 'activity'

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey('meeting.id', ondelete='CASCADE'), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(400))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default='waiting')  # waiting | open | closed
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # when it last closed


class Response(Base):
    """One participant's answer to one activity: one row per pair, changing it is an update."""

    __tablename__ = 'response'
    __table_args__ = (UniqueConstraint('activity_id', 'participant_id', name='uq_response_activity_participant'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey('activity.id', ondelete='CASCADE'), index=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey('participant.id', ondelete='CASCADE'))
    choice: Mapped[str] = mapped_column(String(16), default='')
    text: Mapped[str] = mapped_column(Text, default='')
    reason: Mapped[str] = mapped_column(Text, default='')
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    show_name: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[str] = mapped_column(Text, default='', server_default='')  # a second text (evaluation)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default='0')  # +1 with every stored change


class Round(Base):
    """One speed-date round (later also a breakout round): its countdown and who met whom."""

    __tablename__ = 'round'
    __table_args__ = (UniqueConstraint('activity_id', 'number', name='uq_round_activity_number'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey('activity.id', ondelete='CASCADE'), index=True)
    number: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    remaining: Mapped[float | None] = mapped_column(Float, nullable=True)
    question: Mapped[str] = mapped_column(Text, default='')
    paused_participant: Mapped[str] = mapped_column(String(32), default='')
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RoundGroup(Base):
    """A pair, trio or group of one round, with its table number."""

    __tablename__ = 'round_group'

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey('round.id', ondelete='CASCADE'), index=True)
    number: Mapped[int] = mapped_column(Integer)
    members: Mapped[list] = mapped_column(JSON, default=list)  # participant ids
    question: Mapped[str] = mapped_column(Text, default='')     # breakout: the group's own question
    location: Mapped[str] = mapped_column(String(300), default='')  # breakout: "tafel 3" or a video link
    moderator_key: Mapped[str] = mapped_column(String(64), default='')  # breakout: the invite of its moderator
    note: Mapped[str] = mapped_column(Text, default='')         # breakout: the group's harvest
    note_version: Mapped[int] = mapped_column(Integer, default=0)


class Network(Base):
    """A learning network: a series of meetings with the same members, with a beginning and an end."""

    __tablename__ = 'network'
    __table_args__ = (UniqueConstraint('facilitator_id', 'name', name='uq_network_facilitator_name'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey('facilitator.id', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(120))
    goal: Mapped[str] = mapped_column(Text, default='')
    planned_meetings: Mapped[int] = mapped_column(Integer, default=6)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(200), default='')
    dots: Mapped[int] = mapped_column(Integer, default=3)  # per member, for the topics
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Member(Base):
    __tablename__ = 'member'
    __table_args__ = (UniqueConstraint('network_id', 'match_key', name='uq_member_network_key'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey('network.id', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(120), default='')
    role: Mapped[str] = mapped_column(String(120), default='')
    email: Mapped[str] = mapped_column(String(200), default='')  # never shown to other members
    match_key: Mapped[str] = mapped_column(String(220))  # name|organisation folded: a member pasted twice clashes
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Preparer(Base):
    """A member's personal link to prepare one meeting's agenda (nothing else); revocable."""

    __tablename__ = 'preparer'

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey('meeting.id', ondelete='CASCADE'), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey('member.id', ondelete='CASCADE'), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Topic(Base):
    """A topic a member proposed for a coming meeting; members vote on it with dots."""

    __tablename__ = 'topic'

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey('network.id', ondelete='CASCADE'), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey('member.id', ondelete='SET NULL'), nullable=True)
    text: Mapped[str] = mapped_column(String(400))
    used_in: Mapped[int | None] = mapped_column(ForeignKey('meeting.id', ondelete='SET NULL'), nullable=True)
    dots_when_used: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TopicVote(Base):
    """One dot: a member has ``dots`` slots, so two tabs voting at once cannot place one dot too many."""

    __tablename__ = 'topic_vote'
    __table_args__ = (UniqueConstraint('member_id', 'slot', name='uq_topic_vote_member_slot'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey('topic.id', ondelete='CASCADE'), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey('member.id', ondelete='CASCADE'))
    slot: Mapped[int] = mapped_column(Integer)


class Agreement(Base):
    """An agreement or action noted in a meeting ("Anna stuurt haar procedure door"), shown at the next one."""

    __tablename__ = 'agreement'

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey('network.id', ondelete='CASCADE'), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey('meeting.id', ondelete='CASCADE'), index=True)
    text: Mapped[str] = mapped_column(String(400))
    who: Mapped[str] = mapped_column(String(80), default='')
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Template(Base):
    """A facilitator's own agenda template: the activities of a meeting, without answers."""

    __tablename__ = 'template'

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey('facilitator.id', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(120))
    items: Mapped[list] = mapped_column(JSON, default=list)  # [{"kind", "text", "settings"}]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
