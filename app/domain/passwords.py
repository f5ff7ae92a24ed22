"""Password hashing (scrypt, a slow KDF from the standard library) and login throttling."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f'scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}'


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split('$')
        if scheme != 'scrypt':
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass
class Throttle:
    """Counts failed attempts per key; after ``free`` failures each further try must wait longer.

    The wait doubles per failure (``base`` seconds after the first one over the limit), capped at
    ``cap``. A success clears the key.
    """

    clock: Callable[[], float]
    free: int = 5
    base: float = 2.0
    cap: float = 300.0
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)

    def wait_seconds(self, key: str) -> float:
        """How long ``key`` must still wait before the next try (0 when it may try now)."""
        count, last = self._failures.get(key, (0, 0.0))
        if count < self.free:
            return 0.0
        delay = min(self.cap, self.base * 2.0 ** (count - self.free))
        return max(0.0, last + delay - self.clock())

    def failed(self, key: str) -> None:
        count, _ = self._failures.get(key, (0, 0.0))
        self._failures[key] = (count + 1, self.clock())
        if len(self._failures) > 10_000:  # keep memory bounded under a spray of usernames
            oldest = min(self._failures, key=lambda k: self._failures[k][1])
            del self._failures[oldest]

    def succeeded(self, key: str) -> None:
        self._failures.pop(key, None)
