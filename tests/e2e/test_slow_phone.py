"""A phone on bad Wi-Fi (issue #17): the join form is plain HTML, and while the person types, everything the live
page and its activities need comes into the browser's cache; after that nothing is downloaded again."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import People, Server, create_meeting, goto, login
from tests.e2e.test_statements import add, start, vote

ASSETS = ('/_nicegui/', '/assets/tailwind.css')


def downloads(page: Page) -> list[str]:
    """Asset URLs this page fetched over the network from now on (not from its cache)."""
    fetched: list[str] = []
    cdp = page.context.new_cdp_session(page)
    cdp.send('Network.enable')

    def received(event: dict) -> None:
        response = event['response']
        cached = response.get('fromDiskCache') or response.get('fromPrefetchCache')  # a 304 is a round trip too
        if any(asset in response['url'] for asset in ASSETS) and not cached:
            fetched.append(response['url'])

    cdp.on('Network.responseReceived', received)
    return fetched


def test_join_form_works_at_once_and_the_rest_comes_from_the_cache(server: Server, people: People) -> None:
    control = people.laptop(1400, 1000)
    login(control, server)
    create_meeting(control, 'Slechte wifi')
    code = control.get_by_test_id('join-code').inner_text().strip()
    add(control, 'Stelling', 'Kennis delen loont', hidden=True)
    phone = people.phone()
    goto(phone, f'{server.url}/{code}')
    assert phone.evaluate('document.documentElement.dataset.plain') == '1'  # no Vue, no Quasar: a form
    expect(phone.get_by_label('Je naam')).to_be_editable()
    phone.get_by_label('Je naam').fill('Wendy')
    phone.wait_for_function('document.documentElement.dataset.prefetched === "1"', timeout=30_000)
    fetched = downloads(phone)
    phone.get_by_role('button', name='Ik doe mee').click()
    expect(phone.get_by_text('Je bent binnen')).to_be_visible()
    expect(phone.get_by_test_id('my-name')).to_have_text('Wendy')
    start(control, 'Kennis delen loont')
    vote(phone, 'agree', 'Kennis delen loont')
    control.get_by_role('button', name='Toon resultaten').click()
    expect(phone.get_by_test_id('result-chart').locator('svg')).to_be_visible()  # the chart library was there
    phone.reload()
    expect(phone.get_by_test_id('received')).to_be_visible()
    assert fetched == []  # the live page, the statement, the chart and a reload: all from the cache
