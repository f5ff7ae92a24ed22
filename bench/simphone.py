"""Simulated browsers: a NiceGUI page spoken over HTTP and socket.io the way ``nicegui.js`` speaks it.

``Browser`` keeps the cookies (the signed session cookie is who the participant is) and a tab id across
navigations. ``NicePage`` loads one page: it parses the elements JSON and the socket.io query from the HTML,
opens ``/_nicegui_ws/socket.io`` with that query (implicit handshake, like the browser), applies every ``update``
message to its element tree, answers with ``ack`` every 3 s and emits ``event`` messages for clicks and input.
Every socket gets its own aiohttp session, created and closed by python-engineio itself: a session shared
between sockets is closed by the first ``AsyncClient`` that is garbage-collected, cutting the next socket.
Unexpected disconnects are counted in ``COUNTERS``. ``Phone``, ``Screen`` and ``Facilitator`` are the roles.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import re
import time
import urllib.parse
import uuid
import weakref
from collections.abc import Callable
from typing import Any

import aiohttp
import socketio
from yarl import URL

WS_PATH = '/_nicegui_ws/socket.io'
_ELEMENTS = re.compile(r'parseElements\(String\.raw`(.*?)`\)', re.S)
_QUERY = re.compile(r'query: (\{.*?\}),\s*\n')
_UNESCAPE = (('&#36;', '$'), ('&#96;', '`'), ('&gt;', '>'), ('&lt;', '<'), ('&amp;', '&'))  # as nicegui.js
COUNTERS: dict[str, int] = {'sockets': 0, 'disconnects': 0, 'reconnects': 0, 'connect_errors': 0, 'http_errors': 0,
                            'reloads': 0, 'join_retries': 0}
DISCONNECTS: list[tuple[float, str]] = []  # (when, reason) of every disconnect the client did not ask for
_PAGES: weakref.WeakSet[NicePage] = weakref.WeakSet()

Element = dict[str, Any]
UpdateHook = Callable[['NicePage', dict[str, Element | None], float], None]


def now() -> float:
    """CLOCK_MONOTONIC: the same clock in every process of this machine."""
    return time.monotonic()


def count_disconnect(reason: object) -> None:
    """python-engineio's reasons: 'server disconnect' (e.g. the server's ping timeout) or 'transport error'
    (e.g. nothing heard from the server for ping interval + ping timeout, as socket.io-client also decides)."""
    COUNTERS['disconnects'] += 1
    DISCONNECTS.append((now(), str(reason)))


def new_socket_client() -> socketio.AsyncClient:
    """A python-socketio client that owns its aiohttp session (python-engineio makes and closes it; no session is
    shared between sockets) and reconnects like socket.io-client (1 s doubling to 5 s, ±50 %)."""
    return socketio.AsyncClient(reconnection=True, reconnection_delay=1, reconnection_delay_max=5,
                                randomization_factor=0.5, handle_sigint=False, request_timeout=30,
                                timestamp_requests=False)


class Browser:
    """Cookies and the tab id of one simulated browser tab."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip('/')
        self.tab_id = str(uuid.uuid4())  # sessionStorage: kept across navigations in one tab
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),  # unsafe: IP addresses
                                          timeout=aiohttp.ClientTimeout(total=60))

    async def get(self, path: str) -> str:
        async with self.http.get(self.base_url + path) as response:
            if response.status != 200:
                COUNTERS['http_errors'] += 1
                raise RuntimeError(f'GET {path}: HTTP {response.status}')
            return await response.text()

    async def post_form(self, path: str, fields: dict[str, str]) -> str:
        """A form posted like a browser: redirects followed, the page it ends on returned (a refusal is a 422 page
        with its message)."""
        async with self.http.post(self.base_url + path, data=fields) as response:
            if response.status not in (200, 422):
                COUNTERS['http_errors'] += 1
                raise RuntimeError(f'POST {path}: HTTP {response.status}')
            return await response.text()

    def cookie_header(self) -> str:
        cookies = self.http.cookie_jar.filter_cookies(URL(self.base_url))
        return '; '.join(f'{key}={morsel.value}' for key, morsel in cookies.items())

    async def close(self) -> None:
        await self.http.close()


class NicePage:
    """One loaded NiceGUI page: its element tree, kept up to date from ``update`` messages."""

    def __init__(self, browser: Browser, on_update: UpdateHook | None = None, label: str = '') -> None:
        self.browser = browser
        self.on_update = on_update
        self.label = label  # named in the disconnect reasons (the screen, the control page)
        self.elements: dict[str, Element] = {}
        self.by_testid: dict[str, str] = {}
        self.client_id = ''
        self.next_message_id = 0
        self.acked_message_id = -1
        self.opened: list[str] = []  # paths of "open" (navigate) messages
        self.notifications: list[str] = []  # ui.notify texts
        self.messages = 0
        self.changed = asyncio.Event()
        self.sio: socketio.AsyncClient | None = None
        self.closing = False
        self.disconnected = False
        self.online = asyncio.Event()  # connected (again)
        self.path = ''
        self.reloads = 0  # times this page was loaded again because the server did not know it (another instance)
        self.reloaded_at: float | None = None  # when the last such reload had its page connected again
        # where a comeback's time goes (bench/faults.py): the last unexpected disconnect, the start of the last
        # reload (the reconnect's handshake failed) and when its page's HTML arrived
        self.disconnected_at: float | None = None
        self.reload_started_at: float | None = None
        self.page_loaded_at: float | None = None
        self._reloading: asyncio.Task[None] | None = None

    async def load(self, path: str, html: str | None = None) -> None:
        """GET ``path`` (or take ``html``, the page a form post ended on) and connect its socket."""
        self.path = path
        html = await self.browser.get(path) if html is None else html
        self.page_loaded_at = now()
        raw, query = _ELEMENTS.search(html), _QUERY.search(html)
        if raw is None or query is None:
            raise RuntimeError(f'{path}: no NiceGUI page')
        text = raw.group(1)
        for escaped, char in _UNESCAPE:
            text = text.replace(escaped, char)
        self._apply(json.loads(text), now(), notify=False)
        params: dict[str, Any] = ast.literal_eval(query.group(1))
        self.client_id = str(params['client_id'])
        self.next_message_id = int(params['next_message_id'])
        await self._connect(params)

    async def _connect(self, params: dict[str, Any]) -> None:
        params = {**params, 'document_id': str(uuid.uuid4()), 'tab_id': self.browser.tab_id, 'old_tab_id': None}
        cookie = self.browser.cookie_header()

        def url() -> str:  # asked again on every reconnect: nicegui.js then sends its current next_message_id
            query = {**params, 'next_message_id': self.next_message_id}
            return f'{self.browser.base_url}/?{urllib.parse.urlencode({k: _js(v) for k, v in query.items()})}'

        sio = self.sio = new_socket_client()
        sio.on('*', self._message)
        sio.on('connect', self._connected)
        sio.on('disconnect', self._disconnect)
        sio.on('connect_error', self._connect_error)
        try:  # headers as a function: python-engineio takes the Cookie out of a dict, a reconnect would lack it
            await sio.connect(url, headers=lambda: {'Cookie': cookie}, transports=['websocket'],
                              socketio_path=WS_PATH, wait_timeout=60)
        except Exception:
            COUNTERS['connect_errors'] += 1
            raise
        COUNTERS['sockets'] += 1
        _PAGES.add(self)

    def _connected(self) -> None:
        self.online.set()
        if self.disconnected:  # python-socketio reconnected: the server rewinds to our next_message_id
            self.disconnected = False
            COUNTERS['reconnects'] += 1

    def _connect_error(self, data: Any = None) -> None:
        message = str(data.get('message', '') if isinstance(data, dict) else data)
        if 'handshake' in message.lower() and not self.closing and self._reloading is None:
            self._reloading = asyncio.get_running_loop().create_task(self._reload())

    async def reload(self) -> None:
        """The person reloads the page (from wherever the balancer sends it)."""
        if self._reloading is None:
            self._reloading = asyncio.get_running_loop().create_task(self._reload())
        await self._reloading

    async def _reload(self) -> None:
        """What nicegui.js does when a reconnect's handshake fails (the instance that served the page is gone and
        the balancer sent the socket to another): load the page again, from wherever the balancer sends it."""
        self.reload_started_at = now()
        COUNTERS['reloads'] += 1
        self.reloads += 1
        old, self.sio = self.sio, None
        if old is not None:
            await old.shutdown()  # stops its reconnection loop (this runs beside it, not in its handler)
        self.elements.clear()
        self.by_testid.clear()
        for pause in (0.5, 1, 2, 4, 8):
            try:
                await self.load(self.path)
                break
            except Exception:  # the balancer has not noticed yet either: try again, like a browser would
                await asyncio.sleep(pause)
        self.disconnected = False
        self._reloading = None
        self.reloaded_at = now()
        if self.on_update is not None:  # what the new page shows counts as arrived now (the screen's tallies)
            self.on_update(self, dict(self.elements), now())
        self.changed.set()

    async def close(self) -> None:
        """Leave the page (the browser unloads it): an intended disconnect, not counted."""
        self.closing = True
        _PAGES.discard(self)
        if self.sio is not None:
            await self.sio.shutdown()
            self.sio = None

    def _disconnect(self, reason: object = '') -> None:
        self.online.clear()
        if not self.closing and self._reloading is None:  # not the old socket of a reload
            self.disconnected = True
            self.disconnected_at = now()
            count_disconnect(f'{self.label}: {reason}' if self.label else reason)
            self.changed.set()

    def _message(self, event: str, data: Any = None) -> None:
        at = now()
        self.messages += 1
        if isinstance(data, dict) and '_id' in data:
            if data['_id'] < self.next_message_id:
                return  # already seen (after a rewind)
            self.next_message_id = data.pop('_id') + 1
        if event == 'update':
            self._apply(data, at)
        elif event == 'open':
            self.opened.append(str(data.get('path', '')))
            self.changed.set()
        elif event == 'notify':
            self.notifications.append(str(data.get('message', '')))
            self.changed.set()
        elif event == 'try_reconnect' or (event == 'run_javascript' and 'location.reload' in str(data.get('code'))):
            COUNTERS['reloads'] += 1  # a browser would reload the page (e.g. the server could not rewind)

    def _apply(self, elements: dict[str, Element | None], at: float, *, notify: bool = True) -> None:
        for key, element in elements.items():
            old = self.elements.pop(key, None)
            if old is not None and self.by_testid.get(_testid(old)) == key:
                del self.by_testid[_testid(old)]
            if element is not None:
                self.elements[key] = element
                if testid := _testid(element):
                    self.by_testid[testid] = key
        if notify and self.on_update is not None:
            self.on_update(self, elements, at)
        self.changed.set()

    # reading the tree
    def find(self, testid: str) -> Element | None:
        key = self.by_testid.get(testid)
        return self.elements.get(key) if key is not None else None

    def visible(self, testid: str) -> bool:
        element = self.find(testid)
        return element is not None and 'hidden' not in element.get('class', [])

    def text(self, testid: str) -> str | None:
        element = self.find(testid)
        return element.get('text') if element is not None else None

    def key_by_label(self, label: str, tag: str = 'q-btn') -> str:
        for key, element in self.elements.items():
            if element.get('tag') == tag and element.get('props', {}).get('label') == label:
                return key
        raise LookupError(f'no {tag} labelled {label!r}')

    async def wait_for(self, condition: Callable[[], bool], timeout: float) -> None:
        deadline = now() + timeout
        while not condition():
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.0, deadline - now()))

    # acting like the browser
    async def emit_event(self, key: str, event_type: str, *args: Any) -> float:
        """What nicegui.js sends when the element's listener for ``event_type`` fires; returns when it was sent."""
        element = self.elements[key]
        listener = next(e for e in element.get('events', []) if e['type'] == event_type)
        if listener['args'] is not None:
            args = args[:len(listener['args'])]
        message = {'id': int(key), 'client_id': self.client_id, 'listener_id': listener['listener_id'],
                   'args': [json.dumps(arg) for arg in args]}
        assert self.sio is not None
        at = now()
        if not self.sio.connected:  # socket.io-client buffers what is emitted while it reconnects
            await asyncio.wait_for(self.online.wait(), 30)
        await self.sio.emit('event', message)
        return at

    async def click(self, testid: str) -> float:
        return await self.emit_event(self._key(testid), 'click')

    async def fill(self, key: str, value: str) -> float:
        """Type into an input: its ``update:…`` listener (``update:value`` for ``ui.input``) with the new value."""
        event = next(e['type'] for e in self.elements[key].get('events', []) if e['type'].startswith('update:'))
        return await self.emit_event(key, event, value)

    def _key(self, testid: str) -> str:
        key = self.by_testid.get(testid)
        if key is None:
            raise LookupError(f'no element with data-testid={testid}')
        return key

    async def ack(self) -> None:
        if self.sio is not None and self.acked_message_id < self.next_message_id and not self.closing:
            self.acked_message_id = self.next_message_id
            await self.sio.emit('ack', {'client_id': self.client_id, 'next_message_id': self.next_message_id})


async def ack_forever() -> None:
    """nicegui.js acknowledges the messages it got every 3 s (so the server prunes its history): all pages here."""
    while True:
        await asyncio.sleep(3)
        for page in list(_PAGES):
            with contextlib.suppress(Exception):  # a socket that is going away
                await page.ack()


def _testid(element: Element) -> str:
    return str(element.get('props', {}).get('data-testid', ''))


def _js(value: object) -> str:
    """A query value as socket.io-client writes it from a JS object."""
    return 'null' if value is None else str(value).lower() if isinstance(value, bool) else str(value)


class Phone:
    """A participant: opens ``/{code}``, joins with a name, taps vote buttons, sees the next statement arrive."""

    def __init__(self, base_url: str, code: str, name: str, organisation: str = '') -> None:
        self.browser = Browser(base_url)
        self.code, self.name, self.organisation = code, name, organisation
        self.page = NicePage(self.browser, self._updated)
        self.texts: list[tuple[float, str]] = []  # (arrival, text) of every new activity text
        self._vote: tuple[str, asyncio.Future[float]] | None = None

    async def join(self, timeout: float) -> None:
        page = self.page
        html = await self.browser.get(f'/{self.code}')
        if 'data-plain="1"' in html:  # the plain join form (UITWISSELPLEK_PLAIN_PAGES): posted, then the live page
            await self._join_plain(timeout)
            return
        await page.load(f'/{self.code}', html)
        await page.fill(page._key('name'), self.name)
        if self.organisation:
            await page.fill(page._key('organisation'), self.organisation)
        deadline = now() + timeout
        for _ in range(3):  # like a person: an error message under the form, so tap again
            seen = len(page.notifications)
            await page.click('join')
            try:
                await page.wait_for(lambda n=seen: page.visible('activity-text') or page.visible('my-name')
                                    or len(page.notifications) > n, deadline - now())
            except TimeoutError as error:
                raise TimeoutError(f'not in after {timeout:.0f} s: {page.messages} messages, '
                                   f'notified {page.notifications}, showing {sorted(page.by_testid)}') from error
            if page.visible('activity-text') or page.visible('my-name'):
                return
            COUNTERS['join_retries'] += 1
        raise RuntimeError(f'not in after 3 taps: notified {page.notifications}')

    async def _join_plain(self, timeout: float) -> None:
        page = self.page
        fields = {'lang': 'nl', 'name': self.name, 'organisation': self.organisation}
        for _ in range(3):
            html = await asyncio.wait_for(self.browser.post_form(f'/{self.code}', fields), timeout)
            if 'data-plain="1"' not in html:
                break
            COUNTERS['join_retries'] += 1  # the form again, with its message: tap again
        else:
            raise RuntimeError(f'not in after 3 taps: {re.findall(r"role=.alert.[^>]*>([^<]*)", html)}')
        await page.load(f'/{self.code}', html)
        await page.wait_for(lambda: page.visible('activity-text') or page.visible('my-name'), timeout)

    async def vote(self, option: str) -> tuple[float, asyncio.Future[float]]:
        """Tap ``vote-{option}``: the time it was sent, and a future with the time it was acknowledged."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._vote = (option, future)
        return await self.page.click(f'vote-{option}'), future

    def _updated(self, page: NicePage, elements: dict[str, Element | None], at: float) -> None:
        key = page.by_testid.get('activity-text')
        if key is not None and key in elements:
            text = str(page.elements[key].get('text', ''))
            if not self.texts or self.texts[-1][1] != text:
                self.texts.append((at, text))
        if self._vote is not None:
            option, future = self._vote
            button = page.find(f'vote-{option}')
            if page.visible('received') and button and button.get('props', {}).get('aria-pressed') == 'true':
                self._vote = None  # "Ontvangen ✓" shown and this option highlighted: stored
                if not future.done():
                    future.set_result(at)

    async def close(self) -> None:
        await self.page.close()
        await self.browser.close()


class Screen:
    """The projector page: records every new tally (``result-summary``) with its arrival time."""

    def __init__(self, base_url: str, path: str, labels: dict[str, str]) -> None:
        self.browser = Browser(base_url)
        self.path = path
        self.options = {label: option for option, label in labels.items()}  # "Akkoord" -> "agree"
        self.page = NicePage(self.browser, self._updated, 'screen')
        self.timeline: list[tuple[float, dict[str, int]]] = []
        self.answered: list[tuple[float, str]] = []

    async def open(self) -> None:
        await self.page.load(self.path)

    def _updated(self, page: NicePage, elements: dict[str, Element | None], at: float) -> None:
        key = page.by_testid.get('result-summary')
        if key is not None and key in elements:
            counts = self.parse(str(page.elements[key].get('text', '')))
            if not self.timeline or self.timeline[-1][1] != counts:
                self.timeline.append((at, counts))
        key = page.by_testid.get('answered')
        if key is not None and key in elements:
            self.answered.append((at, str(page.elements[key].get('text', ''))))

    def parse(self, summary: str) -> dict[str, int]:
        """"Akkoord: 3 (60%) · Niet akkoord: 2 (40%)" -> {"agree": 3, "disagree": 2}."""
        counts = {}
        for part in summary.split(' · '):
            label, _, rest = part.rpartition(': ')
            if label in self.options:
                counts[self.options[label]] = int(rest.split(' ')[0])
        return counts

    async def close(self) -> None:
        await self.page.close()
        await self.browser.close()


class Facilitator:
    """Logs in on ``/login`` and drives the control page by clicking buttons found by their label."""

    def __init__(self, base_url: str) -> None:
        self.browser = Browser(base_url)
        self.page = NicePage(self.browser, label='control')

    async def login(self, username: str, password: str, labels: tuple[str, str, str], timeout: float) -> None:
        user_label, password_label, submit_label = labels
        page = self.page
        await page.load('/login')
        await page.fill(page.key_by_label(user_label, 'nicegui-input'), username)
        await page.fill(page.key_by_label(password_label, 'nicegui-input'), password)
        await page.emit_event(page.key_by_label(submit_label), 'click')
        await page.wait_for(lambda: bool(page.opened), timeout)  # ui.navigate.to('/dashboard')

    async def open(self, path: str) -> None:
        await self.page.close()  # the browser leaves the login page
        self.page = NicePage(self.browser, label='control')
        await self.page.load(path)

    async def click_label(self, label: str) -> float:
        return await self.page.emit_event(self.page.key_by_label(label), 'click')

    async def close(self) -> None:
        await self.page.close()
        await self.browser.close()
