"""A member preparing a meeting (seed 003: members prepare in turn): that meeting's agenda, nothing else.

The personal link holds a key scoped to one meeting; revoked, it opens nothing — and a page open at that moment says
so and stops (every action checks the key again on the server). No answers, no roster, no export.
"""

from __future__ import annotations

from nicegui import ui

from app.i18n import Translate
from app.pages.access import deny_key
from app.pages.common import header, parse_id, use_language
from app.pages.facilitator.agenda import AgendaEditor
from app.services.preparing import PreparerAgenda
from app.system import System
from app.ui.messages import message_card


def register(system: System) -> None:
    @ui.page('/m/{meeting}/prepare')
    async def prepare_page(meeting: str, key: str = '') -> None:
        lang, t = use_language(system)
        header(lang, t)
        meeting_id = parse_id(meeting)
        access = await system.networks.planning.preparer(meeting_id, key) if meeting_id is not None else None
        if access is None:
            deny_key(t, t('access.bad_preparer_link'), t('access.bad_preparer_link_body'))
            return
        info = access.room.info
        with ui.column().classes('mx-auto max-w-3xl w-full gap-3 p-4') as content:
            ui.label(t('prepare.title', title=info.title)).classes('text-2xl font-bold break-words') \
                .props('data-testid=prepare-title')
            details = [t.date(info.date) if info.date else '', info.place,
                       t('network.host_is', host=info.host) if info.host else '']
            ui.label(' · '.join(d for d in details if d)).classes('text-grey-7')
            ui.label(t('prepare.help', name=access.member)).classes('text-grey-8')

            def revoked() -> None:  # the key stopped working while this page is open
                editor.stop()
                access.room.memory.changed.unsubscribe(preparers_changed)
                content.clear()
                with content:
                    denied(t)

            agenda = PreparerAgenda(system.networks, access.room, key, on_revoked=revoked)
            editor = AgendaEditor(access.room, None, t, lang, preparer=agenda)
            editor.build()

        async def preparers_changed(what: str) -> None:
            if what == 'preparers':
                await agenda.valid()  # revoked: says so at once

        access.room.memory.changed.subscribe(preparers_changed)


def denied(t: Translate) -> None:
    message_card(t('access.bad_preparer_link'), t('access.bad_preparer_link_body'), marker='access-denied')
