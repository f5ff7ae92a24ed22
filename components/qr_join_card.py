"""The big QR code with the short URL and the code beside it (the screen's join card)."""

from __future__ import annotations

import base64
from functools import lru_cache

import qrcode
import qrcode.image.svg
from nicegui import ui

# the screen may be shared in a video call as a small window (960×540): the QR and the URL keep a readable minimum
QR_WIDTH = 'max(11rem, min(46vh, 38vw))'
SHORT_SIZE = 'clamp(1.75rem, 5.2vh, 2.25rem)'


@lru_cache(maxsize=256)
def qr_data_url(target: str) -> str:
    """An SVG QR code for ``target`` as a data URL; made once per URL."""
    image = qrcode.make(target, image_factory=qrcode.image.svg.SvgPathFillImage, border=2,
                        error_correction=qrcode.constants.ERROR_CORRECT_M)
    return 'data:image/svg+xml;base64,' + base64.b64encode(image.to_string()).decode()


def qr_join_card(target: str, short: str, code: str, *, scan_text: str, or_text: str, code_text: str) -> ui.element:
    """QR for ``target``; under it ``short`` (the URL to type) and the ``code`` in large type."""
    with ui.column().classes('items-center gap-2 w-full') as card:
        ui.label(scan_text).classes('text-3xl font-bold text-center')
        image = ui.image(qr_data_url(target)).classes('bg-white rounded-xl').style(f'width: {QR_WIDTH}; height: auto') \
            .props('no-spinner no-transition data-testid=qr').mark('qr')
        image.props['alt'] = code
        ui.label(or_text).classes('text-2xl text-grey-4')
        address, _, last = short.rpartition('/')  # wraps after the slash, never inside the code
        with ui.element('div').classes('font-bold text-center leading-tight max-w-full') \
                .style(f'font-size: {SHORT_SIZE}').mark('short-url').props('data-testid=short-url'):
            ui.label(f'{address}/' if address else '').classes('inline-block break-all max-w-full')
            ui.label(last).classes('inline-block whitespace-nowrap')
        with ui.row().classes('items-baseline gap-4'):
            ui.label(code_text).classes('text-3xl text-grey-4')
            ui.label(code).classes('font-mono font-black tracking-widest text-yellow-300') \
                .style('font-size: 8vh; line-height: 1').mark('join-code').props('data-testid=join-code')
    return card
