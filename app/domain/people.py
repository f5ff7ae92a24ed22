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


def clean_name(text: str | None) -> str:
    name = clean_text(text)
    if not name:
        raise InvalidInput('error.name_required')
    if len(name) > MAX_NAME:
        raise InvalidInput('error.name_too_long', max=MAX_NAME)
    return name


def clean_organisation(text: str | None) -> str:
    org = clean_text(text)
    if len(org) > MAX_ORGANISATION:
        raise InvalidInput('error.organisation_too_long', max=MAX_ORGANISATION)
    return org


def clean_title(text: str | None) -> str:
    title = clean_text(text)
    if not title:
        raise InvalidInput('error.title_required')
    if len(title) > MAX_TITLE:
        raise InvalidInput('error.title_too_long', max=MAX_TITLE)
    return title


@dataclass(frozen=True, slots=True)
class Person:
    """One participant of a meeting as the live views know them."""

    id: str
    name: str
    organisation: str
