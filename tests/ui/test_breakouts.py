"""Breakouts with simulated users: bad sizes, moves, late joiners, moderator scope, two writers of one note."""

from collections.abc import Callable

from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting
from tests.ui.test_activities import add_activity
from tests.ui.test_participant import join


async def test_more_groups_than_people(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'breakout', 'Werkgroepen')
    user.find(marker='open-activity').click()
    await join(create_user(), code, 'Anna')
    user.find(marker='next-round').click()  # groups of 4 with one person
    await user.should_see('Die groepsindeling gaat niet', retries=20)


async def test_two_people_save_the_same_note(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting_id, code = await make_meeting(user)
    user.find(marker='moderator-label').type('Mo')
    user.find(marker='create-invite').click()
    await user.should_see(marker='invite-link')
    invite = user.find(marker='invite-link').elements.pop().value.removeprefix('http://192.168.1.20:8080')
    await add_activity(user, 'breakout', 'Werkgroepen')
    user.find(marker='open-activity').click()
    anna, bert = create_user(), create_user()
    await join(anna, code, 'Anna')
    await join(bert, code, 'Bert')
    for name in ('Chloé', 'Dries'):
        await join(create_user(), code, name)
    user.find(marker='next-round').click()  # groups of 4: one group
    await anna.should_see('Groep 1', retries=20)
    await bert.should_see('Groep 1', retries=20)
    anna.find(marker='note').type('- intervisie')
    bert.find(marker='note').type('- covisie')  # both start from the empty note
    anna.find(marker='save-note').click()
    await anna.should_see('Bewaard ✓', retries=20)
    await bert.should_see('Iemand anders paste de oogst aan', retries=20)  # bert keeps his typing
    bert.find(marker='save-note').click()
    await bert.should_see('Bewaard', retries=20)
    note = bert.find(marker='note').elements.pop().value
    assert '- intervisie' in note and '- covisie' in note  # nothing lost
    moderator = create_user()
    await moderator.open(invite)
    await moderator.should_see('Jouw groepen')
    other_meeting = create_user()  # a denial is a 403 page (Trust, round 3)
    response = await other_meeting.http_client.get(invite.replace(f'/m/{meeting_id}/', f'/m/{meeting_id + 1}/'))
    assert response.status_code == 403 and 'Deze moderatorlink werkt niet (meer)' in response.text


async def test_late_joiner_and_move(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'breakout', 'Werkgroepen')
    user.find(marker='open-activity').click()
    for name in ('Anna', 'Bert', 'Chloé', 'Dries', 'Els'):
        await join(create_user(), code, name)
    user.find(marker='next-round').click()  # 5 people in groups of 4: one group of 5
    await user.should_see(marker='move', retries=20)
    user.find(marker='move').click()
    await user.should_see('Kies wie en naar welke groep.')
    early = create_user()
    await join(early, code, 'Voor de start')
    await early.should_see('Je wordt zo in een groep gezet.', retries=20)
    user.find(marker='start-round').click()
    await early.should_see('Groep 1', retries=20)  # the start places whoever has no group yet
    late = create_user()
    await join(late, code, 'Laatkomer')
    await late.should_see('Groep 1', retries=20)  # during the round: straight into the smallest group


async def test_participants_choose_their_topic(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'breakout', 'Kies een onderwerp', fill='choose', group_questions='Vorming\nIntervisie')
    user.find(marker='open-activity').click()
    phones = [create_user() for _ in range(3)]
    for i, phone in enumerate(phones):
        await join(phone, code, f'Deelnemer {i}')
    user.find(marker='next-round').click()
    await phones[0].should_see('Kies je groep', retries=20)
    await phones[0].should_see('0 van 2 plaatsen')
    phones[0].find(marker='choose-1').click()
    await phones[0].should_see('Jouw keuze ✓', retries=20)
    phones[1].find(marker='choose-1').click()
    await phones[2].should_see('2 van 2 plaatsen', retries=20)  # live on the other phones
    user.find(marker='start-round').click()
    await phones[2].should_see('Groep 2', retries=20)  # did not choose: placed in the group with room
    await phones[0].should_see('Groep 1', retries=20)
    await phones[0].should_see('Vorming')


async def test_a_harvest_being_typed_survives_a_new_member(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'breakout', 'Werkgroepen')
    user.find(marker='open-activity').click()
    els = create_user()
    await join(els, code, 'Els')
    for name in ('Jef', 'Kim', 'Lien'):
        await join(create_user(), code, name)
    user.find(marker='next-round').click()  # groups of 4: one group
    await els.should_see('Groep 1', retries=20)
    user.find(marker='start-round').click()
    await user.should_see(marker='pause-round', retries=20)  # it runs: a latecomer goes straight into a group
    els.find(marker='note').type('Wat werkt: intervisie')
    await join(create_user(), code, 'Laatkomer')  # into the running round, into Els's group
    await els.should_see('Laatkomer', retries=20)
    assert els.find(marker='note').elements.pop().value == 'Wat werkt: intervisie'
