"""Live results of one activity: a bar chart (statements, scores) or an answer wall / word cloud.

Renders what it is given and is updated in place: ``set_counts`` changes the chart's data and
calls ``chart.update()``; ``put_answer``/``drop_answer`` add, change or remove one card.
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

Size = Literal['screen', 'panel', 'phone']
COLORS = {'agree': '#2e7d32', 'doubt': '#f2b705', 'disagree': '#c62828'}
FONT = {'screen': 34, 'panel': 16, 'phone': 16}
COALESCE = 0.05  # seconds: votes arriving together are drawn together


@dataclass(frozen=True)
class ResultTexts:
    labels: dict[str, str]              # option -> label ("agree" -> "Akkoord")
    average: str                        # "gemiddelde {value}"
    median: str                         # "mediaan {value}"
    hide: str = ''                      # button to hide an answer (control view only)
    no_answers: str = ''
    more: Callable[[int], str] | None = None  # "+7 meer": answers that do not fit on the screen


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
                 on_hide: Callable[[str], object] | None = None) -> None:
        self.activity, self.texts, self.lang, self.size = activity, texts, lang, size
        self._on_hide = on_hide
        self._cards: dict[str, tuple[ui.element, ui.label, ui.label | None]] = {}
        self._answers: dict[str, str] = {}
        self._waiting: dict[str, tuple[str, str]] = {}  # answers without a card: the screen is full
        self._limit = (5 if show_wall and activity.kind != 'open' else 9) if size == 'screen' else 0
        self.chart: ui.echart | None = None
        self.summary: ui.label | None = None
        self._pending: dict[str, int] | None = None
        self._flush_scheduled = False
        big = size == 'screen'
        side_by_side = big and show_wall and activity.kind != 'open'  # chart left, reasons right
        with ui.element('div').classes('w-full grow min-h-0 grid gap-6 ' + ('grid-cols-2' if side_by_side else '')) \
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
            columns = 'grid-cols-1' if side_by_side or not big else 'grid-cols-3'
            self.wall = ui.element('div').classes(f'w-full grid gap-3 content-start overflow-hidden {columns}') \
                .mark('answer-wall').props('data-testid=answer-wall')
            self.wall.set_visibility(show_wall)
            self._more = ui.label().classes('text-3xl text-grey-5').props('data-testid=more-answers')
            self._more.set_visibility(False)
        for key, text, reason in answers:
            self.put_answer(key, text, reason)

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
        label = self.texts.labels.get(text, text)
        entry = self._cards.get(key)
        if entry is None and self._limit and len(self._cards) >= self._limit:
            self._waiting[key] = (text, reason)  # no room left: counted in "+N meer", shown when one goes
            self._answers[key] = text
            self._show_more()
            self._refresh_cloud()
            return
        if entry is None:
            big = self.size == 'screen'
            colours = 'bg-grey-9 text-white' if big else ''
            with self.wall, ui.card().classes(f'w-full gap-1 {colours} ' + ('p-5' if big else 'p-3')) \
                    .mark('answer-card').props('data-testid=answer-card') as card:
                clamp = ' line-clamp-3' if big else ''
                head = ui.label(label).classes(('text-3xl' if big else 'text-base') + ' font-semibold break-words'
                                               + clamp).style('white-space: pre-line')
                why = None
                if self.activity.kind != 'open':
                    why = ui.label(reason).classes(('text-3xl' if big else 'text-base') + ' break-words' + clamp) \
                        .style('white-space: pre-line').mark('reason').props('data-testid=reason')
                if self._on_hide is not None:
                    ui.button(self.texts.hide, icon='visibility_off', on_click=lambda k=key: self._on_hide(k)) \
                        .props('flat dense size=sm color=grey-8').classes('self-end').mark('hide-answer')
            self._cards[key] = (card, head, why)
        else:
            entry[1].set_text(label)
            if entry[2] is not None:
                entry[2].set_text(reason)
        self._answers[key] = text
        self._refresh_cloud()

    def drop_answer(self, key: str) -> None:
        entry = self._cards.pop(key, None)
        if entry is not None:
            entry[0].delete()
        self._waiting.pop(key, None)
        if self._answers.pop(key, None) is not None:
            self._refresh_cloud()
        if entry is not None and self._waiting:  # a place came free: the next answer that waited gets it
            waiting_key, (text, reason) = next(iter(self._waiting.items()))
            del self._waiting[waiting_key]
            self.put_answer(waiting_key, text, reason)
        self._show_more()

    def _show_more(self) -> None:
        if self.texts.more is not None:
            self._more.set_text(self.texts.more(len(self._waiting)))
        self._more.set_visibility(bool(self._waiting) and self.wall.visible)

    def show_wall(self, visible: bool) -> None:
        self.wall.set_visibility(visible)

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
