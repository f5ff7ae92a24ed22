"""A client that leaves mid-request: no ERROR in the log, no traceback; other errors still surface."""

from __future__ import annotations

import asyncio
import logging

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.routing import Mount, Route

from app.asgi import QuietDisconnects, quiet_disconnects


class PassThrough(BaseHTTPMiddleware):  # as NiceGUI's own middlewares are
    async def dispatch(self, request, call_next):
        return await call_next(request)


async def slow(scope, receive, send) -> None:
    """As a file response does when the browser leaves before the file is open: it stops, having sent nothing."""
    while (await receive())['type'] != 'http.disconnect':
        pass


async def broken(request):
    raise ValueError('a real bug')


def make_app() -> Starlette:
    return Starlette(routes=[Mount('/slow', slow), Route('/broken', broken)],
                     middleware=[Middleware(PassThrough), Middleware(PassThrough)])


async def call(app, path: str, *, leave: bool) -> list[dict]:
    """One GET; with ``leave`` the browser goes away right after sending it (as a cancelled prefetch does)."""
    sent: list[dict] = []
    messages = [{'type': 'http.request', 'body': b'', 'more_body': False}]

    async def receive() -> dict:
        if messages:
            return messages.pop(0)
        if leave:
            return {'type': 'http.disconnect'}
        await asyncio.sleep(3600)
        return {'type': 'http.disconnect'}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {'type': 'http', 'asgi': {'version': '3.0'}, 'http_version': '1.1', 'method': 'GET', 'scheme': 'http',
             'path': path, 'raw_path': path.encode(), 'query_string': b'', 'root_path': '', 'headers': [],
             'client': ('127.0.0.1', 1), 'server': ('127.0.0.1', 80)}
    await asyncio.wait_for(app(scope, receive, send), 5)
    return sent


def test_without_it_a_disconnect_is_an_error() -> None:
    """What the server logged as "Exception in ASGI application": the reason this module exists."""
    with pytest.raises(RuntimeError, match='No response returned'):
        asyncio.run(call(make_app(), '/slow/file.js', leave=True))


def test_a_client_that_leaves_mid_request_logs_no_error(caplog: pytest.LogCaptureFixture) -> None:
    app = make_app()
    quiet_disconnects(app)  # as app.main.build does to NiceGUI's app
    with caplog.at_level(logging.DEBUG):
        asyncio.run(call(app, '/slow/file.js', leave=True))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_other_errors_still_surface() -> None:
    app = QuietDisconnects(make_app())
    with pytest.raises(ValueError, match='a real bug'):
        asyncio.run(call(app, '/broken', leave=False))


def test_no_response_while_the_client_is_there_still_surfaces() -> None:
    async def silent(scope, receive, send) -> None:
        raise RuntimeError('No response returned.')
    with pytest.raises(RuntimeError):
        asyncio.run(call(QuietDisconnects(silent), '/x', leave=False))
