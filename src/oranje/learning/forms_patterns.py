"""Forms of part "patterns": the list's filters (a GET form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.learning.constants import FindingKind, Process
from oranje.learning.selectors_patterns import MAX_OCCASIONS


class PatternFilterForm(InputForm):
    proces = forms.ChoiceField(
        label=_("Process"), choices=[("", _("all")), *Process.choices], required=False
    )
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *FindingKind.choices], required=False
    )
    norm = forms.ChoiceField(label=_("Norm"), choices=[("", _("all"))], required=False)
    minimaal = forms.IntegerField(
        label=_("At least this many incidents"),
        min_value=1,
        max_value=MAX_OCCASIONS,
        required=False,
    )

    def __init__(self, *args: Any, norm_codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        norm = self.fields["norm"]
        assert isinstance(norm, forms.ChoiceField)
        norm.choices = [("", _("all")), *((code, code) for code in norm_codes)]
