"""Dialogs of the network pages: a network's details, and planning the next meeting of the series."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.domain.networks import DOTS, MAX_DOTS, MAX_GOAL, MAX_NETWORK_NAME, MAX_PLACE, MAX_PLANNED
from app.domain.people import lines_length
from app.i18n import Translate
from app.services.network_plan import PlannedMeeting
from app.services.networks import NetworkInfo
from app.ui.messages import limited

Save = Callable[[dict], Awaitable[bool]]


def network_dialog(t: Translate, save: Save, info: NetworkInfo | None = None) -> None:
    """New network (``info`` None) or its details; ``save`` gets the fields and says whether they were taken."""
    with ui.dialog() as dialog, ui.card().classes('w-[32rem] max-w-full gap-2'):
        ui.label(t('network.edit') if info else t('dashboard.new_network')).classes('text-xl font-bold')
        name = ui.input(t('network.name'), value=info.name if info else '') \
            .props('outlined autofocus').classes('w-full') \
            .props('data-testid=network-name-input')
        goal = ui.textarea(t('network.goal'), value=info.goal if info else '') \
            .props('outlined autogrow').classes('w-full').props('data-testid=network-goal')
        with ui.row().classes('w-full gap-2 no-wrap'):
            planned = ui.number(t('network.planned_meetings'), value=info.planned_meetings if info else 6, min=1,
                                max=MAX_PLANNED, step=1, format='%d').props('outlined').classes('w-1/2') \
                .props('data-testid=network-planned')
            dots = ui.number(t('network.dots'), value=info.dots if info else DOTS, min=1, max=MAX_DOTS, step=1,
                             format='%d').props('outlined').classes('w-1/2').props('data-testid=network-dots')
        with ui.row().classes('w-full gap-2 no-wrap'):
            starts = ui.date_input(t('network.starts_on'), value=info.starts_on.isoformat()
                                   if info and info.starts_on else '').props('outlined').classes('w-1/2') \
                .props('data-testid=network-starts')
            ends = ui.date_input(t('network.ends_on'),
                                 value=info.ends_on.isoformat() if info and info.ends_on else '') \
                .props('outlined').classes('w-1/2').props('data-testid=network-ends')
        place = ui.input(t('network.place'), value=info.place if info else '', placeholder=t('network.place_hint')) \
            .props('outlined').classes('w-full').props('data-testid=network-place')
        limited(name, MAX_NETWORK_NAME, t)
        limited(goal, MAX_GOAL, t, lines_length)
        limited(place, MAX_PLACE, t)

        async def submit() -> None:
            values = {'name': name.value, 'goal': goal.value, 'planned': int(planned.value or 0),
                      'starts_on': starts.value or None, 'ends_on': ends.value or None, 'place': place.value,
                      'dots': int(dots.value or 0)}
            if await save(values):
                dialog.close()

        with ui.row().classes('w-full justify-end'):
            ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
            ui.button(t('common.save') if info else t('dashboard.create'), on_click=submit).props('unelevated') \
                .props('data-testid=save-network').mark('save-network')
    dialog.on('hide', dialog.delete)
    dialog.open()


def plan_dialog(t: Translate, create: Save, info: NetworkInfo, meetings: list[PlannedMeeting],
                organisations: list[str], templates: list[tuple[str, str]], suggested_host: str | None) -> None:
    """The next meeting: title, date, place, host (whose turn it is, suggested) and where its agenda comes from
    (the last meeting's agenda when there is one)."""
    number = len(meetings) + 1
    sources = {'': t('network.source_empty')}
    for meeting in reversed(meetings):
        sources[f'meeting:{meeting.id}'] = t('network.source_meeting', title=meeting.title)
    sources.update(dict(templates))
    default_source = f'meeting:{meetings[-1].id}' if meetings else (templates[0][0] if templates else '')
    with ui.dialog() as dialog, ui.card().classes('w-[32rem] max-w-full gap-2').props('data-testid=plan-dialog'):
        ui.label(t('network.plan')).classes('text-xl font-bold')
        title = ui.input(t('meeting.title'), value=t('network.meeting_n', number=number)) \
            .props('outlined').classes('w-full').props('data-testid=plan-title')
        when = ui.date_input(t('meeting.date')).props('outlined').classes('w-full').props('data-testid=plan-date')
        place = limited(ui.input(t('network.place'), value=info.place).props('outlined'), MAX_PLACE, t) \
            .classes('w-full').props('data-testid=plan-place')
        hosts = {org: org for org in organisations}
        host = ui.select(hosts, value=suggested_host if suggested_host in hosts else None, with_input=True,
                         new_value_mode='add-unique', label=t('network.host')).props('outlined clearable') \
            .classes('w-full').props('data-testid=plan-host')
        if suggested_host:
            ui.label(t('network.host_turn', host=suggested_host)).classes('text-grey-7 text-sm -mt-1') \
                .props('data-testid=host-suggestion')
        source = ui.select(sources, value=default_source, label=t('network.agenda_from')).props('outlined') \
            .classes('w-full').props('data-testid=plan-source')

        async def submit() -> None:
            values = {'title': title.value, 'on': when.value or None, 'place': place.value,
                      'host': host.value or '', 'source': source.value or ''}
            if await create(values):
                dialog.close()

        with ui.row().classes('w-full justify-end'):
            ui.button(t('common.cancel'), on_click=dialog.close).props('flat')
            ui.button(t('dashboard.create'), on_click=submit).props('unelevated').props('data-testid=create-planned')
    dialog.on('hide', dialog.delete)
    dialog.open()
