"""Trust, round 3 — security and access on a real database: a preparer changes only what never ran, every action of
a key-based page checks its key again (a revoked preparer link, share link or moderator invite does nothing more)."""

from __future__ import annotations

import pytest

from app.domain.errors import Refused
from app.i18n import translator
from app.live.room import Room
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.preparing import PreparerAgenda
from app.services.reports import Reports
from app.store.repo import Repo
from tests.store.test_networks import meeting, network_with_members


async def refused(call) -> Refused:
    with pytest.raises(Refused) as error:
        await call
    return error.value


async def prepared(repo: Repo, rooms: Rooms) -> tuple[Networks, Room, PreparerAgenda, list[str], int, int]:
    """A network meeting with a preparer; returns the service, the room, the preparer's agenda, what the page was
    told (``revoked``), the network id and the preparer's id."""
    networks = Networks(repo, rooms)
    facilitator_id, network_id, members = await network_with_members(repo, networks)
    room = await meeting(networks, rooms, facilitator_id, network_id, 'Sessie 2')
    key = await networks.planning.add_preparer(facilitator_id, network_id, room.info.id, members['Bert Claes'])
    told: list[str] = []
    agenda = PreparerAgenda(networks, room, key, on_revoked=lambda: told.append('revoked'))
    [planned] = [m for m in await networks.planning.meetings(facilitator_id, network_id) if m.id == room.info.id]
    return networks, room, agenda, told, network_id, planned.preparers[0][0]


async def test_a_preparer_changes_only_what_never_ran(repo: Repo, rooms: Rooms) -> None:
    _, room, agenda, _, _, _ = await prepared(repo, rooms)
    live = await agenda.add('statement', 'Kennis delen loont')
    answered = await agenda.add('statement', 'Samen leren werkt')
    waiting = await agenda.add('statement', 'Nog niet geopend')
    await room.agenda.open(answered.id)  # the facilitator runs the meeting
    anna = await room.roster.join('device-anna', 'Anna', 'OCMW')
    await room.agenda.answer(anna.id, answered.id, choice='agree')
    await room.agenda.open(live.id)  # answered: closed now, with an answer; live: what the phones show
    assert room.agenda.current_id == live.id and room.agenda.count(answered.id) == 1
    for activity in (live, answered):
        assert not agenda.may_change(room.agenda.activities[activity.id])
        for call in (agenda.delete(activity.id), agenda.edit(activity.id, 'Anders', {}), agenda.move(activity.id, 1)):
            assert (await refused(call)).key == 'error.prepare_locked'
    assert set(room.agenda.activities) == {live.id, answered.id, waiting.id}
    assert room.agenda.activities[live.id].text == 'Kennis delen loont' and room.agenda.count(answered.id) == 1
    # what never ran is the preparer's
    assert agenda.may_change(room.agenda.activities[waiting.id])
    await agenda.edit(waiting.id, 'Wel aangepast', {})
    await agenda.move(waiting.id, -1)
    assert room.agenda.activities[waiting.id].text == 'Wel aangepast'
    await agenda.delete(waiting.id)
    assert waiting.id not in room.agenda.activities
    assert (await refused(agenda.delete(waiting.id))).key == 'error.unknown_activity'


async def test_a_revoked_preparer_link_does_nothing_more(repo: Repo, rooms: Rooms) -> None:
    networks, room, agenda, told, network_id, preparer_id = await prepared(repo, rooms)
    first = await agenda.add('statement', 'Voor het intrekken')
    heard: list[str] = []
    room.memory.changed.subscribe(heard.append)
    await networks.planning.revoke_preparer(room.info.facilitator_id, network_id, room.info.id, preparer_id)
    assert heard == ['preparers']  # open pages hear it at once
    for call in (agenda.add('statement', 'Na het intrekken'), agenda.add_examples(translator('nl')),
                 agenda.edit(first.id, 'Anders', {}), agenda.move(first.id, 1), agenda.delete(first.id)):
        assert (await refused(call)).key == 'access.bad_preparer_link'
    assert [a.text for a in room.agenda.ordered()] == ['Voor het intrekken']
    assert told == ['revoked']  # the page is told once
    assert not await agenda.valid()


async def test_a_revoked_share_link_refuses_the_next_refresh(repo: Repo, rooms: Rooms) -> None:
    networks = Networks(repo, rooms)
    reports = Reports(repo, rooms, networks, rooms.kinds)
    anna = await repo.create_facilitator('anna', 'hash')
    room = await rooms.get((await repo.create_meeting(anna.id, 'Verslag', None)).id)
    key = await room.invites.new_report_key()
    t = translator('nl')
    assert (await reports.shared_document(room.info.id, key, t, 'nl')).title
    await room.invites.revoke_report_key()
    assert (await refused(reports.shared_document(room.info.id, key, t, 'nl'))).key == 'report.link_invalid'
    renewed = await room.invites.new_report_key()
    assert (await refused(reports.shared_document(room.info.id, key, t, 'nl'))).key == 'report.link_invalid'
    assert await reports.shared(room.info.id, renewed) is room
    assert await reports.shared(room.info.id + 1, renewed) is None  # the key is for this meeting only


async def test_a_revoked_moderator_does_nothing_more(repo: Repo, rooms: Rooms) -> None:
    anna = await repo.create_facilitator('anna', 'hash')
    room = await rooms.get((await repo.create_meeting(anna.id, 'Werkgroepen', None)).id)
    for i, org in enumerate('ABCD'):
        await room.roster.join(f'device-{i}', f'Deelnemer {i}', org)
    mo = await room.invites.create('Mo')
    activity = await room.agenda.add('breakout', 'Wissel uit', {'group_value': 2})
    await room.agenda.open(activity.id)
    runner = room.runner('breakout')
    await runner.new_round(room.agenda.activities[activity.id])
    await runner.set_moderator(activity.id, 2, '')  # Mo moderates group 1 only
    await runner.send(activity.id, 'Nog 2 minuten', 1, by=mo.key)
    await runner.save_note(activity.id, 1, 0, '', 'Oogst', by=mo.key)
    assert (await refused(runner.send(activity.id, 'Niet de mijne', 2, by=mo.key))).key == 'error.not_your_group'
    assert (await refused(runner.save_note(activity.id, 2, 0, '', 'Niet de mijne', by=mo.key))).key == \
        'error.not_your_group'
    await room.invites.revoke(mo.id)
    for call in (runner.send(activity.id, 'Na het intrekken', 1, by=mo.key),
                 runner.save_note(activity.id, 1, 1, 'Oogst', 'Na het intrekken', by=mo.key),
                 runner.call_back(activity.id, 1, mo.key, 'Kom terug')):
        assert (await refused(call)).key == 'access.bad_moderator_link'
    assert runner.current(activity.id).info(1).note == 'Oogst'
