"""A member preparing a meeting (seed 003: members prepare in turn): that meeting's agenda, nothing else.

The personal link holds a key scoped to one meeting; revoked, it opens nothing. No answers, no roster, no export.
"""

from __future__ import annotations

from nicegui import ui

from app.pages.common import header, message_card, parse_id, use_language
from app.pages.facilitator.agenda import AgendaEditor
from app.system import System


def register(system: System) -> None:
    @ui.page('/m/{meeting}/prepare')
    async def prepare_page(meeting: str, key: str = '') -> None:
        lang, t = use_language(system)
        header(lang, t)
        meeting_id = parse_id(meeting)
        access = await system.networks.preparer(meeting_id, key) if meeting_id is not None else None
        if access is None:
            ui.context.client.status_code = 403
            message_card(t('access.bad_preparer_link'), t('access.bad_preparer_link_body'), marker='access-denied')
            return
        info = access.room.info
        with ui.column().classes('mx-auto max-w-3xl w-full gap-3 p-4'):
            ui.label(t('prepare.title', title=info.title)).classes('text-2xl font-bold break-words') \
                .props('data-testid=prepare-title')
            details = [t.date(info.date) if info.date else '', info.place,
                       t('network.host_is', host=info.host) if info.host else '']
            ui.label(' · '.join(d for d in details if d)).classes('text-grey-7')
            ui.label(t('prepare.help', name=access.member)).classes('text-grey-8')
            AgendaEditor(access.room, None, t, lang, preparer=True).build()
