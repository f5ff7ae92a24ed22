import pytest

from app.domain.encounters import repeated_pairs
from app.domain.plan_csv import read_people, write_plan


def test_read_and_write() -> None:
    people = read_people('\ufeffname,organisation\nAnna,Woonzorg\n\n Bert ,\n"De Smet, Chloé",OCMW\n')
    assert people == [('p1', 'Anna', 'Woonzorg'), ('p2', 'Bert', ''), ('p3', 'De Smet, Chloé', 'OCMW')]
    text = write_plan(people, [[['p1', 'p2'], ['p3']], [['p1', 'p3'], ['p2']]])
    assert text.splitlines() == ['round,group,name,organisation', '1,1,Anna,Woonzorg', '1,1,Bert,',
                                 '1,2,"De Smet, Chloé",OCMW', '2,1,Anna,Woonzorg', '2,1,"De Smet, Chloé",OCMW',
                                 '2,2,Bert,']


def test_organisation_column_is_optional() -> None:
    assert read_people('Name\nAnna\n') == [('p1', 'Anna', '')]


@pytest.mark.parametrize('text', ['', 'naam,organisatie\nAnna,X\n', 'name\n' + 'x' * 41 + '\n'])
def test_bad_files(text: str) -> None:
    with pytest.raises(ValueError):
        read_people(text)


def test_repeated_pairs() -> None:
    assert repeated_pairs([[['a', 'b']], [['b', 'a']], [['a', 'b', 'c']]]) == 2
    assert repeated_pairs([[['a', 'b'], ['c', 'd']], [['a', 'c'], ['b', 'd']]]) == 0
