"""Rules for what people type about themselves."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_NAME = 40
MAX_ORGANISATION = 60
MAX_TITLE = 120


class InvalidInput(ValueError):
    """A value a person typed that we refuse; ``key`` is an i18n key for the message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def clean_text(text: str | None) -> str:
    """Trim, collapse whitespace and drop control characters."""
    text = unicodedata.normalize('NFC', text or '')
    text = ''.join(ch for ch in text if unicodedata.category(ch)[0] != 'C' or ch in ' \t\n')
    return re.sub(r'\s+', ' ', text).strip()


def required_text(text: str | None, most: int, required_key: str, too_long_key: str) -> str:
    """Cleaned text that must not be empty nor longer than ``most``; the keys name the messages."""
    value = clean_text(text)
    if not value:
        raise InvalidInput(required_key)
    if len(value) > most:
        raise InvalidInput(too_long_key, max=most)
    return value


def clean_name(text: str | None) -> str:
    return required_text(text, MAX_NAME, 'error.name_required', 'error.name_too_long')


def clean_organisation(text: str | None) -> str:
    org = clean_text(text)
    if len(org) > MAX_ORGANISATION:
        raise InvalidInput('error.organisation_too_long', max=MAX_ORGANISATION)
    return org


def clean_title(text: str | None) -> str:
    return required_text(text, MAX_TITLE, 'error.title_required', 'error.title_too_long')


@dataclass(frozen=True, slots=True)
class Person:
    """One participant of a meeting as the live views know them."""

    id: str
    name: str
    organisation: str
