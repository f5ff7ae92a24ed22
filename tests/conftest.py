"""Shared test helpers: the external services and whether a missing one may be skipped."""

from __future__ import annotations

import os
import socket

import pytest

POSTGRES_URL = os.environ.get('UITWISSELPLEK_TEST_POSTGRES_URL', 'postgresql+psycopg://postgres@127.0.0.1:5432/test')
REDIS_URL = os.environ.get('UITWISSELPLEK_TEST_REDIS_URL', 'redis://127.0.0.1:6379/15')
IN_CI = os.environ.get('CI', '').lower() in {'1', 'true', 'yes'}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def need_service(name: str, host: str, port: int) -> None:
    """Skip with a reason where the service is absent; in CI (CI=true) a missing service is a failure."""
    if reachable(host, port):
        return
    message = f'{name} is not reachable at {host}:{port}'
    if IN_CI:
        pytest.fail(f'{message}, but CI=true requires it', pytrace=False)
    pytest.skip(f'{message} (these tests run in CI)')
