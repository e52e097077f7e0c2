"""Forms of the staff side of the damage room: the worklist's filters, triage, status,
handler and note on a report, and the export's filters."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import User
from oranje.damage.constants import NOTE_MAX, DamageKind, ReportStatus, Triage
from oranje.damage.selectors_reports import OPEN, SEARCH_MAX, UNTRIAGED, WorklistFilter

ALL = [("", _("all"))]
STATUS_FILTER = [*ALL, (OPEN, _("open (not closed)")), *ReportStatus.choices]
_POSTCODE_PREFIX = re.compile(r"[0-9]{1,4}([A-Z]{0,2})?")


class WorklistFilterForm(InputForm):
    """The worklist's filters (GET); a value that does not fit is left out, never a 500."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    triage = forms.ChoiceField(
        label=_("Triage"),
        choices=[*ALL, (UNTRIAGED, _("not yet triaged")), *Triage.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind of damage"), choices=[*ALL, *DamageKind.choices], required=False
    )
    postcode = forms.CharField(
        label=_("Postcode begins with"),
        max_length=7,
        required=False,
        help_text=_("e.g. 2011 or 2011 AB"),
    )
    q = forms.CharField(label=_("Reference or street"), max_length=SEARCH_MAX, required=False)
    untriaged_first = forms.BooleanField(label=_("Not yet triaged first"), required=False)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].replace(" ", "").upper()
        if value and not _POSTCODE_PREFIX.fullmatch(value):
            raise forms.ValidationError(
                _("postcode: give the first digits of a postcode, e.g. 2011 or 2011AB.")
            )
        return value

    def worklist_filter(self) -> WorklistFilter:
        if not (self.is_bound and self.is_valid()):
            return WorklistFilter()
        d = self.cleaned_data
        return WorklistFilter(
            status=d["status"],
            triage=d["triage"],
            kind=d["kind"],
            postcode=d["postcode"],
            search=d["q"].strip(),
            untriaged_first=d["untriaged_first"],
        )


class TriageForm(InputForm):
    triage = forms.ChoiceField(label=_("Triage"), choices=Triage.choices, widget=forms.RadioSelect)


class StatusForm(InputForm):
    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices)
    note = forms.CharField(
        label=_("Why (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(InputForm):
    handler = forms.ModelChoiceField(
        label=_("Handled by"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("nobody"),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.get_username()
        )


class NoteForm(InputForm):
    text = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A call back, a visit, what was agreed."),
    )


class ExportFilterForm(InputForm):
    kind = forms.ChoiceField(
        label=_("Kind of damage"), choices=[*ALL, *DamageKind.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)

    def values(self) -> tuple[str, str]:
        if not (self.is_bound and self.is_valid()):
            return "", ""
        return self.cleaned_data["kind"], self.cleaned_data["status"]
