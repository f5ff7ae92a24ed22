"""``uitwisselplek demo``: a ready meeting and simulated participants who join and answer, for rehearsing.

The simulated participants act through the room (the same calls a phone's page makes), not over the
network; the load benchmark in ``bench/`` is the one that speaks the browser's protocol.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets

from app.domain.activities import Activity
from app.kinds.polls.rules import EXAMPLE_STATEMENTS
from app.live.room import Room
from app.system import System

log = logging.getLogger(__name__)

FIRST = ['An', 'Bart', 'Charlotte', 'Dirk', 'Els', 'Frederik', 'Griet', 'Hannes', 'Inge', 'Jens', 'Katrien', 'Lieven',
         'Marijke', 'Nele', 'Pieter', 'Ruth', 'Sofie', 'Tom', 'Veerle', 'Wouter', 'Ann-Sofie', 'Koen', 'Lotte', 'Stijn']
LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
        'Vermeulen', 'Van den Broeck', 'Dubois', 'Lambrechts', 'De Clercq', 'Verhoeven']
ORGANISATIONS = ['Woonzorg Brugge', 'OCMW Gent', 'CAW Antwerpen', 'Vzw Ons Huis', 'Zorgpunt Waasland']
REASONS = ['Dat hangt af van de groep.', 'Zonder trekker valt het stil.', 'Ik leer het meest van collega’s.',
           'Vertrouwen komt niet vanzelf.', 'Bij ons werkt dat zo.', '']
ANSWERS = ['Kennis delen met collega’s', 'Nieuwe ideeën', 'Een netwerk van mensen die hetzelfde doen',
           'Minder het warm water uitvinden', 'Inspiratie en vertrouwen', 'Praktische tips']


async def prepare(system: System) -> tuple[int, str, str]:
    """A facilitator, a meeting with an agenda; returns (meeting id, username, password)."""
    username, password = 'demo', secrets.token_urlsafe(6)
    account_id = await system.accounts.id_of(username)
    if account_id is None:
        account_id = await system.accounts.create(username, password)
    else:
        password = '(unchanged: the demo account existed already in this data folder)'
    meeting_id = await system.meetings.create(account_id, 'Demo: lerend netwerk zorg — sessie 1')
    room = await system.rooms.get(meeting_id)
    agenda = room.agenda
    await agenda.add('open', 'Wat verwacht je van dit netwerk?', {'display': 'cloud'})
    for text in EXAMPLE_STATEMENTS:
        await agenda.add('statement', text, {'with_doubt': True})
    await agenda.add('score', 'Geef een cijfer op 10: hoe vlot deel jij kennis met collega’s? Waarom deze score?')
    await agenda.add('speed_date', 'Leer elkaar kennen', {
        'minutes': 2, 'tables': True,
        'round_questions': 'Wanneer deelde je het laatst kennis met iemand buiten je team?'})
    await agenda.add('breakout', 'Wissel ervaringen uit in kleine groepjes', {
        'group_value': 4, 'group_questions': 'Wat werkt?\nWat loopt mis?\nWat wil je nog leren?'})
    await room.create_invite('Co-facilitator')
    return meeting_id, username, password


async def simulate(room: Room, participants: int, seed: int = 0) -> None:
    """Participants join one by one, then answer every statement, score and open question that opens."""
    rng = random.Random(seed)
    names = rng.sample([f'{f} {last}' for f in FIRST for last in LAST], participants)
    people = []
    for i, name in enumerate(names):
        await asyncio.sleep(rng.uniform(0.3, 1.5))
        person = await room.join(f'demo-device-{i}', name, rng.choice(ORGANISATIONS))
        await room.page_connected(person.id, +1)  # shown online, as if their phone is open
        people.append(person)

    async def answer(activity: Activity) -> None:
        for person in rng.sample(people, k=len(people)):
            await asyncio.sleep(rng.uniform(0.2, 1.2))
            current = room.agenda.current
            if current is None or current.id != activity.id or current.state != 'open':
                return
            try:
                if not activity.options:
                    await room.agenda.answer(person.id, activity.id, text=rng.choice(ANSWERS))
                else:
                    choice = rng.choices(activity.options, weights=range(1, len(activity.options) + 1))[0]
                    await room.agenda.answer(person.id, activity.id, choice=choice, reason=rng.choice(REASONS))
            except Exception:  # a participant who left, an activity closed meanwhile: skip, as a person would
                log.debug('simulated answer skipped', exc_info=True)

    tasks: set[asyncio.Task] = set()

    def opened(activity: Activity | None) -> None:
        if activity is not None and room.kinds[activity.kind].answered and activity.state == 'open':
            task = asyncio.get_running_loop().create_task(answer(activity))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

    room.agenda.current_changed.subscribe(opened)
    opened(room.agenda.current)
