"""Several instances (a Redis bus): while this instance cannot reach Redis the control view says so quietly and
/healthz reports the outage (200, "degraded": the balancer keeps the instance); both are gone once it is back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from nicegui.testing import User

from tests.faults import RedisServer, need_redis_server
from tests.ui.conftest import make_facilitator, make_meeting

NOTICE = 'Live verbinding tussen de servers is weg — antwoorden worden wel bewaard.'


@pytest.fixture
def own_redis(monkeypatch: pytest.MonkeyPatch, isolated_data: Path) -> Iterator[RedisServer]:
    server = RedisServer(need_redis_server())
    server.start()
    monkeypatch.setenv('UITWISSELPLEK_REDIS_URL', server.url)
    yield server
    server.kill()


async def health(user: User) -> tuple[int, dict]:
    response = await user.http_client.get('/healthz')
    return response.status_code, response.json()


async def until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'timed out waiting for {what}')


async def test_the_control_view_and_healthz_tell_when_the_bus_is_down(own_redis: RedisServer, user: User) -> None:
    await make_facilitator(user)
    await make_meeting(user)
    await user.should_not_see(NOTICE)
    status, body = await health(user)
    assert status == 200 and body['status'] == 'ok' and body['bus']['state'] == 'up'

    own_redis.kill()
    await until(lambda: _bus_is(user, 'down'), 'the bus down in /healthz')
    await user.should_see(NOTICE)
    status, body = await health(user)
    assert status == 200 and body['status'] == 'degraded' and body['database'] is True
    assert body['bus']['down_since'] and body['bus']['down_seconds'] is not None

    own_redis.start()
    await until(lambda: _bus_is(user, 'up'), 'the bus back in /healthz')
    await user.should_not_see(NOTICE)
    status, body = await health(user)
    assert status == 200 and body['bus']['down_since'] is None


async def _bus_is(user: User, state: str) -> bool:
    _, body = await health(user)
    return body['bus']['state'] == state
