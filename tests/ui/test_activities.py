"""Statements, scores and open questions with simulated users: phones, control view and screen."""

import asyncio
import csv
import io
from collections.abc import Callable

from nicegui import ElementFilter
from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting
from tests.ui.test_participant import join


async def meeting_with(user: User, create_user: Callable[[], User], phones: int) -> tuple[list[User], User]:
    """A meeting with ``phones`` joined participants and an open screen; the facilitator stays on control."""
    await make_facilitator(user)
    _, code = await make_meeting(user)
    screen_path = user.find(marker='screen-link').elements.pop().value.removeprefix('http://192.168.1.20:8080')
    people = []
    for i in range(phones):
        phone = create_user()
        await join(phone, code, f'Deelnemer {i}')
        people.append(phone)
    screen = create_user()
    await screen.open(screen_path)
    return people, screen


async def add_activity(user: User, kind: str, text: str, *, hidden: bool = False, **fields: str) -> None:
    """Through the dialog; ``fields`` set other fields by marker (``group_questions='A\\nB'``, ``fill='choose'``)."""
    user.find(marker='add-activity').click()
    user.find(marker='activity-kind').elements.pop().set_value(kind)
    user.find(marker='activity-text-input').type(text)
    for marker, value in fields.items():
        user.find(marker=marker.replace('_', '-')).elements.pop().set_value(value)
    if hidden:
        user.find(marker='results-live').click()
    user.find(marker='save-activity').click()
    for _ in range(50):  # stored, then the agenda shows it
        with user:
            items = ElementFilter(marker='agenda-item')
            if any(getattr(e, 'text', '') == text for item in items for e in item.descendants()):
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f'{text!r} did not appear on the agenda; notifications: {user.notify.messages}')


async def test_statement_round(user: User, create_user: Callable[[], User]) -> None:
    phones, screen = await meeting_with(user, create_user, 3)
    user.find(marker='add-examples').click()
    # four stored activities, each in its own transaction, before the notice: longer than 2 s on a busy machine
    await user.should_see('De vier voorbeeldstellingen staan op de agenda.', retries=50)
    user.find(marker='next-activity').click()
    for phone in phones:
        await phone.should_see('De rol van de facilitator/organisator', retries=20)
    await screen.should_see('0 van 3 geantwoord')
    for phone, choice in zip(phones, ['agree', 'agree', 'disagree'], strict=True):
        phone.find(marker=f'vote-{choice}').click()
        await phone.should_see('Ontvangen ✓')
    await screen.should_see('3 van 3 geantwoord')
    await screen.should_see('Akkoord: 2 (67%) · Niet akkoord: 1 (33%)')
    await user.should_see('Stelling · loopt · 3 antwoorden')  # the agenda's count follows the votes, no reload
    phones[2].find(marker='vote-agree').click()
    await screen.should_see('Akkoord: 3 (100%) · Niet akkoord: 0 (0%)')

    phones[0].find(marker='reason-input').type('<b>omdat</b> het klopt')
    phones[0].find(marker='save-reason').click()
    await phones[0].should_see('Reden bewaard ✓')
    await user.should_see('<b>omdat</b> het klopt')  # the facilitator sees reasons, without names
    await screen.should_not_see('<b>omdat</b> het klopt')  # until shown on the screen
    user.find(marker='reasons-on-screen').click()
    await screen.should_see('<b>omdat</b> het klopt')
    user.find(marker='hide-answer').click()
    await screen.should_not_see('<b>omdat</b> het klopt')

    user.find(marker='close-voting').click()
    await phones[1].should_see('Stemmen is gesloten.')
    await phones[1].should_see('Akkoord: 3 (100%) · Niet akkoord: 0 (0%)')  # live results: on phones once closed
    user.find(marker='next-activity').click()
    await phones[1].should_see('Lerende netwerken zijn vooral nuttig', retries=20)


async def test_hidden_score_until_reveal(user: User, create_user: Callable[[], User]) -> None:
    phones, screen = await meeting_with(user, create_user, 3)
    await add_activity(user, 'score', 'Geef een cijfer op 10. Waarom deze score?', hidden=True)
    user.find(marker='open-activity').click()
    for phone, score in zip(phones, ['7', '8', '10'], strict=True):
        await phone.should_see('Geef een cijfer op 10', retries=20)
        phone.find(marker=f'vote-{score}').click()
        await phone.should_see('Ontvangen ✓')
    await screen.should_see('3 van 3 geantwoord')
    await screen.should_see('De resultaten volgen straks.')
    await screen.should_not_see('gemiddelde 8,3')
    user.find(marker='reveal').click()
    await screen.should_see('gemiddelde 8,3 · mediaan 8')
    await phones[0].should_see('gemiddelde 8,3 · mediaan 8')  # revealed on the phones too


async def test_open_question_and_bad_input(user: User, create_user: Callable[[], User]) -> None:
    phones, screen = await meeting_with(user, create_user, 2)
    await add_activity(user, 'open', 'Wat verwacht je van dit netwerk?')
    user.find(marker='open-activity').click()
    phone = phones[0]
    await phone.should_see('Wat verwacht je van dit netwerk?', retries=20)
    phone.find(marker='send-answer').click()
    await phone.should_see('Schrijf eerst een antwoord.')
    phone.find(marker='answer-input').type('<script>alert("x")</script> kennis delen')
    phone.find(marker='send-answer').click()
    await phone.should_see('Ontvangen ✓')
    await screen.should_see('<script>alert("x")</script> kennis delen')
    await screen.should_see('1 van 2 geantwoord')


async def test_export_contains_every_answer_once(user: User, create_user: Callable[[], User]) -> None:
    phones, _ = await meeting_with(user, create_user, 2)
    await add_activity(user, 'statement', 'Stelling A')
    user.find(marker='open-activity').click()
    for phone in phones:
        await phone.should_see('Stelling A', retries=20)
        phone.find(marker='vote-agree').click()
        await phone.should_see('Ontvangen ✓')
    phones[0].find(marker='vote-disagree').click()  # a change is not a second answer
    await user.should_see('2 van 2 geantwoord')
    for _ in range(100):  # the change is stored once the phone marks it (the count was 2 of 2 already)
        if next(iter(phones[0].find(marker='vote-disagree').elements)).props.get('aria-pressed') == 'true':
            break
        await asyncio.sleep(0.05)
    user.find(marker='export-csv').click()
    response = await user.download.next()
    rows = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig'))))
    assert rows[0][:4] == ['activity', 'kind', 'question', 'answer']
    assert sorted(r[3] for r in rows[1:]) == ['Akkoord', 'Niet akkoord']


async def test_the_reasons_wall_pages_through_all(user: User, create_user: Callable[[], User]) -> None:
    """The projector has room for about five short reasons next to the chart: the others come on the next page
    (the pages turn by themselves), never silently cut."""
    phones, screen = await meeting_with(user, create_user, 7)
    await add_activity(user, 'statement', 'Stelling met veel redenen')
    user.find(marker='open-activity').click()
    await user.should_see(marker='reasons-on-screen', retries=20)
    user.find(marker='reasons-on-screen').click()
    for i, phone in enumerate(phones):
        await phone.should_see('Stelling met veel redenen', retries=20)
        phone.find(marker='vote-agree').click()
        await phone.should_see('Ontvangen ✓')
        phone.find(marker='reason-input').type(f'Reden nummer {i + 1}')
        phone.find(marker='save-reason').click()
        await phone.should_see(marker='reason-saved')
    await screen.should_see('van 2', retries=20)  # "Pagina 1 van 2" (or 2: the pages turn every 12 s)
    for _ in range(2):  # hiding two makes room: all on one page
        user.find(marker='hide-answer').click()  # the first one
        await asyncio.sleep(0.2)
    await screen.should_see('Reden nummer 7', retries=20)
    await screen.should_not_see('van 2')
