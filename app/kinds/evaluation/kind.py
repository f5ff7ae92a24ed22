"""The evaluation as plugged into the registry: its rules and its views."""

from __future__ import annotations

from app.i18n import N_
from app.kinds.evaluation.forms import EvaluationForm
from app.kinds.evaluation.network import TrendCard
from app.kinds.evaluation.rules import QUESTION_TEXT, EvaluationRules
from app.kinds.evaluation.views import EvaluationBeforeLeaving, EvaluationControl, EvaluationPhone, EvaluationScreen


class Evaluation(EvaluationRules):
    control, screen, phone, form = EvaluationControl, EvaluationScreen, EvaluationPhone, EvaluationForm
    before_leaving = EvaluationBeforeLeaving    # the phone asks the score once when someone leaves early
    quick_add = N_('agenda.add_evaluation')     # a one-click button in the agenda editor (default settings)
    quick_text = QUESTION_TEXT                  # the text it is added with, in the facilitator's language
    network_card = TrendCard                    # "Evaluatie over de reeks" on the network page
