"""The screen's wall of reasons and answers in pages: every card whole, as many per page as fit, the pages shown
in turn. Sizes are estimated in pixels of a 1920×1080 screen (the screen's type is in vh, so a page that fits there
fits on every 16:9 projector)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CHAR_WIDTH = 0.5  # of the font size: wider than Roboto's average (0.43 in Dutch prose): an estimate never falls short


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes, wrapped at ``per_line`` characters: words whole where they fit, a longer word
    (an e-mail address) broken anywhere, every line break kept."""
    per_line = max(1, per_line)
    total = 0
    for paragraph in text.split('\n'):
        lines, width = 1, 0
        for word in paragraph.split():
            if len(word) > per_line:
                lines += (1 if width else 0) + (len(word) - 1) // per_line
                width = len(word) - (len(word) - 1) // per_line * per_line
                continue
            needed = len(word) if width == 0 else width + 1 + len(word)
            if needed > per_line:
                lines, width = lines + 1, len(word)
            else:
                width = needed
        total += lines
    return max(1, total)


def chars_per_line(width: float, font: float) -> int:
    """Characters that surely fit on a line ``width`` px wide in type of ``font`` px."""
    return max(1, math.floor(width / (font * CHAR_WIDTH)))


@dataclass(frozen=True, slots=True)
class CardLook:
    """One card on the wall: its text's width and type, its padding, the gaps."""

    width: float = 1110.0  # px of text: two thirds of the screen beside the chart, less the card's padding
    font: float = 25.92    # 2.4vh
    line: float = 1.3      # line height, of the font
    padding: float = 40.0  # above and below
    inner_gap: float = 4.0  # between the head and the reason
    gap: float = 12.0      # between cards

    def height(self, head: str, body: str = '') -> float:
        per_line = chars_per_line(self.width, self.font)
        lines = wrapped_lines(head, per_line) + (wrapped_lines(body, per_line) if body else 0)
        return self.padding + lines * self.font * self.line + (self.inner_gap if body else 0)


def paginate(heights: Sequence[float], room: float, gap: float = 0.0) -> list[list[int]]:
    """The cards (by index, in order) on pages of at most ``room`` px with ``gap`` between cards; a card taller than
    a page has a page of its own (it shows from its top)."""
    pages: list[list[int]] = []
    used = 0.0
    for index, height in enumerate(heights):
        if pages and pages[-1] and used + gap + height <= room:
            pages[-1].append(index)
            used += gap + height
        else:
            pages.append([index])
            used = height
    return pages


def columns(heights: Sequence[float], room: float, count: int, gap: float = 0.0) -> list[list[list[int]]]:
    """Pages of ``count`` columns side by side, each column as ``paginate`` fills a page, one after the other."""
    filled = paginate(heights, room, gap)
    count = max(1, count)
    return [filled[i:i + count] for i in range(0, len(filled), count)]
