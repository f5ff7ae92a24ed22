"""The three poll kinds as plugged into the registry: their rules and their views."""

from __future__ import annotations

from app.kinds.polls.forms import OpenForm, ScoreForm, StatementForm
from app.kinds.polls.rules import OpenRules, ScoreRules, StatementRules
from app.kinds.polls.views import PollControl, PollPhone, PollScreen


class Statement(StatementRules):
    control, screen, phone, form = PollControl, PollScreen, PollPhone, StatementForm


class Score(ScoreRules):
    control, screen, phone, form = PollControl, PollScreen, PollPhone, ScoreForm


class OpenQuestion(OpenRules):
    control, screen, phone, form = PollControl, PollScreen, PollPhone, OpenForm
