"""This machine's address on the local network: what a QR code for phones should point to."""

from __future__ import annotations

import socket
from functools import lru_cache


@lru_cache(maxsize=1)
def lan_address() -> str | None:
    """This machine's address on the local network, as the OS resolves its host name (no traffic sent)."""
    try:
        candidates = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for *_, sockaddr in candidates:
        address = str(sockaddr[0])
        if not address.startswith('127.'):
            return address
    return None
