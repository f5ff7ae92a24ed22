"""The evaluation's card on the network page: "Evaluatie over de reeks" — ROTI per meeting with the trend line, the
distribution per meeting, the words that come back in "wat mag anders", and the first meeting's expectations beside
what the last one achieved (once two meetings have evaluation answers). Drawn from ``series.SeriesEvaluation``."""

from __future__ import annotations

from nicegui import ui

from app.domain.evaluation import ROTI, Comparison, Trend
from app.domain.tallies import format_number
from app.i18n import Translate
from app.kinds.evaluation.series import SeriesEvaluation
from app.ui.parts import NetworkCard

SHOWN_TEXTS = 8  # per column of the comparison; the rest is "+x meer"


class TrendCard(NetworkCard):
    found: SeriesEvaluation

    def build(self) -> None:
        trend_section(self.found, self.t, self.lang)


def trend_section(found: SeriesEvaluation, t: Translate, lang: str) -> None:
    trend = found.trend
    with ui.card().classes('w-full gap-2').props('data-testid=trend-card'):
        ui.label(t('trend.title')).classes('text-lg font-semibold')
        ui.label(t('trend.help')).classes('text-grey-7 text-sm')
        answered = [p for p in trend.points if not p.stats.empty]
        if not answered:
            ui.label(t('trend.no_data')).classes('text-grey-7').props('data-testid=trend-empty')
            return
        ui.echart(chart_options(trend, t, lang), renderer='svg').classes('w-full h-72') \
            .props(f'data-testid=trend-chart data-points={len(answered)}')
        if trend.line is not None:
            slope = trend.line[1]
            ui.label(t('trend.slope', value=('+' if slope > 0 else '') + format_number(slope, lang))) \
                .classes('font-semibold').props('data-testid=trend-slope')
        _distribution(trend, t, lang)
        _recurring(trend, t)
        if len(answered) >= 2 and found.comparison is not None:
            _comparison(found.comparison, t, lang)


def chart_options(trend: Trend, t: Translate, lang: str) -> dict:
    """Bars: the average per meeting (with its number of answers); a line: the fitted trend (its two ends)."""
    points = trend.points
    bars = [{'value': round(p.stats.mean, 2),
             'label': {'formatter': f'{format_number(p.stats.mean, lang)} (n={p.stats.count})'}}
            if p.stats.mean is not None else None for p in points]
    line: list[float | None] = [None] * len(points)
    if trend.line is not None and len(points) >= 2:
        line[0], line[-1] = (round(trend.fitted(i) or 0, 2) for i in (0, len(points) - 1))
    return {
        'animation': False,  # drawn once, read at leisure
        'grid': {'left': 8, 'right': 8, 'top': 40, 'bottom': 8, 'containLabel': True},
        'legend': {'top': 0, 'left': 'center', 'data': [t('trend.average'), t('trend.line')]},
        'xAxis': {'type': 'category', 'data': [f'{n}. {p.title}' for n, p in enumerate(points, start=1)],
                  'axisLabel': {'interval': 0, 'width': 120, 'overflow': 'truncate'}},
        'yAxis': {'type': 'value', 'min': 0, 'max': 5, 'interval': 1},
        'series': [
            {'name': t('trend.average'), 'type': 'bar', 'data': bars, 'barMaxWidth': 56,
             'itemStyle': {'color': '#1f6f5c'}, 'label': {'show': True, 'position': 'top', 'fontWeight': 'bold'}},
            {'name': t('trend.line'), 'type': 'line', 'data': line, 'connectNulls': True, 'symbol': 'none',
             'lineStyle': {'type': 'dashed', 'width': 2, 'color': '#f2b705'}, 'itemStyle': {'color': '#f2b705'}},
        ],
    }


def _distribution(trend: Trend, t: Translate, lang: str) -> None:
    columns = [{'name': 'meeting', 'label': t('trend.meeting'), 'field': 'meeting', 'align': 'left'},
               {'name': 'count', 'label': t('trend.count'), 'field': 'count', 'align': 'right'},
               {'name': 'mean', 'label': t('trend.average'), 'field': 'mean', 'align': 'right'}] + [
        {'name': f's{score}', 'label': score, 'field': f's{score}', 'align': 'right'} for score in ROTI]
    rows = [{'id': p.meeting_id, 'meeting': f'{n}. {p.title}', 'count': p.stats.count,
             'mean': format_number(p.stats.mean, lang),
             **{f's{score}': p.stats.distribution[i] or '' for i, score in enumerate(ROTI)}}
            for n, p in enumerate(trend.points, start=1)]
    ui.table(columns=columns, rows=rows, row_key='id').props('dense flat wrap-cells').classes('w-full') \
        .props('data-testid=trend-table')


def _recurring(trend: Trend, t: Translate) -> None:
    ui.label(t('trend.recurring')).classes('font-semibold mt-2')
    if not trend.recurring:
        ui.label(t('trend.no_recurring')).classes('text-grey-7 text-sm')
        return
    with ui.row().classes('w-full gap-1'):
        for word, meetings in trend.recurring:
            ui.chip(t.plural('trend.in_meetings', meetings, word=word)).props('outline square') \
                .classes('break-words').props('data-testid=recurring-word')


def _comparison(comparison: Comparison, t: Translate, lang: str) -> None:
    with ui.column().classes('w-full gap-2 border-t pt-2 mt-2').props('data-testid=trend-comparison'):
        ui.label(t('trend.comparison')).classes('font-semibold')
        ui.label(t('trend.series_roti', value=format_number(comparison.roti, lang)) + ' · '
                 + t.plural('trend.answers', comparison.count)).classes('text-lg font-bold') \
            .props('data-testid=series-roti')
        with ui.element('div').classes('w-full grid grid-cols-1 md:grid-cols-2 gap-4'):
            for title, texts, marker in ((t('trend.expected', title=comparison.first_title), comparison.expectations,
                                          'expectation'),
                                         (t('trend.achieved', title=comparison.last_title), comparison.achieved,
                                          'achieved')):
                with ui.column().classes('gap-1 min-w-0'):
                    ui.label(title).classes('text-grey-8 font-semibold break-words')
                    if not texts:
                        ui.label(t('trend.no_answers')).classes('text-grey-7 text-sm')
                    for text in texts[:SHOWN_TEXTS]:
                        ui.label(f'“{text}”').classes('break-words bg-grey-2 rounded px-2 py-1 w-full') \
                            .props(f'data-testid={marker}')
                    if len(texts) > SHOWN_TEXTS:
                        ui.label(t.plural('results.more', len(texts) - SHOWN_TEXTS)).classes('text-grey-7 text-sm')
        ui.label(t('trend.rule')).classes('text-grey-7 text-xs')
