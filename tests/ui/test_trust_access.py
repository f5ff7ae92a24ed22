"""Trust, round 3 — denials with simulated users: 403 for a wrong or revoked key (screen, moderator, preparer, share
link), 404 for a meeting one may not know exists (another facilitator's is as unknown as one that is not there), and
a logged-in facilitator refused anywhere gets the way back to their own dashboard."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from nicegui.testing import User

from app.domain.passwords import hash_password
from app.store import db
from app.store.repo import Repo
from tests.ui.conftest import make_facilitator, make_meeting

DASHBOARD_LINK = '"href":"/dashboard"'  # the message card's link, as NiceGUI sends the page


async def second_facilitator(data_dir: Path, name: str = 'bert', password: str = 'geheim456') -> None:
    """Another facilitator account, as ``uitwisselplek create-facilitator`` makes it."""
    engine = db.create_engine_for(f'sqlite:///{data_dir / "uitwisselplek.db"}')
    try:
        hashed = await asyncio.to_thread(hash_password, password)
        await Repo(db.session_factory(engine)).create_facilitator(name, hashed)
    finally:
        await engine.dispose()


async def log_in(user: User, name: str = 'bert', password: str = 'geheim456') -> None:
    await user.open('/login')
    user.find(marker='username').type(name)
    user.find(marker='password').type(password)
    user.find(marker='login').click()
    await user.should_see('Je bijeenkomsten', retries=50)


async def test_another_facilitators_meeting_is_unknown_with_the_way_back(
        user: User, create_user: Callable[[], User], isolated_data: Path) -> None:
    await make_facilitator(user)
    meeting_id, _ = await make_meeting(user)
    await second_facilitator(isolated_data)
    bert = create_user()
    await log_in(bert)
    for path in (f'/m/{meeting_id}/control', f'/m/{meeting_id}/report', '/m/999/control', '/m/999/report'):
        response = await bert.http_client.get(path)
        assert response.status_code == 404, path
        assert 'Deze bijeenkomst bestaat niet' in response.text and DASHBOARD_LINK in response.text, path
        assert 'Lerend netwerk zorg' not in response.text
    stranger = create_user()  # not logged in: the way to log in, not a 404
    response = await stranger.http_client.get(f'/m/{meeting_id}/control')
    assert response.status_code == 200 and 'Meld je eerst aan' in response.text and DASHBOARD_LINK not in response.text


async def test_a_wrong_key_is_403_everywhere(user: User, create_user: Callable[[], User]) -> None:
    await make_facilitator(user)
    meeting_id, _ = await make_meeting(user)
    stranger = create_user()
    for path, text in ((f'/m/{meeting_id}/screen?key=raden', 'Deze schermlink werkt niet (meer)'),
                       (f'/m/{meeting_id}/screen', 'Deze schermlink werkt niet (meer)'),
                       ('/m/999/screen?key=raden', 'Deze schermlink werkt niet (meer)'),
                       (f'/m/{meeting_id}/moderate?key=raden', 'Deze moderatorlink werkt niet (meer)'),
                       (f'/m/{meeting_id}/moderate', 'Deze moderatorlink werkt niet (meer)'),
                       (f'/m/{meeting_id}/prepare?key=raden', 'Deze voorbereidingslink werkt niet (meer)'),
                       (f'/m/{meeting_id}/report?key=raden', 'Deze link werkt niet (meer)'),
                       (f'/m/{meeting_id}/report?key=', 'Deze link werkt niet (meer)')):
        response = await stranger.http_client.get(path)
        assert response.status_code == 403, path
        assert text in response.text and DASHBOARD_LINK not in response.text, path
        # the facilitator who follows a wrong link is shown the way back
        response = await user.http_client.get(path)
        assert response.status_code == 403 and DASHBOARD_LINK in response.text, path
