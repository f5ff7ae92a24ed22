"""The rules for a facilitator's username and password, in one place (pages and the command line use them)."""

from __future__ import annotations

from app.domain.errors import Refused
from app.domain.passwords import MIN_PASSWORD
from app.domain.people import clean_text
from app.i18n import NP_

MAX_USERNAME = 80


def clean_username(text: str | None) -> str:
    name = clean_text(text)
    if not name or len(name) > MAX_USERNAME:
        raise Refused(NP_('error.username'), count=MAX_USERNAME)
    return name


def check_password(password: str | None, repeat: str | None = None) -> str:
    """The new password, if long enough (and typed twice the same, when ``repeat`` is given)."""
    password = password or ''
    if len(password) < MIN_PASSWORD:
        raise Refused(NP_('error.password_short'), count=MIN_PASSWORD)
    if repeat is not None and password != repeat:
        raise Refused('error.password_mismatch')
    return password
