"""Rules for what people type about themselves."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.domain.errors import Refused
from app.i18n import N_, NP_

MAX_NAME = 40
MAX_ORGANISATION = 60
MAX_TITLE = 120



def clean_text(text: str | None) -> str:
    """Trim, collapse whitespace and drop control characters."""
    text = unicodedata.normalize('NFC', text or '')
    text = ''.join(ch for ch in text if unicodedata.category(ch)[0] != 'C' or ch in ' \t\n')
    return re.sub(r'\s+', ' ', text).strip()


def required_text(text: str | None, most: int, required_key: str, too_long_key: str) -> str:
    """Cleaned text that must not be empty nor longer than ``most``; the keys name the messages."""
    value = clean_text(text)
    if not value:
        raise Refused(required_key)
    if len(value) > most:
        raise Refused(too_long_key, count=most)
    return value


def clean_name(text: str | None) -> str:
    return required_text(text, MAX_NAME, N_('error.name_required'), NP_('error.name_too_long'))


def clean_organisation(text: str | None) -> str:
    org = clean_text(text)
    if len(org) > MAX_ORGANISATION:
        raise Refused(NP_('error.organisation_too_long'), count=MAX_ORGANISATION)
    return org


def clean_title(text: str | None) -> str:
    return required_text(text, MAX_TITLE, N_('error.title_required'), NP_('error.title_too_long'))


@dataclass(frozen=True, slots=True)
class Person:
    """One participant of a meeting as the live views know them."""

    id: str
    name: str
    organisation: str

    @property
    def with_organisation(self) -> str:
        return with_organisation(self.name, self.organisation)


def with_organisation(name: str, organisation: str) -> str:
    """ "Anna (Woonzorg Brugge)", or only the name."""
    return f'{name} ({organisation})' if organisation else name
