"""Two instances on one database: the races between them (the two-instance setup behind HAProxy:
tests/e2e/test_two_instances.py)."""

from __future__ import annotations

import asyncio

from app.domain.activities import Answer
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
    anna = await room_a.roster.join('device-1', 'Anna', '')
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


async def test_a_phone_back_from_a_dead_instance_brings_its_stored_answer(repo: Repo) -> None:
    """B stored Anna's vote and died before publishing it; Anna's phone reconnects to A: A reads her answers again
    (only with a shared bus: a single instance always holds what it stored)."""
    meeting_id = await meeting_with_examples(repo)
    bus = LocalBus()
    bus.shared = True  # as RedisBus, without the traffic
    room_a = await Rooms(repo, bus, default_registry()).get(meeting_id)
    anna = await room_a.roster.join('device-1', 'Anna', '')
    statement = await room_a.agenda.next()
    assert statement is not None
    await repo.save_response(statement.id, anna.id, choice='disagree')  # instance B, killed right after
    assert room_a.agenda.answer_of(statement.id, anna.id) is None
    await room_a.roster.page_connected(anna.id, +1)
    assert room_a.agenda.answer_of(statement.id, anna.id).choice == 'disagree'
    assert room_a.agenda.tallies[statement.id].counts['disagree'] == 1
    await room_a.roster.page_connected(anna.id, +1)  # a second tab: nothing changes twice
    assert room_a.agenda.tallies[statement.id].counts['disagree'] == 1

    # B stored a newer vote (version 2) and died; A was still behind on B's messages: the late message about the
    # older vote (version 1) comes after A read the newer one, and is ignored
    assert await repo.save_response(statement.id, anna.id, choice='agree') == 2
    await room_a.roster.page_connected(anna.id, +1)
    room_a.apply(AnswerSaved(statement.id, anna.id, Answer(choice='disagree'), 1), 'instance-b')
    assert room_a.agenda.answer_of(statement.id, anna.id).choice == 'agree'
    assert room_a.agenda.tallies[statement.id].counts == {'agree': 1, 'disagree': 0}
