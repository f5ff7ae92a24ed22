import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import Refused
from app.domain.people import MAX_NAME, clean_name, clean_organisation, clean_text, clean_title


def test_name_is_trimmed_and_collapsed() -> None:
    assert clean_name('  Anna   De  Smet ') == 'Anna De Smet'


@pytest.mark.parametrize('text', ['', '   ', None, '\u200b\n'])
def test_empty_name_is_refused(text: str | None) -> None:
    with pytest.raises(Refused) as error:
        clean_name(text)
    assert error.value.key in {'error.name_required'}


def test_name_of_40_is_fine_41_is_not() -> None:
    assert clean_name('a' * MAX_NAME) == 'a' * MAX_NAME
    with pytest.raises(Refused) as error:
        clean_name('a' * (MAX_NAME + 1))
    assert error.value.key == 'error.name_too_long' and error.value.count == MAX_NAME


def test_markup_is_kept_as_text() -> None:
    assert clean_name('<script>alert(1)</script>') == '<script>alert(1)</script>'


def test_organisation_optional_but_bounded() -> None:
    assert clean_organisation('') == ''
    with pytest.raises(Refused):
        clean_organisation('x' * 200)


def test_title_required() -> None:
    with pytest.raises(Refused):
        clean_title(' ')


@given(st.text())
def test_clean_text_has_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert '\n' not in cleaned and '\x00' not in cleaned
