"""``uitwisselplek demo``: a ready meeting and simulated participants who join and answer, for rehearsing;
``uitwisselplek demo --network``: a learning network with a history (three past meetings) and a fourth to run.

The simulated participants act through the room (the same calls a phone's page makes), not over the
network; the load benchmark in ``bench/`` is the one that speaks the browser's protocol. The past meetings
are run the same way, then moved back in time (``NetworkRepo.backdate_meeting``): their rounds, answers and
attendance are what a real meeting leaves behind.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.domain.activities import Activity
from app.domain.errors import Refused
from app.domain.people import Person
from app.i18n import translator
from app.kinds.breakout.rules import BreakoutRules
from app.kinds.polls.rules import EXAMPLE_STATEMENTS, OpenRules, ScoreRules, StatementRules
from app.kinds.speed_date.rules import SpeedDateRules
from app.live.room import Room
from app.services.network_members import MemberInfo
from app.system import System

log = logging.getLogger(__name__)
# the kinds the demo's agendas use, by their classes (a renamed or removed kind fails here, not in a string)
OPEN, STATEMENT, SCORE = OpenRules.name, StatementRules.name, ScoreRules.name
SPEED_DATE, BREAKOUT = SpeedDateRules.name, BreakoutRules.name

FIRST = ['An', 'Bart', 'Charlotte', 'Dirk', 'Els', 'Frederik', 'Griet', 'Hannes', 'Inge', 'Jens', 'Katrien', 'Lieven',
         'Marijke', 'Nele', 'Pieter', 'Ruth', 'Sofie', 'Tom', 'Veerle', 'Wouter', 'Ann-Sofie', 'Koen', 'Lotte', 'Stijn']
LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
        'Vermeulen', 'Van den Broeck', 'Dubois', 'Lambrechts', 'De Clercq', 'Verhoeven']
ORGANISATIONS = ['Woonzorg Brugge', 'OCMW Gent', 'CAW Antwerpen', 'Vzw Ons Huis', 'Zorgpunt Waasland']
REASONS = ['Dat hangt af van de groep.', 'Zonder trekker valt het stil.', 'Ik leer het meest van collega’s.',
           'Vertrouwen komt niet vanzelf.', 'Bij ons werkt dat zo.', '']
ANSWERS = ['Kennis delen met collega’s', 'Nieuwe ideeën', 'Een netwerk van mensen die hetzelfde doen',
           'Minder het warm water uitvinden', 'Inspiratie en vertrouwen', 'Praktische tips']


async def _account(system: System) -> tuple[int, str, str]:
    """The demo facilitator: (id, username, password)."""
    username, password = 'demo', secrets.token_urlsafe(6)
    account_id = await system.accounts.id_of(username)
    if account_id is None:
        account_id = await system.accounts.create(username, password)
    else:
        password = '(unchanged: the demo account existed already in this data folder)'
    return account_id, username, password


async def prepare(system: System) -> tuple[int, str, str]:
    """A facilitator, a meeting with an agenda; returns (meeting id, username, password)."""
    account_id, username, password = await _account(system)
    meeting_id = await system.meetings.create(account_id, 'Demo: lerend netwerk zorg — sessie 1')
    room = await system.rooms.get(meeting_id)
    agenda = room.agenda
    await agenda.add(OPEN, 'Wat verwacht je van dit netwerk?', {'display': 'cloud'})
    for text in EXAMPLE_STATEMENTS:
        await agenda.add(STATEMENT, text, {'with_doubt': True})
    await agenda.add(SCORE, 'Geef een cijfer op 10: hoe vlot deel jij kennis met collega’s? Waarom deze score?')
    await agenda.add(SPEED_DATE, 'Leer elkaar kennen', {
        'minutes': 2, 'tables': True,
        'round_questions': 'Wanneer deelde je het laatst kennis met iemand buiten je team?'})
    await agenda.add(BREAKOUT, 'Wissel ervaringen uit in kleine groepjes', {
        'group_value': 4, 'group_questions': 'Wat werkt?\nWat loopt mis?\nWat wil je nog leren?'})
    await room.invites.create('Co-facilitator')
    return meeting_id, username, password


async def simulate(room: Room, participants: int, seed: int = 0) -> None:
    """Participants join one by one, then answer every statement, score and open question that opens."""
    rng = random.Random(seed)
    names = rng.sample([f'{f} {last}' for f in FIRST for last in LAST], participants)
    people = []
    for i, name in enumerate(names):
        await asyncio.sleep(rng.uniform(0.3, 1.5))
        person = await room.roster.join(f'demo-device-{i}', name, rng.choice(ORGANISATIONS))
        await room.roster.page_connected(person.id, +1)  # shown online, as if their phone is open
        people.append(person)
    _answer_what_opens(room, people, rng)


def _answer_what_opens(room: Room, people: list[Person], rng: random.Random) -> None:
    """From now on, ``people`` answer every statement, score and open question the facilitator opens."""
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


# ---- a learning network with a history -------------------------------------------------------------------------

NETWORK_NAME = 'Lerend netwerk Zorgzame buurten Zuid-West-Vlaanderen'
NETWORK_GOAL = ('Samen leren hoe we kwetsbare thuiswonende ouderen vroeger opmerken en beter ondersteunen, '
                'over de grenzen van onze organisaties heen.')
# organisation -> (e-mail domain, where it hosts a meeting)
HOSTS = {
    'OCMW Kortrijk': ('ocmw-kortrijk.example', 'Sociaal Huis Kortrijk, zaal Groeninge'),
    'CAW Zuid-West-Vlaanderen': ('caw-zwvl.example', 'CAW-onthaal Kortrijk, vergaderzaal 2'),
    'Woonzorgcentrum De Vlinder': ('devlinder.example', 'Woonzorgcentrum De Vlinder, Menen, cafetaria'),
    'Wit-Gele Kruis West-Vlaanderen': ('wgk-wvl.example', 'Wit-Gele Kruis, regiokantoor Kortrijk'),
    'Familiehulp': ('familiehulp.example', 'Familiehulp, regiohuis Kortrijk'),
    'Zorgbedrijf Harelbeke': ('zorgbedrijf-harelbeke.example', 'Zorgbedrijf Harelbeke, polyvalente zaal'),
    'Huis van het Kind Waregem': ('hvhk-waregem.example', 'Huis van het Kind Waregem, leskeuken'),
    'Eerstelijnszone Mandel en Leie': ('elz-mandelleie.example', 'Eerstelijnszone Mandel en Leie, Harelbeke'),
}
NETWORK_MEMBERS = [  # (name, organisation, role)
    ('Annelies Vandenberghe', 'OCMW Kortrijk', 'maatschappelijk werker'),
    ('Bram Declercq', 'OCMW Kortrijk', 'teamcoach sociale dienst'),
    ('Charlotte Vanhoutte', 'CAW Zuid-West-Vlaanderen', 'onthaalmedewerker'),
    ('Dieter Desmet', 'CAW Zuid-West-Vlaanderen', 'begeleider wonen'),
    ('Els Verhaeghe', 'Woonzorgcentrum De Vlinder', 'woonzorgcoördinator'),
    ('Frederik Lammens', 'Woonzorgcentrum De Vlinder', 'ergotherapeut'),
    ('Griet Vanneste', 'Wit-Gele Kruis West-Vlaanderen', 'thuisverpleegkundige'),
    ('Hanne Deprez', 'Wit-Gele Kruis West-Vlaanderen', 'zorgcoördinator'),
    ('Ilse Callewaert', 'Familiehulp', 'verzorgende'),
    ('Jan Vandamme', 'Zorgbedrijf Harelbeke', 'stafmedewerker ouderenzorg'),
    ('Katrien Demeyere', 'Huis van het Kind Waregem', 'coördinator'),
    ('Lieven Goethals', 'Eerstelijnszone Mandel en Leie', 'beleidsmedewerker'),
]
GUEST = ('Sarah Mortier', 'Stad Kortrijk')  # a guest speaker at the second meeting, no member
STATEMENT_REASONS = ['Bij ons lukt dat al goed.', 'Dat hangt af van wie er op huisbezoek gaat.',
                     'We hebben er de tijd niet voor.', 'Zonder afspraken valt het tussen twee stoelen.',
                     'Vorige maand nog meegemaakt.', 'Privacy maakt het moeilijk.', '', '']
SCORE_REASONS = ['We kennen elkaar nog te weinig.', 'Het gaat vooruit sinds dit netwerk.',
                 'Met sommige diensten vlot, met andere niet.', 'Te veel wachtlijsten.', '', '']


@dataclass(frozen=True, slots=True)
class Step:
    """One activity of a past meeting, and how it went."""

    kind: str
    text: str
    settings: dict[str, Any] = field(default_factory=dict)
    answers: tuple[str, ...] = ()     # open question: the texts; statement and score: the reasons
    weights: tuple[int, ...] = ()     # statement and score: how the choices were spread
    rounds: int = 1                   # speed date and breakout
    notes: tuple[str, ...] = ()       # breakout: the groups' harvests


@dataclass(frozen=True, slots=True)
class PastMeeting:
    title: str
    weeks_ago: int
    present: int                      # members who came
    steps: tuple[Step, ...]
    agreements: tuple[tuple[str, str, bool], ...] = ()  # (what, who, done by now)
    guest: bool = False


PAST = (
    PastMeeting('Kennismaking en verwachtingen', 12, 12, (
        Step(OPEN, 'Wat wil jij na dit netwerk anders doen in je werk?', {'display': 'cloud'}, answers=(
            'Sneller doorverwijzen', 'Weten wie ik kan bellen', 'Minder dubbel werk', 'Ouderen vroeger bereiken',
            'Samen huisbezoeken plannen', 'Mantelzorgers beter betrekken', 'Elkaars werking kennen',
            'Sneller doorverwijzen', 'Weten wie ik kan bellen', 'Minder dubbel werk')),
        Step(SPEED_DATE, 'Leer elkaar kennen', {
            'minutes': 4, 'tables': True,
            'round_questions': 'Wat doe jij concreet voor kwetsbare ouderen?\n'
                               'Waar loop je vast in de samenwerking met andere diensten?\n'
                               'Wat kan jouw organisatie betekenen voor de mijne?'}, rounds=3),
        Step(STATEMENT, 'Ik weet goed bij wie ik terecht kan in de andere organisaties van de regio.',
             {'with_doubt': True}, answers=tuple(STATEMENT_REASONS), weights=(2, 3, 5)),
        Step(SCORE, 'Hoe tevreden ben je over de samenwerking rond thuiswonende ouderen in onze regio?',
             {'scale_min': 1}, answers=tuple(SCORE_REASONS), weights=(0, 0, 1, 2, 4, 6, 5, 3, 1, 0)),
    ), agreements=(('Annelies bezorgt iedereen de contactlijst van de sociale diensten', 'Annelies Vandenberghe',
                    True),)),
    PastMeeting('Casusbespreking: eenzaamheid bij thuiswonende ouderen', 8, 10, (
        Step(STATEMENT, 'Eenzaamheid opmerken is de taak van iedereen die bij ouderen aan huis komt.',
             {'with_doubt': True}, answers=tuple(STATEMENT_REASONS), weights=(7, 2, 1)),
        Step(SPEED_DATE, 'Een casus in tweetallen', {
            'minutes': 5,
            'round_questions': 'Vertel over een oudere bij wie je de eenzaamheid te laat opmerkte.\n'
                               'Wat had het verschil gemaakt?'}, rounds=2),
        Step(BREAKOUT, 'Casussen uitdiepen in kleine groepen', {
            'minutes': 20, 'group_value': 3,
            'group_questions': 'Welke signalen zien we?\nWie doet wat na een signaal?\n'
                               'Wat hebben we van elkaar nodig?'}, notes=(
            'Signalen: brievenbus vol, niet meer naar de markt, minder bezoek van de kinderen.\n'
            'De poetshulp ziet het vaak eerst.',
            'Na een signaal: binnen de week iemand die langsgaat; één aanspreekpunt per wijk.\n'
            'Nu belt iedereen iedereen.',
            'We willen: een gedeelde sociale kaart, en weten wie er al over de vloer komt.')),
        Step(OPEN, 'Wat neem je mee naar je team?', answers=(
            'De signalenlijst', 'Poetshulp betrekken', 'Eerst bellen naar het OCMW', 'Huisarts inlichten',
            'Kortere lijnen met het CAW', 'Vaker doorvragen', 'Buren als bondgenoten', 'De signalenlijst')),
    ), agreements=(('Els test de signalenlijst in De Vlinder en brengt de ervaringen mee', 'Els Verhaeghe', True),
                   ('Iedereen brengt een geanonimiseerde casus mee', '', False)), guest=True),
    PastMeeting('Vroegdetectie: samen sneller signaleren', 4, 9, (
        Step(STATEMENT, 'Een gedeeld aanmeldformulier zou ons veel tijd besparen.', {'with_doubt': True},
             answers=tuple(STATEMENT_REASONS), weights=(6, 2, 1)),
        Step(SCORE, 'Hoe goed ken je de werking van de andere organisaties nu?', {'scale_min': 1},
             answers=tuple(SCORE_REASONS), weights=(0, 0, 0, 1, 2, 4, 6, 4, 2, 0)),
        Step(BREAKOUT, 'Afspraken per deelregio', {
            'minutes': 15, 'group_by': 'count', 'group_value': 3,
            'group_questions': 'Kortrijk\nMenen en Wevelgem\nHarelbeke en Waregem',
            'locations': 'tafel bij het raam\nde keuken\nde vergaderzaal'}, notes=(
            'Kortrijk: maandelijks wijkoverleg met OCMW, CAW en thuisverpleging.',
            'Menen en Wevelgem: De Vlinder wordt het aanspreekpunt voor signalen uit de buurt.',
            'Harelbeke en Waregem: het Zorgbedrijf bekijkt een gedeeld aanmeldformulier.')),
    ), agreements=(('Jan vraagt na of het Zorgbedrijf een gedeeld aanmeldformulier kan hosten', 'Jan Vandamme',
                    False),)),
)
# topics members proposed (by member number), and the answers to the one taken into the third meeting
TOPICS = (
    (4, 'Een gedeelde signalenlijst voor huisbezoeken'),
    (0, 'Privacy: wat mogen we delen zonder toestemming?'),
    (8, 'Mantelzorgers die zelf overbelast raken'),
    (6, 'Digitale drempels bij ouderen'),
    (9, 'Wachtlijsten in de thuiszorg: hoe overbruggen we ze?'),
)
TOPIC_ANSWERS = ('Eén lijst op papier én digitaal', 'Ook voor de poetshulp', 'Kort houden: tien signalen',
                 'Met telefoonnummers erbij', 'Samen met de huisartsen maken', 'Testen in één wijk')


@dataclass(frozen=True, slots=True)
class DemoNetwork:
    network_id: int
    meeting_id: int                   # the fourth meeting: today, open, ready to run
    past: tuple[int, ...]             # the three past meetings, oldest first
    username: str
    password: str


def member_device(member_id: int) -> str:
    """A simulated member's phone: the same in every meeting, so the next meeting recognises it."""
    return f'demo-member-{member_id}'


async def prepare_network(system: System, seed: int = 0, today: date | None = None) -> DemoNetwork:
    """A learning network of 12 members from 8 organisations, three past meetings (hosts in turn, answers,
    speed-date and breakout rounds, agreements), topics with dots, and a fourth meeting today from the built-in
    'deepening' template."""
    rng = random.Random(seed)
    today = today or date.today()
    networks = system.networks
    account_id, username, password = await _account(system)
    first_day = today - timedelta(weeks=PAST[0].weeks_ago)
    network_id = None
    for n in range(1, 50):  # run twice on the same data folder: a second network
        name = NETWORK_NAME if n == 1 else f'{NETWORK_NAME} ({n})'
        try:
            network_id = await networks.create(account_id, name, NETWORK_GOAL, 6, first_day,
                                               first_day + timedelta(weeks=24), 'Kortrijk en omgeving', 3)
            break
        except Refused as error:
            if error.key != 'error.network_name_taken':
                raise
    if network_id is None:
        raise RuntimeError('no free name for the demo network')
    members = [await networks.members.add(account_id, network_id, name, org, role,
                                         f'{name.split()[0].lower()}.{name.split()[-1].lower()}@{HOSTS[org][0]}')
               for name, org, role in NETWORK_MEMBERS]
    past = []
    for number, meeting in enumerate(PAST):
        if number == len(PAST) - 1:  # before the third meeting: topics, dots, the favourite on its agenda
            await _topics(system, network_id, members, rng)
        past.append(await _past_meeting(system, account_id, network_id, meeting, members, rng,
                                        today - timedelta(weeks=meeting.weeks_ago)))
    await _dots(system, network_id, members, rng)
    host = await networks.planning.suggested_host(account_id, network_id) or ''
    meeting_id = await networks.planning.plan(account_id, network_id, 'Verdieping: mantelzorgers onder druk', today,
                                     HOSTS.get(host, ('', ''))[1], host, source='builtin:deepening',
                                     t=translator(system.settings.language))
    room = await system.rooms.get(meeting_id)
    await room.settings.set_show_agreements(True)  # the screen shows what was agreed last time until the first activity
    return DemoNetwork(network_id, meeting_id, tuple(past), username, password)


async def _past_meeting(system: System, account_id: int, network_id: int, meeting: PastMeeting,
                        members: list[MemberInfo], rng: random.Random, on: date) -> int:
    """Plan the meeting, run it now as it went, close it, and move it back to its day."""
    networks = system.networks
    host = await networks.planning.suggested_host(account_id, network_id) or ''
    meeting_id = await networks.planning.plan(account_id, network_id, meeting.title, on,
                                              HOSTS.get(host, ('', ''))[1], host)
    room = await system.rooms.get(meeting_id)
    activities = [await room.agenda.add(step.kind, step.text, step.settings) for step in meeting.steps]
    steps = dict(zip([a.id for a in activities], meeting.steps, strict=True))
    topic = await _take_topic(system, network_id, room) if meeting is PAST[-1] else None
    if topic is not None:
        steps[topic.id] = Step(OPEN, topic.text, answers=TOPIC_ANSWERS)
    came = sorted(rng.sample(members, meeting.present), key=lambda m: m.name)
    people = [await networks.at_meeting.join(room, member_device(m.id), m.name, m.organisation, member_id=m.id)
              for m in came]
    if meeting.guest:
        people.append(await networks.at_meeting.join(room, 'demo-guest', *GUEST))
    start = datetime.combine(on, time(13, 30), UTC)  # in UTC: the afternoon in Belgium
    minute, ended = 5, []  # the meeting's clock (minutes after the start) and when each round ended
    for activity in room.agenda.ordered():
        step = steps[activity.id]
        await room.agenda.open(activity.id)
        current = room.agenda.activities[activity.id]
        if room.kinds[activity.kind].answered:
            await _answers(room, current, step, people, rng)
            minute += 8
        elif activity.kind in room.runners:  # rounds (speed dating, breakouts): as the kind's runner plays them
            for round_id, took in await room.runner(activity.kind).rehearse(current, step.rounds, step.notes):
                minute += took
                ended.append((round_id, minute))
    await room.agenda.show_nothing()
    for what, who, _ in meeting.agreements:
        await networks.agreements.agree(room, what, who)
    await room.settings.set_state('closed')
    repo = system.repo
    await repo.networks.backdate_meeting(meeting_id, datetime.now(UTC) - start)
    for round_id, at in ended:
        ends = start + timedelta(minutes=at)
        await repo.update_round(round_id, ends_at=ends, created_at=ends - timedelta(minutes=6))
    system.rooms.forget_rooms([meeting_id])  # read again from the database, at its own time
    done = {what for what, _, finished in meeting.agreements if finished}
    for agreement in await networks.agreements.all(account_id, network_id):
        if agreement.meeting_id == meeting_id and agreement.text in done:  # done by the next meeting
            await networks.agreements.set_done(account_id, network_id, agreement.id, True)
    return meeting_id


async def _answers(room: Room, activity: Activity, step: Step, people: list[Person], rng: random.Random) -> None:
    options = activity.options
    for n, person in enumerate(rng.sample(people, k=len(people))):
        if rng.random() < 0.08:  # someone always looks at their phone too late
            continue
        if not options:
            await room.agenda.answer(person.id, activity.id, text=step.answers[n % len(step.answers)])
            continue
        weights = step.weights if len(step.weights) == len(options) else [1] * len(options)
        choice = rng.choices(options, weights=weights)[0]
        reason = rng.choice(step.answers) if step.answers else ''
        await room.agenda.answer(person.id, activity.id, choice=choice, reason=reason or None,
                                 show_name=rng.random() < 0.3)


async def _topics(system: System, network_id: int, members: list[MemberInfo], rng: random.Random) -> None:
    """Members propose topics and place their dots; the favourite gets the most."""
    networks = system.networks
    for proposer, text in TOPICS:
        await networks.topics.propose(network_id, members[proposer].id, text)
    await _dots(system, network_id, members, rng, favourite=True)


async def _dots(system: System, network_id: int, members: list[MemberInfo], rng: random.Random,
                favourite: bool = False) -> None:
    """Most members place the dots they have left (some on one topic twice)."""
    networks = system.networks
    for member in members:
        board = await networks.topics.of_member(network_id, member.id)
        if not board.topics or rng.random() < 0.2:  # not everyone votes
            continue
        order = sorted(board.topics, key=lambda t: t.id)
        weights = [6 if favourite and i == 0 else 3 if i == 2 else 1 + i % 2 for i in range(len(order))]
        for topic in rng.choices(order, weights=weights, k=board.left):
            await networks.topics.dot(network_id, member.id, topic.id)


async def _take_topic(system: System, network_id: int, room: Room) -> Activity | None:
    """The topic with the most dots onto the meeting's agenda, first (its dots go back to the members)."""
    networks = system.networks
    board = await networks.topics.all(room.info.facilitator_id, network_id)
    if not board.topics:
        return None
    top = board.topics[0]
    await networks.topics.use(room.info.facilitator_id, network_id, top.id, room.info.id)
    added = room.agenda.ordered()[-1]
    await room.agenda.move(added.id, -len(room.agenda.activities))
    return added


async def simulate_network(system: System, room: Room, participants: int, seed: int = 0) -> None:
    """The network's members join today's meeting one by one (recognised by their phone), then guests when
    ``participants`` is more than the members; everyone answers what opens."""
    rng = random.Random(seed)
    network_id = room.info.network_id
    members = await system.networks.members.all(room.info.facilitator_id, network_id) if network_id else []
    rng.shuffle(members)
    guests = rng.sample([f'{f} {last}' for f in FIRST for last in LAST], max(0, participants - len(members)))
    people = []
    for member in members[:participants]:
        await asyncio.sleep(rng.uniform(0.3, 1.5))
        known = await system.networks.at_meeting.recognise(room, member_device(member.id))  # "Welkom terug, Annelies"
        person = await system.networks.at_meeting.join(room, member_device(member.id), member.name, member.organisation,
                                            member_id=known.id if known else member.id)
        await room.roster.page_connected(person.id, +1)
        people.append(person)
    for i, name in enumerate(guests):
        await asyncio.sleep(rng.uniform(0.3, 1.5))
        person = await system.networks.at_meeting.join(room, f'demo-device-{i}', name, rng.choice(ORGANISATIONS))
        await room.roster.page_connected(person.id, +1)
        people.append(person)
    _answer_what_opens(room, people, rng)
