"""Online and hybrid meetings on the control view, the participant's page and the participant's screen — simulated
users."""

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting
from tests.ui.test_participant import join


def set_mode(user: User, mode: str) -> None:
    toggle = user.find(marker='remote-mode').elements.pop()
    assert isinstance(toggle, ui.toggle)
    toggle.set_value(mode)


async def test_remote_card_refuses_bad_links_and_saves_pasted_ones(user: User) -> None:
    await make_facilitator(user)
    meeting_id, code = await make_meeting(user)
    await user.should_see('Waar vindt het plaats?')
    set_mode(user, 'online')
    user.find(marker='remote-video-base').type('ftp://meet.example')
    user.find(marker='remote-save').click()
    await user.should_see('„ftp://meet.example” is geen link die begint met http:// of https://.')

    user.find(marker='remote-video-base').clear()
    user.find(marker='remote-links').type('https://zoom.example/1\n\nniet een link')
    user.find(marker='remote-save').click()
    await user.should_see('Regel 3 („niet een link”) is geen link die begint met http:// of https://.')

    user.find(marker='remote-links').clear().type('https://zoom.example/1\nhttps://zoom.example/2\n')
    user.find(marker='remote-plenary').type('https://call.example/plenair')
    user.find(marker='remote-save').click()
    await user.should_see('2 links')
    await user.should_see(f'Doe mee via http://192.168.1.20:8080/{code} (code {code})')
    invite = user.find(marker='invite-text').elements.pop()
    assert invite.value == (f'Doe mee via http://192.168.1.20:8080/{code} (code {code})\n'
                            'Plenaire call: https://call.example/plenair')
    chat = user.find(marker='chat-link').elements.pop()
    assert chat.value == f'http://192.168.1.20:8080/{code}'

    await user.open(f'/m/{meeting_id}/control')  # stored: a reload shows what was saved
    assert user.find(marker='remote-mode').elements.pop().value == 'online'
    assert user.find(marker='remote-links').elements.pop().value == 'https://zoom.example/1\nhttps://zoom.example/2'
    await user.should_see('2 links')


async def test_participant_screen_only_for_participants(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting_id, code = await make_meeting(user, 'Online intervisie')
    set_mode(user, 'online')
    user.find(marker='remote-save').click()
    await user.should_see('Bewaard')

    stranger = create_user()
    response = await stranger.http_client.get(f'/m/{meeting_id}/view')
    assert response.status_code == 403
    assert 'Dit scherm is alleen voor deelnemers' in response.text
    assert user.find(marker='screen-link').elements.pop().value.split('key=')[1] not in response.text
    assert (await stranger.http_client.get('/m/999999/view')).status_code == 404
    assert (await stranger.http_client.get('/m/abc/view')).status_code == 404

    phone = create_user()
    await join(phone, code, 'Anna')
    await phone.should_see(marker='open-screen')  # online: the link to the screen in a new tab
    await phone.open(f'/m/{meeting_id}/view')
    await phone.should_see('Online intervisie')  # the screen's welcome: title and the join card
    await phone.should_see(marker='qr')
    await phone.should_not_see('Link voor de chat')  # nothing of the control view


async def test_hybrid_asks_where_you_are_and_adapts_in_place(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    await join(phone, code, 'Bram')
    await phone.should_not_see(marker='open-screen')  # in the room: nothing of this
    await phone.should_not_see('Waar ben je?')
    set_mode(user, 'hybrid')
    user.find(marker='remote-save').click()
    await user.should_see('Bewaard')
    await phone.should_see('Waar ben je?')  # no reload
    await phone.should_see(marker='open-screen')
    set_mode(user, 'room')
    user.find(marker='remote-save').click()
    await phone.should_not_see('Waar ben je?')
    await phone.should_not_see(marker='open-screen')
