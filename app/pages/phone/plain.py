"""The start page and the join form as plain HTML: usable on a cheap phone over bad Wi-Fi within a second or two.

A NiceGUI page needs Vue and Quasar (about 250 KB compressed) before it shows anything; at 400 kbit/s that alone
is five seconds. These two pages are a form each (a few KB, no script needed) that looks the same; once a form
can be used, the browser fetches what the live phone page needs into its cache (``phone_assets``), so that the
page after "Ik doe mee" and every activity after it come from the cache.

The form posts to the same URL; a refusal ("Je naam is te lang") is shown above the fields with what was typed;
a join goes through the same services as the live page's form (which stays for a phone that is already open:
after leaving, when a meeting is unlocked, ...).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from nicegui import app

from app.domain.codes import CODE_LENGTH
from app.domain.errors import Refused
from app.domain.networks import MemberRef
from app.i18n import LANGUAGES, Translate, pick_language, translator
from app.live.room import Room
from app.pages.common import client_ip
from app.pages.phone.assets import PRIMARY, phone_assets, roboto
from app.system import System

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / 'templates'),
                        autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
NO_STORE = {'Cache-Control': 'no-store'}
ECHOED = 2000  # a refused join shows the form again with what was typed (too long: the message says so), not more


def _page(template: str, lang: str, t: Translate, path: str, status: int = 200, **context: object) -> Response:
    html = TEMPLATES.get_template(template).render(
        lang=lang, t=t, title=t('app.name'), app_name=t('app.name'), primary=PRIMARY, roboto=roboto(),
        switch_url=path, other_lang=other_language(lang), switch_label=t('lang.switch'),
        prefetch=phone_assets(lang), **context)
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def start_page(lang: str, *, code: str = '', error: str = '', more: tuple[str, str], status: int = 200) -> Response:
    """``more``: the facilitator's link (label, URL)."""
    t = translator(lang)
    return _page('start.html', lang, t, '/', status, code=code, error=error,
                 code_max=CODE_LENGTH + 4, more_label=more[0], more_url=more[1])


def join_page(lang: str, room: Room, members: list[MemberRef], *, name: str = '', organisation: str = '',
              member: int | None = None, error: str = '', status: int = 200) -> Response:
    t = translator(lang)
    code = room.info.join_code
    return _page('join.html', lang, t, f'/{code}', status, action=f'/{code}',
                 meeting_title=room.info.title, members=members, member=member, name=name,
                 organisation=organisation, error=error)


def language_asked(request: Request) -> bool:
    """``?lang=en`` (the plain pages' language link): remembered for this device like the live pages' switch."""
    lang = request.query_params.get('lang')
    if lang in LANGUAGES:
        app.storage.user['lang'] = lang
        return True
    return False


def plain_join_possible(room: Room, device: str, recognised: MemberRef | None) -> bool:
    """The join form is what this device would see (not joined, not removed, the meeting open to newcomers);
    a member recognised on this device gets the live page ("Welkom terug", one tap)."""
    info = room.info
    return (room.roster.participant_for_device(device) is None and not room.roster.is_removed(device)
            and info.state != 'closed' and not info.locked and recognised is None)


def register(system: System) -> None:
    @app.post('/{code}', include_in_schema=False)
    async def join(code: str, request: Request, name: str = Form(''), organisation: str = Form(''),
                   member: str = Form(''), lang: str = Form('')) -> Response:
        """The plain join form was sent: join, then the live phone page; refused: the form again, with why."""
        lang = pick_language(lang, system.settings.language)
        room = await system.rooms.by_code(code.upper())
        if room is None:  # the meeting was deleted since the form was shown
            return RedirectResponse(f'/{code}', status_code=303)
        device = str(request.session['id'])  # NiceGUI's browser id, as app.storage.browser['id'] on the page
        member_id = int(member) if member.isdigit() else None
        try:
            await system.networks.at_meeting.join(room, device, name, organisation, client_ip(system, request),
                                                  member_id)
        except Refused as error:
            if error.key in ('error.meeting_closed', 'error.meeting_locked') or room.roster.is_removed(device):
                return RedirectResponse(f'/{room.info.join_code}', status_code=303)  # the live page says so
            members = await system.networks.at_meeting.choices(room)
            return join_page(lang, room, members, name=name[:ECHOED], organisation=organisation[:ECHOED],
                             member=member_id,
                             error=error.text(translator(lang)), status=422)
        return RedirectResponse(f'/{room.info.join_code}', status_code=303)
