"""Give and need (pure): cleaning an answer, matching needs to offers with an explanation, the planted test set,
mutual matches feeding the speed-dating engine."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import Refused
from app.domain.exchange import (
    MAX_ITEM,
    GiveNeed,
    Item,
    clean,
    dump,
    helped_by,
    helpers_of,
    matches,
    pair_strengths,
    parse,
    themes,
    unmet,
)
from app.domain.pairing import pair_preferring
from bench.exchange_cases import HARD, PEOPLE, PLANTED


def answer(gives: list[str], needs: list[str]) -> GiveNeed:
    return GiveNeed(tuple(Item(g) for g in gives), tuple(Item(n) for n in needs))


def test_clean_keeps_what_counts_and_refuses_clearly() -> None:
    cleaned = clean(GiveNeed((Item('  Werving   van vrijwilligers '), Item('')),
                             (Item('Roosters', ('roosters',)),)), ('Roosters', 'Vrijwilligers'))
    assert cleaned == GiveNeed((Item('Werving van vrijwilligers'),), (Item('Roosters', ('Roosters',)),))
    assert parse(dump(cleaned)) == cleaned
    with pytest.raises(Refused) as refused:
        clean(answer(['x' * (MAX_ITEM + 1)], []), ())
    assert refused.value.key == 'error.exchange_too_long' and refused.value.count == MAX_ITEM
    with pytest.raises(Refused) as refused:
        clean(answer([], ['Subsidies', 'subsidies ', 'Subsidies']), ())
    assert refused.value.key == 'error.exchange_double'
    with pytest.raises(Refused) as refused:
        clean(answer(['a', 'b', 'c', 'd'], []), ())
    assert refused.value.key == 'error.exchange_too_many'
    with pytest.raises(Refused) as refused:
        clean(GiveNeed((Item('x', ('verzonnen',)),)), ('Roosters',))
    assert refused.value.key == 'error.exchange_tag'
    with pytest.raises(Refused) as refused:
        clean(answer(['', '  '], ['']), ())
    assert refused.value.key == 'error.exchange_empty'


def test_a_stored_answer_that_cannot_be_read_is_empty() -> None:
    assert parse('') == parse('not json') == parse('[1, 2]') == GiveNeed()
    assert parse('{"give": ["Roosters", {"text": 3}], "need": [{"text": "x", "tags": ["a", 1]}]}') == \
        GiveNeed((Item('Roosters'),), (Item('x', ('a',)),))


def test_a_match_explains_itself() -> None:
    answers = {'anna': answer(['Werving van vrijwilligers'], []),
               'bram': answer([], ['Hulp bij vrijwilligers werven'])}
    found = matches(answers)
    assert len(found) == 1
    m = found[0]
    assert (m.need_of, m.offer_of, m.need.text, m.offer.text) == \
        ('bram', 'anna', 'Hulp bij vrijwilligers werven', 'Werving van vrijwilligers')
    assert set(m.shared) == {'vrijwilligers', 'werven'}  # the words that made it: "werven" and "werving" meet
    assert helpers_of(found, 'bram') == [m] and helped_by(found, 'anna') == [m] and helpers_of(found, 'anna') == []


def test_tags_match_without_words_and_text_ignores_case_and_accents() -> None:
    answers = {'a': GiveNeed((Item('Onze aanpak', ('Roosters',)),)),
               'b': GiveNeed(needs=(Item('Hoe pakken jullie het aan?', ('Roosters',)),)),
               'c': answer(['CLIËNTTEVREDENHEID meten'], []),
               'd': answer([], ['cliënttevredenheid'])}
    pairs = {(m.need_of, m.offer_of) for m in matches(answers)}
    assert pairs == {('b', 'a'), ('d', 'c')}


def test_not_yourself_not_your_own_organisation() -> None:
    answers = {'a': answer(['Roosters'], ['Roosters']), 'b': answer(['Roosters'], []), 'c': answer(['Roosters'], [])}
    found = matches(answers, {'a': 'OCMW Gent', 'b': ' ocmw   gent', 'c': 'Thuiszorg'})
    assert {(m.need_of, m.offer_of) for m in found} == {('a', 'c')}


def test_the_planted_test_set() -> None:
    """30 offers and needs of 15 people: every planted match found, no match a person would not make. The two
    that take a translation ("volunteer recruitment" for "vrijwilligers werven", ``HARD``) are right too: a
    matcher that finds them is better, not broken, so they may be found or not."""
    answers = {pid: answer([offer], [need]) for pid, (_, offer, need) in PEOPLE.items()}
    found = {(m.need_of, m.offer_of) for m in matches(answers, {pid: org for pid, (org, _, _) in PEOPLE.items()})}
    assert found >= PLANTED, f'missed: {sorted(PLANTED - found)}'
    assert found <= PLANTED | HARD, f'false matches: {sorted(found - PLANTED - HARD)}'


def test_distractors_do_not_match() -> None:
    """Texts that share only small words ("voor de"), a short stem inside a compound ("nieuw" in "nieuwsbrief",
    "ouder" in "ouderraad") or a colleague's offer stay apart; the one planted pair among them is found."""
    answers = {'a': answer(['Een nieuwsbrief voor de buurt'], ['Vrijwilligers voor het weekend']),
               'b': answer(['Nieuwe ideeën voor de ouderraad'], ['Nieuwe collega’s inwerken']),
               'c': answer(['Roosters voor de zomer'], ['Het weekend voor de ouders plannen']),
               'd': answer(['Een inwerkmap voor nieuwe collega’s'], ['Roosters maken']),
               'e': answer(['Roosterplanning met een app'], ['Een bericht in de krant'])}
    found = {(m.need_of, m.offer_of) for m in matches(answers, {'a': 'A', 'b': 'B', 'c': 'C', 'd': 'D', 'e': 'D'})}
    assert found == {('b', 'd'), ('d', 'c')}  # inwerken <- inwerkmap, roosters <- roosters; never d <- e (colleagues)


def test_unmet_and_themes() -> None:
    answers = {'a': answer(['Werving van vrijwilligers'], ['Een nieuwsbrief maken']),
               'b': answer(['Roosters'], ['Vrijwilligers werven'])}
    found = matches(answers)
    assert unmet(answers, found) == [('a', Item('Een nieuwsbrief maken'))]
    market = themes(answers, found, 'Overige')
    assert market[0].matches == tuple(found) and market[-1].name == 'Overige'
    assert {item.text for _, item in market[-1].needs + market[-1].gives} == {'Een nieuwsbrief maken', 'Roosters'}
    assert themes({}, [], 'Overige') == []


def test_mutual_matches_go_first() -> None:
    answers = {'a': answer(['Roosters'], ['Subsidies']), 'b': answer(['Subsidies'], ['Roosters']),
               'c': answer([], ['Roosters'])}
    strengths = pair_strengths(matches(answers))
    assert strengths[frozenset('ab')] > strengths[frozenset('ac')]  # a and b can help each other


def test_pairing_takes_the_planted_mutual_match_and_fills_the_rest() -> None:
    people = [(f'p{i}', f'org{i}') for i in range(7)]
    preferred = {frozenset(('p0', 'p5')): 11.0, frozenset(('p0', 'p3')): 0.5, frozenset(('p2', 'p4')): 0.6}
    pairing, chosen = pair_preferring(people, preferred)
    assert chosen == {frozenset(('p0', 'p5')), frozenset(('p2', 'p4'))}
    assert ('p0', 'p5') in pairing.groups and ('p2', 'p4') in pairing.groups
    placed = [pid for group in pairing.groups for pid in group]
    assert sorted(placed) == sorted(pid for pid, _ in people)  # the engine made a trio of the other three


def test_pairs_that_met_are_not_preferred_again() -> None:
    people = [('a', ''), ('b', ''), ('c', ''), ('d', '')]
    pairing, chosen = pair_preferring(people, {frozenset('ab'): 11.0}, {frozenset('ab'): 1})
    assert not chosen and ('a', 'b') not in pairing.groups


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 16), st.data())
def test_every_pair_is_explained_or_made_by_the_engine_without_repeats(n: int, data: st.DataObject) -> None:
    ids = [f'p{i:02}' for i in range(n)]
    people = [(pid, f'org{i % 4}') for i, pid in enumerate(ids)]
    possible = [frozenset(pair) for pair in combinations(ids, 2)]
    preferred = {pair: data.draw(st.floats(0.3, 12)) for pair in data.draw(st.lists(st.sampled_from(possible),
                                                                                    max_size=12, unique=True))}
    met: Counter[frozenset[str]] = Counter()
    for _ in range(2):
        pairing, chosen = pair_preferring(people, preferred, met, odd='trio')
        placed = [pid for group in pairing.groups for pid in group]
        assert sorted(placed) == ids  # everyone placed once
        for pair in chosen:
            assert tuple(sorted(pair)) in pairing.groups and pair in preferred and not met[pair]
        met.update(frozenset(p) for group in pairing.groups for p in combinations(group, 2))
    if n % 2 == 0 and n >= 4:  # two rounds of pairs never need a repeat (with a trio the engine's own limits hold)
        assert max(met.values()) <= 1
