"""A kind that is not part of the app (tests/fixtures/mood) brings its own network-level parts — a card on the network
page and a section in the network's report — through the kind's hooks alone: the services and the page name no kind.
(The network page drawing it: tests/ui/test_new_kind_network.py.)"""

from __future__ import annotations

from datetime import date

from app.domain.networks import NetworkFields
from app.i18n import translator
from app.kinds.registry import Registry, default_registry
from app.live.bus import LocalBus
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.reports import Reports
from app.services.series import NetworkParts
from app.store.repo import Repo
from tests.fixtures.mood.kind import Mood
from tests.fixtures.mood.network import MoodCard
from tests.fixtures.mood.series import MoodRow


def with_mood() -> Registry:
    return Registry([*default_registry(), Mood()])


async def a_series_with_moods(repo: Repo, rooms: Rooms) -> tuple[int, int]:
    """(facilitator id, network id): three meetings, the first and the last with a mood check (one answer hidden)."""
    anna = await repo.create_facilitator('anna', 'hash')
    network = await repo.networks.create_network(anna.id, NetworkFields('Lerend netwerk zorg'))
    for number, choices in enumerate((['green', 'green', 'red'], None, ['orange', 'green']), start=1):
        meeting = await repo.create_meeting(anna.id, f'Bijeenkomst {number}', date(2026, number, 10), network.id)
        if choices is None:
            continue
        room = await rooms.get(meeting.id)
        mood = await room.agenda.add('mood', 'Hoe zit je erbij?')
        await room.agenda.open(mood.id)
        for i, choice in enumerate(choices):
            person = await room.roster.join(f'device-{number}-{i}', f'Persoon {i}', 'Org')
            await room.agenda.answer(person.id, mood.id, choice=choice)
        hidden = await repo.add_participant(meeting.id, f'device-{number}-hidden', 'Verborgen', 'Org')
        await repo.save_response(mood.id, hidden.id, choice='red', hidden=True)
    return anna.id, network.id


async def test_the_new_kind_has_a_part_over_the_series_and_a_card(repo: Repo) -> None:
    kinds = with_mood()
    rooms = Rooms(repo, LocalBus(), kinds)
    _, network_id = await a_series_with_moods(repo, rooms)
    assert [k.name for k in kinds.network_kinds()][-1] == 'mood'  # listed by the registry, after the app's own
    parts = dict((kind.name, found) for kind, found in await NetworkParts(repo, kinds).parts(network_id))
    assert parts['mood'] == (MoodRow('Bijeenkomst 1', (2, 0, 1)), MoodRow('Bijeenkomst 3', (1, 1, 0)))  # not hidden
    assert 'evaluation' in parts  # the app's kinds are asked the same way
    assert kinds['mood'].network_card is MoodCard
    # without the kind (an older instance) the rest stays: no mood part, no crash
    rooms_without = Rooms(repo, LocalBus(), default_registry())
    assert 'mood' not in {k.name for k, _ in await NetworkParts(repo, rooms_without.kinds).parts(network_id)}


async def test_a_series_without_moods_has_no_mood_card(repo: Repo) -> None:
    kinds = with_mood()
    anna = await repo.create_facilitator('anna', 'hash')
    network = await repo.networks.create_network(anna.id, NetworkFields('Leeg'))
    await repo.create_meeting(anna.id, 'Zonder', None, network.id)
    assert 'mood' not in {k.name for k, _ in await NetworkParts(repo, kinds).parts(network.id)}


async def test_the_network_report_has_the_new_kinds_section(repo: Repo) -> None:
    kinds = with_mood()
    rooms = Rooms(repo, LocalBus(), kinds)
    anna, network_id = await a_series_with_moods(repo, rooms)
    reports = Reports(repo, rooms, Networks(repo, rooms), kinds, NetworkParts(repo, kinds))
    t = translator('nl')
    document = await reports.network(anna, network_id, t, 'nl')
    assert [s.title for s in document.network] == ['Stemming over de reeks']  # no evaluation answers: no ROTI table
    section = document.network[0]
    assert section.columns == ('Bijeenkomst', 'green', 'orange', 'red')
    assert section.rows == (('Bijeenkomst 1', '2', '0', '1'), ('Bijeenkomst 3', '1', '1', '0'))
    markdown = reports.markdown(document, t)
    assert '## Stemming over de reeks' in markdown and '| Bijeenkomst 1 | 2 | 0 | 1 |' in markdown
    html = reports.html(document, t)
    assert '<h2>Stemming over de reeks</h2>' in html and '<td>Bijeenkomst 3</td><td>1</td>' in html
    assert html.index('Stemming over de reeks') < html.index('Bijeenkomst 1</h2>')  # before the meetings
