from hypothesis import given
from hypothesis import strategies as st

from app.domain.tallies import Tally, format_number, percentages, score_stats, words

OPTIONS = ('agree', 'doubt', 'disagree')
answers = st.lists(st.sampled_from(OPTIONS), max_size=200)


@given(answers)
def test_counts_add_up(votes: list[str]) -> None:
    tally = Tally(OPTIONS, votes)
    assert tally.total == len(votes)
    assert all(tally.counts[o] == votes.count(o) for o in OPTIONS)
    if votes:
        assert abs(sum(tally.percentages().values()) - 100) < 1e-9


@given(answers, st.data())
def test_changing_a_vote_moves_exactly_one_count(votes: list[str], data: st.DataObject) -> None:
    if not votes:
        return
    tally = Tally(OPTIONS, votes)
    before = dict(tally.counts)
    old = data.draw(st.sampled_from(votes))
    new = data.draw(st.sampled_from(OPTIONS))
    tally.change(old, new)
    moved = {o: tally.counts[o] - before[o] for o in OPTIONS}
    assert sum(moved.values()) == 0
    assert sum(abs(v) for v in moved.values()) == (0 if old == new else 2)


def test_withdrawing_and_unknown_answers() -> None:
    tally = Tally(OPTIONS, ['agree'])
    tally.change('agree', None)
    tally.change(None, 'nonsense')
    assert tally.total == 0


@given(st.lists(st.integers(0, 10), min_size=1, max_size=100))
def test_score_stats(values: list[int]) -> None:
    counts = {str(v): values.count(v) for v in range(11)}
    stats = score_stats(counts)
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    assert stats.count == len(values)
    assert abs(stats.mean - sum(values) / len(values)) < 1e-9
    assert stats.median == median


def test_seven_eight_ten() -> None:
    stats = score_stats({'7': 1, '8': 1, '10': 1})
    assert format_number(stats.mean, 'nl') == '8,3' and format_number(stats.mean, 'en') == '8.3'
    assert format_number(stats.median, 'nl') == '8'
    assert score_stats({}).mean is None and format_number(None, 'nl') == '–'


def test_percentages_of_nothing() -> None:
    assert percentages({'a': 0, 'b': 0}) == {'a': 0.0, 'b': 0.0}


def test_words() -> None:
    assert words(['Kennis delen met collega’s', 'kennis en vertrouwen', 'Vertrouwen! kennis']) == [
        ('kennis', 3), ('vertrouwen', 2), ('collega’s', 1), ('delen', 1)]


def test_whole_percentages_add_up_to_100() -> None:
    from app.domain.tallies import whole_percentages

    assert whole_percentages({'agree': 1, 'doubt': 1, 'disagree': 1}) == {'agree': 34, 'doubt': 33, 'disagree': 33}
    assert whole_percentages({'agree': 2, 'disagree': 3}) == {'agree': 40, 'disagree': 60}
    assert whole_percentages({'a': 1, 'b': 5, 'c': 1}) == {'a': 14, 'b': 72, 'c': 14}
    assert whole_percentages({'a': 0, 'b': 0}) == {'a': 0, 'b': 0}
    assert sum(whole_percentages({str(i): i for i in range(1, 12)}).values()) == 100
