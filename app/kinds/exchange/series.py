"""Give and need over a network (its ``series`` hook): each member's latest offers and needs (from any of its
meetings) and the needs no other member's offer meets yet — the network page's "open vragen".

Read through ``app.domain.series.Series`` (the database, not the rooms); hidden answers are left out; a forgotten
member has no name left and their answers no member, so they drop out.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.exchange import GiveNeed, matches, parse, unmet
from app.domain.series import Series


@dataclass(frozen=True, slots=True)
class OpenNeed:
    member: str          # "Anna (Woonzorg Brugge)"
    need: str


async def latest(series: Series, kind: str) -> dict[int, GiveNeed]:
    """Member id -> their latest give and need in the network."""
    found = {member: parse(text) for member, text in (await series.latest_answers(kind)).items()}
    return {member: answer for member, answer in found.items() if not answer.empty}


async def open_needs(series: Series, kind: str) -> tuple[OpenNeed, ...]:
    members = {m.id: m for m in await series.members()}
    answers = {str(member): answer for member, answer in (await latest(series, kind)).items() if member in members}
    found = matches(answers, {key: members[int(key)].organisation for key in answers})
    result = []
    for key, need in unmet(answers, found):
        member = members[int(key)]
        who = f'{member.name} ({member.organisation})' if member.organisation else member.name
        result.append(OpenNeed(who, need.text))
    return tuple(result)
