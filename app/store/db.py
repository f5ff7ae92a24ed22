"""The database: URLs, the async engine, and migrations applied on start."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

MIGRATIONS = Path(__file__).parent / 'migrations'


def sync_url(url: str) -> str:
    """The URL for a blocking driver (used by alembic)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == 'sqlite':
        return parsed.set(drivername='sqlite').render_as_string(hide_password=False)
    if parsed.get_backend_name() == 'postgresql':
        return parsed.set(drivername='postgresql+psycopg').render_as_string(hide_password=False)
    return url


def async_url(url: str) -> str:
    """The URL for an asyncio driver (used while serving)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == 'sqlite':
        return parsed.set(drivername='sqlite+aiosqlite').render_as_string(hide_password=False)
    if parsed.get_backend_name() == 'postgresql':
        return parsed.set(drivername='postgresql+psycopg').render_as_string(hide_password=False)
    return url


def _sqlite_pragmas(dbapi_connection, _record, foreign_keys: bool = True) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute(f'PRAGMA foreign_keys={"ON" if foreign_keys else "OFF"}')
    cursor.execute('PRAGMA busy_timeout=5000')
    cursor.execute('PRAGMA synchronous=NORMAL')
    cursor.close()


def _migration_pragmas(dbapi_connection, record) -> None:
    """While migrating, SQLite's foreign keys are off: alembic's batch mode rebuilds a table by dropping it, and
    with them on that drop would delete every row pointing to it (ON DELETE CASCADE). Checked after."""
    _sqlite_pragmas(dbapi_connection, record, foreign_keys=False)


def create_engine_for(url: str) -> AsyncEngine:
    engine = create_async_engine(async_url(url), pool_pre_ping=True)
    if engine.dialect.name == 'sqlite':
        event.listen(engine.sync_engine, 'connect', _sqlite_pragmas)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)


def migrate(url: str) -> None:
    """Bring the schema to the newest migration (blocking; run at start-up).

    Two processes starting at once (an instance and ``create-facilitator``, or several instances) take
    turns: a file lock for SQLite, an advisory lock for PostgreSQL."""
    engine = create_engine(sync_url(url))
    if engine.dialect.name == 'sqlite':
        event.listen(engine, 'connect', _migration_pragmas)
    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS))
    try:
        with _sqlite_file_lock(engine.url.database if engine.dialect.name == 'sqlite' else None), \
                engine.begin() as connection:
            if engine.dialect.name == 'postgresql':
                connection.execute(text('SELECT pg_advisory_xact_lock(72616)'))
            config.attributes['connection'] = connection
            command.upgrade(config, 'head')
            if engine.dialect.name == 'sqlite':
                broken = connection.execute(text('PRAGMA foreign_key_check')).fetchall()
                if broken:  # rolls the whole upgrade back
                    raise RuntimeError(f'migration left rows without their parent: {broken[:5]}')
    finally:
        engine.dispose()


@contextmanager
def _sqlite_file_lock(database: str | None) -> Iterator[None]:
    if not database or database == ':memory:':
        yield
        return
    with open(f'{database}.migrate-lock', 'a') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def ping(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as connection:
            await connection.execute(text('SELECT 1'))
        return True
    except Exception:
        return False
