"""Forms of the agreements with municipalities (with up to 30 lines) and of the
inhabitants import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Municipality, Region
from oranje.organisation.models import Function, Pool
from oranje.quality.constants import NOTE_MAX, TEXT_MAX
from oranje.quality.evidence import MAX_BYTES as FILE_MAX_BYTES
from oranje.quality.services.agreements import LINES_MAX, PEOPLE_MAX

_DATE = {"type": "date"}


class AgreementForm(InputForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(_DATE))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(_DATE))
    cpg_hard_on_call = forms.BooleanField(
        label=_("The municipality keeps a CPG on hard on-call"), required=False
    )
    budget_share = forms.DecimalField(
        label=_("Share of the regional budget (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=forms.DateInput(_DATE))
    text = forms.CharField(
        label=_("Agreement"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea({"rows": 5}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            region=region
        ).order_by("name")


class LineForm(InputForm):
    function = forms.ModelChoiceField(
        label=_("Function"), queryset=Function.objects.all(), required=False
    )
    pool = forms.ModelChoiceField(
        label=_("Pool"),
        queryset=Pool.objects.none(),
        required=False,
        empty_label=_("any pool"),
    )
    people = forms.IntegerField(
        label=_("People"), required=False, min_value=1, max_value=PEOPLE_MAX
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = Pool.objects.filter(region=region).order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("function") is not None and not cleaned.get("people"):
            self.add_error("people", _("people: say how many people."))
        if cleaned.get("function") is None and (cleaned.get("people") or cleaned.get("pool")):
            self.add_error("function", _("function: choose the function of this line."))
        return cleaned


LineFormSet = forms.formset_factory(
    LineForm, extra=3, max_num=LINES_MAX, validate_max=True, absolute_max=LINES_MAX
)


class InhabitantsForm(InputForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (comma or semicolon) or .xlsx, first row the column names."),
    )

    def clean_file(self) -> Any:
        """The upload, refused before it is read when past 10 MB (a list of a region's
        municipalities is a few kilobytes)."""
        upload = self.cleaned_data["file"]
        if upload is not None and (upload.size or 0) > FILE_MAX_BYTES:
            raise forms.ValidationError(_("file: a file may be at most 10 MB."))
        return upload
