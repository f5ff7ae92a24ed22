"""Setup, login with throttling, dashboard, control view — with simulated users."""

import asyncio
from collections.abc import Callable

from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting


async def wait_until(condition: Callable[[], bool], timeout: float = 5) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError('condition not met in time')


async def test_first_start_leads_to_setup(user: User) -> None:
    await user.open('/')
    await user.should_see('Eerste keer? Maak het facilitator-account aan')
    await user.open('/login')  # no account yet: login sends you to setup
    await user.should_see('Welkom bij Uitwisselplek')


async def test_setup_validates(user: User) -> None:
    await user.open('/setup')
    user.find(marker='username').type('anna')
    user.find(marker='password').type('kort')
    user.find(marker='repeat').type('kort')
    user.find(marker='create-account').click()
    await user.should_see('Kies een wachtwoord van minstens 8 tekens.')
    user.find(marker='password').clear().type('geheim123')
    user.find(marker='repeat').clear().type('geheim124')
    user.find(marker='create-account').click()
    await user.should_see('De twee wachtwoorden zijn niet gelijk.')


async def test_setup_only_once(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    other = create_user()
    await other.open('/setup')
    await other.should_see('Er bestaat al een facilitator-account')


async def test_login_wrong_password_is_throttled(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    intruder = create_user()
    await intruder.open('/login')
    intruder.find(marker='username').type('anna')
    intruder.find(marker='password').type('fout-fout')
    for attempt in range(1, 6):
        intruder.find(marker='login').click()
        await wait_until(lambda n=attempt: len(intruder.notify.messages) == n)
    assert set(intruder.notify.messages) == {'Gebruikersnaam of wachtwoord klopt niet.'}
    intruder.find(marker='login').click()
    await intruder.should_see('Te veel pogingen')
    intruder.find(marker='password').clear().type('geheim123')
    intruder.find(marker='login').click()
    await wait_until(lambda: len(intruder.notify.messages) == 7)
    assert 'Te veel pogingen' in intruder.notify.messages[-1]


async def test_login_and_dashboard(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    await user.open('/logout')
    await user.open('/dashboard')
    await user.should_see('Aanmelden als facilitator')  # logged out: asked to log in
    user.find(marker='username').type('anna')
    user.find(marker='password').type('geheim123')
    user.find(marker='login').click()
    await user.should_see('Je bijeenkomsten', retries=50)
    await user.should_see('Nog geen bijeenkomsten')


async def test_new_meeting_needs_a_title(user: User) -> None:
    await make_facilitator(user)
    user.find(marker='new-meeting').click()
    user.find(marker='create-meeting').click()
    await user.should_see('Geef de bijeenkomst een titel.')


async def test_new_meeting_and_control(user: User) -> None:
    await make_facilitator(user)
    _meeting_id, code = await make_meeting(user, 'Lerend netwerk <b>zorg</b>')
    assert len(code) == 6
    await user.should_see('Lerend netwerk <b>zorg</b>')  # shown as text
    await user.should_see(f'http://192.168.1.20:8080/{code}')
    await user.should_see('Nog niemand binnen.')
    await user.open('/dashboard')
    await user.should_see(f'code {code}')


async def test_control_is_only_for_its_facilitator(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting_id, _ = await make_meeting(user)
    stranger = create_user()
    await stranger.open(f'/m/{meeting_id}/control')
    await stranger.should_see('Meld je eerst aan als facilitator')
    await stranger.should_not_see(marker='lock')
    for path in ('/m/999/control', '/m/abc/control'):
        response = await user.http_client.get(path)
        assert response.status_code == 404 and 'Deze bijeenkomst bestaat niet' in response.text


async def test_language_switch_is_remembered(user: User) -> None:
    await user.open('/')
    await user.should_see('Doe mee')
    user.find(marker='lang-switch').click()
    await user.should_see('Join in')
    await user.open('/setup')
    await user.should_see('Welcome to Uitwisselplek')
