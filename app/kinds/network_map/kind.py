"""The network map as plugged into the registry: its rules and its views."""

from __future__ import annotations

from app.kinds.network_map.forms import NetworkMapForm
from app.kinds.network_map.network import MapsCard
from app.kinds.network_map.phone import NetworkMapPhone
from app.kinds.network_map.rules import NetworkMapRules
from app.kinds.network_map.views import NetworkMapControl, NetworkMapScreen


class NetworkMap(NetworkMapRules):
    control, screen, phone, form = NetworkMapControl, NetworkMapScreen, NetworkMapPhone, NetworkMapForm
    network_card = MapsCard  # the first and the latest map side by side on the network page
