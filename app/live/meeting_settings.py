"""A room's settings (``room.settings``): the meeting's info (``room.info``) and what the facilitator sets on
it — open or closed, locked, the most participants, the language, the plan (title, date, place, host), "Vorige
keer", last time's agreements on the screen, where it happens and its video."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Literal

from nicegui import Event

from app.domain.activities import clamp
from app.domain.errors import Refused
from app.domain.meetings import MAX_PARTICIPANTS, MeetingInfo
from app.domain.video import Remote
from app.i18n import LANGUAGES
from app.live.changes import MeetingUpdated
from app.store.repo import Repo

# what a MeetingUpdated may carry under the info's own name (the date is ``on`` / ``no_date``)
FIELDS = ('locked', 'state', 'screen_key', 'max_participants', 'language', 'show_agreements', 'title', 'place', 'host',
          'report_key', 'recap_note', 'recap_quotes', 'show_recap', 'mode', 'plenary_url', 'video_base', 'video_links',
          'mixed')


class MeetingSettings:
    change_types = (MeetingUpdated,)

    def __init__(self, info: MeetingInfo, repo: Repo, commit: Callable[[object], Awaitable[None]],
                 closing: Callable[[], Awaitable[None]]) -> None:
        self.info = info
        self._repo = repo
        self._commit = commit
        self._closing = closing  # before the meeting closes: the room closes its current activity
        self.changed = Event[MeetingInfo]()

    async def set_locked(self, locked: bool) -> None:
        await self._update(locked=locked)

    async def set_state(self, state: Literal['open', 'closed']) -> None:
        if state == 'closed':
            await self._closing()  # its closing time counts (an evaluation takes answers 48 h more)
        await self._update(state=state)

    async def set_max_participants(self, most: int) -> None:
        """At most ``most`` participants (0: no maximum); who is in already stays in."""
        await self._update(max_participants=int(clamp(int(most or 0), 0, MAX_PARTICIPANTS)))

    async def set_language(self, lang: str) -> None:
        """The meeting's language: the screen speaks it (phones keep their own choice)."""
        if lang not in LANGUAGES:
            raise Refused('error.unknown_language')
        await self._update(language=lang)

    async def set_show_agreements(self, show: bool) -> None:
        """The screen shows last time's agreements while no activity runs (a network meeting)."""
        await self._update(show_agreements=bool(show))

    async def set_plan(self, title: str, on: date | None, place: str, host: str) -> None:
        """Title, date, place and host (already checked by the networks service)."""
        await self._repo.update_meeting(self.info.id, title=title, date=on, place=place, host=host)
        await self._commit(MeetingUpdated(title=title, on=on, no_date=on is None, place=place, host=host))

    async def set_recap(self, note: str, quotes: tuple[str, ...]) -> None:
        """"Vorige keer" (checked by the service): what we changed, and the quotes picked from last time."""
        await self._repo.update_meeting(self.info.id, recap_note=note, recap_quotes=list(quotes))
        await self._commit(MeetingUpdated(recap_note=note, recap_quotes=tuple(quotes)))

    async def set_show_recap(self, show: bool) -> None:
        await self._update(show_recap=bool(show))

    async def set_remote(self, remote: Remote) -> None:
        """Where the meeting happens and its video settings (checked by ``app.domain.video.check_remote``)."""
        await self._repo.update_meeting(self.info.id, mode=remote.mode, plenary_url=remote.plenary_url,
                                        video_base=remote.video_base, video_links='\n'.join(remote.video_links),
                                        mixed=remote.mixed)
        await self._commit(MeetingUpdated(mode=remote.mode, plenary_url=remote.plenary_url,
                                          video_base=remote.video_base, video_links=remote.video_links,
                                          mixed=remote.mixed))

    async def _update(self, **values: object) -> None:
        """Store fields that the database and the change name alike, then commit the change."""
        await self._repo.update_meeting(self.info.id, **values)
        await self._commit(MeetingUpdated(**values))  # type: ignore[arg-type]

    def apply(self, change: MeetingUpdated, _: str) -> None:
        fields: dict[str, object] = {name: value for name in FIELDS if (value := getattr(change, name)) is not None}
        if change.on is not None or change.no_date:
            fields['date'] = change.on
        self.info = replace(self.info, **fields)  # type: ignore[arg-type]
        self.changed.emit(self.info)
