"""Speed dating while it runs: plan a round of pairs, swap two people before it starts."""

from __future__ import annotations

from dataclasses import replace

from app.domain.activities import Activity
from app.domain.countdown import Countdown
from app.domain.errors import Refused
from app.domain.pairing import pair_preferring, pair_round
from app.domain.rounds import GroupDetails, Round, repaired, stranded, swap
from app.domain.video import Placement, group_is_online
from app.kinds.speed_date.rules import SpeedDateSettings, question_for
from app.live.rounds import RoundRunner


class SpeedDating(RoundRunner):
    async def rehearse(self, activity: Activity, rounds: int, notes: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        done = []
        for _ in range(rounds):
            r = await self.next_round(activity)
            await self.start(activity.id)
            await self.end_early(activity.id)
            done.append((r.id, round(r.countdown.seconds / 60) + 1))
        return done

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
            org = {p.id: p.organisation for p in people}
            placement = self.ctx.placement([p.id for p in people])
            settings = SpeedDateSettings.of(activity)
            preferred = self.ctx.preferred(settings.pairs_from) if settings.pairs_from else {}
            met = await self.ctx.met()
            groups: list[tuple[str, ...]] = []
            paused: str | None = None
            for part in placement.sets:  # hybrid: the room and online paired apart (one set otherwise)
                present = [(pid, org[pid]) for pid in part]
                odd = settings.odd if paused is None else 'trio'  # one pause per round
                if preferred:  # "koppels op basis van geven en vragen": the strongest matches first
                    pairing, _ = pair_preferring(present, preferred, met, odd=odd, paused_before=paused_before,
                                                 seed=activity.id, round_no=number)
                else:
                    pairing = pair_round(present, met, odd=odd, paused_before=paused_before, seed=activity.id,
                                         round_no=number)
                groups += pairing.groups
                paused = paused or pairing.paused
            details = self._rooms(groups, placement)
            seconds = round(SpeedDateSettings.of(activity).minutes * 60)
            question = question_for(SpeedDateSettings.of(activity), number)
            row = await self.ctx.repo.add_round(activity.id, number, seconds, question, paused or '',
                                                [list(g) for g in groups], [{'location': d.location} for d in details])
            new = Round(row.id, activity.id, number, tuple(groups), paused, Countdown.ready(seconds), question,
                        tuple(details))
            await self._save(new)
            return new

    def _rooms(self, groups: list[tuple[str, ...]], placement: Placement) -> list[GroupDetails]:
        """A new video room link for each group that meets online (anyone in it online); the others a table."""
        online = [i for i, group in enumerate(groups) if group_is_online(group, placement.online)]
        links = self.ctx.video_rooms(len(online)) if online else []
        details = [GroupDetails() for _ in groups]
        for i, link in zip(online, links, strict=True):
            details[i] = GroupDetails(location=link or '')
        return details

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
            details = list(current.details[:len(groups)])
            if len(groups) > len(details):  # a new pair of people left alone: a room of its own when online
                extra = self._rooms(list(groups[len(details):]), self.ctx.placement(list(present)))
                details += [GroupDetails()] * (len(groups) - len(details) - len(extra)) + extra
            await self.ctx.repo.set_round_groups(current.id, [list(g) for g in groups], paused or '',
                                                 [{'location': d.location} for d in details])
            await self._save(replace(current, groups=groups, paused=paused, details=tuple(details)))

    async def swap(self, activity_id: int, a: str, b: str) -> None:
        current = self.current(activity_id)
        if current is None or current.phase(self.clock()) != 'ready':
            raise Refused('error.swap_started')
        groups, paused = swap(current.groups, current.paused, a, b)  # each table keeps its room
        await self.ctx.repo.set_round_groups(current.id, [list(g) for g in groups], paused or '',
                                             [{'location': d.location} for d in current.details])
        await self._save(replace(current, groups=groups, paused=paused))
