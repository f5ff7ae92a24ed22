"""Two instances on one database: the races between them (the two-instance setup behind HAProxy:
tests/e2e/test_two_instances.py)."""

from __future__ import annotations

import asyncio

from app.kinds.registry import default_registry
from app.live.bus import LocalBus
from app.live.changes import AnswerSaved
from app.live.rooms import Rooms
from app.store.repo import Repo


async def meeting_with_examples(repo: Repo) -> int:
    anna = await repo.create_facilitator('anna', 'hash')
    meeting = await repo.create_meeting(anna.id, 'Lerend netwerk', None)
    rooms = Rooms(repo, LocalBus(), default_registry())
    await (await rooms.get(meeting.id)).agenda.add_examples()
    return meeting.id


async def test_two_clicks_on_next_at_once_are_one_step(repo: Repo) -> None:
    """"Volgende" on instance A and on instance B at the same moment (their rooms have not heard of each other's
    click: no bus between them), then a click on B's stale page: the meeting moves one step."""
    meeting_id = await meeting_with_examples(repo)
    room_a = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    room_b = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    first, second, _, _ = room_a.agenda.ordered()
    await room_a.agenda.next(after=None)
    await room_b.agenda.next(after=None)  # B still shows the welcome screen: its click finds the meeting moved
    assert (await repo.meeting(meeting_id)).current_activity_id == first.id
    assert room_b.agenda.current_id is None  # nothing happened on B (its bus would bring A's change)

    room_b = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)  # B, caught up
    await asyncio.gather(room_a.agenda.next(after=first.id), room_b.agenda.next(after=first.id))
    assert (await repo.meeting(meeting_id)).current_activity_id == second.id
    assert [room_a.agenda.current_id, room_b.agenda.current_id].count(second.id) == 1  # one of them moved
    moved = room_a if room_a.agenda.current_id == second.id else room_b
    assert moved.agenda.activities[first.id].state == 'closed'


async def test_a_double_click_on_one_instance_is_one_step(repo: Repo) -> None:
    meeting_id = await meeting_with_examples(repo)
    room = await Rooms(repo, LocalBus(), default_registry()).get(meeting_id)
    first, second, _, _ = room.agenda.ordered()
    await room.agenda.next()
    await asyncio.gather(room.agenda.next(after=first.id), room.agenda.next(after=first.id))
    assert room.agenda.current_id == second.id
    assert (await repo.meeting(meeting_id)).current_activity_id == second.id


class SlowRepo(Repo):
    """Instance B's database reads: it stops after reading the answers, until told to go on."""

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo.sessions)
        self.answers_read = asyncio.Event()
        self.go_on = asyncio.Event()

    async def responses_of(self, meeting_id: int):  # type: ignore[no-untyped-def]
        responses = await super().responses_of(meeting_id)
        self.answers_read.set()
        await self.go_on.wait()
        return responses


async def test_a_room_being_loaded_does_not_miss_a_change_made_meanwhile(repo: Repo) -> None:
    """B reads the meeting from the database while A stores a vote and publishes it: B's room has the vote."""
    meeting_id = await meeting_with_examples(repo)
    rooms_a = Rooms(repo, LocalBus(), default_registry())
    room_a = await rooms_a.get(meeting_id)
    anna = await room_a.join('device-1', 'Anna', '')
    statement = (await room_a.agenda.next()) or room_a.agenda.current
    assert statement is not None

    slow = SlowRepo(repo)
    rooms_b = Rooms(slow, LocalBus(), default_registry())
    loading = asyncio.create_task(rooms_b.get(meeting_id))
    await slow.answers_read.wait()  # B has read the answers: there were none
    answer = await room_a.agenda.answer(anna.id, statement.id, choice='agree')
    rooms_b.apply_remote(meeting_id, AnswerSaved(statement.id, anna.id, answer), 'instance-a')  # the bus brings it
    slow.go_on.set()
    room_b = await loading
    assert room_b.agenda.answer_of(statement.id, anna.id) == answer
    assert room_b.agenda.tallies[statement.id].counts['agree'] == 1
    assert rooms_b.loaded_room(meeting_id) is room_b
