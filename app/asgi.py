"""A browser that leaves mid-request (a cancelled prefetch, a closed tab) is not an error.

NiceGUI's own middlewares are Starlette ``BaseHTTPMiddleware``s. When the client disconnects before the app answered,
the app underneath returns without a response and ``BaseHTTPMiddleware`` raises ``RuntimeError('No response
returned.')``, which the server logs as ``ERROR: Exception in ASGI application`` with a long traceback.
``QuietDisconnects`` wraps the whole application (outside every middleware, pure ASGI): it watches the request's
``receive`` for ``http.disconnect`` and drops exactly that error when the client had gone (the 500 that Starlette
sends then reaches nobody). Any other error, or that error while the client is still there, is raised as before.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
NO_RESPONSE = 'No response returned.'


class QuietDisconnects:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        gone = False

        async def watched_receive() -> Message:
            nonlocal gone
            message = await receive()
            if message['type'] == 'http.disconnect':
                gone = True
            return message

        try:
            await self.app(scope, watched_receive, send)
        except RuntimeError as error:
            if not (gone and str(error) == NO_RESPONSE):
                raise
            log.debug('client left before %s %s was answered', scope.get('method'), scope.get('path'))


def quiet_disconnects(app: Any) -> None:
    """Wrap ``app``'s middleware stack (built on its first call, after ``ui.run`` added NiceGUI's middlewares) in
    ``QuietDisconnects``."""
    build = app.build_middleware_stack

    def build_quietly() -> ASGIApp:
        return QuietDisconnects(build())

    app.build_middleware_stack = build_quietly
