"""Facilitator accounts: the first account, more accounts from the command line, throttled login."""

from __future__ import annotations

import asyncio
from functools import lru_cache

from app.domain.accounts import MAX_USERNAME, check_password, clean_username
from app.domain.errors import Refused
from app.domain.passwords import Throttle, hash_password, verify_password
from app.domain.people import clean_text
from app.i18n import NP_
from app.store.repo import Repo


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the user does not exist, so both cases take as long."""
    return hash_password('timing-equaliser')


class Accounts:
    def __init__(self, repo: Repo, throttle: Throttle) -> None:
        self._repo = repo
        self._throttle = throttle

    async def setup_needed(self) -> bool:
        """No facilitator exists yet: the first visitor may create one."""
        return await self._repo.count_facilitators() == 0

    async def exists(self, facilitator_id: int) -> bool:
        return await self._repo.facilitator(facilitator_id) is not None

    async def id_of(self, username: str) -> int | None:
        facilitator = await self._repo.facilitator_by_username(clean_text(username))
        return facilitator.id if facilitator else None

    async def create_first(self, username: str | None, password: str | None, repeat: str | None) -> int:
        """The first facilitator (the setup page); refused once one exists."""
        name, password = clean_username(username), check_password(password, repeat)
        if not await self.setup_needed():
            raise Refused('setup.done_title')
        return await self._create(name, password)

    async def create(self, username: str | None, password: str | None) -> int:
        """Another facilitator (``uitwisselplek create-facilitator``)."""
        name, password = clean_username(username), check_password(password)
        if await self._repo.facilitator_by_username(name):
            raise Refused('error.username_taken', name=name)
        return await self._create(name, password)

    async def login(self, username: str | None, password: str | None, ip: str) -> int:
        """The facilitator's id; refused (and counted against the name and the address) when wrong."""
        name = clean_text(username)[:MAX_USERNAME]
        keys = (f'user:{name.lower()}', f'ip:{ip}')
        wait = max(self._throttle.wait_seconds(key) for key in keys)
        if wait > 0:
            raise Refused(NP_('error.throttled'), count=int(wait) + 1)
        facilitator = await self._repo.facilitator_by_username(name)
        stored = facilitator.password_hash if facilitator else _dummy_hash()
        ok = await asyncio.to_thread(verify_password, password or '', stored)
        if not (facilitator and ok):
            for key in keys:
                self._throttle.failed(key)
            raise Refused('error.login_failed')
        for key in keys:
            self._throttle.succeeded(key)
        return facilitator.id

    async def _create(self, name: str, password: str) -> int:
        facilitator = await self._repo.create_facilitator(name, await asyncio.to_thread(hash_password, password))
        return facilitator.id
