"""Joining on a phone, live updates on the control view, moderator and screen access — simulated users."""

from collections.abc import Callable

from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting


async def join(phone: User, code: str, name: str, organisation: str = '') -> None:
    await phone.open(f'/{code}')
    phone.find(marker='name').type(name)
    if organisation:
        phone.find(marker='organisation').type(organisation)
    phone.find(marker='join').click()
    await phone.should_see(marker='leave', retries=30)  # joined: "Je bent binnen" or the current activity


async def test_join_by_typing_the_code(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await phone.open('/')
    phone.find(marker='code-input').type(f' {code.lower()[:3]}-{code.lower()[3:]} ')
    phone.find(marker='code-go').click()
    await phone.should_see('Je naam')


async def test_bad_codes(user: User) -> None:
    await user.open('/')
    user.find(marker='code-input').type('abc')
    user.find(marker='code-go').click()
    await user.should_see('Een code heeft 6 tekens, bv. K7MW3P.')
    for path in ('/ZZZZZZ', '/niet-een-code', '/docs'):  # unknown: the page says so, with a 404
        response = await user.http_client.get(path)
        assert response.status_code == 404 and 'Deze code kennen we niet' in response.text


async def test_join_appears_live_on_control(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await join(phone, code, '<img src=x onerror=alert(1)>', 'Woonzorg Brugge')
    await phone.should_see('<img src=x onerror=alert(1)>')
    await user.should_see('<img src=x onerror=alert(1)>')  # the control view, without reload
    await user.should_see('Woonzorg Brugge')
    await user.should_see('1 deelnemer, 1 online')


async def test_name_rules(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await phone.open(f'/{code}')
    phone.find(marker='join').click()
    await phone.should_see('Vul je naam in.')
    phone.find(marker='name').type('x' * 41)
    phone.find(marker='join').click()
    await phone.should_see('Je naam mag hoogstens 40 tekens lang zijn.')
    await user.should_see('Nog niemand binnen.')


async def test_reopening_is_the_same_participant(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await join(phone, code, 'Anna')
    await phone.open(f'/{code}')
    await phone.should_see('Je bent binnen')
    await phone.should_see('Anna')
    await user.should_see('1 deelnemer,')


async def test_leave_and_remove(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    anna, bert = create_user(), create_user()
    await join(anna, code, 'Anna')
    await join(bert, code, 'Bert')
    await user.should_see('2 deelnemers')
    anna.find(marker='leave').click()
    anna.find(marker='leave-confirm').click()
    await anna.should_see('Je hebt de bijeenkomst verlaten.')
    await user.should_not_see('Anna')
    user.find(marker='remove').click()  # only Bert is left
    user.find(marker='remove-confirm').click()
    await bert.should_see('De facilitator heeft je uit de bijeenkomst gehaald.')
    await user.should_see('Nog niemand binnen.')


async def test_lock(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await phone.open(f'/{code}')
    user.find(marker='lock').click()
    await phone.should_see('Aanmelden is gesloten')  # the open join form is replaced live
    await phone.should_not_see(marker='join')
    user.find(marker='lock').click()
    await phone.should_see(marker='join')


async def test_screen_and_moderator_links(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting_id, code = await make_meeting(user)
    screen_link = user.find(marker='screen-link').elements.pop().value
    path = screen_link.removeprefix('http://192.168.1.20:8080')
    screen = create_user()
    await screen.open(path)
    await screen.should_see(code)
    await screen.should_see('Wie is de eerste?')
    response = await screen.http_client.get(f'/m/{meeting_id}/screen?key=wrong')  # a denial is a 403 page
    assert response.status_code == 403 and 'Deze schermlink werkt niet (meer)' in response.text

    user.find(marker='moderator-label').type('Chloé')
    user.find(marker='create-invite').click()
    await user.should_see(marker='invite-link')
    invite = user.find(marker='invite-link').elements.pop().value.removeprefix('http://192.168.1.20:8080')
    moderator = create_user()
    await moderator.open(invite)
    await moderator.should_see('Je modereert deze bijeenkomst als Chloé.')
    response = await moderator.http_client.get(invite.replace(f'/m/{meeting_id}/', f'/m/{meeting_id + 1}/'))
    assert response.status_code == 403 and 'Deze moderatorlink werkt niet (meer)' in response.text  # another meeting
    await moderator.open(invite)
    user.find(marker='revoke-invite').click()
    await moderator.should_see('Deze moderatorlink werkt niet (meer)')  # live


async def test_healthz(user: User) -> None:
    response = await user.http_client.get('/healthz')
    assert response.status_code == 200
    body = response.json()
    assert body['database'] is True and body['version']


async def test_subscriptions_end_with_their_clients(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _meeting_id, code = await make_meeting(user)
    screen_path = user.find(marker='screen-link').elements.pop().value.removeprefix('http://192.168.1.20:8080')
    control_only = (await user.http_client.get('/healthz')).json()['subscribers']
    assert control_only > 0
    others = []
    for i in range(20):
        phone = create_user()
        if i % 2:
            await join(phone, code, f'Deelnemer {i}')
        else:
            await phone.open(f'/{code}')
        others.append(phone)
    screen = create_user()
    await screen.open(screen_path)
    others.append(screen)
    assert (await user.http_client.get('/healthz')).json()['subscribers'] >= control_only + 2 * 21
    for other in others:
        other.client.delete()  # what NiceGUI does when a browser is gone for longer than reconnect_timeout
    assert (await user.http_client.get('/healthz')).json()['subscribers'] == control_only


async def test_closed_meeting(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    anna, late = create_user(), create_user()
    await join(anna, code, 'Anna')
    await late.open(f'/{code}')
    user.find(marker='close-meeting').click()
    await anna.should_see('Deze bijeenkomst is afgesloten')  # live, on every open phone
    await late.should_see('Deze bijeenkomst is afgesloten')
    await late.open(f'/{code}')
    await late.should_see('Bedankt om mee te doen!')
    await late.should_not_see(marker='join')
