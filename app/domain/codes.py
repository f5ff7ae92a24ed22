"""Join codes and secret keys."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L and no U/V look-alikes: readable from the back of a room and easy to type on a phone.
ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789'
CODE_LENGTH = 6
_CODE_RE = re.compile(f'^[{ALPHABET}]{{{CODE_LENGTH}}}$')
_CONFUSABLE = str.maketrans({'0': 'O', '1': 'I', 'L': 'I'})


def new_join_code(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A random code that is not in ``taken``."""
    while True:
        code = ''.join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normalize_code(text: str) -> str:
    """What a person typed, as a code: upper case, no spaces or dashes."""
    return re.sub(r'[\s\-.]', '', text or '').upper()


def is_valid_code(text: str) -> bool:
    return bool(_CODE_RE.match(text or ''))


def new_key() -> str:
    """An unguessable key for a secret link (192 bits)."""
    return secrets.token_urlsafe(24)


def new_participant_id() -> str:
    return secrets.token_urlsafe(16)
