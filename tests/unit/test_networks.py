"""Learning networks, the pure rules: fields, pasted member lists, member matching, host rota, dots, ranking,
and who met whom over a series of meetings (also as the pairing engine sees it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.activities import MAX_TEXT
from app.domain.errors import Refused
from app.domain.networks import (
    DOTS,
    MAX_DOTS,
    MAX_MEMBERS,
    MAX_NETWORK_NAME,
    MAX_PLANNED,
    Attendance,
    MemberRef,
    check_dot,
    clean_email,
    clean_member,
    clean_network,
    member_encounters,
    member_key,
    member_match,
    member_suggestions,
    merged_history,
    next_host,
    parse_member_list,
    ranking,
)
from app.domain.pairing import pair_round
from app.domain.templates import LAST, TRANSLATED_SETTINGS, TemplatePart, as_items, assemble
from app.i18n import LANGUAGES, translator
from app.kinds.registry import default_registry


def refused(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as error:
        call(*args, **kwargs)
    return error.value


# the network's fields

def test_clean_network_keeps_good_input() -> None:
    fields = clean_network('  Lerend   netwerk  zorg ', 'Samen leren\n\n  over  dementie  ', 4, date(2026, 1, 1),
                           date(2026, 12, 31), ' Brugge ', 5)
    assert fields.name == 'Lerend netwerk zorg'
    assert fields.goal == 'Samen leren\n\nover dementie'  # lines stay, spaces inside a line collapse
    assert (fields.planned_meetings, fields.starts_on, fields.ends_on) == (4, date(2026, 1, 1), date(2026, 12, 31))
    assert (fields.place, fields.dots) == ('Brugge', 5)
    assert clean_network('X').dots == DOTS
    assert clean_network('X', starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 3)).ends_on == date(2026, 3, 3)


@pytest.mark.parametrize('name', ['', '   ', None, '\t\n'])
def test_a_network_needs_a_name(name: str | None) -> None:
    assert refused(clean_network, name).key == 'error.network_name_required'


def test_network_name_too_long() -> None:
    assert clean_network('x' * MAX_NETWORK_NAME).name == 'x' * MAX_NETWORK_NAME
    error = refused(clean_network, 'x' * (MAX_NETWORK_NAME + 1))
    assert error.key == 'error.network_name_too_long' and error.count == MAX_NETWORK_NAME


def test_network_ends_before_it_starts() -> None:
    assert refused(clean_network, 'X', starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1)).key == \
        'error.network_ends_before_start'
    assert clean_network('X', ends_on=date(2020, 1, 1)).ends_on == date(2020, 1, 1)  # no start: nothing to compare


@pytest.mark.parametrize('planned', [0, -1, MAX_PLANNED + 1, None])
def test_planned_meetings_out_of_range(planned: int | None) -> None:
    error = refused(clean_network, 'X', planned=planned)
    assert error.key == 'error.planned_meetings' and error.count == MAX_PLANNED


@pytest.mark.parametrize('planned', [1, MAX_PLANNED])
def test_planned_meetings_at_the_limits(planned: int) -> None:
    assert clean_network('X', planned=planned).planned_meetings == planned


@pytest.mark.parametrize('dots', [0, MAX_DOTS + 1])
def test_dots_out_of_range(dots: int) -> None:
    assert refused(clean_network, 'X', dots=dots).key == 'error.dots'


def test_goal_and_place_too_long() -> None:
    assert refused(clean_network, 'X', goal='x' * 2001).key == 'error.goal_too_long'
    assert refused(clean_network, 'X', place='x' * 201).key == 'error.place_too_long'


# e-mail and members

@pytest.mark.parametrize('text', ['anna@vzw.be', ' anna.peeters+netwerk@de-link.org ', 'a@b.co'])
def test_clean_email_accepts_addresses(text: str) -> None:
    assert clean_email(text) == text.strip()


@pytest.mark.parametrize('text', ['anna', 'anna@', '@vzw.be', 'anna@vzw', 'anna@vzw.b', 'an na@vzw.be',
                                  'anna@@vzw.be', 'anna@vzw.be,bert@vzw.be', '<anna@vzw.be>', 'anna@vzw.be.'])
def test_clean_email_refuses_what_is_no_address(text: str) -> None:
    error = refused(clean_email, text)
    assert error.key == 'error.email' and error.params['email'] == text.strip()


def test_clean_email_empty_is_fine_and_long_is_not() -> None:
    assert clean_email('') == clean_email(None) == clean_email('   ') == ''
    assert refused(clean_email, 'a' * 200 + '@vzw.be').key == 'error.email'


def test_clean_member() -> None:
    member = clean_member('  Anna  Peeters ', ' vzw De Link ', 'coördinator', 'anna@delink.be')
    assert (member.name, member.organisation, member.role, member.email) == \
        ('Anna Peeters', 'vzw De Link', 'coördinator', 'anna@delink.be')
    assert member.key == member_key('anna peeters', 'VZW DE LINK')
    assert refused(clean_member, '').key == 'error.name_required'
    assert refused(clean_member, 'Anna', role='x' * 81).key == 'error.role_too_long'


def test_member_key_ignores_case_accents_and_spaces() -> None:
    key = member_key('Anna Peeters', 'vzw De Link')
    assert key == 'anna peeters|vzw de link'
    assert member_key('  ANNA   péeters ', 'VZW  de  lînk') == key
    assert member_key('Anna\tPeeters', 'vzw De Link\n') == key
    assert member_key('Anna Peeters', '') != key
    assert member_key('Anna', 'Peeters vzw De Link') != key  # the separator keeps name and organisation apart
    assert member_key('Zoë', '') == member_key('Zoe', '') == member_key('ZOË', '')


# a pasted member list

def test_parse_member_list_separators_and_header() -> None:
    pasted = parse_member_list('Naam,Organisatie,Rol,E-mail\n'
                               'Anna Peeters,vzw De Link,coördinator,anna@delink.be\n'
                               'Bert Claes\tOCMW Gent\tmaatschappelijk werker\n'
                               'Chloé Martens;Woonzorg Brugge\n'
                               'Dirk\n')
    assert [(m.name, m.organisation, m.role, m.email) for m in pasted.members] == [
        ('Anna Peeters', 'vzw De Link', 'coördinator', 'anna@delink.be'),
        ('Bert Claes', 'OCMW Gent', 'maatschappelijk werker', ''),
        ('Chloé Martens', 'Woonzorg Brugge', '', ''),
        ('Dirk', '', '', ''),
    ]
    assert pasted.doubles == () and pasted.problems == ()


@pytest.mark.parametrize('header', ['name;organisation', 'NAAM\tORGANISATIE', 'naam'])
def test_parse_member_list_header_variants(header: str) -> None:
    pasted = parse_member_list(f'{header}\nAnna,X')
    assert [m.name for m in pasted.members] == ['Anna']


def test_a_name_line_later_is_no_header() -> None:
    assert [m.name for m in parse_member_list('Anna,X\nNaam,Y').members] == ['Anna', 'Naam']


def test_parse_member_list_header_after_a_blank_line() -> None:
    assert [m.name for m in parse_member_list('\nnaam,organisatie\nAnna,X').members] == ['Anna']


def test_parse_member_list_doubles_problems_and_line_numbers() -> None:
    text = ('Anna Peeters,vzw De Link\n'          # 1
            '\n'                                   # 2: blank, skipped silently
            'anna  PEETERS,VZW de Línk\n'          # 3: the same member again
            ',Zonder naam\n'                       # 4: no name
            'Carl,X,,niet-een-adres\n'             # 5: bad e-mail
            'Dirk,Y\n'                             # 6: already in the network
            'Els,Z,,els@z.be,een,cel,te,veel\n'    # 7: extra cells left out
            + 'F' * 41 + ',Q\n')                   # 8: name too long
    pasted = parse_member_list(text, existing_keys=[member_key('dirk', 'y')])
    assert [(m.name, m.email) for m in pasted.members] == [('Anna Peeters', ''), ('Els', 'els@z.be')]
    assert pasted.doubles == (3, 6)
    assert [(p.number, p.member, p.problem.key) for p in pasted.problems] == [
        (4, None, 'error.name_required'), (5, None, 'error.email'), (8, None, 'error.name_too_long')]


def test_parse_member_list_empty_and_too_many() -> None:
    assert parse_member_list('') == parse_member_list(None) == parse_member_list('\n \n')
    assert parse_member_list('').members == ()
    many = '\n'.join(f'Lid {i},Org' for i in range(MAX_MEMBERS))
    assert len(parse_member_list(many).members) == MAX_MEMBERS
    assert refused(parse_member_list, many + '\nNog een,Org').key == 'error.too_many_members'
    # doubles do not count towards the maximum
    assert len(parse_member_list(many + '\nlid 0,org').members) == MAX_MEMBERS


# which member a participant is

ANNA = MemberRef(1, 'Anna Peeters', 'vzw De Link')
ANNA_2 = MemberRef(2, 'Anna Peeters', 'OCMW Gent')
BERT = MemberRef(3, 'Bert Claes', 'vzw De Link')
CHLOE = MemberRef(4, 'Chloé Martens', '')
DIRK = MemberRef(5, 'Dirk Peeters', 'Woonzorg Brugge')
MEMBERS = [ANNA, ANNA_2, BERT, CHLOE, DIRK]


def test_member_match_same_name_and_organisation() -> None:
    assert member_match('anna  peeters', 'VZW de link', MEMBERS) == ANNA
    assert member_match('Anna Peeters', 'ocmw gent', MEMBERS) == ANNA_2
    assert member_match('chloe martens', '', MEMBERS) == CHLOE
    assert member_match('Bert Claes', 'OCMW Gent', MEMBERS) is None  # another organisation: not surely Bert
    assert member_match('Eva', '', MEMBERS) is None
    assert member_match('Anna Peeters', 'vzw De Link', []) is None


def test_member_match_by_name_only_when_unique() -> None:
    assert member_match('bert claes', '', MEMBERS) == BERT
    assert member_match('Chloé Martens', 'Woonzorg Brugge', MEMBERS) is None  # gave an organisation the member lacks
    assert member_match('Anna Peeters', '', MEMBERS) is None  # two Annas: ask, do not guess
    assert member_match('Anna Peeters', '', [ANNA]) == ANNA


def test_member_suggestions_best_first() -> None:
    assert member_suggestions('Anna Peeters', 'OCMW Gent', MEMBERS) == [ANNA_2, ANNA, DIRK]
    assert member_suggestions('Anna Peeters', 'OCMW Gent', MEMBERS, most=2) == [ANNA_2, ANNA]
    # a shared word ("peeters"), then the same organisation only
    assert member_suggestions('Jan Peeters', 'vzw de link', MEMBERS) == [ANNA, ANNA_2, DIRK]
    assert member_suggestions('Jan Peeters', 'vzw de link', MEMBERS, most=5) == [ANNA, ANNA_2, DIRK, BERT]
    assert member_suggestions('Zoë', 'vzw De Link', MEMBERS) == [ANNA, BERT]  # same organisation, by name
    assert member_suggestions('Zoë', '', MEMBERS) == []
    assert member_suggestions('Zoë', 'Elders', MEMBERS) == []
    assert member_suggestions('chloe', '', MEMBERS) == [CHLOE]  # a word in common, accents aside
    assert member_suggestions('Chlo', '', MEMBERS) == []  # a part of a word is no word in common
    assert member_suggestions('Chloe', '', [*MEMBERS, MemberRef(9, 'Chloe', 'X')])[0].id == 9


# whose turn it is to host

def test_next_host_rota() -> None:
    orgs = ['vzw De Link', 'OCMW Gent', 'Woonzorg Brugge']
    assert next_host(orgs, []) == 'vzw De Link'  # nobody hosted yet: the first listed
    assert next_host(orgs, ['vzw De Link']) == 'OCMW Gent'
    assert next_host(orgs, ['OCMW Gent']) == 'vzw De Link'
    assert next_host(orgs, ['vzw De Link', 'OCMW Gent']) == 'Woonzorg Brugge'
    # everyone hosted once: the one whose turn is longest ago
    assert next_host(orgs, ['Woonzorg Brugge', 'vzw De Link', 'OCMW Gent']) == 'Woonzorg Brugge'
    assert next_host(orgs, ['OCMW Gent', 'Woonzorg Brugge', 'vzw De Link']) == 'OCMW Gent'
    # least hosted beats longest ago
    assert next_host(orgs, ['OCMW Gent', 'vzw De Link', 'Woonzorg Brugge', 'OCMW Gent', 'vzw De Link']) == \
        'Woonzorg Brugge'


def test_next_host_ignores_case_spacing_outsiders_and_doubles() -> None:
    orgs = ['vzw De Link', 'OCMW Gent', 'vzw De Link', '  ', '']
    assert next_host(orgs, ['VZW DE  LINK']) == 'OCMW Gent'
    assert next_host(orgs, ['ocmw gent', 'vzw de link']) == 'OCMW Gent'  # Gent's turn is longest ago
    assert next_host(orgs, ['Stadhuis', 'Stadhuis', '']) == 'vzw De Link'  # a host outside the network
    assert next_host(['', ' '], ['x']) is None
    assert next_host([], []) is None


# dots and ranking

def test_check_dot() -> None:
    check_dot(0, 3)
    check_dot(2, 3)
    error = refused(check_dot, 3, 3)
    assert error.key == 'error.no_dots_left' and error.count == 3
    assert refused(check_dot, 5, 3).key == 'error.no_dots_left'
    assert refused(check_dot, 0, 0).key == 'error.no_dots_left'


def test_ranking() -> None:
    topics = {10: 'Dementie', 11: 'Burn-out', 12: 'Vrijwilligers', 13: 'Armoede'}
    votes = [(11, 1), (11, 2), (12, 1), (12, 1), (12, 3), (13, 2), (99, 1)]  # 99: not an open topic
    board = ranking(topics, votes, member_id=1)
    assert [(s.id, s.dots, s.mine) for s in board] == [(12, 3, 2), (11, 2, 1), (13, 1, 0), (10, 0, 0)]
    assert board[0].text == 'Vrijwilligers'
    assert [s.mine for s in ranking(topics, votes)] == [0, 0, 0, 0]  # nobody asked
    # ties: proposed first, or in the given order
    assert [s.id for s in ranking({5: 'a', 3: 'b', 4: 'c'}, [])] == [3, 4, 5]
    assert [s.id for s in ranking({5: 'a', 3: 'b', 4: 'c'}, [], order={5: 0, 3: 2, 4: 1})] == [5, 4, 3]
    assert ranking({}, [(1, 1)]) == []


# the built-in agendas

@pytest.mark.parametrize('lang', LANGUAGES)
def test_built_in_templates_are_translated_and_fit(lang: str) -> None:
    t = translator(lang)
    kinds = default_registry()
    built_in = kinds.templates()
    assert [tp.key for tp in built_in] == ['start', 'deepening', 'closing']
    for template in built_in:
        assert t(template.name) != template.name, template.name
        for item in template.items:
            text = t(item.text)
            assert text != item.text and 0 < len(text) <= MAX_TEXT, item.text
            for name in TRANSLATED_SETTINGS:
                if name in item.settings:
                    lines = t(item.settings[name]).splitlines()
                    assert len(lines) >= 2 and all(line.strip() for line in lines), item.settings[name]
    assert kinds.template('start') == built_in[0] and kinds.template('nope') is None
    assert all(item.kind in kinds for template in built_in for item in template.items)


def test_built_in_templates_come_from_the_kinds_in_place_order_with_their_roles() -> None:
    start, deepening, closing = default_registry().templates()
    assert [(i.kind, i.text, i.role) for i in start.items] == [
        ('open', 'template.start.expectations', 'expectations'), ('speed_date', 'template.start.speed_date', ''),
        ('open', 'template.start.learning_goal', ''), ('score', 'template.start.confidence', ''),
        ('evaluation', 'evaluation.question', '')]
    assert [i.kind for i in deepening.items] == ['open', 'open', 'statement', 'breakout', 'open', 'evaluation']
    assert [(i.text, i.role) for i in closing.items if i.role] == [('template.closing.looking_back', 'achieved')]
    assert start.items[1].settings == {'minutes': 4, 'round_questions': 'template.start.speed_date_questions'}


def test_assemble_orders_by_place_then_as_given_and_skips_unknown_templates() -> None:
    parts = [('b', TemplatePart('start', LAST, 'last')), ('a', TemplatePart('start', 1, 'one')),
             ('c', TemplatePart('start', 1, 'one again')), ('d', TemplatePart('nowhere', 0, 'lost')),
             ('e', TemplatePart('closing', 0, 'first', {'x': 1}, 'achieved'))]
    start, deepening, closing = assemble(parts)
    assert [i.text for i in start.items] == ['one', 'one again', 'last'] and deepening.items == ()
    first = closing.items[0]
    assert (first.kind, first.settings, first.role) == ('e', {'x': 1}, 'achieved')


def test_as_items_copies_the_settings() -> None:
    settings = {'minutes': 3}
    items = as_items([('speed_date', 'Leer elkaar kennen', settings)])
    assert items == [{'kind': 'speed_date', 'text': 'Leer elkaar kennen', 'settings': {'minutes': 3}}]
    items[0]['settings']['minutes'] = 9
    assert settings == {'minutes': 3}


# who met whom over the series

def test_member_encounters() -> None:
    member_of = {'p1': 1, 'p2': 2, 'p3': 3, 'q1': 1, 'q3': 3}
    groups = [['p1', 'p2'], ['p3', 'guest'], ['q1', 'q3', 'p2'], ['p1', 'q1']]  # p1 and q1: member 1 twice
    assert member_encounters(groups, member_of) == Counter({
        frozenset((1, 2)): 2, frozenset((1, 3)): 1, frozenset((2, 3)): 1})
    assert member_encounters([['guest', 'other']], member_of) == Counter()
    assert member_encounters([], member_of) == Counter()


def test_merged_history() -> None:
    own = {frozenset(('a', 'b')): 1, frozenset(('a', 'c')): 0}
    earlier = Counter({frozenset((1, 2)): 2, frozenset((1, 3)): 1, frozenset((3, 4)): 1, frozenset((5,)): 1})
    member_of = {'a': 1, 'b': 2, 'c': 3, 'g': 7}  # member 4 is not here; g is a member who met nobody
    merged = merged_history(own, earlier, member_of)
    assert merged == Counter({frozenset(('a', 'b')): 3, frozenset(('a', 'c')): 1})
    assert merged_history({}, {}, member_of) == Counter()
    assert merged_history(own, earlier, {}) == Counter({frozenset(('a', 'b')): 1})  # guests only: own pairs


def test_merged_history_member_on_two_devices() -> None:
    earlier = Counter({frozenset((1, 2)): 1})
    merged = merged_history({}, earlier, {'a': 1, 'a2': 1, 'b': 2})
    assert merged == Counter({frozenset(('a', 'b')): 1, frozenset(('a2', 'b')): 1})


def test_attendance() -> None:
    attendance = Attendance((ANNA, BERT), (100, 101, 102), frozenset({(1, 100), (1, 102), (3, 101)}))
    assert attendance.came(1, 100) and not attendance.came(1, 101)
    assert (attendance.count(1), attendance.count(3), attendance.count(4)) == (2, 1, 0)


# the pairing engine over a series: no pair of an earlier meeting again while that can be avoided

def repeat_free_round_exists(ids: Sequence[str], met: Counter[frozenset[str]]) -> bool:
    """Pairs only (an even count, or anyone may sit out): is there a round without an earlier pair?"""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((a, b) for a, b in combinations(ids, 2) if not met[frozenset((a, b))])
    if len(ids) % 2:
        graph.add_edges_from(('', pid) for pid in ids)  # the first round of a meeting: nobody paused yet
    return 2 * len(nx.max_weight_matching(graph, maxcardinality=True)) == len(graph)


@st.composite
def series(draw: st.DrawFn) -> tuple[list[str], list[list[int]], list[int], list[list[int]]]:
    n = draw(st.integers(4, 12))
    orgs = [draw(st.sampled_from(['A', 'B', 'C', ''])) for _ in range(n)]
    meetings = draw(st.integers(2, 3))
    present = [sorted(draw(st.sets(st.integers(0, n - 1), min_size=2, max_size=n))) for _ in range(meetings)]
    rounds = [draw(st.integers(1, 3)) for _ in range(meetings)]
    # participant ids are random per meeting: their order is not the members' order
    ranks = [draw(st.permutations(range(n))) for _ in range(meetings)]
    return orgs, present, rounds, ranks


@settings(max_examples=40, deadline=None)
@given(plan=series(), seed=st.integers(0, 1000))
def test_a_later_meeting_pairs_members_who_did_not_meet_yet(plan, seed: int) -> None:
    orgs, present, rounds, ranks = plan
    groups_so_far: list[list[str]] = []          # every group of the earlier meetings, as participant ids
    member_of_so_far: dict[str, int] = {}        # participant id (any earlier meeting) -> member
    met_members: set[frozenset[int]] = set()     # the same, counted here without the functions under test
    for meeting, (members, count, rank) in enumerate(zip(present, rounds, ranks, strict=True)):
        member_of = {f'{rank[m]:02d}-{meeting}': m for m in members}
        people = [(pid, orgs[m]) for pid, m in member_of.items()]
        earlier = member_encounters(groups_so_far, member_of_so_far)
        earlier_pairs = Counter(frozenset(pair) for pair in combinations(member_of, 2)
                                if frozenset(member_of[p] for p in pair) in met_members)
        own: Counter[frozenset[str]] = Counter()
        paused: list[str] = []
        for round_no in range(count):
            met = merged_history(own, earlier, member_of)
            pairing = pair_round(people, met, odd='pause', paused_before=paused, seed=seed, round_no=round_no)
            pairs = {frozenset(pair) for group in pairing.groups for pair in combinations(group, 2)}
            assert sorted([p for g in pairing.groups for p in g] + [pairing.paused] * bool(pairing.paused)) == \
                sorted(member_of)
            if round_no == 0 and meeting > 0 and repeat_free_round_exists(list(member_of), earlier_pairs):
                repeated = {tuple(sorted(member_of[p] for p in pair)) for pair in pairs if earlier_pairs[pair]}
                assert not repeated, f'members {repeated} met in an earlier meeting already'
            own.update(pairs)
            paused += [pairing.paused] if pairing.paused else []
            groups_so_far.extend(list(group) for group in pairing.groups)
            met_members.update(frozenset(member_of[p] for p in pair) for pair in pairs)
        member_of_so_far.update(member_of)


def test_two_meetings_of_four_members_never_repeat_a_pair() -> None:
    """Four members, three meetings of one round each: every meeting pairs everyone with someone new."""
    orgs = ['A', 'A', 'B', 'B']
    groups: list[list[str]] = []
    member_of_all: dict[str, int] = {}
    seen: set[frozenset[int]] = set()
    for meeting in range(3):
        member_of = {f'x{meeting}{9 - m}': m for m in range(4)}
        met = merged_history({}, member_encounters(groups, member_of_all), member_of)
        pairing = pair_round([(p, orgs[m]) for p, m in member_of.items()], met)
        pairs = {frozenset(member_of[p] for p in group) for group in pairing.groups}
        assert not pairs & seen
        seen |= pairs
        groups += [list(group) for group in pairing.groups]
        member_of_all.update(member_of)
    assert len(seen) == 6
