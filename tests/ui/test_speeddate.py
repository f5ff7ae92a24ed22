"""Speed dating with simulated users: bad input and late joiners."""

from collections.abc import Callable

from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting
from tests.ui.test_activities import add_activity
from tests.ui.test_participant import join


async def test_fewer_than_two_and_late_joiner(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'speed_date', 'Leer elkaar kennen')
    user.find(marker='open-activity').click()
    anna = create_user()
    await join(anna, code, 'Anna')
    await anna.should_see('De koppels worden zo gemaakt.', retries=20)
    user.find(marker='next-round').click()
    await user.should_see('Er zijn minstens 2 deelnemers nodig om koppels te maken.')
    bert = create_user()
    await join(bert, code, 'Bert')
    user.find(marker='next-round').click()
    await anna.should_see('Bert', retries=20)
    await anna.should_see('Maak je klaar: zoek je gesprekspartner op.')
    user.find(marker='start-round').click()
    chloe = create_user()
    await chloe.open(f'/{code}')
    chloe.find(marker='name').type('Chloé')
    chloe.find(marker='join').click()
    await chloe.should_see('Je doet mee vanaf de volgende ronde.', retries=30)  # mid-round: waits
    await user.should_see('Nog niet ingedeeld (volgende ronde): Chloé')


async def test_swap_rules(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'speed_date', 'Leer elkaar kennen')
    user.find(marker='open-activity').click()
    for name in ('Anna', 'Bert', 'Chloé', 'Dries'):
        await join(create_user(), code, name)
    user.find(marker='next-round').click()
    await user.should_see(marker='swap', retries=20)
    user.find(marker='swap').click()
    await user.should_see('Kies de twee personen die je wil wisselen.')
    first = user.find(marker='swap-a').elements.pop()
    second = user.find(marker='swap-b').elements.pop()
    person = next(iter(first.options))
    first.set_value(person)
    second.set_value(person)
    user.find(marker='swap').click()
    await user.should_see('Kies twee verschillende personen.')


async def test_after_the_last_planned_round_no_next_round(user: User, create_user: Callable[[], User]) -> None:
    """Two people can meet once without a repeat: after that round the control view says the rounds are done and
    offers one more, not "Volgende ronde"."""
    await make_facilitator(user)
    _, code = await make_meeting(user)
    await add_activity(user, 'speed_date', 'Leer elkaar kennen')
    user.find(marker='open-activity').click()
    for name in ('Anna', 'Bert'):
        await join(create_user(), code, name)
    user.find(marker='next-round').click()
    await user.should_see(marker='start-round', retries=20)
    user.find(marker='start-round').click()
    await user.should_see(marker='end-round', retries=20)
    user.find(marker='end-round').click()
    await user.should_see('De geplande ronde is gedaan.', retries=20)
    await user.should_see('Toch nog een ronde')
    await user.should_not_see('Volgende ronde')
    user.find(marker='next-round').click()  # one more all the same
    await user.should_see('Ronde 2 van 2', retries=20)
