"""Rate limits for what strangers can do in bulk (joins, code guesses, page loads): token buckets per key."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimit:
    """At most ``burst`` at once per key, then one more every ``per_seconds / burst`` seconds.

    E.g. ``RateLimit(clock, burst=60, per_seconds=600)``: 60 joins right away, then 6 a minute. Keys not used for
    a while are forgotten (at most ``keys`` are kept)."""

    clock: Callable[[], float]
    burst: int
    per_seconds: float
    keys: int = 10_000
    _buckets: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict)  # key -> (tokens, when)

    def allow(self, key: str) -> bool:
        """Take one token for ``key``; False (and nothing taken) when there is none left."""
        if self.burst <= 0:
            return True  # no limit
        now = self.clock()
        tokens, then = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.burst / self.per_seconds)
        allowed = tokens >= 1
        self._buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self.keys:
            self._buckets.popitem(last=False)
        return allowed

    def wait_seconds(self, key: str) -> float:
        """How long until ``key`` has a token again (0: now)."""
        if self.burst <= 0 or key not in self._buckets:
            return 0.0
        tokens, then = self._buckets[key]
        tokens = min(float(self.burst), tokens + (self.clock() - then) * self.burst / self.per_seconds)
        return 0.0 if tokens >= 1 else (1 - tokens) * self.per_seconds / self.burst
