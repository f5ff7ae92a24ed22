"""Text cleaning by grapheme cluster: emoji sequences stay whole, invisible characters go where they join nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import Refused
from app.domain.people import clean_name, clean_text

ZWJ, ZWNJ, ZWSP = '\u200d', '\u200c', '\u200b'
WOMAN_TECHNOLOGIST = f'👩{ZWJ}💻'
FAMILY = f'👨{ZWJ}👩{ZWJ}👧{ZWJ}👦'
SCOTLAND = '🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F'


@pytest.mark.parametrize('text', [
    f'{WOMAN_TECHNOLOGIST} Sam', f'Sam {FAMILY}', f'{SCOTLAND} Iona', '👍🏽 Jo', '❤️ Lou',  # heart + VS16
    f'\u0645\u06cc{ZWNJ}\u062e\u0648\u0627\u0647\u0645',  # Persian "mikhaham": the non-joiner between two letters
    f'\u0d9a\u0dca{ZWJ}\u0dc2',  # Sinhala conjunct: the joiner after the virama
    'Zoë', '\u0915\u094d\u0937', '🫨 new emoji'])  # Devanagari conjunct; an emoji of Unicode 15
def test_characters_stay_whole(text: str) -> None:
    assert clean_text(text) == text


def test_the_technologist_name_is_stored_whole() -> None:
    assert clean_name(f'  {WOMAN_TECHNOLOGIST}   Sam ') == f'{WOMAN_TECHNOLOGIST} Sam'
    assert ZWJ in clean_name(f'{WOMAN_TECHNOLOGIST} Sam')


@pytest.mark.parametrize(('text', 'cleaned'), [
    (f'Sa{ZWSP}m', 'Sam'),                  # zero-width space: a cluster of its own
    (f'{ZWJ}Sam', 'Sam'),                   # a joiner with nothing before it
    (f'Sam{ZWJ}', 'Sam'),                   # a joiner that joins nothing after it
    (f'Sam{ZWJ} Jo', 'Sam Jo'),
    (f'{ZWJ} Sam', 'Sam'),
    ('A\u202eB', 'AB'),                     # a bidi override
    ('\ufeffAnna\u00ad', 'Anna'),           # BOM, soft hyphen
    ('Sam\U000E0041\U000E0042', 'Sam'),     # tag characters hidden after a letter
    ('a\r\n\tb', 'a b'),
    ('x\x00y\x1b', 'xy'),
])
def test_invisible_characters_that_join_nothing_go(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


@pytest.mark.parametrize('text', [ZWSP, ZWJ, ZWJ * 3, f'{ZWSP}{ZWJ}{ZWNJ}', '\u3164', '\u2800 \u200e', '\u2060\ufeff',
                                  '\U000E0041\U000E0042'])
def test_a_name_of_only_invisible_characters_is_refused(text: str) -> None:
    with pytest.raises(Refused) as error:
        clean_name(text)
    assert error.value.key == 'error.name_required'


@given(st.text())
def test_cleaning_twice_changes_nothing(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert not cleaned.endswith((ZWJ, ZWNJ)) and not cleaned.startswith((ZWJ, ZWNJ, ZWSP))


def test_a_text_past_its_limit_is_refused_never_cut() -> None:
    from app.domain.people import limited_text
    from app.kinds.exchange.rules import ExchangeSettings
    from app.kinds.network_map.rules import NetworkMapSettings

    assert limited_text('  a  b ', 3, 'error.x') == 'a b'
    with pytest.raises(Refused) as refused:
        limited_text('x' * 121, 120, 'error.x')
    assert (refused.value.key, refused.value.count) == ('error.x', 120)
    for settings in (ExchangeSettings(give='x' * 201), ExchangeSettings(need='x' * 201),
                     NetworkMapSettings(reflection='x' * 201)):
        with pytest.raises(Refused) as refused:
            settings.checked(None, False)
        assert refused.value.key == 'error.question_too_long'
    with pytest.raises(Refused) as refused:
        ExchangeSettings(tags='roosters\n' + 'x' * 41).checked(None, False)
    assert refused.value.key == 'error.tag_too_long'
    assert ExchangeSettings(tags='roosters\n' + 'x' * 40).checked(None, False).tag_list == ('roosters', 'x' * 40)
    themes = [f'thema {n}' for n in range(13)]
    with pytest.raises(Refused) as refused:  # one too many: refused, not the last one dropped
        ExchangeSettings(tags='\n'.join(themes)).checked(None, False)
    assert (refused.value.key, refused.value.count) == ('error.too_many_tags', 12)
    assert len(ExchangeSettings(tags='\n'.join([*themes[:12], 'THEMA 1'])).checked(None, False).tag_list) == 12
