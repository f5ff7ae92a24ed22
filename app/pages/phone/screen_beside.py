"""Online and hybrid meetings on a participant's own page: the screen beside their controls on a wide window, a link
to open it full-size in a new tab, and (hybrid) "Waar ben je?". A phone keeps one column and never loads the screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from nicegui import background_tasks, ui
from nicegui.events import GenericEventArguments

from app.domain.people import Person
from app.i18n import Translate
from app.live.room import Room
from app.pages.phone.place import PlaceChoice
from components.attributes import with_props

REMOTE_MODES = ('online', 'hybrid')
WIDE = '(min-width: 1024px)'  # Tailwind's lg: where the two columns start
WIDE_EVENT = 'uitwisselplek-wide'
# asks the browser whether the window is wide, and tells the page when that changes (once per window)
WIDE_JS = f"""
const query = window.matchMedia('{WIDE}');
if (!window.uitwisselplekWide) {{
  window.uitwisselplekWide = true;
  query.addEventListener('change', (event) => emitEvent('{WIDE_EVENT}', event.matches));
}}
return query.matches;
"""


def screen_path(room: Room) -> str:
    return f'/m/{room.info.id}/view'


class ScreenBeside:
    """Built lazily: a meeting in the room (most of them) never builds the frame, the link or "Waar ben je?" — a
    dozen elements per phone that a big plenary would make, send and keep for nothing. They are made the first time
    the meeting is online or hybrid, in the places they always had, and kept (shown or hidden) from then on."""

    def __init__(self, room: Room, t: Translate, person: Callable[[], Person | None]) -> None:
        self.room, self.t, self.person = room, t, person
        self.client = ui.context.client
        self.wide = False  # the browser said its window is at least 1024 px wide
        self.place: PlaceChoice | None = None
        self.place_for = ''  # the participant the place choice was built for
        self.outer: ui.element | None = None
        self.frame_box: ui.element | None = None
        self.frame: ui.element | None = None
        self.open_row: ui.row | None = None
        self.socket = False  # the page's socket connected (then the browser can be asked how wide it is)
        self.asked = False  # the browser was asked

    def remote(self) -> bool:
        info = self.room.info
        return info.mode in REMOTE_MODES and info.state != 'closed' and self.person() is not None

    @contextmanager
    def layout(self) -> Iterator[None]:
        """Two columns from lg: on (the screen, then what is built inside); one column below."""
        with ui.element('div').classes('w-full lg:flex lg:items-start lg:gap-4 lg:pl-4') as self.outer:
            yield
        ui.on(WIDE_EVENT, self._wide_changed)

    def _build_frame(self) -> None:
        """The screen beside the person's column (first child of the layout; never shown on a phone)."""
        assert self.outer is not None
        with self.outer:
            self.frame_box = ui.element('div').classes('lg:flex-1 min-w-0 lg:sticky lg:top-16 lg:pt-4')
            title = self.t('phone.screen_frame')
            with self.frame_box, ui.element('div').classes('max-lg:hidden w-full'):  # never on a phone
                self.frame = with_props(ui.element('iframe').props('data-testid=screen-frame'), title=title) \
                    .classes('w-full aspect-video border-0 rounded-lg bg-grey-10 shadow')
        self.frame_box.move(target_index=0)

    def own_column_top(self) -> None:
        self.top = ui.context.slot.parent  # the person's column: "Open het scherm…" goes first in it when needed
        self.place_box = ui.column().classes('w-full gap-0')
        self.update()

    def _build_open_row(self) -> None:
        t = self.t
        with self.top, ui.row().classes('w-full items-center gap-2') as self.open_row:
            ui.icon('open_in_new', size='1.25rem', color='primary')
            ui.link(t('phone.open_screen'), screen_path(self.room), new_tab=True) \
                    .classes('text-base font-semibold text-primary break-words min-w-0') \
                    .props('data-testid=open-screen').mark('open-screen')
        self.open_row.move(target_index=0)

    def person_changed(self) -> None:
        """Joined, left or removed: the place choice is this person's, the screen only for someone who is in."""
        self.update()

    def _place_choice(self) -> None:
        """ "Waar ben je?" for the person who is in, made when the meeting is hybrid (then kept, hidden otherwise)."""
        person = self.person()
        if person is not None and person.id != self.place_for and (self.place is not None or
                                                                    self.room.info.mode == 'hybrid'):
            self.place_box.clear()
            with self.place_box:
                self.place = PlaceChoice(self.room, person.id, self.t)
            self.place_for = person.id

    def update(self) -> None:
        """After a meeting change: the mode decides what shows; nothing typed elsewhere on the page is touched."""
        remote = self.remote()
        if remote and self.socket and not self.asked:
            self.asked = True
            background_tasks.create(self._ask_wide(), name='ask wide')
        if remote and self.frame_box is None:
            self._build_frame()
        if remote and self.open_row is None:
            self._build_open_row()
        self._place_choice()
        if self.open_row is not None:
            self.open_row.set_visibility(remote)
        if self.frame_box is not None:
            self.frame_box.set_visibility(remote)
        self.place_box.set_visibility(self.person() is not None)
        if self.place is not None:
            self.place.update()
        if self.frame is None:
            return
        src = screen_path(self.room) if remote and self.wide else ''
        if self.frame.props.get('src', '') != src:  # loads once; a narrow window never loads it
            if src:
                self.frame.props['src'] = src
            else:
                self.frame.props(remove='src')

    def place_changed(self, participant_id: str) -> None:
        if self.place is not None and participant_id == self.place_for:
            self.place.update()  # chosen in another tab of the same person

    async def connected(self) -> None:
        """The socket is there: ask the browser how wide it is — only when the screen could be shown beside (a
        meeting in the room asks nothing; it asks when it goes online)."""
        self.socket = True
        if self.remote():
            await self._ask_wide()

    async def _ask_wide(self) -> None:
        self.asked = True
        try:
            self.wide = bool(await self.client.run_javascript(WIDE_JS, timeout=5))
        except TimeoutError:
            self.wide = False
        self.update()

    def _wide_changed(self, event: GenericEventArguments) -> None:
        self.wide = bool(event.args)
        self.update()
