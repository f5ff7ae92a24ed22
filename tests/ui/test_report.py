"""The report pages with simulated users: the facilitator's, a stranger's, a bad share key (403), a network's."""

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from tests.ui.conftest import make_facilitator, make_meeting
from tests.ui.test_networks import make_network


def report_html(user: User) -> str:
    return ''.join(element.content for element in user.find(marker='report-body', kind=ui.html).elements)


async def test_report_page_for_its_facilitator_only(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting, _ = await make_meeting(user, 'Avond <b>één</b>')
    await user.should_see(marker='open-report')
    await user.should_see('Nog geen deellink', retries=20)
    await user.open(f'/m/{meeting}/report')
    await user.should_see('Download PDF')
    await user.should_see('Download Markdown')
    html = report_html(user)
    assert 'Avond &lt;b&gt;één&lt;/b&gt;' in html and '0 deelnemers' in html
    stranger = create_user()
    await stranger.open(f'/m/{meeting}/report')
    await stranger.should_see('Meld je eerst aan')
    await stranger.should_not_see('Download PDF')
    for query in ('?key=nope', '?key='):
        response = await stranger.http_client.get(f'/m/{meeting}/report{query}')
        assert response.status_code == 403
        assert 'Deze link werkt niet (meer)' in response.text


async def test_network_report(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    network = await make_network(user)
    await user.open(f'/n/{network}/report')
    await user.should_see('Download PDF')
    assert 'Verslag: Lerend netwerk wonen' in report_html(user)
    stranger = create_user()
    await stranger.open(f'/n/{network}/report')
    await stranger.should_see('Meld je eerst aan')
    response = await user.http_client.get('/n/999/report')
    assert response.status_code == 404 and 'Download PDF' not in response.text
