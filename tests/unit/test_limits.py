"""Rate limits (joins, code guesses) and who sent a request behind a proxy."""

import pytest

from app.domain.errors import Refused
from app.domain.limits import RateLimit
from app.domain.urls import client_address
from app.live.gate import JoinGate


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_a_steady_trickle() -> None:
    clock = Clock()
    limit = RateLimit(clock, burst=3, per_seconds=60)
    assert [limit.allow('a') for _ in range(4)] == [True, True, True, False]
    assert limit.allow('b')  # another key has its own bucket
    assert limit.wait_seconds('a') == pytest.approx(20)
    clock.now += 20
    assert limit.allow('a') and not limit.allow('a')
    clock.now += 600
    assert [limit.allow('a') for _ in range(4)] == [True, True, True, False]  # never more than the burst


def test_zero_means_no_limit_and_memory_stays_bounded() -> None:
    assert all(RateLimit(Clock(), burst=0, per_seconds=60).allow('a') for _ in range(1000))
    limit = RateLimit(Clock(), burst=1, per_seconds=60, keys=100)
    for i in range(1000):
        limit.allow(f'address-{i}')
    assert len(limit._buckets) == 100


def test_join_gate_per_address_and_per_meeting() -> None:
    clock = Clock()
    gate = JoinGate(per_address=2, per_meeting=3, clock=clock)
    gate.check_join(1, '10.0.0.1')
    gate.check_join(1, '10.0.0.1')
    with pytest.raises(Refused) as refused:
        gate.check_join(1, '10.0.0.1')
    assert refused.value.key == 'error.too_many_joins' and refused.value.count >= 1
    gate.check_join(2, '10.0.0.1')  # another meeting
    gate.check_join(1, '10.0.0.2')  # another address, the meeting's third
    with pytest.raises(Refused):
        gate.check_join(1, '10.0.0.3')  # the meeting is full for now
    clock.now += 600
    gate.check_join(1, '10.0.0.3')


@pytest.mark.parametrize(('peer', 'header', 'trusted', 'expected'), [
    ('203.0.113.5', None, '', '203.0.113.5'),
    ('203.0.113.5', '1.2.3.4', '', '203.0.113.5'),                       # not from a proxy: ignored
    ('10.0.0.2', '198.51.100.7', '10.0.0.2', '198.51.100.7'),           # the proxy says who it was
    ('10.0.0.2', '6.6.6.6, 198.51.100.7', '10.0.0.2', '198.51.100.7'),  # a client's own header is not believed
    ('10.0.0.2', '198.51.100.7, 10.0.0.3', '10.0.0.2, 10.0.0.3', '198.51.100.7'),  # two proxies
    ('10.0.0.2', '', '10.0.0.2', '10.0.0.2'),
])
def test_client_address(peer: str, header: str | None, trusted: str, expected: str) -> None:
    assert client_address(peer, header, trusted) == expected


async def test_a_busy_database_is_tried_again() -> None:
    from sqlalchemy.exc import OperationalError

    from app.store import repo

    calls = []

    async def write() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError('INSERT', {}, Exception('database is locked'))
        return 'stored'

    assert await repo.retry_when_busy(write) == 'stored' and len(calls) == 3

    async def broken() -> None:
        raise OperationalError('INSERT', {}, Exception('no such table'))

    with pytest.raises(OperationalError):
        await repo.retry_when_busy(broken)
