"""The report model laid out (pure): as HTML (the page and the PDF print the same string) and as Markdown.

Charts need no JavaScript: a bar is a ``div`` whose width is its percentage. The print CSS gives A4 pages; a
section may start a new page, a section's title stays with what follows, long texts wrap and keep their lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from app.domain.report import Block, Document, NetworkSection, Report, ReportSection
from app.i18n import N_, Translate

PRESENT, AGREEMENTS = N_('report.present'), N_('report.agreements')

CSS = '''
.report { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1d2b27; line-height: 1.4;
          max-width: 60rem; margin: 0 auto; font-size: 15px; }
.report h1, .report h2, .report h3 { line-height: 1.25; font-weight: 700; letter-spacing: normal; }
.report h1 { font-size: 1.8em; margin: 0 0 .2em; overflow-wrap: anywhere; }
.report h2 { font-size: 1.3em; margin: 1.4em 0 .3em; border-bottom: 2px solid #1f6f5c; padding-bottom: .15em;
             overflow-wrap: anywhere; break-after: avoid; }
.report h3 { font-size: 1.05em; margin: .9em 0 .2em; break-after: avoid; overflow-wrap: anywhere; }
.report .meta { color: #4d5d58; margin: 0 0 .6em; }
.report .kind { color: #1f6f5c; font-weight: bold; text-transform: uppercase; font-size: .75em;
                letter-spacing: .05em; display: block; margin-bottom: .15em; }
.report .summary { color: #4d5d58; margin: .1em 0 .5em; }
.report .bars { margin: .4em 0 .6em; }
.report .bar { display: flex; align-items: center; gap: .5em; margin: .2em 0; break-inside: avoid; }
.report .bar-label { width: 30%; overflow-wrap: anywhere; }
.report p { margin: .2em 0; }
.report .bar-track { flex: 1; background: #e7efec; height: 1.1em; border-radius: 3px; }
.report .bar-fill { background: #1f6f5c; height: 100%; border-radius: 3px; }
.report .bar-value { width: 7.5em; text-align: right; white-space: nowrap; }
.report .figures { display: flex; flex-wrap: wrap; gap: 1.5em; margin: .3em 0 .6em; }
.report .figure b { font-size: 1.3em; }
.report ul { margin: .2em 0 .6em; padding-left: 1.2em; }
.report li, .report .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .15em 0; }
.report .note { color: #4d5d58; font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; }
.report .who { color: #4d5d58; }
.report .meeting { margin-bottom: 2em; }
.report table { border-collapse: collapse; margin: .4em 0 1em; }
.report th, .report td { border: 1px solid #c9d6d2; padding: .25em .6em; text-align: left; }
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: counter(page) " / " counter(pages);
        font-size: 9pt; color: #4d5d58; } }
@media print {
  .report { max-width: none; font-size: 10.5pt; }
  .report .meeting + .meeting { break-before: page; }
  .report .bar-fill { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
'''


def html_document(document: Document, t: Translate) -> str:
    """A whole HTML page (for the PDF, or saved as it is)."""
    return (f'<!doctype html><html lang="{t.lang}"><head><meta charset="utf-8"><title>{escape(document.title)}'
            f'</title><style>{CSS}</style></head><body>{html_body(document, t)}</body></html>')


def html_body(document: Document, t: Translate) -> str:
    """The report as an HTML fragment (``<div class="report">``), styled by ``CSS``."""
    return '<div class="report" data-testid="report">' + ''.join(_html(document, t)) + '</div>'


def _html(document: Document, t: Translate) -> Iterator[str]:
    single = len(document.reports) == 1 and not document.network
    if not single:
        yield f'<h1>{escape(document.title)}</h1>'
        if document.subtitle:
            yield f'<p class="meta">{escape(document.subtitle)}</p>'
        for section in document.network:
            yield from _html_network(section)
    if not document.reports:
        yield f'<p class="summary">{escape(t("report.no_meetings"))}</p>'
    for report in document.reports:
        yield '<section class="meeting">'
        yield from _html_meeting(report, t, 'h1' if single else 'h2')
        yield '</section>'


def _html_network(section: NetworkSection) -> Iterator[str]:
    yield f'<h2>{escape(section.title)}</h2>'
    if section.columns:
        yield '<table><tr>' + ''.join(f'<th>{escape(column)}</th>' for column in section.columns) + '</tr>'
        for row in section.rows:
            yield '<tr>' + ''.join(f'<td>{escape(cell)}</td>' for cell in row) + '</tr>'
        yield '</table>'
    if section.lines:
        yield '<ul>' + ''.join(f'<li>{escape(line)}</li>' for line in section.lines) + '</ul>'


def _html_meeting(report: Report, t: Translate, head: str) -> Iterator[str]:
    sub = 'h2' if head == 'h1' else 'h3'
    yield f'<{head}>{escape(report.title)}</{head}>'
    meta = _meta(report, t)
    if meta:
        yield f'<p class="meta">{escape(meta)}</p>'
    yield f'<{sub}>{escape(t(PRESENT))}</{sub}>'
    yield from _html_attendance(report, t)
    for section in report.sections:
        yield from _html_section(section, t, sub)
    if report.agreements:
        yield f'<{sub}>{escape(t(AGREEMENTS))}</{sub}><ul>'
        for agreement in report.agreements:
            who = f' <span class="who">— {escape(agreement.who)}</span>' if agreement.who else ''
            yield f'<li>{escape(agreement.text)}{who}</li>'
        yield '</ul>'


def _html_attendance(report: Report, t: Translate) -> Iterator[str]:
    people = report.attendance
    yield f'<p class="summary">{escape(t.plural("report.people", people.total))}</p>'
    if people.names:
        yield f'<p class="text">{escape(", ".join(people.names))}</p>'
    if people.others:
        label = t('report.others') if people.names else t('report.per_organisation')
        yield f'<p class="text">{escape(label)}: ' + escape(', '.join(
            f'{org} ({count})' for org, count in people.others)) + '</p>'


def _html_section(section: ReportSection, t: Translate, head: str) -> Iterator[str]:
    yield (f'<{head}><span class="kind">{section.number}. {escape(section.kind_label)}</span>'
           f'{escape(section.text)}</{head}>')
    if section.summary:
        yield f'<p class="summary">{escape(section.summary)}</p>'
    if section.bars:
        yield '<div class="bars">'
        for bar in section.bars:
            yield (f'<div class="bar"><span class="bar-label">{escape(bar.label)}</span>'
                   f'<span class="bar-track"><span class="bar-fill" style="display:block;width:{bar.percent}%">'
                   f'</span></span><span class="bar-value">{bar.count} ({bar.percent}%)</span></div>')
        yield '</div>'
    if section.figures:
        yield '<div class="figures">' + ''.join(
            f'<span class="figure">{escape(f.label)}: <b>{escape(f.value)}</b></span>' for f in section.figures) \
            + '</div>'
    for block in section.blocks:
        yield from _html_block(block)


def _html_block(block: Block) -> Iterator[str]:
    yield f'<div class="block"><p><b>{escape(block.title)}</b></p>'
    if block.note:
        yield f'<p class="note">{escape(block.note)}</p>'
    if block.quotes:
        yield '<ul>'
        for quote in block.quotes:
            label = f'<b>{escape(quote.label)}:</b> ' if quote.label else ''
            name = f' <span class="who">— {escape(quote.name)}</span>' if quote.name else ''
            yield f'<li>{label}{escape(quote.text)}{name}</li>'
        yield '</ul>'
    yield '</div>'


def _meta(report: Report, t: Translate) -> str:
    parts = [report.date] if report.date else []
    if report.place:
        parts.append(report.place)
    if report.host:
        parts.append(t('report.host', host=report.host))
    return ' · '.join(parts)


# Markdown
def markdown(document: Document, t: Translate) -> str:
    return '\n'.join(_markdown(document, t)).rstrip() + '\n'


def _md(text: str) -> str:
    """User text on a Markdown line: characters that would start markup are escaped."""
    out = text.replace('\\', '\\\\')
    for ch in '*_`[]<>#|':
        out = out.replace(ch, '\\' + ch)
    return out


def _md_lines(text: str, indent: str = '  ') -> str:
    """A multi-line text inside a list item: its lines stay lines."""
    return ('  \n' + indent).join(_md(line) for line in text.splitlines() or [''])


def _markdown(document: Document, t: Translate) -> Iterator[str]:
    single = len(document.reports) == 1 and not document.network
    level = '#' if single else '##'
    if not single:
        yield f'# {_md(document.title)}'
        yield ''
        if document.subtitle:
            yield _md(document.subtitle)
            yield ''
        for section in document.network:
            yield from _markdown_network(section)
    if not document.reports:
        yield t('report.no_meetings')
    for report in document.reports:
        yield from _markdown_meeting(report, t, level)


def _markdown_network(section: NetworkSection) -> Iterator[str]:
    yield f'## {_md(section.title)}'
    yield ''
    if section.columns:
        yield '| ' + ' | '.join(_md(column) for column in section.columns) + ' |'
        yield '|' + '---|' * len(section.columns)
        for row in section.rows:
            yield '| ' + ' | '.join(_md(cell) for cell in row) + ' |'
        yield ''
    if section.lines:
        yield from (f'- {_md(line)}' for line in section.lines)
        yield ''


def _markdown_meeting(report: Report, t: Translate, level: str) -> Iterator[str]:
    sub = level + '#'
    yield f'{level} {_md(report.title)}'
    yield ''
    meta = _meta(report, t)
    if meta:
        yield _md(meta)
        yield ''
    yield f'{sub} {_md(t(PRESENT))}'
    yield ''
    people = report.attendance
    yield t.plural('report.people', people.total)
    yield ''
    if people.names:
        yield _md(', '.join(people.names))
        yield ''
    if people.others:
        label = t('report.others') if people.names else t('report.per_organisation')
        yield _md(f'{label}: ' + ', '.join(f'{org} ({count})' for org, count in people.others))
        yield ''
    for section in report.sections:
        yield f'{sub} {section.number}. {_md(section.kind_label)}: {_md(section.text)}'
        yield ''
        if section.summary:
            yield _md(section.summary)
            yield ''
        for bar in section.bars:
            yield (f'- {_md(bar.label)}: {bar.count} ({bar.percent}%) ' + '█' * round(bar.percent / 5)).rstrip()
        if section.bars:
            yield ''
        if section.figures:
            yield ' · '.join(f'{_md(f.label)}: **{_md(f.value)}**' for f in section.figures)
            yield ''
        for block in section.blocks:
            yield f'**{_md(block.title)}**'
            yield ''
            if block.note:
                yield f'_{_md_lines(block.note, "")}_'
                yield ''
            for quote in block.quotes:
                label = f'**{_md(quote.label)}:** ' if quote.label else ''
                name = f' — {_md(quote.name)}' if quote.name else ''
                yield f'- {label}{_md_lines(quote.text)}{name}'
            if block.quotes:
                yield ''
    if report.agreements:
        yield f'{sub} {_md(t(AGREEMENTS))}'
        yield ''
        for agreement in report.agreements:
            yield f'- {_md(agreement.text)}' + (f' — {_md(agreement.who)}' if agreement.who else '')
        yield ''
