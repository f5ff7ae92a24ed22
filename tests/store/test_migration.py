"""A wave-1 database with data migrates without loss: every row keeps its values, new columns get their defaults,
and the app reads it (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event

from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.store import db
from app.store.repo import Repo

WAVE_1 = '0004'  # breakout groups: the last migration of wave 1
AT = datetime(2026, 3, 9, 9, 30, 15, 123456, tzinfo=UTC)
ENDS = datetime(2026, 3, 9, 10, 2, 0, tzinfo=UTC)

# the columns of wave 1 (0001 … 0004), each with its type for binding and reading
TABLES: dict[str, dict[str, sa.types.TypeEngine]] = {
    'facilitator': {'id': sa.Integer(), 'username': sa.String(), 'password_hash': sa.String(),
                    'created_at': sa.DateTime(timezone=True)},
    'meeting': {'id': sa.Integer(), 'facilitator_id': sa.Integer(), 'title': sa.String(), 'date': sa.Date(),
                'join_code': sa.String(), 'state': sa.String(), 'locked': sa.Boolean(), 'screen_key': sa.String(),
                'current_activity_id': sa.Integer(), 'created_at': sa.DateTime(timezone=True)},
    'moderator_invite': {'id': sa.Integer(), 'meeting_id': sa.Integer(), 'key': sa.String(), 'label': sa.String(),
                         'revoked': sa.Boolean(), 'created_at': sa.DateTime(timezone=True)},
    'participant': {'id': sa.String(), 'meeting_id': sa.Integer(), 'device_id': sa.String(), 'name': sa.String(),
                    'organisation': sa.String(), 'status': sa.String(), 'joined_at': sa.DateTime(timezone=True)},
    'activity': {'id': sa.Integer(), 'meeting_id': sa.Integer(), 'position': sa.Integer(), 'kind': sa.String(),
                 'text': sa.String(), 'settings': sa.JSON(), 'state': sa.String(), 'revealed': sa.Boolean(),
                 'created_at': sa.DateTime(timezone=True)},
    'response': {'id': sa.Integer(), 'activity_id': sa.Integer(), 'participant_id': sa.String(),
                 'choice': sa.String(), 'text': sa.Text(), 'reason': sa.Text(), 'hidden': sa.Boolean(),
                 'show_name': sa.Boolean(), 'updated_at': sa.DateTime(timezone=True)},
    'round': {'id': sa.Integer(), 'activity_id': sa.Integer(), 'number': sa.Integer(), 'seconds': sa.Float(),
              'ends_at': sa.DateTime(timezone=True), 'remaining': sa.Float(), 'question': sa.Text(),
              'paused_participant': sa.String(), 'created_at': sa.DateTime(timezone=True)},
    'round_group': {'id': sa.Integer(), 'round_id': sa.Integer(), 'number': sa.Integer(), 'members': sa.JSON(),
                    'question': sa.Text(), 'location': sa.String(), 'moderator_key': sa.String(), 'note': sa.Text(),
                    'note_version': sa.Integer()},
}

ROWS: dict[str, list[dict[str, object]]] = {
    'facilitator': [{'id': 1, 'username': 'anna', 'password_hash': 'scrypt$abc', 'created_at': AT}],
    'meeting': [
        {'id': 7, 'facilitator_id': 1, 'title': 'Lerend netwerk zorg — sessie 1', 'date': date(2026, 3, 9),
         'join_code': 'ABC234', 'state': 'open', 'locked': True, 'screen_key': 'screen-key-7',
         'current_activity_id': 11, 'created_at': AT},
        {'id': 8, 'facilitator_id': 1, 'title': 'Zonder datum', 'date': None, 'join_code': 'XYZ789',
         'state': 'closed', 'locked': False, 'screen_key': 'screen-key-8', 'current_activity_id': None,
         'created_at': AT},
    ],
    'moderator_invite': [{'id': 3, 'meeting_id': 7, 'key': 'invite-key-3', 'label': 'Chloé', 'revoked': False,
                          'created_at': AT}],
    'participant': [
        {'id': 'pa', 'meeting_id': 7, 'device_id': 'device-a', 'name': 'Anna Peeters', 'organisation': 'vzw De Link',
         'status': 'active', 'joined_at': AT},
        {'id': 'pb', 'meeting_id': 7, 'device_id': 'device-b', 'name': 'Bert Claes', 'organisation': 'OCMW Gent',
         'status': 'active', 'joined_at': AT},
        {'id': 'pc', 'meeting_id': 7, 'device_id': 'device-c', 'name': 'Chloé', 'organisation': '',
         'status': 'left', 'joined_at': AT},
        {'id': 'pd', 'meeting_id': 7, 'device_id': 'device-d', 'name': 'Dirk', 'organisation': 'Woonzorg',
         'status': 'removed', 'joined_at': AT},
    ],
    'activity': [
        {'id': 11, 'meeting_id': 7, 'position': 1, 'kind': 'statement', 'text': 'Kennis delen loont',
         'settings': {'with_doubt': True}, 'state': 'open', 'revealed': True, 'created_at': AT},
        {'id': 12, 'meeting_id': 7, 'position': 2, 'kind': 'speed_date', 'text': 'Leer elkaar kennen',
         'settings': {'minutes': 3, 'round_questions': 'Wie ben je?\nWat doe je?'}, 'state': 'closed',
         'revealed': False, 'created_at': AT},
    ],
    'response': [
        {'id': 21, 'activity_id': 11, 'participant_id': 'pa', 'choice': 'agree', 'text': '',
         'reason': 'Omdat het werkt', 'hidden': False, 'show_name': True, 'updated_at': AT},
        {'id': 22, 'activity_id': 11, 'participant_id': 'pb', 'choice': 'disagree', 'text': '', 'reason': '',
         'hidden': True, 'show_name': False, 'updated_at': AT},
    ],
    'round': [{'id': 31, 'activity_id': 12, 'number': 1, 'seconds': 180.0, 'ends_at': ENDS, 'remaining': None,
               'question': 'Wie ben je?', 'paused_participant': '', 'created_at': AT}],
    'round_group': [
        {'id': 41, 'round_id': 31, 'number': 1, 'members': ['pa', 'pb'], 'question': '', 'location': 'tafel 1',
         'moderator_key': '', 'note': '', 'note_version': 0},
        {'id': 42, 'round_id': 31, 'number': 2, 'members': ['pc', 'pd'], 'question': 'Wat doe je?', 'location': '',
         'moderator_key': 'mod-key', 'note': 'Een oogst', 'note_version': 2},
    ],
}

NEW_COLUMNS = {  # what the migrations after wave 1 add, with the value an old row gets
    'meeting': {'max_participants': (sa.Integer(), 0), 'language': (sa.String(), ''),
                'network_id': (sa.Integer(), None), 'place': (sa.String(), ''), 'host': (sa.String(), ''),
                'show_agreements': (sa.Boolean(), False)},
    'participant': {'member_id': (sa.Integer(), None)},
}


def sync_engine(url: str) -> sa.Engine:
    """A blocking engine like ``db.migrate`` makes (SQLite with the app's pragmas: foreign keys on)."""
    engine = create_engine(db.sync_url(url))
    if engine.dialect.name == 'sqlite':
        event.listen(engine, 'connect', db._sqlite_pragmas)
    return engine


def upgrade_to(url: str, revision: str) -> None:
    engine = sync_engine(url)
    config = Config()
    config.set_main_option('script_location', str(db.MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes['connection'] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def insert_wave_1(url: str) -> None:
    engine = sync_engine(url)
    try:
        with engine.begin() as connection:
            for table, rows in ROWS.items():  # in an order the foreign keys accept
                columns = TABLES[table]
                names = ', '.join(f'"{name}"' for name in columns)
                values = ', '.join(f':{name}' for name in columns)
                statement = sa.text(f'INSERT INTO "{table}" ({names}) VALUES ({values})').bindparams(
                    *(sa.bindparam(name, type_=kind) for name, kind in columns.items()))
                for row in rows:
                    connection.execute(statement, row)
    finally:
        engine.dispose()


def read(connection: sa.Connection, table: str, columns: dict[str, sa.types.TypeEngine]) -> list[dict[str, object]]:
    names = ', '.join(f'"{name}"' for name in columns)
    statement = sa.text(f'SELECT {names} FROM "{table}" ORDER BY "id"').columns(
        *(sa.column(name, kind) for name, kind in columns.items()))
    return [dict(row._mapping) for row in connection.execute(statement)]


def utc(value: object) -> object:
    """SQLite gives datetimes back without a time zone; everything stored is UTC."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value


def test_migrate_twice_from_nothing_reaches_head(database_url: str) -> None:
    upgrade_to(database_url, WAVE_1)
    db.migrate(database_url)
    engine = sync_engine(database_url)
    try:
        with engine.connect() as connection:
            version = connection.execute(sa.text('SELECT version_num FROM alembic_version')).scalar_one()
        config = Config()
        config.set_main_option('script_location', str(db.MIGRATIONS))
        assert version == ScriptDirectory.from_config(config).get_current_head()
    finally:
        engine.dispose()


@pytest.mark.parametrize('via', [(), ('0005',)], ids=['at-once', 'via-0005'])
async def test_a_wave_1_database_with_data_migrates_without_loss(database_url: str, via: tuple[str, ...]) -> None:
    upgrade_to(database_url, WAVE_1)
    insert_wave_1(database_url)
    for revision in via:  # a database that was brought to a later revision first
        upgrade_to(database_url, revision)
    db.migrate(database_url)

    engine = sync_engine(database_url)
    try:
        with engine.connect() as connection:
            for table, rows in ROWS.items():
                stored = [{k: utc(v) for k, v in row.items()} for row in read(connection, table, TABLES[table])]
                assert stored == rows, table
            for table, columns in NEW_COLUMNS.items():
                stored = read(connection, table, {'id': sa.String(), **{c: kind for c, (kind, _) in columns.items()}})
                assert len(stored) == len(ROWS[table])
                for row in stored:
                    assert {c: row[c] for c in columns} == {c: value for c, (_, value) in columns.items()}, table
            # the foreign keys still hold (SQLite checks them only when asked)
            if engine.dialect.name == 'sqlite':
                assert connection.execute(sa.text('PRAGMA foreign_key_check')).all() == []
    finally:
        engine.dispose()

    # the app reads the old data
    async_engine = db.create_engine_for(database_url)
    try:
        repo = Repo(db.session_factory(async_engine))
        rooms = Rooms(repo, LocalBus(), default_registry())
        room = await rooms.get(7)
        assert room is not None
        assert (room.info.title, room.info.date, room.info.locked, room.info.state) == \
            ('Lerend netwerk zorg — sessie 1', date(2026, 3, 9), True, 'open')
        assert (room.info.network_id, room.info.place, room.info.host, room.info.show_agreements) == \
            (None, '', '', False)
        assert room.info.max_participants == 0 and room.info.language == ''
        assert {p.id: (p.name, p.organisation) for p in room.roster.people.values()} == {
            'pa': ('Anna Peeters', 'vzw De Link'), 'pb': ('Bert Claes', 'OCMW Gent')}
        assert list(room.roster.removed) == ['pd']
        assert [a.id for a in room.agenda.ordered()] == [11, 12]
        assert room.agenda.current.id == 11
        answer = room.agenda.answer_of(11, 'pa')
        assert (answer.choice, answer.reason, answer.show_name, answer.hidden) == ('agree', 'Omdat het werkt', True,
                                                                                   False)
        assert room.agenda.answer_of(11, 'pb').hidden
        assert room.agenda.activities[12].settings.round_questions == 'Wie ben je?\nWat doe je?'
        assert [(r.number, r.groups, r.question) for r in room.history()] == [
            (1, (('pa', 'pb'), ('pc', 'pd')), 'Wie ben je?')]
        assert room.invites.invite_for('invite-key-3').label == 'Chloé'
        assert await room.memory.met() == {frozenset(('pa', 'pb')): 1, frozenset(('pc', 'pd')): 1}
        # and writes to it: unlocked, a new participant joins
        await room.settings.set_locked(False)
        person = await room.roster.join('device-e', 'Els', 'Stad Gent')
        assert person.id in room.roster.people
        assert [m.id for m in await repo.meetings_of(1)][-2:] == [8, 7]
        assert (await repo.meeting(8)).date is None
    finally:
        await async_engine.dispose()
