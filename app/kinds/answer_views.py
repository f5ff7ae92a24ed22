"""What the control views of answered kinds share (polls, the evaluation)."""

from __future__ import annotations

from nicegui import ui

from app.domain.activities import Activity
from app.i18n import Translate
from app.live.agenda import Agenda


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
