"""Forms of the checklists: a region's lines and questions per function, and the instruction
for a function's role. The rules (line length, doubles, at least one task) are the service's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.text import LONG_TEXT
from oranje.incidents.services.checklists import INSTRUCTION_MAX


class ChecklistEditForm(InputForm):
    lines = forms.CharField(
        label=_("Lines"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One line per item, in order."),
    )
    questions = forms.CharField(
        label=_("Questions for administrators"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The questions this function puts to the mayor or the policy team, one per line. "
            "Leave empty to use the national questions."
        ),
    )


class InstructionForm(InputForm):
    text = forms.CharField(
        label=_("Instruction"),
        required=False,
        max_length=INSTRUCTION_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "What the role is, when it is alerted, what it does and does not do. Shown above "
            "the function's checklist in every incident of the region."
        ),
    )
