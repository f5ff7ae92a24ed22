"""Migration 0012 marks the roles the network page used to find by the questions' texts: an existing series shows
the same expectations and achieved answers after the upgrade (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.store import db
from app.store.repo import Repo
from tests.store.test_migration import upgrade_to


async def test_roles_are_set_where_the_old_texts_pointed(database_url: str) -> None:
    upgrade_to(database_url, '0011')  # the schema before roles (0012 changes data only)
    engine = db.create_engine_for(database_url)
    try:
        repo = Repo(db.session_factory(engine))
        rooms = Rooms(repo, LocalBus(), default_registry())
        networks = Networks(repo, rooms)
        anna = await repo.create_facilitator('anna', 'hash')
        network_id = await networks.create(anna.id, 'Netwerk', '', 3)
        other_id = await networks.create(anna.id, 'Ander netwerk', '', 3)
        # planned in another order than their dates: the series is by date
        last = await rooms.get(await networks.planning.plan(anna.id, network_id, 'Slot', date(2026, 5, 1)))
        first = await rooms.get(await networks.planning.plan(anna.id, network_id, 'Start', date(2026, 3, 1)))
        alone = await rooms.get(await networks.planning.plan(anna.id, other_id, 'Enige', date(2026, 3, 1)))
        loose = await rooms.get((await repo.create_meeting(anna.id, 'Los', None)).id)
        a = {}
        a['case'] = await first.agenda.add('open', 'Een casus?')
        a['expect'] = await first.agenda.add('open', 'Wat VERWACHT je?')
        a['expect2'] = await first.agenda.add('open', 'Wat verwacht je nog?')
        a['score'] = await first.agenda.add('score', 'Wat verwacht je? (een cijfer)')
        a['goal'] = await last.agenda.add('open', 'Je doel?')
        a['achieved'] = await last.agenda.add('open', 'Wat is je bijgebleven?', {'display': 'cloud'})
        a['first_alone'] = await alone.agenda.add('open', 'Hoe gaat het?')
        a['second_alone'] = await alone.agenda.add('open', 'En nu?')
        a['loose'] = await loose.agenda.add('open', 'Vrije vraag')
        a['loose_goal'] = await loose.agenda.add('open', 'What did you achieve?')
        a['marked'] = await loose.agenda.add('open', 'Wat verwacht je?', {'role': 'achieved'})  # set by hand
    finally:
        await engine.dispose()

    db.migrate(database_url)

    engine = db.create_engine_for(database_url)
    try:
        repo = Repo(db.session_factory(engine))
        stored = {}
        for meeting_id in (first.info.id, last.info.id, alone.info.id, loose.info.id):
            stored.update({row.id: row.settings for row in await repo.activities_of(meeting_id)})
        role = {name: stored[activity.id].get('role', '') for name, activity in a.items()}
        assert role == {'case': '', 'expect': 'expectations', 'expect2': '', 'score': '', 'goal': '',
                        'achieved': 'achieved', 'first_alone': 'expectations', 'second_alone': '', 'loose': '',
                        'loose_goal': 'achieved', 'marked': 'achieved'}
        assert stored[a['achieved'].id]['display'] == 'cloud'  # the other settings stay
        room = await Rooms(repo, LocalBus(), default_registry()).get(first.info.id)
        assert room.agenda.activities[a['expect'].id].settings.role == 'expectations'
    finally:
        await engine.dispose()
