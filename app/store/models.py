"""Typed declarative models."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String
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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


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
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
