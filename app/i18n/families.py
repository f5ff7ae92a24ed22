"""Keys the code builds at run time, such as ``t(f'kind.{kind}')``, listed so that ``pybabel extract`` finds them.

Nothing imports this module for its values; ``N_`` only marks the keys. A new member of a family belongs here; a kind's own
keys are marked with ``N_`` in the kind's package.
"""

from __future__ import annotations

from app.i18n import N_

OPTIONS = (N_('option.agree'), N_('option.doubt'), N_('option.disagree'))
ACTIVITY_STATES = (N_('activity.state.waiting'), N_('activity.state.open'), N_('activity.state.closed'))
SPEED_PHASES = (N_('speed.phase.ready'), N_('speed.phase.running'), N_('speed.phase.paused'), N_('speed.phase.over'))
MEETING_STATES = (N_('state.draft'), N_('state.open'), N_('state.closed'))
# NiceGUI's own notices, in Dutch (app/main.py hands them to nicegui.translations)
NICEGUI = (N_('nicegui.connection_lost'), N_('nicegui.trying_to_reconnect'), N_('nicegui.message_too_long'),
           N_('nicegui.message_too_long_body'))
