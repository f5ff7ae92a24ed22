"""The network map (pure): answers to and from JSON, who may be marked, the figures on small known maps, drawing a big
map per organisation, before and after; the kind's answer and settings rules and its chart options."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.activities import Activity, Answer
from app.domain.errors import Refused
from app.domain.network_map import (
    MAX_TARGETS,
    OUTSIDE_TYPES,
    MapGraph,
    Ties,
    aggregate,
    clean_ties,
    compare,
    dump_ties,
    pair,
    parse_ties,
)
from app.i18n import translator
from app.kinds.network_map.chart import PAGE, SCREEN, map_options
from app.kinds.network_map.kind import NetworkMap
from app.kinds.network_map.rules import NetworkMapSettings

ids = st.text(alphabet='abcdefghij0123456789', min_size=1, max_size=12)
outside = st.tuples(st.sampled_from(('asked', 'gave')), st.sampled_from(OUTSIDE_TYPES))
ties = st.builds(Ties, st.lists(ids, max_size=20).map(tuple), st.lists(ids, max_size=20).map(tuple),
                 st.lists(outside, max_size=8).map(tuple))


@given(ties)
def test_json_round_trip_is_canonical(value: Ties) -> None:
    text = dump_ties(value)
    parsed = parse_ties(text)
    assert set(parsed.asked) == set(value.asked) and set(parsed.gave) == set(value.gave)
    assert set(parsed.outside) == set(value.outside)
    assert list(parsed.asked) == sorted(set(value.asked))  # sorted, each once
    assert dump_ties(parsed) == text  # one text per map


@given(ties, ids)
def test_clean_ties_refuses_yourself_and_strangers(value: Ties, me: str) -> None:
    allowed = value.targets() - {me}
    if me in value.targets():
        with pytest.raises(Refused) as refused:
            clean_ties(value, me, allowed | {me})
        assert refused.value.key == 'error.map_self'
    else:
        assert clean_ties(value, me, allowed).targets() == value.targets()
        if allowed:
            with pytest.raises(Refused) as refused:
                clean_ties(value, me, set(list(allowed)[1:]))
            assert refused.value.key == 'error.map_unknown'


@pytest.mark.parametrize('text', ['[]', '{"asked": "p1"}', '{"asked": [1]}', 'not json', '{"gave": [""]}',
                                  '{"outside": [["asked", "neighbour"]]}', '{"outside": [["took", "client"]]}'])
def test_bad_answers_are_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_ties(text)
    assert refused.value.key == 'error.answer_invalid'


def test_too_many_targets_are_refused_with_the_limit() -> None:
    with pytest.raises(Refused) as refused:
        parse_ties(json.dumps({'asked': [f'p{i}' for i in range(MAX_TARGETS + 1)]}))
    assert refused.value.key == 'error.map_too_many' and refused.value.count == MAX_TARGETS
    assert parse_ties('') == Ties()


NODES = {'a': ('Anna', 'OCMW'), 'b': ('Bram', 'ocmw '), 'c': ('Carla', 'Thuiszorg'), 'd': ('Dirk', ''),
         'e': ('Eva', 'Thuiszorg')}


def test_figures_of_a_small_known_map() -> None:
    answers = {'a': Ties(asked=('c',), gave=('b',)), 'c': Ties(gave=('a',)),  # a–c twice: one tie
               'b': Ties(asked=('d', 'gone')), 'x': Ties(asked=('a',))}        # 'gone', 'x': not drawn
    graph = MapGraph.build(answers, NODES)
    assert graph.pairs() == {pair('a', 'c'), pair('a', 'b'), pair('b', 'd')}
    assert graph.ties == 3
    assert graph.across == 1            # a–c; a–b: the same organisation; b–d: Dirk has none
    assert graph.density == pytest.approx(3 / 10)
    assert graph.nobody_asked() == ['a', 'b', 'e']  # Anna, Bram, Eva (c and d were asked)
    assert graph.isolated() == ['e']
    assert graph.answered == {'a', 'b', 'c'}
    assert not graph.large


def test_an_empty_map() -> None:
    graph = MapGraph.build({}, NODES)
    assert (graph.ties, graph.across, graph.density) == (0, 0, 0)
    assert graph.isolated() == sorted(NODES)
    assert MapGraph.build({}, {}).density == 0


@given(st.dictionaries(st.sampled_from(sorted(NODES)), ties, max_size=5))
def test_figures_hold_for_any_answers(answers: dict[str, Ties]) -> None:
    graph = MapGraph.build(answers, NODES)
    assert 0 <= graph.across <= graph.ties <= 10
    assert 0 <= graph.density <= 1
    assert all(e.source in NODES and e.target in NODES and e.source != e.target for e in graph.edges)
    orgs = aggregate(graph)
    assert sum(n.within for n in orgs.nodes) + sum(w for _, _, w in orgs.edges) == graph.ties
    assert sum(n.people for n in orgs.nodes) == len(NODES)


def test_sixty_people_marking_everyone_is_drawn_per_organisation() -> None:
    nodes = {f'p{i}': (f'Persoon {i}', f'Organisatie {i % 6}') for i in range(60)}
    answers = {pid: Ties(asked=tuple(o for o in nodes if o != pid), gave=tuple(o for o in nodes if o != pid))
               for pid in nodes}
    graph = MapGraph.build(answers, nodes)
    assert graph.ties == 60 * 59 // 2 and graph.density == 1 and graph.large
    options = map_options(graph, SCREEN, 'Zonder organisatie', within=lambda n: f'{n} binnen')
    series = options['series'][0]
    assert len(series['data']) == 6 and len(series['links']) == 15  # six organisations, each pair once
    assert all('Persoon' not in node['name'] for node in series['data'])
    assert max(link['value'] for link in series['links']) == 100  # 10 × 10 people between two organisations


def test_anonymous_chart_sends_no_names() -> None:
    graph = MapGraph.build({'a': Ties(asked=('c',), gave=('b',))}, NODES)
    anonymous = json.dumps(map_options(graph, SCREEN, '-'))
    assert 'Anna' not in anonymous and 'Carla' not in anonymous
    named = map_options(graph, PAGE.__class__(names=True), '-')
    assert {node['name'] for node in named['series'][0]['data']} == {'Anna', 'Bram', 'Carla', 'Dirk', 'Eva'}
    assert len(named['series'][0]['links']) == 2


def test_before_and_after() -> None:
    before = MapGraph.build({'m1': Ties(asked=('m2',))}, {m: ('', '') for m in ('m1', 'm2', 'm3')})
    after = MapGraph.build({'m1': Ties(gave=('m2',)), 'm3': Ties(asked=('m1',))},
                           {m: ('', '') for m in ('m1', 'm2', 'm3')})
    comparison = compare(before, after)
    assert comparison.new == {pair('m1', 'm3')} and comparison.kept == {pair('m1', 'm2')} and not comparison.lost
    options = map_options(after, PAGE, '-', highlight=comparison.new)
    widths = sorted(link['lineStyle']['width'] for link in options['series'][0]['links'])
    assert widths[-1] > widths[0]  # the new tie is drawn thicker


def test_the_kinds_answer_and_settings() -> None:
    kind = NetworkMap()
    activity = Activity(1, 'network_map', 'Wie heb je gevraagd?', NetworkMapSettings())
    assert kind.clean_answer(activity, None, '{"gave":["b","a","a"]}') == ('', '{"asked":[],"gave":["a","b"],'
                                                                           '"outside":[]}')
    with pytest.raises(Refused):
        kind.clean_answer(activity, 'agree', '')
    settings = NetworkMapSettings(period='sometimes', reflection='  Wat   helpt? ').checked(None, False)  # type: ignore
    assert (settings.period, settings.reflection) == ('since_last', 'Wat helpt?')
    kept = NetworkMapSettings(period='ever').checked(NetworkMapSettings(), True)
    assert kept.period == 'since_last'  # the question people answered stays
    nl = translator('nl')
    assert NetworkMapSettings().question(nl) == 'Wat maakt het moeilijk om hulp te vragen?'
    answers = {'a': Answer(text=dump_ties(Ties(asked=('b',), outside=(('asked', 'expert'),))), reason='Tijd'),
               'b': Answer(text=dump_ties(Ties(gave=('a',))), reason='Geheim', hidden=True)}
    section = kind.report(activity, answers, [], nl, 'nl')
    assert section.summary == '1 antwoord'  # the hidden one does not count
    assert [(f.label, f.value) for f in section.figures] == [
        ('Banden', '1'), ('Buiten de bijeenkomst gevraagd: Externe expert', '1')]
    assert [q.text for q in section.blocks[0].quotes] == ['Tijd'] and section.blocks[0].quotes[0].person == ''
