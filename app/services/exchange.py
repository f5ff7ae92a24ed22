"""Give and need over a network: each member's latest offers and needs (from any of its meetings) and the needs no
other member's offer meets yet — the network page's "open vragen".

Read from the database, not from the rooms; hidden answers are left out; a forgotten member has no name left and
their answers no member, so they drop out.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.exchange import GiveNeed, matches, parse, unmet
from app.store.repo import Repo

KIND = 'exchange'


@dataclass(frozen=True, slots=True)
class OpenNeed:
    member: str          # "Anna (Woonzorg Brugge)"
    need: str


class Exchanges:
    def __init__(self, repo: Repo) -> None:
        self._db = repo.networks

    async def latest(self, network_id: int) -> dict[int, GiveNeed]:
        """Member id -> their latest give and need in the network."""
        found = {member: parse(text) for member, text in (await self._db.latest_answers(network_id, KIND)).items()}
        return {member: answer for member, answer in found.items() if not answer.empty}

    async def open_needs(self, network_id: int) -> list[OpenNeed]:
        members = {m.id: m for m in await self._db.members_of(network_id)}
        latest = {str(member): answer for member, answer in (await self.latest(network_id)).items()
                  if member in members}
        found = matches(latest, {key: members[int(key)].organisation for key in latest})
        result = []
        for key, need in unmet(latest, found):
            member = members[int(key)]
            who = f'{member.name} ({member.organisation})' if member.organisation else member.name
            result.append(OpenNeed(who, need.text))
        return result
