"""What the views of answered kinds share: the control view's voting buttons, the projected heading."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.i18n import Translate
from app.live.agenda import Agenda
from app.ui.parts import Part


def voting_buttons(t: Translate, agenda: Agenda, activity: Activity) -> None:
    """Close or reopen the answering and, for results that wait for it, reveal or hide them again."""
    if activity.state == 'open':
        ui.button(t('live.close'), icon='stop', on_click=lambda: agenda.close(activity.id)) \
            .props('outline').mark('close-voting')
    else:
        ui.button(t('live.reopen'), icon='replay', on_click=lambda: agenda.open(activity.id)) \
            .props('outline').mark('reopen-voting')
    if not getattr(activity.settings, 'results_live', True):
        ui.button(t('live.hide_results') if activity.revealed else t('live.reveal'), icon='visibility',
                  on_click=lambda: agenda.reveal(activity.id, not activity.revealed)) \
            .props('outline').mark('reveal')


def compact_question_size(text: str) -> str:
    """Type size of the question above a market or a map (they need the room): all of a 300-character text fits."""
    for most, size in ((90, 4.4), (160, 3.6)):
        if len(text) <= most:
            return f'min({size}vh, {size * 0.7:.2f}vw)'
    return 'min(2.8vh, 1.96vw)'


def screen_heading(part: Part, size: str = '') -> None:
    """The projected view's first lines: the kind's name and "Doe mee: …", then the whole question (never cut)."""
    t, activity = part.t, part.activity
    with ui.row().classes('w-full items-center justify-between no-wrap shrink-0'):
        ui.label(t(part.room.kinds[activity.kind].label)).classes('text-3xl uppercase tracking-widest text-grey-5')
        ui.label(part.ctx.join_hint).classes('text-2xl text-grey-5').mark('join-hint')
    ui.label(activity.text).classes('font-black leading-tight break-words shrink-0') \
        .style(f'font-size: {size or compact_question_size(activity.text)}').mark('screen-question') \
        .props('data-testid=screen-question')
