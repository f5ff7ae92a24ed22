"""The screen's wall in pages: every card whole, all of them shown in turn."""

from __future__ import annotations

from app.domain.wall_pages import CardLook, chars_per_line, columns, paginate, wrapped_lines


def test_wrapped_lines() -> None:
    assert wrapped_lines('', 10) == 1
    assert wrapped_lines('kort', 10) == 1
    assert wrapped_lines('een twee drie vier', 10) == 2  # "een twee" / "drie vier"
    assert wrapped_lines('a\nb\n\nc', 10) == 4  # line breaks kept
    assert wrapped_lines('x' * 25, 10) == 3  # a long word breaks anywhere
    assert wrapped_lines('ok ' + 'x' * 25, 10) == 4


def test_every_card_on_exactly_one_page_in_order() -> None:
    heights = [100, 300, 50, 700, 80, 80, 80, 1200, 10]
    pages = paginate(heights, 500, gap=10)
    assert [i for page in pages for i in page] == list(range(len(heights)))
    for page in pages:
        assert len(page) == 1 or sum(heights[i] for i in page) + 10 * (len(page) - 1) <= 500
    assert [7] in pages  # taller than a page: alone


def test_fifteen_reasons_fill_several_pages() -> None:
    look = CardLook()
    reasons = [f'Reden {n}: ' + 'omdat we dit in ons team al lang zo doen en het werkt ' * 3 for n in range(15)]
    heights = [look.height('Akkoord', r) for r in reasons]
    pages = paginate(heights, 560, look.gap)
    assert len(pages) > 1
    assert sorted(i for page in pages for i in page) == list(range(15))


def test_columns() -> None:
    pages = columns([100] * 10, 250, count=3, gap=0)  # 2 per column, 3 columns a page
    assert pages == [[[0, 1], [2, 3], [4, 5]], [[6, 7], [8, 9]]]


def test_chars_per_line_is_cautious() -> None:
    assert chars_per_line(1110, 25.92) == 85  # Dutch prose fits about 99
    assert chars_per_line(10, 30) == 1
