"""This machine's address on the local network: what a QR code for phones should point to.

Read from the network interfaces (psutil), not from the host name: on a typical Debian/Ubuntu laptop the host
name resolves to 127.0.1.1, and a QR code to a loopback address is useless to a phone."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

VIRTUAL = ('docker', 'br-', 'veth', 'virbr', 'vmnet', 'vboxnet', 'tun', 'tap', 'wg', 'zt', 'tailscale', 'lo')


@dataclass(frozen=True, slots=True)
class Interface:
    name: str
    up: bool
    addresses: tuple[str, ...]  # IPv4 addresses


def choose_lan_address(interfaces: list[Interface]) -> str | None:
    """The best IPv4 address for phones in the same room: on an interface that is up, private ranges first,
    real network cards before virtual bridges and VPNs; never loopback or link-local."""
    best: tuple[int, str] | None = None
    for interface in interfaces:
        if not interface.up:
            continue
        virtual = interface.name.lower().startswith(VIRTUAL)
        for text in interface.addresses:
            try:
                address = ipaddress.IPv4Address(text)
            except ValueError:
                continue
            if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
                continue
            rank = (0 if address.is_private else 2) + (1 if virtual else 0)
            if best is None or rank < best[0]:
                best = (rank, text)
    return best[1] if best else None


def interfaces() -> list[Interface]:
    import socket

    import psutil

    stats = psutil.net_if_stats()
    return [Interface(name, bool(stats[name].isup) if name in stats else False,
                      tuple(a.address for a in addresses if a.family == socket.AF_INET))
            for name, addresses in psutil.net_if_addrs().items()]


@lru_cache(maxsize=1)
def lan_address() -> str | None:
    """This machine's address on the local network (no traffic sent), or None when it has none."""
    try:
        return choose_lan_address(interfaces())
    except Exception:  # an unusual platform: the QR falls back to the URL the page was opened with
        return None
