from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.countdown import ClockSample, Countdown, clock_offset

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_run_pause_resume() -> None:
    c = Countdown.ready(120)
    assert not c.running and c.left(T0) == 120
    c = c.start(T0)
    assert c.running and c.left(at(30)) == 90
    c = c.pause(at(30))
    assert not c.running and c.left(at(1000)) == 90  # paused: time stands still
    c = c.start(at(100))
    assert c.left(at(150)) == 40 and not c.is_over(at(150))
    assert c.is_over(at(190)) and c.left(at(500)) == 0


def test_extend() -> None:
    c = Countdown.ready(120).start(T0).extend(at(10), 60)
    assert c.left(at(10)) == 170
    over = Countdown.ready(60).start(T0)
    assert over.extend(at(100), 60).left(at(100)) == 60  # ran out: a fresh minute from now
    assert Countdown.ready(60).extend(T0, 60).left(T0) == 120


@given(st.floats(1, 600), st.lists(st.floats(0, 100), max_size=6))
def test_pausing_never_loses_or_adds_time(seconds: float, gaps: list[float]) -> None:
    c, now, ran = Countdown.ready(seconds), T0, 0.0
    for i, gap in enumerate(gaps):
        if c.running:
            ran += min(gap, c.left(now))
        now += timedelta(seconds=gap)
        c = c.pause(now) if i % 2 else c.start(now)
    assert abs(c.left(now) - max(0.0, seconds - ran)) < 1e-4  # datetimes keep microseconds


def test_clock_offset_from_the_shortest_round_trip() -> None:
    ahead = 30.0  # the phone's clock runs 30 s ahead of the server's
    quick = ClockSample(sent=100.0, seen=100.05 + ahead, received=100.1)
    stuck = ClockSample(sent=101.0, seen=101.1 + ahead, received=103.2)  # waited 2 s behind a busy server
    offset = clock_offset([stuck, quick])
    assert offset is not None and abs(offset - ahead) <= quick.round_trip / 2
    assert clock_offset([]) is None


def test_a_stale_server_stamp_would_have_been_off_by_the_wait() -> None:
    """What the countdown did before (offset = server time sent along − device time on arrival): a message held
    2.2 s on a busy server after a restart put that phone 2.2 s off; the round trip keeps it within half the
    quickest round trip."""
    stuck = ClockSample(sent=101.0, seen=103.2, received=103.25)  # clocks agree; the answer left 2.2 s late
    quick = ClockSample(sent=104.0, seen=104.05, received=104.1)
    assert abs(stuck.sent - stuck.seen) > 2  # the stamp-on-arrival estimate
    offset = clock_offset([stuck, quick])
    assert offset is not None and abs(offset) <= 0.05
