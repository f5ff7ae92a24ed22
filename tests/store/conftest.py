"""A migrated database per test: SQLite always, PostgreSQL where it runs (always in CI)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.store import db
from app.store.repo import Repo
from tests.conftest import POSTGRES_URL, need_service


@pytest.fixture(params=['sqlite', 'postgresql'])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == 'sqlite':
        yield f'sqlite:///{tmp_path / "test.db"}'
        return
    url = make_url(POSTGRES_URL)
    need_service('PostgreSQL', url.host or '127.0.0.1', url.port or 5432)
    schema = f'test_{secrets.token_hex(6)}'
    admin = create_engine(db.sync_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA {schema}'))
    try:
        yield url.update_query_dict({'options': f'-csearch_path={schema}'}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA {schema} CASCADE'))
        admin.dispose()


@pytest.fixture
async def repo(database_url: str) -> AsyncIterator[Repo]:
    db.migrate(database_url)
    engine = db.create_engine_for(database_url)
    yield Repo(db.session_factory(engine))
    await engine.dispose()


@pytest.fixture
def rooms(repo: Repo) -> Rooms:
    return Rooms(repo, LocalBus(), default_registry())
