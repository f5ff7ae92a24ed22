"""Which base URL a phone can reach: what the QR code points to."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_HOSTS = {'localhost', 'localhost.localdomain', '0.0.0.0', '::', '::1'}


def is_local_host(host: str) -> bool:
    host = host.strip('[]').lower()
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_base_url(configured: str, request_base: str, lan_address: str | None) -> str:
    """The configured URL; else the URL the request came in on, unless that is a loopback
    address (useless to a phone): then the same port on the machine's LAN address."""
    if configured:
        return configured.rstrip('/')
    parts = urlsplit(request_base)
    host = parts.hostname or 'localhost'
    if is_local_host(host) and lan_address:
        port = f':{parts.port}' if parts.port else ''
        return f'{parts.scheme or "http"}://{lan_address}{port}'
    return request_base.rstrip('/')


def short_url(base: str, code: str) -> str:
    """The URL without scheme, for people to type: ``192.168.1.20:8080/ABCDEF``."""
    parts = urlsplit(base)
    return f'{parts.netloc}{parts.path}/{code}'


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: str) -> str:
    """Who sent a request: the peer, or — only when the peer is a trusted proxy — the last address in
    ``X-Forwarded-For`` that is not one of the trusted proxies (what a client writes there itself is ignored)."""
    trusted = {p.strip() for p in trusted_proxies.split(',') if p.strip()}
    if peer not in trusted or not forwarded_for:
        return peer
    for address in reversed([a.strip() for a in forwarded_for.split(',') if a.strip()]):
        if address not in trusted:
            return address
    return peer
