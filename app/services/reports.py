"""Meeting reports: a meeting's (during and after it), its read-only share link, and a network's (every meeting's
report in one document, with the ROTI trend). The model is ``app/domain/report.py``; HTML and Markdown are
``app/domain/report_render.py``; the PDF is that HTML printed by WeasyPrint (A4, print CSS, no JavaScript).
"""

from __future__ import annotations

import asyncio
import hmac
import re
import threading
import unicodedata

from app.domain.errors import Refused
from app.domain.people import Person
from app.domain.report import Agreement, Document, NetworkSection, Report, build_report
from app.domain.report_render import html_body, html_document, markdown
from app.i18n import N_, Translate
from app.kinds.registry import Registry
from app.live.room import Room
from app.live.rooms import Rooms
from app.services.networks import Networks
from app.services.series import NetworkParts
from app.store.repo import Repo

_pdf_lock = threading.Lock()  # WeasyPrint lays out one document at a time


def pdf_of(html: str) -> bytes:
    """A PDF of a whole HTML document (WeasyPrint is imported on first use: it loads Pango)."""
    from weasyprint import HTML

    with _pdf_lock:
        return HTML(string=html).write_pdf()


def file_name(title: str, extension: str) -> str:
    """"Verslag bijeenkomst 3.pdf" → "verslag-bijeenkomst-3.pdf" (ASCII, no path characters)."""
    plain = unicodedata.normalize('NFKD', title).encode('ascii', 'ignore').decode()
    slug = re.sub(r'[^a-zA-Z0-9]+', '-', plain).strip('-').lower()[:60] or 'verslag'
    return f'{slug}.{extension}'


class Reports:
    def __init__(self, repo: Repo, rooms: Rooms, networks: Networks, kinds: Registry,
                 parts: NetworkParts | None = None) -> None:
        self._repo, self._rooms, self._networks, self._kinds = repo, rooms, networks, kinds
        self._parts = parts if parts is not None else NetworkParts(repo, kinds)  # the kinds' sections over a series

    async def report(self, room: Room, t: Translate, lang: str) -> Report:
        """The meeting's report as it stands now (a running meeting too)."""
        people = {p.id: Person(p.id, p.name, p.organisation)
                  for p in await self._repo.participants_of(room.info.id)}
        people.update(room.roster.people)  # who is here now, as the room knows them
        agreements = [Agreement(a.text, a.who) for a in await self._networks.agreements.here(room)]
        agenda = room.agenda
        return build_report(room.info, self._kinds, agenda.ordered(), agenda.answers, room.history(), people,
                            agreements, t, lang)

    async def document(self, room: Room, t: Translate, lang: str) -> Document:
        report = await self.report(room, t, lang)
        return Document(t('report.title_of', title=report.title), (report,))

    async def shared(self, meeting_id: int | None, key: str | None) -> Room | None:
        """The room whose current share key is ``key`` (None for a revoked key or another meeting's). Asked of the
        database each time: a page open on the link checks again before every refresh and download."""
        room = await self._rooms.get(meeting_id) if meeting_id is not None else None
        row = await self._repo.meeting(room.info.id) if room is not None and key else None
        if row is None or not row.report_key or not key:
            return None
        return room if hmac.compare_digest(key.encode(), row.report_key.encode()) else None

    async def shared_document(self, meeting_id: int, key: str, t: Translate, lang: str) -> Document:
        """The report behind a share link, refused when the link no longer works."""
        room = await self.shared(meeting_id, key)
        if room is None:
            raise Refused(N_('report.link_invalid'))
        return await self.document(room, t, lang)

    async def network(self, facilitator_id: int, network_id: int, t: Translate, lang: str) -> Document | None:
        """Every meeting of the facilitator's network in series order, after the sections the kinds give over the
        whole series (the evaluation's ROTI trend; ``Kind.network_report``). None: not their network."""
        info = await self._networks.get(facilitator_id, network_id)
        if info is None:
            return None
        reports = []
        for planned in await self._networks.planning.meetings(facilitator_id, network_id):
            room = await self._rooms.get(planned.id)
            if room is not None:
                reports.append(await self.report(room, t, lang))
        sections: list[NetworkSection] = []
        for kind, found in await self._parts.parts(network_id):
            section = kind.network_report(found, t, lang)
            if section is not None:
                sections.append(section)
        return Document(t('report.title_of', title=info.name), tuple(reports), tuple(sections), info.goal)

    # renderings of one document
    @staticmethod
    def html(document: Document, t: Translate) -> str:
        """The fragment a page shows (its CSS is ``report_render.CSS``)."""
        return html_body(document, t)

    @staticmethod
    def markdown(document: Document, t: Translate) -> str:
        return markdown(document, t)

    @staticmethod
    async def pdf(document: Document, t: Translate) -> bytes:
        """The PDF, laid out off the event loop (a long report takes a moment)."""
        return await asyncio.to_thread(pdf_of, html_document(document, t))
