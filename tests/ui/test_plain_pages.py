"""The start page and the join form as plain HTML (UITWISSELPLEK_PLAIN_PAGES, on by default): over HTTP as a
browser without scripts sends them, then the live page of the person who joined."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from nicegui.testing import User

from app.domain.networks import MemberRef
from app.pages.phone.plain import join_page
from tests.ui.conftest import make_facilitator, make_meeting

HTML = '<script>alert(1)</script>'


@pytest.fixture(autouse=True)
def plain(isolated_data: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('UITWISSELPLEK_PLAIN_PAGES', 'true')


def is_plain(text: str) -> bool:
    return 'data-plain="1"' in text


async def test_start_page_sends_a_valid_code_on(user: User) -> None:
    page = await user.http_client.get('/')
    assert page.status_code == 200 and is_plain(page.text) and 'data-testid="code-input"' in page.text
    assert page.headers['cache-control'] == 'no-store'
    bad = await user.http_client.get('/', params={'code': 'abc'})
    assert bad.status_code == 422 and 'Een code heeft 6 tekens, bv. K7MW3P.' in bad.text
    assert 'value="abc"' in bad.text  # what was typed stays
    typed = await user.http_client.get('/', params={'code': ' k7m-w3p '})
    assert typed.status_code == 303 and typed.headers['location'] == '/K7MW3P'
    unknown = await user.http_client.get('/K7MW3P')
    assert unknown.status_code == 404 and 'Deze code kennen we niet' in unknown.text


async def test_join_form_joins_and_then_the_live_page(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user, f'Zorg {HTML}')
    phone = create_user()
    form = await phone.http_client.get(f'/{code.lower()}')
    assert form.status_code == 200 and is_plain(form.text)
    assert HTML not in form.text and 'Zorg &lt;script&gt;alert(1)&lt;/script&gt;' in form.text
    assert f'action="/{code}"' in form.text and 'data-testid="name"' in form.text
    empty = await phone.http_client.post(f'/{code}', data={'name': '  ', 'organisation': 'OCMW'})
    assert empty.status_code == 422 and 'Vul je naam in.' in empty.text and 'value="OCMW"' in empty.text
    long = await phone.http_client.post(f'/{code}', data={'name': 'N' * 41})
    assert long.status_code == 422 and 'Je naam mag hoogstens 40 tekens lang zijn.' in long.text
    joined = await phone.http_client.post(f'/{code}', data={'name': HTML, 'organisation': 'OCMW Gent'})
    assert joined.status_code == 303 and joined.headers['location'] == f'/{code}'
    await phone.open(f'/{code}')  # the same browser (cookie): the live page, joined
    await phone.should_see('Je bent binnen')
    await phone.should_see(HTML)  # a name is text, never markup
    await user.should_see(HTML, retries=20)  # and on the control view, live


async def test_language_and_who_gets_the_live_page(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    _, code = await make_meeting(user)
    phone = create_user()
    english = await phone.http_client.get(f'/{code}', params={'lang': 'en'})
    assert english.status_code == 303 and english.headers['location'] == f'/{code}'
    form = await phone.http_client.get(f'/{code}')
    assert is_plain(form.text) and 'Join' in form.text and 'lang="en"' in form.text
    refused = await phone.http_client.post(f'/{code}', data={'name': '', 'lang': 'en'})
    assert refused.status_code == 422 and 'lang="en"' in refused.text
    user.find(marker='lock').click()  # locked: the live page says so (and changes live when unlocked)
    other = create_user()
    for _ in range(50):  # the lock is stored, then applied
        locked = await other.http_client.get(f'/{code}')
        if not is_plain(locked.text):
            break
        await asyncio.sleep(0.1)
    assert locked.status_code == 200 and not is_plain(locked.text)
    await other.open(f'/{code}')
    await other.should_see('Aanmelden is gesloten')


async def test_every_asset_it_prefetches_is_served_for_a_year(user: User) -> None:
    page = await user.http_client.get('/')
    assets = re.findall(r'"(/_nicegui/[^"]+)"', page.text)
    assert len(assets) > 15 and any('/esm/' in url for url in assets)  # the chart library too
    for url in assets:
        response = await user.http_client.get(url)
        assert response.status_code == 200, url
        assert 'immutable' in response.headers['cache-control'], url


def test_member_choice_is_text() -> None:
    room = SimpleNamespace(info=SimpleNamespace(join_code='K7MW3P', title='Netwerk'))
    members = [MemberRef(1, HTML, 'Org "x"'), MemberRef(2, 'Bram', '')]
    html = join_page('nl', room, members, member=2).body.decode()  # type: ignore[arg-type]
    assert HTML not in html and '&lt;script&gt;' in html and 'data-org="Org &#34;x&#34;"' in html
    assert re.search(r'<option value="2"[^>]*selected>Bram</option>', html)
