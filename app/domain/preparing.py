"""What a member preparing a meeting may do to its agenda (pure): add, edit, order and delete the activities that
were never opened and hold no answers. What ran is the facilitator's; nothing of the answers shows, not even a count.
"""

from __future__ import annotations

from app.domain.activities import Activity
from app.domain.errors import Refused
from app.i18n import N_


def preparer_may_change(activity: Activity, answers: int, current_id: int | None) -> bool:
    """Never opened (still waiting, not what phones show now) and without answers."""
    return activity.state == 'waiting' and activity.id != current_id and answers == 0


def check_preparer_may_change(activity: Activity, answers: int, current_id: int | None) -> None:
    if not preparer_may_change(activity, answers, current_id):
        raise Refused(N_('error.prepare_locked'))
