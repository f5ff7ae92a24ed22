"""A server-authoritative countdown: a deadline while running, the remaining time while paused."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Countdown:
    """``ends_at`` (UTC) while running; ``remaining`` seconds while paused or not started."""

    seconds: float                   # the planned length
    ends_at: datetime | None = None
    remaining: float | None = None

    @classmethod
    def ready(cls, seconds: float) -> Countdown:
        return cls(seconds, None, seconds)

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def start(self, now: datetime) -> Countdown:
        if self.running:
            return self
        left = self.seconds if self.remaining is None else self.remaining
        return replace(self, ends_at=now + timedelta(seconds=left), remaining=None)

    def pause(self, now: datetime) -> Countdown:
        if not self.running:
            return self
        return replace(self, ends_at=None, remaining=self.left(now))

    def extend(self, now: datetime, seconds: float) -> Countdown:
        """Add time; a countdown that already ran out starts again from the added time."""
        if self.ends_at is not None:
            base = max(now, self.ends_at)
            return replace(self, ends_at=base + timedelta(seconds=seconds))
        return replace(self, remaining=(self.remaining or 0) + seconds)

    def left(self, now: datetime) -> float:
        if self.ends_at is not None:
            return max(0.0, (self.ends_at - now).total_seconds())
        return max(0.0, self.remaining or 0.0)

    def is_over(self, now: datetime) -> bool:
        return self.running and self.left(now) <= 0


@dataclass(frozen=True, slots=True)
class ClockSample:
    """One look at a device's clock: the server asked at ``sent`` and had the answer ``seen`` (the device's clock)
    at ``received`` — ``sent`` and ``received`` on the server's clock; seconds."""

    sent: float
    seen: float
    received: float

    @property
    def round_trip(self) -> float:
        return self.received - self.sent


def clock_offset(samples: list[ClockSample]) -> float | None:
    """How far the device's clock is ahead of the server's, in seconds (None: no sample). The device read its clock
    somewhere between ``sent`` and ``received``: the middle is off by at most half the round trip, so the sample
    with the shortest round trip counts (a look that waited behind a busy server, as after a restart, does not)."""
    if not samples:
        return None
    best = min(samples, key=lambda s: s.round_trip)
    return best.seen - (best.sent + best.received) / 2
