"""Give and need as plugged into the registry: its rules and its views."""

from __future__ import annotations

from app.kinds.exchange.forms import ExchangeForm
from app.kinds.exchange.network import OpenNeedsCard
from app.kinds.exchange.phone import ExchangePhone
from app.kinds.exchange.rules import ExchangeRules
from app.kinds.exchange.views import ExchangeControl, ExchangeScreen


class Exchange(ExchangeRules):
    control, screen, phone, form = ExchangeControl, ExchangeScreen, ExchangePhone, ExchangeForm
    network_card = OpenNeedsCard  # "Open vragen" on the network page
