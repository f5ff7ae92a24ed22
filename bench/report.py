"""The one table ``bench/load.py`` prints: a row per figure, a column per number of phones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.harness import percentile

Row = dict[str, str]


def ms(value: float | None) -> str:
    return '–' if value is None else f'{value * 1000:.0f}'


def trio(values: list[float] | None, qs: tuple[float, float, float] = (50, 95, 99)) -> str:
    if not values:
        return '–'
    return ' / '.join(ms(percentile(values, q)) for q in qs)


def ratio(app: list[float] | None, bare: list[float] | None, qs: tuple[float, float, float] = (50, 95, 99)) -> str:
    if not app or not bare:
        return '–'
    parts = []
    for q in qs:
        a, b = percentile(app, q), percentile(bare, q)
        parts.append(f'{a / b:.1f}' if a is not None and b else '–')
    return ' / '.join(parts)


def phases(values: dict[str, Any], show: Callable[[Any], str]) -> str:
    return ' / '.join(show(values[p]) if p in values else '–' for p in ('join', 'spread', 'burst', 'next'))


def column(n: int, f: dict[str, Any], b: dict[str, Any] | None) -> Row:
    """One column of the table: the figures of the app's run (``f``) and the bare run (``b``) for N phones."""
    db_rows, db_final = f.get('db', (-1, -1))
    cpu = f.get('cpu', [])
    col = {
        'phones joined': f'{f.get("joined", 0)}/{n}',
        'join all N, s': '–' if f.get('join_all') is None else f'{f["join_all"]:.1f}',
        'join one phone p95, ms': ms(f.get('join_p95')),
        'join taps repeated after a server error': str(f.get('join_retries', '–')),
        'vote→screen spread p50/p95/p99, ms': trio(f.get('spread')),
        'vote→screen burst p50/p95/p99, ms': trio(f.get('burst')),
        'votes not seen on screen (spread+burst)': str(f.get('spread_missing', 0) + f.get('burst_missing', 0)),
        'next statement→phones p50/p95/max, ms': trio(f.get('next'), (50, 95, 100)),
        'phones without next statement': str(f.get('next_missing', '–')),
        'server RSS before/after, MB': '–' if 'rss_after' not in f else
        f'{f["rss_before"] / 1024:.0f} / {f["rss_after"] / 1024:.0f}',
        'server RSS per phone, KB': '–' if 'rss_after' not in f else f'{(f["rss_after"] - f["rss_before"]) / n:.0f}',
        'server CPU s: join / votes / next': ' / '.join(f'{c:.1f}' for c in cpu) if cpu else '–',
        'phone disconnects / reconnects; screen+control disconnects':
            f'{f.get("disconnects", "–")} / {f.get("reconnects", "–")}; {f.get("own_lost", "–")}',
        'phones disconnected in join/spread/burst/next': phases(f['lost'], str),
        'socket connect errors / HTTP errors / reloads asked': f'{f.get("connect_errors", "–")} / '
                                                              f'{f.get("http_errors", "–")} / {f.get("reloads", "–")}',
        'generators worst loop lag join/spread/burst/next, ms': phases(f['lag'], ms),
        'votes sent / acknowledged': f'{f.get("spread_sent", 0) + f.get("burst_sent", 0)} / '
                                     f'{f.get("spread_acked", 0) + f.get("burst_acked", 0)}',
        'DB: response rows / rows holding the last vote': f'{db_rows} / {db_final}',
    }
    if b is not None:
        col.update({
            'bare: vote→screen spread p50/p95/p99, ms': trio(b.get('spread')),
            'bare: vote→screen burst p50/p95/p99, ms': trio(b.get('burst')),
            'bare: broadcast→all p50/p95/max, ms': trio(b.get('next'), (50, 95, 100)),
            'bare: connected; disconnects / reconnects; votes acked':
                f'{b.get("joined", 0)}/{n}; {b.get("disconnects", "–")} / {b.get("reconnects", "–")}; '
                f'{b.get("spread_acked", 0) + b.get("burst_acked", 0)}',
            'bare: generators worst loop lag, ms': phases(b.get('lag', {}), ms),
            'ratio app/bare spread p50/p95/p99': ratio(f.get('spread'), b.get('spread')),
            'ratio app/bare burst p50/p95/p99': ratio(f.get('burst'), b.get('burst')),
            'ratio app/bare next p50/p95/max': ratio(f.get('next'), b.get('next'), (50, 95, 100)),
        })
    return col


def print_table(sizes: list[int], columns: list[Row]) -> None:
    names = list(columns[0])
    width = max(len(name) for name in names)
    widths = [max(len(str(n)) + 2, *(len(c[name]) for name in names)) for n, c in zip(sizes, columns, strict=True)]
    print('| ' + 'N'.ljust(width) + ' | ' + ' | '.join(f'{n}'.rjust(w) for n, w in zip(sizes, widths, strict=True))
          + ' |')
    print('|' + '-' * (width + 2) + '|' + '|'.join('-' * (w + 1) + ':' for w in widths) + '|')
    for name in names:
        print('| ' + name.ljust(width) + ' | ' + ' | '.join(c[name].rjust(w) for c, w in zip(columns, widths,
                                                                                            strict=True)) + ' |')
