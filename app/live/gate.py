"""How fast strangers may join: per source address and per meeting (a flood of joins is refused with a reason)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from app.domain.errors import Refused
from app.domain.limits import RateLimit
from app.i18n import NP_

WINDOW = 600.0  # seconds over which the join limits count


class JoinGate:
    def __init__(self, per_address: int, per_meeting: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._address = RateLimit(clock, per_address, WINDOW)
        self._meeting = RateLimit(clock, per_meeting, WINDOW)

    def check_join(self, meeting_id: int, address: str) -> None:
        """Count one new participant, or refuse (nothing counted) when a limit is reached."""
        meeting, source = str(meeting_id), f'{meeting_id}:{address}'
        wait = max(self._address.wait_seconds(source), self._meeting.wait_seconds(meeting))
        if wait > 0 or not self._address.allow(source):
            raise Refused(NP_('error.too_many_joins'), count=max(1, math.ceil(wait)))
        if not self._meeting.allow(meeting):
            raise Refused(NP_('error.too_many_joins'), count=max(1, math.ceil(self._meeting.wait_seconds(meeting))))
