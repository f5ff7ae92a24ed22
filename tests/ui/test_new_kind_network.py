"""The network page draws a card of a kind that is not part of the app (tests/fixtures/mood): the page iterates over
the kinds' network cards and knows none of them (its content: tests/live/test_new_kind_network.py)."""

from __future__ import annotations

from datetime import date

import pytest
from nicegui.testing import User

from app.kinds.registry import Registry
from app.system import System
from tests.fixtures.mood.kind import Mood
from tests.ui.conftest import make_facilitator
from tests.ui.test_networks import make_network

systems: list[System] = []


@pytest.fixture(autouse=True)
def mood_in_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app as a newcomer's registry line makes it: every kind of the app, then the mood check."""
    original = System.__post_init__

    def with_mood(self: System) -> None:
        original(self)
        self.kinds = Registry([*self.kinds, Mood()])
        systems.append(self)

    monkeypatch.setattr(System, '__post_init__', with_mood)
    systems.clear()


async def test_the_network_page_shows_the_new_kinds_card(user: User) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    await user.open(f'/n/{network}')
    await user.should_see('Evaluatie over de reeks')
    await user.should_not_see('Stemming over de reeks')  # no mood check answered yet: no card

    system = systems[-1]
    meeting = await system.repo.create_meeting(1, 'Eerste bijeenkomst', date(2026, 3, 10), network)
    room = await system.rooms.get(meeting.id)
    mood = await room.agenda.add('mood', 'Hoe zit je erbij?')
    await room.agenda.open(mood.id)
    for i, choice in enumerate(('green', 'red', 'green')):
        person = await room.roster.join(f'device-{i}', f'Persoon {i}', 'Org')
        await room.agenda.answer(person.id, mood.id, choice=choice)

    await user.open(f'/n/{network}')
    await user.should_see(marker='mood-card')
    await user.should_see('Eerste bijeenkomst: green 2, orange 0, red 1')
    await user.should_see('Evaluatie over de reeks')  # the app's own cards stay
