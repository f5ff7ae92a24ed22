"""Rules for what people type about themselves."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from app.domain.errors import Refused
from app.i18n import N_, NP_

MAX_NAME = 40
MAX_ORGANISATION = 60
MAX_TITLE = 120

# Grapheme clusters (Unicode's "user-perceived characters"): "👩‍💻" is one, made of 👩, a zero-width joiner and 💻.
_CLUSTER = regex.compile(r'\X')
# nothing to see: controls, format characters (zero-width space, bidi overrides, soft hyphen, BOM), unassigned,
# private use, and what fonts draw as nothing (Hangul fillers, Braille blank)
_INVISIBLE = regex.compile(r'[\p{C}\p{Default_Ignorable_Code_Point}\u2800]+')
_SPACE = regex.compile(r'\s+')
_JOINERS = '\u200c\u200d'
_TAGS = regex.compile(r'[\U000E0000-\U000E007F]+')  # only a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Scotland) is spelled with them
_BLACK_FLAG = '\U0001F3F4'


def clean_text(text: str | None) -> str:
    """NFC, trimmed, whitespace collapsed to one space; invisible characters dropped unless they are part of a
    character. Per grapheme cluster (``\\X``): one that is only invisible (a zero-width space, a lone joiner, a
    bidi override) goes; in the others a joiner stays where it joins something (inside an emoji sequence such as
    "👩‍💻", or between two letters as Persian and Sinhala write), never dangling at the end of a word; emoji tag
    characters stay only in a flag."""
    clusters = []
    for cluster in _CLUSTER.findall(unicodedata.normalize('NFC', text or '')):
        if not cluster.startswith(_BLACK_FLAG):
            cluster = _TAGS.sub('', cluster)
        if _SPACE.fullmatch(cluster.rstrip(_JOINERS)):
            clusters.append(' ')
        elif cluster and not _INVISIBLE.fullmatch(cluster):
            clusters.append(cluster)
    for i, cluster in enumerate(clusters):  # a joiner at the end of a cluster joins it to the next, if visible
        if cluster.endswith(tuple(_JOINERS)) and (i + 1 == len(clusters) or clusters[i + 1] == ' '):
            clusters[i] = cluster.rstrip(_JOINERS)
    return _SPACE.sub(' ', ''.join(clusters)).strip()


def clean_lines(text: str | None) -> str:
    """Each line cleaned, the line breaks kept (a reason, a goal)."""
    return '\n'.join(clean_text(line) for line in (text or '').splitlines()).strip()


def text_length(text: str | None) -> int:
    """The length a limit counts: that of the cleaned text."""
    return len(clean_text(text))


def lines_length(text: str | None) -> int:
    return len(clean_lines(text))


def limited_text(text: str | None, most: int, too_long_key: str) -> str:
    """Cleaned text, refused (never cut) when longer than ``most``; the key names the message."""
    value = clean_text(text)
    if len(value) > most:
        raise Refused(too_long_key, count=most)
    return value


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
