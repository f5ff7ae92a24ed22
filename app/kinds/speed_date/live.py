"""Speed dating while it runs: plan a round of pairs, swap two people before it starts."""

from __future__ import annotations

from dataclasses import replace

from app.domain.activities import Activity
from app.domain.countdown import Countdown
from app.domain.errors import Refused
from app.domain.pairing import pair_preferring, pair_round
from app.domain.rounds import Round, repaired, stranded, swap
from app.kinds.speed_date.rules import question_for
from app.live.rounds import RoundRunner


class SpeedDating(RoundRunner):
    async def next_round(self, activity: Activity) -> Round:
        """Pair everyone present for the next round (ready, not started). Pressing twice makes one round:
        a round that has not started yet is returned as it is."""
        if activity.kind != self.ctx.kind or activity.state != 'open':
            raise Refused('error.speeddate_not_open')
        async with self._lock:
            last = self.current(activity.id)
            if last is not None and last.phase(self.clock()) == 'ready':
                return last
            people = self.ctx.people()
            if len(people) < 2:
                raise Refused('error.speeddate_too_few')
            number = (last.number if last else 0) + 1
            paused_before = [r.paused for r in self.by_activity.get(activity.id, []) if r.paused]
            present = [(p.id, p.organisation) for p in people]
            settings = activity.settings
            preferred = self.ctx.preferred(settings.pairs_from) if settings.pairs_from else {}
            if preferred:  # "koppels op basis van geven en vragen": the strongest matches first, the engine the rest
                pairing, _ = pair_preferring(present, preferred, await self.ctx.met(), odd=settings.odd,
                                             paused_before=paused_before, seed=activity.id, round_no=number)
            else:
                pairing = pair_round(present, await self.ctx.met(), odd=settings.odd, paused_before=paused_before,
                                     seed=activity.id, round_no=number)
            seconds = round(activity.settings.minutes * 60)
            question = question_for(activity.settings, number)
            row = await self.ctx.repo.add_round(activity.id, number, seconds, question, pairing.paused or '',
                                                [list(g) for g in pairing.groups])
            new = Round(row.id, activity.id, number, pairing.groups, pairing.paused, Countdown.ready(seconds),
                        question)
            await self._save(new)
            return new

    def stranded(self, activity_id: int) -> list[str]:
        """Who has nobody to talk to in the current round (a partner left, or joined late)."""
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) in ('ready', 'over'):
            return []
        return stranded(current.groups, current.paused, {p.id for p in self.ctx.people()})

    async def repair(self, activity_id: int) -> None:
        """During a round: pair the people left alone (two by two, a last one joins a pair as a trio)."""
        async with self._lock:
            current = self.current(activity_id)
            if current is None or current.phase(self.clock()) == 'over':
                raise Refused('error.speeddate_no_round')
            present = {p.id for p in self.ctx.people()}
            groups = repaired(current.groups, current.paused, present)
            if groups == current.groups:
                return
            paused = current.paused if current.paused in present else None
            await self.ctx.repo.set_round_groups(current.id, [list(g) for g in groups], paused or '')
            await self._save(replace(current, groups=groups, paused=paused))

    async def swap(self, activity_id: int, a: str, b: str) -> None:
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) != 'ready':
            raise Refused('error.swap_started')
        groups, paused = swap(current.groups, current.paused, a, b)
        await self.ctx.repo.set_round_groups(current.id, [list(g) for g in groups], paused or '')
        await self._save(replace(current, groups=groups, paused=paused))
