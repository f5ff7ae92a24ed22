"""What an activity kind declares. The agenda, the room and the pages ask a kind; they never branch on its name.

A kind is pure at this level: its settings, how an answer is cleaned and tallied, what a phone shows of it,
which live runner it needs. Its views (the facilitator's panel, the projected view, the phone view, its
settings form, a moderator's view) are classes set by the kind's own ``kind.py``; this module imports no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from app.domain.activities import Activity, Answer, KindSettings
from app.domain.errors import Refused
from app.domain.people import Person
from app.domain.report import NetworkSection, ReportSection, answer_blocks, bars
from app.domain.rounds import Round
from app.domain.series import Series, SeriesMeeting
from app.domain.tallies import Tally
from app.domain.templates import TemplatePart
from app.i18n import N_, Translate

if TYPE_CHECKING:
    from app.domain.evaluation import MeetingEvaluation
    from app.live.runner import Runner
    from app.ui.parts import NetworkCard, Part, SettingsForm


class Kind:
    name: ClassVar[str]                     # stored with every activity: never rename
    label: ClassVar[str]                    # i18n key of its name ("Stelling")
    text_label: ClassVar[str] = N_('agenda.text')  # i18n key of the main field when adding one
    settings: ClassVar[type[KindSettings]]
    answered: ClassVar[bool] = False        # participants answer it on their phone (one answer each)
    runner: ClassVar[type[Runner] | None] = None  # live state beyond answers (rounds), made with its RunnerContext
    change_types: ClassVar[tuple[type, ...]] = ()  # the changes its runner applies (they travel over the bus)
    # views, set by the kind's package (classes taking (ViewContext, Activity)); None: the kind has none
    control: ClassVar[type[Part] | None] = None
    screen: ClassVar[type[Part] | None] = None
    phone: ClassVar[type[Part] | None] = None
    moderator: ClassVar[type[Part] | None] = None
    form: ClassVar[type[SettingsForm] | None] = None              # its settings form in the agenda editor
    examples: ClassVar[tuple[tuple[str, dict[str, Any]], ...]] = ()  # ready-made (text key, settings) to add
    quick_add: ClassVar[str | None] = None  # i18n key of a one-click "add" button in the agenda editor
    quick_text: ClassVar[str] = ''          # i18n key of the text a one-click add uses
    before_leaving: ClassVar[type[Part] | None] = None    # a phone view asked once when someone leaves while it is open
    # answers after closing: (how long, key when over, key for someone who joined after it closed)
    late_answers: ClassVar[tuple[timedelta, str, str] | None] = None
    # what it contributes to the built-in templates (an activity at a place in a template, with its role)
    template_items: ClassVar[tuple[TemplatePart, ...]] = ()
    network_card: ClassVar[type[NetworkCard] | None] = None  # its card on the network page, of what ``series`` found
    network_order: ClassVar[int] = 100      # where its card and its network report section go among the kinds'
    takes_topics: ClassVar[bool] = False    # a network's topic put on an agenda becomes an activity of this kind

    def new_settings(self, data: KindSettings | dict[str, Any] | None) -> KindSettings:
        """Settings of this kind from a settings object or a stored dict (unknown fields are ignored)."""
        if isinstance(data, self.settings):
            return data
        if isinstance(data, KindSettings):
            raise Refused('error.settings_kind')
        return self.settings.from_dict(data)

    def clean_answer(self, activity: Activity, choice: str | None, text: str | None) -> tuple[str, str]:
        """The (choice, text) to store for an answer; raises Refused with a message key."""
        raise Refused('error.vote_not_open')

    def tally(self, activity: Activity, answers: Iterable[Answer]) -> Tally:
        return Tally(activity.options, (a.choice for a in answers))

    def phone_view(self, activity: Activity) -> tuple:
        """What a phone shows of the activity: when this changes, phones rebuild (nothing else does)."""
        return activity.id, activity.text, activity.state, activity.revealed, activity.settings

    def summary(self, activity: Activity, counts: dict[str, int], answers: list[str], t: Translate, lang: str) -> str:
        """One line about its answers for the copyable summary ('' when there is nothing to say)."""
        return ''

    def progress(self, activity: Activity, answers: int, rounds: list[Round], t: Translate) -> str:
        """Its line in the agenda: "12 antwoorden" (the kinds that have rounds say what they have)."""
        return t.plural('agenda.answers', answers) if self.answered else ''

    def extra_rows(self, activity: Activity, rounds: list[Round], t: Translate) -> list[tuple[str, str, str]]:
        """More lines for the CSV export besides the answers: (answer, reason, name), e.g. breakout harvests."""
        return []

    def preferred_pairs(self, activity: Activity, answers: dict[str, Answer],
                        people: list[Person]) -> dict[frozenset[str], float]:
        """Pairs of ``people`` its answers suggest should talk, with a strength (higher first; the speed dating's
        "koppels op basis van geven en vragen"). Most kinds suggest none."""
        return {}

    def pair_reason(self, activity: Activity, answers: dict[str, Answer], people: dict[str, Person], me: str,
                    partner: str, t: Translate) -> str:
        """Why ``me`` and ``partner`` were paired from this activity's answers, for ``me``'s phone ('' : no reason)."""
        return ''

    def label_of(self, choice: str) -> str | None:
        """The i18n key of a choice in texts and exports (None: the choice is shown as it is)."""
        return None

    def report(self, activity: Activity, answers: dict[str, Answer], rounds: list[Round], t: Translate,
               lang: str) -> ReportSection:
        """Its section in the meeting's report: by default a bar per option and the answers' visible texts
        (``answers`` per participant id; ``rounds`` this activity's rounds). Never a hidden answer, never a
        name unless that answer allowed it (``app.domain.report.quotes`` sees to both)."""
        counts = self.tally(activity, answers.values()).counts

        def label(choice: str) -> str:
            key = self.label_of(choice)
            return t(key) if key else choice

        return ReportSection(t(self.label), activity.text,
                             t.plural('agenda.answers', len(answers)) if self.answered else '',
                             bars=bars(activity.options, counts, label) if answers else (),
                             blocks=answer_blocks(answers, t))

    # the network level: hooks over a network's series of meetings (read from the database through ``series``)
    async def series(self, series: Series) -> Any:
        """What this kind finds over the network's meetings, for its ``network_card`` and ``network_report``
        (None: nothing to show, no card)."""
        return None

    def network_report(self, found: Any, t: Translate, lang: str) -> NetworkSection | None:
        """Its section in the network's report from what ``series`` found (None: none)."""
        return None

    async def recap(self, series: Series, meeting: SeriesMeeting) -> MeetingEvaluation | None:
        """What the next meeting's "Vorige keer" recalls of ``meeting`` (its ROTI and texts); None: this kind has
        nothing to recall (the evaluation has)."""
        return None

    def pairing_settings(self, source: Activity) -> dict[str, Any] | None:
        """The settings of an activity of this kind that pairs people by what ``source``'s answers suggest (its
        ``preferred_pairs``), e.g. a speed dating after give and need; None: this kind does not pair."""
        return None
