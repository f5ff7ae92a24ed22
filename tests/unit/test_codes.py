from hypothesis import given
from hypothesis import strategies as st

from app.domain.codes import ALPHABET, CODE_LENGTH, is_valid_code, new_join_code, new_key, normalize_code


def test_alphabet_has_no_ambiguous_characters() -> None:
    assert not set('0O1IL') & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_new_code_is_valid_and_avoids_taken() -> None:
    codes = {new_join_code() for _ in range(500)}
    assert all(is_valid_code(code) and len(code) == CODE_LENGTH for code in codes)
    assert len(codes) > 490  # random enough
    taken = frozenset(codes)
    assert new_join_code(taken) not in taken


@given(st.text(alphabet=ALPHABET.lower() + ' -', max_size=12))
def test_normalize_accepts_what_people_type(text: str) -> None:
    code = normalize_code(text)
    assert code == code.upper() and ' ' not in code and '-' not in code


def test_normalize_and_validate() -> None:
    assert normalize_code(' k7m-w3p ') == 'K7MW3P'
    assert is_valid_code('K7MW3P')
    assert not is_valid_code('K7MW3')  # too short
    assert not is_valid_code('K7MW3PP')  # too long
    assert not is_valid_code('K0MW3P')  # zero is not in the alphabet
    assert not is_valid_code('')


def test_keys_are_long_and_unique() -> None:
    keys = {new_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(len(key) >= 32 for key in keys)  # 24 random bytes -> 192 bits
