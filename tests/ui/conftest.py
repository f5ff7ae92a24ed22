"""NiceGUI's simulated users against app/main.py, each test with its own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui.testing import User

# NiceGUI looks three times, 0.1 s apart, before ``should_see`` fails; on a loaded CI machine a notification after an
# awaited database write (CI saw "De vier voorbeeldstellingen staan op de agenda." miss it) can take longer. Twenty
# looks (2 s) everywhere; a test that needs longer still says so with its own ``retries``.
User.should_see.__kwdefaults__['retries'] = 20


@pytest.fixture(autouse=True)
def isolated_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ('DATABASE_URL', 'PUBLIC_URL', 'STORAGE_SECRET', 'REDIS_URL', 'LANGUAGE'):
        monkeypatch.delenv(f'UITWISSELPLEK_{name}', raising=False)
    monkeypatch.setenv('UITWISSELPLEK_DATA_DIR', str(tmp_path / 'data'))
    monkeypatch.setenv('UITWISSELPLEK_PUBLIC_URL', 'http://192.168.1.20:8080')
    monkeypatch.setenv('UITWISSELPLEK_PLAIN_PAGES', 'false')  # NiceGUI's join form (the plain one: test_plain_pages)
    return tmp_path / 'data'


async def make_facilitator(user: User, name: str = 'anna', password: str = 'geheim123') -> None:
    await user.open('/setup')
    user.find(marker='username').type(name)
    user.find(marker='password').type(password)
    user.find(marker='repeat').type(password)
    user.find(marker='create-account').click()
    await user.should_see('Je bijeenkomsten', retries=50)  # scrypt on a busy machine


async def make_meeting(user: User, title: str = 'Lerend netwerk zorg') -> tuple[int, str]:
    """Create a meeting through the dashboard; returns (meeting id, join code)."""
    await user.open('/dashboard')
    user.find(marker='new-meeting').click()
    user.find(marker='meeting-title').type(title)
    user.find(marker='create-meeting').click()
    await user.should_see(marker='join-code', retries=50)
    meeting_id = int(user.back_history[-1].split('/')[2])  # /m/{id}/control
    code = user.find(marker='join-code').elements.pop().text
    return meeting_id, code
