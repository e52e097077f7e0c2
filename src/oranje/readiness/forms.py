"""Forms of the readiness room."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import IdMultipleChoiceField, InputForm
from oranje.core.models import Region
from oranje.core.text import LONG_TEXT
from oranje.organisation.forms import DateTimeLocalInput
from oranje.organisation.models import Function, Person
from oranje.readiness.constants import (
    SCORE_MAX,
    SCORE_MIN,
    ActivityKind,
    AlarmAnswer,
    ExerciseType,
    RequirementKind,
)
from oranje.readiness.models import Provider


def _people(region: Region, people: Any = None) -> Any:
    """The region's active people, or those of `people` (the ones the user manages)."""
    qs = Person.objects.filter(region=region) if people is None else people
    return qs.filter(active=True).order_by("surname", "given_name")


class ActivityForm(InputForm):
    persons = IdMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("All participants of one course or exercise at once: hold Ctrl (or Cmd)."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    code = forms.CharField(
        label=_("Course or exam code"),
        max_length=40,
        required=False,
        help_text=_("As in the qualification profile, e.g. BZ-OVD-BASIS."),
    )
    completed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_digits=5, decimal_places=1, initial=0
    )
    passed = forms.NullBooleanField(
        label=_("Result"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", "—"), ("true", _("passed")), ("false", _("failed"))]
        ),
    )
    score = forms.DecimalField(
        label=_("Score (1–10)"),
        required=False,
        max_digits=3,
        decimal_places=1,
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
    )
    function = forms.ModelChoiceField(
        label=_("Function fulfilled"),
        queryset=Function.objects.all(),
        required=False,
        help_text=_("For exercises and deployments."),
    )
    exercise_type = forms.ChoiceField(
        label=_("Exercise type"), choices=[("", "—"), *ExerciseType.choices], required=False
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.filter(active=True).order_by("name"),
        required=False,
        help_text=_(
            "For courses, exams and practical tests: the training institute or provider that "
            "gave it (the national list)."
        ),
    )
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=60, required=False
    )
    certificate_expires_on = forms.DateField(
        label=_("Certificate valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The certificate's own expiry, if it has one."),
    )

    def __init__(self, *args: Any, region: Region, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["persons"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = _people(region, people)


class RequirementForm(InputForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *RequirementKind.choices], required=False
    )
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    label = forms.CharField(label=_("Description"), max_length=150, required=False)
    valid_months = forms.IntegerField(
        label=_("Valid (months)"), min_value=1, max_value=240, required=False
    )
    min_count = forms.IntegerField(
        label=_("Minimum number"), min_value=1, max_value=100, required=False
    )
    min_hours = forms.DecimalField(
        label=_("or hours"), min_value=0, max_digits=6, decimal_places=1, required=False
    )
    window_months = forms.IntegerField(
        label=_("per months"), min_value=1, max_value=60, initial=12, required=False
    )
    requires_accredited = forms.BooleanField(
        label=_("Accredited provider required"),
        required=False,
        help_text=_("Only a result from a provider accredited for this code on its date counts."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") and not data.get("label"):
            self.add_error("label", _("Describe the requirement."))
        return data


RequirementFormSet = forms.formset_factory(RequirementForm, extra=3, max_num=20)


class ExerciseForm(InputForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    exercise_type = forms.ChoiceField(label=_("Type"), choices=ExerciseType.choices)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeLocalInput())
    hours = forms.DecimalField(
        label=_("Duration in hours"), min_value=0, max_digits=4, decimal_places=1, initial=2
    )
    scenario = forms.CharField(
        label=_("Scenario"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    functions = IdMultipleChoiceField(
        label=_("Functions involved"),
        queryset=Function.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = IdMultipleChoiceField(
        label=_("Participants"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Each takes part in their first function among the functions involved."),
    )
    observers = IdMultipleChoiceField(
        label=_("Observers"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, region: Region, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("participants", "observers"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = _people(region, people)


class AlarmTestForm(InputForm):
    functions = IdMultipleChoiceField(
        label=_("Functions"),
        queryset=Function.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone on hard on-call for these functions right now gets the test alarm."),
    )
    message = forms.CharField(
        label=_("Extra text in the message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AlarmResponseForm(InputForm):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=AlarmAnswer.choices, widget=forms.RadioSelect
    )
    eta_minutes = forms.IntegerField(
        label=_("I can be there in (minutes)"), min_value=0, max_value=1440, required=False
    )


class ImportForm(InputForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (comma or semicolon) or .xlsx, first row the column names."),
    )
