"""Who may still answer an activity after it closed (the evaluation: 48 hours, for those who took part)."""

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.activities import takes_late_answer

CLOSED = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
WINDOW = timedelta(hours=48)


@pytest.mark.parametrize(('joined', 'at', 'allowed'), [
    (CLOSED - timedelta(hours=2), CLOSED + timedelta(minutes=1), True),       # was there while it was open
    (CLOSED, CLOSED + timedelta(hours=48), True),                             # joined as it closed; the last moment
    (CLOSED - timedelta(hours=2), CLOSED + timedelta(hours=48, seconds=1), False),  # too late
    (CLOSED + timedelta(seconds=1), CLOSED + timedelta(minutes=1), False),    # joined after it closed
    (CLOSED + timedelta(hours=1), CLOSED + timedelta(hours=2), False),
    (None, CLOSED + timedelta(minutes=1), False),                             # not (or no longer) in the meeting
])
def test_late_answers_only_from_who_was_there(joined: datetime | None, at: datetime, allowed: bool) -> None:
    assert takes_late_answer(CLOSED, WINDOW, joined, at) is allowed


def test_never_closed_takes_no_late_answer() -> None:
    assert not takes_late_answer(None, WINDOW, CLOSED, CLOSED)
