"""Live results of one activity: a bar chart (statements, scores) or an answer wall / word cloud.

Renders what it is given and is updated in place: ``set_counts`` changes the chart's data and
calls ``chart.update()``; ``put_answer``/``drop_answer`` add, change or remove one card. On the screen the cards come
in pages (``app.domain.wall_pages``): every card whole, as many as fit, the pages shown in turn.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from nicegui import __version__, ui

from app.domain.activities import Activity
from app.domain.tallies import format_number, score_stats, whole_percentages, words
from app.domain.wall_pages import CardLook, columns

Size = Literal['screen', 'panel', 'phone']
COLORS = {'agree': '#2e7d32', 'doubt': '#f2b705', 'disagree': '#c62828'}
FONT = {'screen': 34, 'panel': 16, 'phone': 16}
COALESCE = 0.05  # seconds: votes arriving together are drawn together
ROTATE = 12.0  # seconds a page of the screen's wall shows before the next one
SCREEN_WIDTH, SCREEN_HEIGHT = 1920.0, 1080.0  # the screen's wall is sized in px of this screen (its type is in vh)
WALL_FONT = 'font-size: 2.4vh; line-height: 1.3'  # CardLook's font and line (26 px on 1080)
WALL_ROOM = 430.0  # px of a 1080 px screen left for the wall under a 300-character question (PollScreen says more)


@dataclass(frozen=True)
class ResultTexts:
    labels: dict[str, str]              # option -> label ("agree" -> "Akkoord")
    average: str                        # "gemiddelde {value}"
    median: str                         # "mediaan {value}"
    hide: str = ''                      # button to hide an answer (control view only)
    no_answers: str = ''
    more: Callable[[int], str] | None = None  # "+7 meer": answers that do not fit on the screen
    page: Callable[[int, int], str] | None = None  # "2/3": the page of the screen's wall shown


def preload_charts() -> None:
    """Let the browser load the chart library in the background, so that the first "Toon resultaten" draws as fast
    as the later ones. A script of its own, not an invisible chart: NiceGUI handles a page's messages one after the
    other and would hold every later one (the next statement) until the 370 KB library is in, seconds on a slow
    phone. The chart itself later imports the same module, then already loaded."""
    url = f'/_nicegui/{__version__}/components/{ui.echart.component.key}'
    code = f'(window.requestIdleCallback || setTimeout)(() => import({json.dumps(url)}).catch(() => {{}}));'
    if ui.context.client.has_socket_connection:
        ui.run_javascript(code)
    else:
        ui.add_body_html(f'<script>{code}</script>')


class ResultsView:
    def __init__(self, activity: Activity, counts: dict[str, int], answers: Iterable[tuple[str, str, str]], *,
                 texts: ResultTexts, lang: str, size: Size, show_wall: bool,
                 on_hide: Callable[[str], object] | None = None, wall_room: float = WALL_ROOM,
                 rotate: float = ROTATE) -> None:
        self.activity, self.texts, self.lang, self.size = activity, texts, lang, size
        self._on_hide = on_hide
        self._cards: dict[str, tuple[ui.element, ui.label, ui.label | None]] = {}
        self._answers: dict[str, str] = {}
        self._paged = size == 'screen'  # the screen: pages of whole cards, in turn
        self._entries: dict[str, tuple[str, str]] = {}  # the screen's cards (text, reason), in the order they came
        self._page = 0
        self._drawn: list[list[tuple[str, str, str]]] | None = None  # the page on the screen, column by column
        self._redraw_scheduled = False
        self.chart: ui.echart | None = None
        self.summary: ui.label | None = None
        self._pending: dict[str, int] | None = None
        self._flush_scheduled = False
        big = size == 'screen'
        side_by_side = big and show_wall and activity.kind != 'open'  # chart left (a third), reasons right
        self._columns = 1 if side_by_side or not big else 3
        width = (SCREEN_WIDTH * 0.92 - 24) * (2 / 3 if side_by_side else 1)  # the screen less its padding and gap
        self._look = CardLook(width=(width - 12 * (self._columns - 1)) / self._columns - 40)
        self._room = wall_room
        with ui.element('div').classes('w-full grow min-h-0 grid gap-6 ' + ('grid-cols-3' if side_by_side else '')) \
                as self.root:
            if activity.kind in ('statement', 'score', 'evaluation'):  # a chart of counts per option
                with ui.column().classes('w-full gap-2'):
                    height = '46vh' if big else '260px' if size == 'panel' else '220px'
                    self.chart = ui.echart(self._options(counts), renderer='svg').classes('w-full') \
                        .style(f'height: {height}').mark('result-chart').props('data-testid=result-chart')
                    self.summary = ui.label().classes('text-4xl font-bold' if big else 'text-lg font-semibold') \
                        .mark('result-summary').props('data-testid=result-summary')
                self._summarise(counts)
            if activity.kind == 'open' and activity.settings.display == 'cloud':
                self.cloud = ui.row().classes('w-full gap-x-6 gap-y-2 items-baseline justify-center') \
                    .mark('word-cloud').props('data-testid=word-cloud')
            with ui.column().classes('w-full min-h-0 gap-2 overflow-hidden' + (' col-span-2' if side_by_side else '')) \
                    as self.wall_box:
                if big:  # columns of whole cards, filled one after the other
                    self.wall = ui.element('div').classes('w-full grid gap-3 content-start overflow-hidden '
                                                          f'grid-cols-{self._columns}').style(WALL_FONT)
                else:
                    self.wall = ui.element('div').classes('w-full grid gap-3 content-start overflow-hidden '
                                                          'grid-cols-1')
                self.wall.mark('answer-wall').props('data-testid=answer-wall')
                self._page_label = ui.label().classes('text-3xl text-grey-5').props('data-testid=wall-page')
                self._page_label.set_visibility(False)
            self.wall_box.set_visibility(show_wall)
            if self._paged:
                self._timer = ui.timer(rotate, self._turn)
        for key, text, reason in answers:
            self.put_answer(key, text, reason)
        if self._paged:
            self._redraw()

    # charts
    def set_counts(self, counts: dict[str, int]) -> None:
        """New counts; a burst of votes becomes one chart update per ``COALESCE`` seconds, not one per vote."""
        if self.chart is None:
            return
        self._pending = dict(counts)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_later(COALESCE, self._flush)

    def _flush(self) -> None:
        self._flush_scheduled = False
        if self.chart is None or self.chart.is_deleted or self._pending is None:
            return
        self.chart.options.update(self._options(self._pending))
        self.chart.update()
        self._summarise(self._pending)

    def _options(self, counts: dict[str, int]) -> dict:
        font = FONT[self.size]
        ink = '#ffffff' if self.size == 'screen' else '#222222'  # the screen is white on dark
        text = {'fontSize': font, 'fontWeight': 'bold', 'color': ink, 'textBorderWidth': 0}
        options = list(self.activity.options)
        shares = whole_percentages(counts)
        if self.activity.kind == 'statement':
            data = [{'value': counts.get(o, 0), 'itemStyle': {'color': COLORS.get(o, '#1f6f5c')},
                     'label': {'formatter': f'{counts.get(o, 0)} ({shares.get(o, 0)}%)'}} for o in options]
            return {
                'animationDurationUpdate': 300,
                'grid': {'left': 8, 'right': 8 + font * 5, 'top': 8, 'bottom': 8, 'containLabel': True},
                'xAxis': {'type': 'value', 'show': False, 'minInterval': 1},
                'yAxis': {'type': 'category', 'inverse': True, 'data': [self.texts.labels[o] for o in options],
                          'axisLabel': text, 'axisTick': {'show': False}},
                'series': [{'type': 'bar', 'data': data, 'barWidth': '60%',
                            'label': {'show': True, 'position': 'right', **text}}],
            }
        return {  # score: the distribution over the scale
            'animationDurationUpdate': 300,
            'grid': {'left': 8, 'right': 8, 'top': font * 2, 'bottom': 8, 'containLabel': True},
            'xAxis': {'type': 'category', 'data': options, 'axisLabel': text},
            'yAxis': {'type': 'value', 'show': False, 'minInterval': 1},
            'series': [{'type': 'bar', 'data': [counts.get(o, 0) for o in options], 'itemStyle': {'color': '#1f6f5c'},
                        'label': {'show': True, 'position': 'top', **text}}],
        }

    def _summarise(self, counts: dict[str, int]) -> None:
        if self.summary is None:
            return
        if self.activity.kind == 'statement':
            shares = whole_percentages(counts)
            text = ' · '.join(f'{self.texts.labels[o]}: {counts.get(o, 0)} ({shares.get(o, 0)}%)'
                              for o in self.activity.options)
        else:
            stats = score_stats(counts)
            text = (self.texts.average.format(value=format_number(stats.mean, self.lang)) + ' · '
                    + self.texts.median.format(value=format_number(stats.median, self.lang)))
        self.summary.set_text(text)

    # answers and reasons
    def apply(self, counts: dict[str, int] | None, key: str, text: str, reason: str, hidden: bool) -> None:
        """One participant's answer changed: new counts (if any) and their card."""
        if counts is not None:
            self.set_counts(counts)
        if hidden:
            self.drop_answer(key)
        else:
            self.put_answer(key, text, reason)

    def put_answer(self, key: str, text: str, reason: str) -> None:
        """Show (or change) one answer: ``text`` is the open answer or the chosen option, ``reason`` the why."""
        if self.activity.kind != 'open' and not reason:
            self.drop_answer(key)
            return
        self._answers[key] = text
        if self._paged:
            if self._entries.get(key) != (text, reason):
                self._entries[key] = (text, reason)
                self._schedule_redraw()
            self._refresh_cloud()
            return
        label = self.texts.labels.get(text, text)
        entry = self._cards.get(key)
        if entry is None:
            with self.wall, ui.card().classes('w-full gap-1 p-3').mark('answer-card') \
                    .props('data-testid=answer-card') as card:
                head = ui.label(label).classes('text-base font-semibold break-words').style('white-space: pre-line')
                why = None
                if self.activity.kind != 'open':
                    why = ui.label(reason).classes('text-base break-words').style('white-space: pre-line') \
                        .mark('reason').props('data-testid=reason')
                if self._on_hide is not None:
                    ui.button(self.texts.hide, icon='visibility_off', on_click=lambda k=key: self._on_hide(k)) \
                        .props('flat dense size=sm color=grey-8').classes('self-end').mark('hide-answer')
            self._cards[key] = (card, head, why)
        else:
            entry[1].set_text(label)
            if entry[2] is not None:
                entry[2].set_text(reason)
        self._refresh_cloud()

    def drop_answer(self, key: str) -> None:
        entry = self._cards.pop(key, None)
        if entry is not None:
            entry[0].delete()
        if self._entries.pop(key, None) is not None:
            self._schedule_redraw()
        if self._answers.pop(key, None) is not None:
            self._refresh_cloud()

    def show_wall(self, visible: bool) -> None:
        self.wall_box.set_visibility(visible)

    # the screen's wall in pages
    def pages(self) -> list[list[list[str]]]:
        """The cards' keys, page by page and column by column, as they fit whole."""
        keys = list(self._entries)
        heights = [self._look.height(self.texts.labels.get(text, text), reason if self.activity.kind != 'open'
                                     else '') for text, reason in self._entries.values()]
        return [[[keys[i] for i in column] for column in page]
                for page in columns(heights, self._room, self._columns, self._look.gap)]

    def _schedule_redraw(self) -> None:
        if not self._redraw_scheduled:
            self._redraw_scheduled = True
            asyncio.get_running_loop().call_later(COALESCE, self._redraw)

    def _turn(self) -> None:
        """The timer: the next page, when there is more than one."""
        if len(self.pages()) > 1:
            self._page += 1
            self._redraw()

    def _redraw(self) -> None:
        self._redraw_scheduled = False
        if self.wall.is_deleted:
            return
        pages = self.pages()
        self._page = self._page % len(pages) if pages else 0
        page = pages[self._page] if pages else []
        shown = [[(key, *self._entries[key]) for key in column] for column in page]
        if shown != self._drawn:
            self._drawn = shown
            self.wall.clear()
            with self.wall:
                for column in shown:
                    with ui.column().classes('w-full gap-3 min-w-0'):
                        for _key, text, reason in column:
                            self._screen_card(text, reason)
        several = len(pages) > 1
        if several and self.texts.page is not None:
            self._page_label.set_text(self.texts.page(self._page + 1, len(pages)))
        self._page_label.set_visibility(several)
        self.wall.props['data-page'] = self._page + 1
        self.wall.props['data-pages'] = len(pages)
        self.wall.update()

    def _screen_card(self, text: str, reason: str) -> None:
        """One card on the screen, whole: no line is cut off (the pages make the room)."""
        with ui.card().classes('w-full gap-1 p-5 bg-grey-9 text-white shrink-0').mark('answer-card') \
                .props('data-testid=answer-card'):
            ui.label(self.texts.labels.get(text, text)).classes('font-semibold break-words') \
                .style('white-space: pre-line')
            if self.activity.kind != 'open':
                ui.label(reason).classes('break-words').style('white-space: pre-line').mark('reason') \
                    .props('data-testid=reason')

    def _refresh_cloud(self) -> None:
        if self.activity.kind != 'open' or self.activity.settings.display != 'cloud':
            return
        ranked = words(self._answers.values())
        top = ranked[0][1] if ranked else 1
        self.cloud.clear()
        with self.cloud:
            base = 2.2 if self.size == 'screen' else 1.0
            for word, count in ranked:
                ui.label(word).classes('font-bold text-primary').style(
                    f'font-size: {base * (1 + 1.6 * count / top):.2f}rem; line-height: 1.1')
