"""Speed dating as plugged into the registry."""

from __future__ import annotations

from app.kinds.speed_date.forms import SpeedDateForm
from app.kinds.speed_date.live import SpeedDating
from app.kinds.speed_date.rules import SpeedDateRules
from app.kinds.speed_date.views import ControlSpeedDate, PhoneSpeedDate, ScreenSpeedDate
from app.live.changes import ClockChanged, RoundSaved


class SpeedDate(SpeedDateRules):
    runner = SpeedDating
    change_types = (RoundSaved, ClockChanged)
    control, screen, phone, form = ControlSpeedDate, ScreenSpeedDate, PhoneSpeedDate, SpeedDateForm
