"""Display names that tell two people with the same name apart."""

from __future__ import annotations

from app.domain.names import DisplayName, display_names
from app.domain.people import Person


def names(*people: tuple[str, str]) -> list[DisplayName]:
    found = display_names(Person(f'p{i}', name, org) for i, (name, org) in enumerate(people))
    return [found[f'p{i}'] for i in range(len(people))]


def test_a_name_nobody_else_has_stays_as_it_is() -> None:
    assert names(('Anna', 'Woonzorg'), ('Bram', '')) == [
        DisplayName('Anna', 'Anna', 'Anna (Woonzorg)'), DisplayName('Bram', 'Bram', 'Bram')]


def test_the_same_name_in_different_organisations_gets_the_organisation() -> None:
    first, second = names(('Anna', 'Woonzorg'), ('Anna', 'Thuiszorg'))
    assert (first.short, second.short) == ('Anna (Woonzorg)', 'Anna (Thuiszorg)')
    assert (first.name, second.name) == ('Anna', 'Anna')  # the roster shows the organisation beside it
    assert (first.full, second.full) == ('Anna (Woonzorg)', 'Anna (Thuiszorg)')


def test_the_same_name_and_organisation_gets_a_number_by_join_order() -> None:
    shown = names(('Deelnemer A', ''), ('Deelnemer A', ''), ('deelnemer a', ''))  # case does not tell apart
    assert [n.short for n in shown] == ['Deelnemer A', 'Deelnemer A #2', 'deelnemer a #3']
    same_org = names(('Anna', 'Woonzorg'), ('Anna', 'Woonzorg'))
    assert [n.short for n in same_org] == ['Anna', 'Anna #2']
    assert [n.full for n in same_org] == ['Anna (Woonzorg)', 'Anna #2 (Woonzorg)']


def test_organisation_and_number_together() -> None:
    shown = names(('Anna', 'Woonzorg'), ('Anna', 'Woonzorg'), ('Anna', 'Thuiszorg'), ('Anna', ''))
    assert [n.short for n in shown] == ['Anna (Woonzorg)', 'Anna (Woonzorg) #2', 'Anna (Thuiszorg)', 'Anna']
    assert len({n.full for n in shown}) == 4


def test_a_typed_name_that_looks_like_a_label_is_still_told_apart() -> None:
    shown = names(('Anna', ''), ('Anna #2', ''), ('Anna', ''))
    assert len({n.short.casefold() for n in shown}) == 3
    assert shown[0].short == 'Anna' and shown[1].short == 'Anna #2'


def test_every_label_is_unique_in_a_crowd_of_namesakes() -> None:
    crowd = [('Deelnemer', org) for org in ('', 'A', 'A', 'B', '', 'b')] * 3
    shown = names(*crowd)
    for form in ('short', 'full'):
        labels = [getattr(n, form).casefold() for n in shown]
        assert len(set(labels)) == len(labels), form
