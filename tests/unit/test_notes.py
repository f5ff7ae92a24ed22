from hypothesis import given
from hypothesis import strategies as st

from app.domain.notes import merge_lines

BASE = 'Wat werkt:\n- intervisie\nWat niet:\n- te weinig tijd'


def test_one_side_changed() -> None:
    assert merge_lines(BASE, BASE, BASE + '\nextra') == (BASE + '\nextra', False)
    assert merge_lines(BASE, BASE + '\nextra', BASE) == (BASE + '\nextra', False)


def test_both_add_different_lines_keeps_both() -> None:
    mine = BASE.replace('- intervisie', '- intervisie\n- covisie')
    theirs = BASE + '\n- geen budget'
    merged, conflict = merge_lines(BASE, mine, theirs)
    assert not conflict
    assert merged == 'Wat werkt:\n- intervisie\n- covisie\nWat niet:\n- te weinig tijd\n- geen budget'


def test_same_line_changed_differently_keeps_both_and_says_so() -> None:
    mine = BASE.replace('- intervisie', '- intervisie met collega’s')
    theirs = BASE.replace('- intervisie', '- intervisie (maandelijks)')
    merged, conflict = merge_lines(BASE, mine, theirs)
    assert conflict
    assert '- intervisie met collega’s' in merged and '- intervisie (maandelijks)' in merged


def test_both_append_at_the_end() -> None:
    merged, _ = merge_lines('a', 'a\nb', 'a\nc')
    assert merged.splitlines()[0] == 'a' and set(merged.splitlines()[1:]) == {'b', 'c'}


lines = st.lists(st.sampled_from(['a', 'b', 'c', 'd', 'e', 'f']), max_size=8).map('\n'.join)


@given(lines, lines, lines)
def test_no_added_line_is_lost(base: str, mine: str, theirs: str) -> None:
    merged, _ = merge_lines(base, mine, theirs)
    kept = merged.splitlines()
    base_lines = base.splitlines()
    for version in (mine, theirs):
        for line in version.splitlines():
            if line not in base_lines:  # a line someone wrote is never dropped
                assert line in kept
