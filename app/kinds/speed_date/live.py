"""Speed dating while it runs: plan a round of pairs, swap two people before it starts."""

from __future__ import annotations

from dataclasses import replace

from app.domain.activities import Activity
from app.domain.countdown import Countdown
from app.domain.pairing import pair_round
from app.domain.people import InvalidInput
from app.domain.speeddate import DateRound, met_counts, question_for, swap
from app.live.rounds import RoundRunner


class SpeedDating(RoundRunner):
    prefix = 'round'

    async def next_round(self, activity: Activity) -> DateRound:
        """Pair everyone present for the next round (ready, not started). Pressing twice makes one round:
        a round that has not started yet is returned as it is."""
        if activity.kind != 'speed_date' or activity.state != 'open':
            raise InvalidInput('error.speeddate_not_open')
        async with self._lock:
            last = self.current(activity.id)
            if last is not None and last.phase(self.clock()) == 'ready':
                return last
            people = self._people()
            if len(people) < 2:
                raise InvalidInput('error.speeddate_too_few')
            number = (last.number if last else 0) + 1
            paused_before = [r.paused for r in self.rounds.get(activity.id, []) if r.paused]
            pairing = pair_round([(p.id, p.organisation) for p in people], met_counts(self.all_rounds()),
                                 odd=activity.settings.odd, paused_before=paused_before, seed=activity.id,
                                 round_no=number)
            seconds = round(activity.settings.minutes * 60)
            question = question_for(activity.settings, number)
            row = await self._repo.add_round(activity.id, number, seconds, question, pairing.paused or '',
                                             [list(g) for g in pairing.groups])
            new = DateRound(row.id, activity.id, number, pairing.groups, pairing.paused, Countdown.ready(seconds),
                            question)
            await self._replace(new)
            return new

    async def swap(self, activity_id: int, a: str, b: str) -> None:
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) != 'ready':
            raise InvalidInput('error.swap_started')
        groups, paused = swap(current.groups, current.paused, a, b)
        await self._repo.set_round_groups(current.id, [list(g) for g in groups], paused or '')
        await self._replace(replace(current, groups=groups, paused=paused))
