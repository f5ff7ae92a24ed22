"""Give and need through a room: answers checked and stored, a restart keeps them, the market leaves out removed
people, speed dating pairs the mutual match first, a member's earlier answer comes back at the next meeting and
the network's open needs."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import Refused
from app.domain.exchange import GiveNeed, Item, dump, parse
from app.i18n import translator
from app.kinds.exchange.kind import Exchange
from app.kinds.exchange.rules import market_of
from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.series import StoredSeries
from app.store.repo import Repo


def offer(gives: list[str], needs: list[str]) -> str:
    return dump(GiveNeed(tuple(Item(g) for g in gives), tuple(Item(n) for n in needs)))


async def test_answers_market_and_pairs(repo: Repo, rooms: Rooms) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Netwerk', None)
    room = await rooms.get(meeting.id)
    people = [await room.roster.join(f'device-{i}', name, org) for i, (name, org) in enumerate(
        [('Anna', 'Woonzorg'), ('Bram', 'Thuiszorg'), ('Cleo', 'OCMW'), ('Dirk', 'Stad'), ('Eva', 'CAW'),
         ('Fien', 'Woonzorg')])]
    a, b, c, d, e, f = (p.id for p in people)
    exchange = await room.agenda.add('exchange', 'Geven en vragen', {'tags': 'Roosters\nroosters\nVrijwilligers'})
    assert exchange.settings.tag_list == ('Roosters', 'Vrijwilligers')
    await room.agenda.open(exchange.id)

    with pytest.raises(Refused) as refused:
        await room.agenda.answer(a, exchange.id, text=offer([], ['x' * 121]))
    assert refused.value.key == 'error.exchange_too_long'
    with pytest.raises(Refused) as refused:
        await room.agenda.answer(a, exchange.id, text=offer([], ['Roosters', 'roosters', 'ROOSTERS']))
    assert refused.value.key == 'error.exchange_double'
    with pytest.raises(Refused) as refused:
        await room.agenda.answer(a, exchange.id, text='{"give": [], "need": []}')
    assert refused.value.key == 'error.exchange_empty'
    with pytest.raises(Refused):
        await room.agenda.answer(a, exchange.id, text='<script>' * 1000)

    await room.agenda.answer(a, exchange.id, text=offer(['Werving van vrijwilligers'], ['Roosters voor het weekend']))
    await room.agenda.answer(b, exchange.id, text=offer(['Planning van roosters'], ['Vrijwilligers werven']))
    await room.agenda.answer(c, exchange.id, text=offer(['Subsidies aanvragen'], ['Vrijwilligers vinden']))
    stored = await room.agenda.answer(d, exchange.id, text=offer(['<b>Subsidies</b>'], []))
    assert parse(stored.text).gives == (Item('<b>Subsidies</b>'),)  # stored as text: the views show it as text
    market = market_of(room.agenda.activities[exchange.id], room.agenda.answers[exchange.id], room.roster.people)
    assert {(m.need_of, m.offer_of) for m in market.matches} == {(a, b), (b, a), (c, a)}

    pairs = room.preferred_pairs(exchange.id)
    assert max(pairs, key=pairs.get) == frozenset((a, b))  # the mutual match is the strongest

    await room.roster.remove(c)  # a removed person drops out of the market (their answer stays stored)
    market = market_of(room.agenda.activities[exchange.id], room.agenda.answers[exchange.id], room.roster.people)
    assert c not in market.answers and (c, a) not in {(m.need_of, m.offer_of) for m in market.matches}

    speed = await room.agenda.add('speed_date', 'Koppels', {'pairs_from': exchange.id})
    await room.agenda.open(speed.id)
    first = await room.runner('speed_date').next_round(room.agenda.activities[speed.id])
    assert tuple(sorted((a, b))) in first.groups  # the planted mutual match
    reason = room.kinds['exchange'].pair_reason(room.agenda.activities[exchange.id], room.agenda.answers[exchange.id],
                                                room.roster.people, a, b, translator('nl'))
    assert reason.splitlines() == ['Bram kan je helpen met „Roosters voor het weekend” — bood „Planning van roosters” '
                                   'aan.', 'Je kan Bram helpen met „Vrijwilligers werven” — jij bood „Werving van '
                                   'vrijwilligers” aan.']
    assert sorted(p for g in first.groups for p in g) == sorted((a, b, d, e, f))  # the engine placed the rest

    restarted = await Rooms(repo, LocalBus(), default_registry()).get(meeting.id)
    stored = json.loads(restarted.agenda.answer_of(exchange.id, a).text)
    assert stored['need'] == [{'text': 'Roosters voor het weekend'}]
    assert restarted.agenda.activities[speed.id].settings.pairs_from == exchange.id


async def test_a_member_finds_last_time_back_and_the_network_sees_open_needs(repo: Repo, rooms: Rooms) -> None:
    networks = Networks(repo, rooms)
    anna = await repo.create_facilitator('anna', 'hash')
    network_id = await networks.create(anna.id, 'Zorg')
    first = await rooms.get(await networks.planning.plan(anna.id, network_id, 'Eerste'))
    bert = await networks.at_meeting.join(first, 'device-b', 'Bert', 'OCMW')
    carla = await networks.at_meeting.join(first, 'device-c', 'Carla', 'Thuiszorg')
    guest = await first.roster.join('device-g', 'Gast', 'Extern')
    for person in (bert, carla):
        await networks.at_meeting.make_member(first, person.id)
    exchange = await first.agenda.add('exchange', 'Geven en vragen', None)
    await first.agenda.open(exchange.id)
    await first.agenda.answer(bert.id, exchange.id, text=offer(['Roosters'], ['Een kwaliteitssysteem']))
    await first.agenda.answer(carla.id, exchange.id, text=offer(['Kwaliteitshandboek ISO'], ['Subsidies']))
    await first.agenda.answer(guest.id, exchange.id, text=offer(['Subsidies'], []))  # a guest: not the network's

    second = await rooms.get(await networks.planning.plan(anna.id, network_id, 'Tweede'))
    again = await networks.at_meeting.join(second, 'device-b', 'Bert', 'OCMW')
    other = await second.roster.join('device-x', 'Xavier', '')
    await second.agenda.add('exchange', 'Geven en vragen', None)
    assert parse(await second.memory.earlier_text('exchange', again.id)).needs == (Item('Een kwaliteitssysteem'),)
    assert await second.memory.earlier_text('exchange', other.id) == ''  # not a member

    needs = await Exchange().series(StoredSeries(repo, network_id))  # its hook, as the network page asks it
    assert [(n.member, n.need) for n in needs] == [('Carla (Thuiszorg)', 'Subsidies')]  # Bert's need is met
