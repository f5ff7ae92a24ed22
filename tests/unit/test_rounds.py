"""Re-pairing people left alone during a speed-dating round."""

from app.domain.rounds import repaired, rounds_done, stranded

GROUPS = (('anna', 'bert'), ('chris', 'dries'), ('els', 'fien', 'geert'))


def test_stranded_are_the_ones_left_alone_and_late_joiners() -> None:
    present = {'anna', 'chris', 'dries', 'els', 'fien', 'geert', 'hanne'}  # bert left, hanne joined late
    assert stranded(GROUPS, None, present) == ['anna', 'hanne']
    assert stranded(GROUPS, 'hanne', present) == ['anna']  # the one who pauses is not stranded


def test_two_stranded_make_a_pair_and_one_joins_the_smallest_group() -> None:
    present = {'anna', 'chris', 'dries', 'els', 'fien', 'geert', 'hanne'}
    assert repaired(GROUPS, None, present) == (('chris', 'dries'), ('els', 'fien', 'geert'), ('anna', 'hanne'))
    present.discard('hanne')
    assert repaired(GROUPS, None, present) == (('chris', 'dries', 'anna'), ('els', 'fien', 'geert'))
    present = {'anna', 'bert', 'chris', 'dries', 'els', 'fien', 'geert'}
    assert repaired(GROUPS, None, present) == GROUPS  # nobody alone: nothing changes


def test_rounds_are_done_after_the_last_planned_one() -> None:
    assert not rounds_done(5, 4)
    assert rounds_done(5, 5)
    assert rounds_done(5, 6)  # one more was made after the plan
    assert not rounds_done(0, 12)  # no fixed number: never done
