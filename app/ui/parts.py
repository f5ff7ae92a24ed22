"""What a kind's views get from their host page, and what they offer it.

A host page (control, screen, phone, moderator) shows the current activity through the view its kind
declares for that role. It subscribes once to every event those views listen to and hands each change
to the view that is shown, so that a view never subscribes itself and a new question costs no new
subscriptions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nicegui import Event

from app.domain.activities import Activity
from app.domain.meetings import Invite
from app.i18n import Translate

if TYPE_CHECKING:
    from app.live.room import Room
    from app.live.roster import RosterChange


@dataclass(frozen=True)
class ViewContext:
    room: Room
    t: Translate
    lang: str
    participant_id: str = ''        # the phone's participant
    join_hint: str = ''             # the screen's "join at …" line
    invite: Invite | None = None    # the moderator's invite
    pending: Any = None             # the phone's PendingTaps: taps kept in the browser until stored
    rotate_seconds: float = 12.0    # the screen: how long one page of a full wall of reasons shows


class Part:
    """One kind's view of the current activity in one host page; subclasses fill ``build``."""

    def __init__(self, ctx: ViewContext, activity: Activity) -> None:
        self.ctx, self.activity = ctx, activity
        self.room, self.t, self.lang = ctx.room, ctx.t, ctx.lang

    @classmethod
    def events(cls, room: Room) -> tuple[Event, ...]:
        """The room's events this view needs (its host subscribes to them once)."""
        return ()

    @classmethod
    def preload(cls, room: Room) -> bool:
        """Prepare the page for this kind while it is idle (e.g. load a chart library); True if it did."""
        return False

    def build(self) -> None:
        raise NotImplementedError

    def changed(self, change: Any) -> None:
        """One of ``events`` fired (with its argument, or None for an event without one)."""

    def roster_changed(self, change: RosterChange) -> None:
        """Someone joined, left or came online/offline (only for views that override this: it costs a call per
        view and change)."""

    def show(self, activity: Activity) -> bool:
        """The host is about to show ``activity`` (another one of this view's kind): True if this view changed itself
        into it in place (same shape, e.g. the next statement with the same buttons), False to be rebuilt."""
        return False

    def draft(self) -> dict[str, Any]:
        """What the person typed and did not send yet: carried over when the host rebuilds (an edit of the
        question, a new member in the group) so that nothing typed is thrown away."""
        return {}

    def restore(self, draft: dict[str, Any]) -> None:
        """Put back what ``draft`` returned before the rebuild (same activity)."""

    def participant_left(self, participant_id: str) -> None:
        """Someone else left or was removed (every phone hears this anyway)."""

    @property
    def live(self) -> Activity:
        """The activity as it is now (settings may have changed since the view was built)."""
        return self.room.agenda.activities.get(self.activity.id, self.activity)


def follow(room: Room, views: Iterable[type[Part] | None], shown: Callable[[], Part | None]) -> None:
    """Subscribe once to what any of ``views`` listens to, forwarding to the view ``shown``; the roster only when a
    view wants it (a join must not call every phone)."""
    def forward(*args: object) -> None:
        part = shown()
        if part is not None:
            part.changed(args[0] if args else None)

    def roster(change: RosterChange) -> None:
        part = shown()
        if part is not None:
            part.roster_changed(change)

    seen: set[int] = set()
    present = [view for view in views if view is not None]
    for view in present:
        for event in view.events(room):
            if id(event) not in seen:
                seen.add(id(event))
                event.subscribe(forward, expect_args=True)
    if any(view.roster_changed is not Part.roster_changed for view in present):
        room.roster.changed.subscribe(roster, expect_args=True)


class FollowShown:
    """For a host page there is one of per person (the phone): subscribed only to what the view shown listens to.

    ``follow`` subscribes to what *any* kind's view listens to, so that a new question costs no new subscription;
    with a phone per participant that made every vote and every join call every phone (the exchange's phone view
    listens to answers, some views to the roster) although a poll's phone view listens to nothing. Here the host
    calls ``update()`` whenever the part shown changes: a new question of the same kind changes no subscription,
    one of another kind subscribes or unsubscribes only the difference. Call it inside the host's client context
    (the subscriptions end with the client, like any other).
    """

    def __init__(self, room: Room, shown: Callable[[], Part | None]) -> None:
        self.room, self.shown = room, shown
        self.view: type[Part] | None = None
        self.subscribed: dict[tuple[int, str], Event] = {}

    def forward(self, *args: object) -> None:
        part = self.shown()
        if part is not None:
            part.changed(args[0] if args else None)

    def roster(self, change: RosterChange) -> None:
        part = self.shown()
        if part is not None:
            part.roster_changed(change)

    def update(self) -> None:
        part = self.shown()
        view = type(part) if part is not None else None
        if view is self.view:
            return
        self.view = view
        wanted: dict[tuple[int, str], Event] = {}
        if view is not None:
            wanted.update({(id(event), 'forward'): event for event in view.events(self.room)})
            if view.roster_changed is not Part.roster_changed:
                wanted[(id(self.room.roster.changed), 'roster')] = self.room.roster.changed
        for key in [key for key in self.subscribed if key not in wanted]:
            self.subscribed.pop(key).unsubscribe(getattr(self, key[1]))
        for key, event in wanted.items():
            if key not in self.subscribed:
                event.subscribe(getattr(self, key[1]), expect_args=True)
                self.subscribed[key] = event


def preload(room: Room, views: Iterable[type[Part] | None]) -> None:
    """Let each view class prepare the page once (the host calls this while building)."""
    for view in dict.fromkeys(v for v in views if v is not None):
        view.preload(room)


def views_for(room: Room, role: str) -> list[type[Part] | None]:
    """The view classes of every kind for one role ('control', 'screen', 'phone', 'moderator')."""
    return [getattr(kind, role) for kind in room.kinds]


class SettingsForm:
    """A kind's fields in the agenda editor's dialog; ``value`` gives the settings as edited."""

    def __init__(self, t: Translate, settings: Any) -> None:
        self.t, self.settings = t, settings
        self.build()

    def build(self) -> None:
        """The fields (built inside the dialog)."""

    def fields(self) -> dict[str, Any]:
        """The edited settings fields (the others keep their value)."""
        return {}

    def value(self) -> Any:
        from dataclasses import replace

        return replace(self.settings, **self.fields())


class NetworkCard:
    """A kind's card on the network page (``Kind.network_card``), drawn from what its ``series`` hook found over the
    network's meetings; the page iterates over the kinds and knows none of them."""

    def __init__(self, found: Any, t: Translate, lang: str) -> None:
        self.found, self.t, self.lang = found, t, lang

    def build(self) -> None:
        raise NotImplementedError


def shown_by(room: Room, view: type) -> list[Activity]:
    """The activities of the agenda whose kind shows them with ``view`` (in any role): what a view's ``preload`` asks
    without naming a kind."""
    return [a for a in room.agenda.activities.values()
            if (kind := room.kinds.get(a.kind)) is not None
            and view in (kind.control, kind.screen, kind.phone, kind.moderator)]
