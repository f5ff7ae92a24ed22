from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.countdown import Countdown

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
