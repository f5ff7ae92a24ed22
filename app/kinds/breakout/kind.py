"""Breakouts as plugged into the registry."""

from __future__ import annotations

from app.kinds.breakout.control import ControlBreakout
from app.kinds.breakout.forms import BreakoutForm
from app.kinds.breakout.live import Breakouts, MessageSent, NoteSaved
from app.kinds.breakout.phone import ModerateBreakout, PhoneBreakout
from app.kinds.breakout.rules import BreakoutRules
from app.kinds.breakout.screen import ScreenBreakout
from app.live.changes import ClockChanged, RoundSaved


class Breakout(BreakoutRules):
    runner = Breakouts
    change_types = (RoundSaved, ClockChanged, NoteSaved, MessageSent)
    control, screen, phone, moderator, form = ControlBreakout, ScreenBreakout, PhoneBreakout, ModerateBreakout, \
        BreakoutForm
