"""Names that tell people apart: two participants who both join as "Deelnemer A" must not look the same on the
roster, the screen's wall or in pairs, or the facilitator cannot know whom they remove or pair."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.people import Person, with_organisation


@dataclass(frozen=True, slots=True)
class DisplayName:
    """How one participant is shown. ``name`` where their organisation is shown beside it (the roster, a phone's
    partner card), ``short`` where it is not (the screen's wall, pairs and groups on the screen), ``full`` with the
    organisation (pairs and groups on the control view)."""

    name: str
    short: str
    full: str


def _key(text: str) -> str:
    return ' '.join(text.split()).casefold()


def display_names(people: Iterable[Person]) -> dict[str, DisplayName]:
    """For ``people`` in join order, by id. A name that nobody else has stays as it is. Names that clash get the
    organisation where organisations differ ("Anna (Woonzorg)", "Anna (Thuiszorg)") and, where that does not tell
    them apart, a number by join order ("Deelnemer A", "Deelnemer A #2")."""
    people = list(people)
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_name[_key(person.name)].append(person)
    seen: dict[tuple[str, str], int] = defaultdict(int)  # (name, organisation) -> how many so far
    found: dict[str, DisplayName] = {}
    for person in people:
        clash = by_name[_key(person.name)]
        seen[_key(person.name), _key(person.organisation)] += 1
        number = seen[_key(person.name), _key(person.organisation)]
        suffix = f' #{number}' if number > 1 else ''
        organisations = {_key(p.organisation) for p in clash}
        if len(clash) > 1 and len(organisations) > 1 and person.organisation:
            short = with_organisation(person.name, person.organisation) + suffix
        else:
            short = person.name + suffix
        found[person.id] = DisplayName(person.name + suffix, short,
                                       with_organisation(person.name + suffix, person.organisation))
    return _unique(people, found)


def _unique(people: list[Person], found: dict[str, DisplayName]) -> dict[str, DisplayName]:
    """Someone may have typed what another one's label became ("Anna #2" beside two Annas): they get a number too."""
    taken: set[str] = set()
    for person in people:
        shown = found[person.id]
        number = 1
        short, name, full = shown.short, shown.name, shown.full
        while _key(short) in taken:
            number += 1
            short, name = f'{shown.short} #{number}', f'{shown.name} #{number}'
            full = with_organisation(name, person.organisation)
        taken.add(_key(short))
        if number > 1:
            found[person.id] = DisplayName(name, short, full)
    return found
