"""The network page's "open vragen" card with a simulated user (its content is tested in tests/live)."""

from nicegui.testing import User

from tests.ui.conftest import make_facilitator
from tests.ui.test_networks import make_network


async def test_the_network_page_has_open_needs(user: User) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    await user.open(f'/n/{network}')
    await user.should_see('Vragen die nog niemand kon beantwoorden')
    await user.should_see('Geen open vragen', retries=50)
