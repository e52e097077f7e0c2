"""Forms of part "actions": an improvement action, a step in its history (status, note,
result), the list's filters, and the review of a flexible scaling."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Municipality, Region, User
from oranje.quality import selectors_actions as selectors
from oranje.quality.constants import NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX, ActionStatus, Verdict
from oranje.quality.models import Norm
from oranje.quality.periods import Period, parse_period


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class NormChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        scope = _("national") if obj.norm_set.region_id is None else _("regional")
        return f"{obj.code} {obj.title} ({scope})"


class ActionForm(InputForm):
    norm = NormChoice(
        label=_("Norm"), queryset=Norm.objects.none(), required=False, empty_label=_("— none —")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("— the region itself —"),
    )
    period = forms.CharField(
        label=_("Period of the gap"),
        max_length=7,
        required=False,
        help_text=_("A quarter such as 2026-Q3 or a year such as 2026."),
    )
    title = forms.CharField(label=_("Action"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    owner = UserChoice(
        label=_("Owner (a member of the region)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— nobody in Oranje —"),
    )
    owner_name = forms.CharField(
        label=_("Owner (name or office)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Filled in from the owner when left empty, e.g. 'Gemeentesecretaris'."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, region: Region, keep: Norm | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        norm = self.fields["norm"]
        assert isinstance(norm, forms.ModelChoiceField)
        norm.queryset = selectors.applicable_norms(region)
        chosen = selectors.norm_choices(region, keep)
        norm.choices = [("", _("— none —")), *((n.pk, norm.label_from_instance(n)) for n in chosen)]
        norm.error_messages["invalid_choice"] = _("Norm: choose one from the list.")
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = selectors.region_municipalities(region)
        municipality.error_messages["invalid_choice"] = _("Municipality: choose one from the list.")
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = selectors.region_members(region)
        owner.error_messages["invalid_choice"] = _("Owner: choose someone from the list.")

    def clean_period(self) -> Period | None:
        text = self.cleaned_data.get("period") or ""
        if not text.strip():
            return None
        period = parse_period(text)
        if period is None:
            raise forms.ValidationError(
                _("Period: use a quarter such as 2026-Q3 or a year such as 2026.")
            )
        return period


class ProgressForm(InputForm):
    """A step in the history: a new status, a note, and the result (asked when closing)."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the action's history."),
    )
    result = forms.CharField(
        label=_("Result of the action"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the action achieved; needed to close it."),
    )


class NoteForm(InputForm):
    """A municipality's own people: a note in the history, nothing else."""

    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the action's history."),
    )


class ActionFilterForm(InputForm):
    """The list's filters (a GET form); a bad value is ignored as empty."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("all")), ("active", _("open or in progress")), *ActionStatus.choices],
        required=False,
    )
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False
    )
    norm = NormChoice(label=_("Norm"), queryset=Norm.objects.none(), required=False)
    verlopen = forms.BooleanField(label=_("Only past the deadline"), required=False)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["gemeente"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = selectors.region_municipalities(region)
        municipality.empty_label = _("all")
        norm = self.fields["norm"]
        assert isinstance(norm, forms.ModelChoiceField)
        norm.queryset = selectors.applicable_norms(region)
        norm.empty_label = _("all")


class ScalingReviewForm(InputForm):
    wise = forms.ChoiceField(label=_("Was it wise?"), choices=Verdict.choices)
    legitimate = forms.ChoiceField(label=_("Was it legitimate?"), choices=Verdict.choices)
    reasoning = forms.CharField(
        label=_("Reasoning"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    board_meeting_on = forms.DateField(
        label=_("Discussed by the board on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
