"""Network pages with simulated users: who may open them, bad input on the network page, the preparer's key."""

from collections.abc import Callable

from nicegui.testing import User

from tests.ui.conftest import make_facilitator


async def make_network(user: User, name: str = 'Lerend netwerk wonen') -> int:
    await user.open('/dashboard')
    user.find('Nieuw netwerk').click()
    user.find('Naam van het netwerk').type(name)
    user.find(marker='save-network').click()
    await user.should_see('0 leden', retries=50)
    return int(user.back_history[-1].split('/')[2])  # /n/{id}


async def test_network_page_needs_its_facilitator(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    stranger = create_user()  # a participant who guesses the URL
    await stranger.open(f'/n/{network}')
    await stranger.should_see('Meld je eerst aan')
    await stranger.should_not_see('Lerend netwerk wonen')
    response = await user.http_client.get('/n/999')
    assert response.status_code == 404
    assert 'Dit netwerk bestaat niet (meer).' in response.text


async def test_two_networks_with_one_name_and_bad_members(user: User) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    await user.open('/dashboard')
    user.find('Nieuw netwerk').click()
    user.find('Naam van het netwerk').type('lerend  netwerk WONEN ')  # only case and spaces differ
    user.find(marker='save-network').click()
    await user.should_see('Je hebt al een netwerk met de naam "lerend netwerk WONEN".')

    await user.open('/dashboard')
    await user.should_see('Lerend netwerk wonen')
    await user.open(f'/n/{network}')
    user.find('Lid toevoegen').click()
    await user.should_see('Vul je naam in.')
    user.find('Je naam').type('<img src=x onerror=alert(1)>')
    user.find('E-mail (alleen voor jou)').type('geen-adres')
    user.find('Lid toevoegen').click()
    await user.should_see('"geen-adres" is geen e-mailadres.')
    user.find('E-mail (alleen voor jou)').clear().type('anna@example.be')
    user.find('Lid toevoegen').click()
    await user.should_see('1 lid')
    await user.should_see('<img src=x onerror=alert(1)>')  # shown as text
    user.find('Je naam').clear().type('<img src=x onerror=alert(1)>')
    user.find('E-mail (alleen voor jou)').clear()
    user.find('Lid toevoegen').click()
    await user.should_see('is al lid')


async def test_a_bad_preparer_key_opens_nothing(user: User) -> None:
    for path in ('/m/1/prepare?key=nope', '/m/abc/prepare', '/m/1/prepare?key='):
        response = await user.http_client.get(path)
        assert response.status_code == 403
        assert 'Deze voorbereidingslink werkt niet (meer)' in response.text
