"""Forms of the one-hour drill: sending one, reporting back, assessing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function, OnCallShift, Person
from oranje.readiness import errors_drills as errors
from oranje.readiness.constants import (
    DRILL_DEFAULT_MINUTES,
    DRILL_MAX_MINUTES,
    DRILL_MIN_MINUTES,
    DrillAssessment,
)
from oranje.readiness.services.drills import (
    ASSIGNMENT_MAX,
    NOTE_MAX,
    REPORT_MAX,
    drill_candidates,
)

_DEADLINE_ERRORS = {
    code: errors.DEADLINE_RANGE for code in ("required", "invalid", "min_value", "max_value")
}


class ShiftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OnCallShift) -> str:
        until = date_format(timezone.localtime(obj.ends_at), "j-n H:i")
        return f"{obj.function.code} — {obj.person} ({obj.get_kind_display()}, {until})"


class DrillForm(InputForm):
    shift = ShiftChoiceField(
        label=_("On call now"),
        queryset=OnCallShift.objects.none(),
        required=False,
        empty_label=_("— choose from the roster —"),
        help_text=_("Everyone on the region's roster right now, hard and soft on-call."),
        error_messages={"invalid_choice": errors.SHIFT_NOT_NOW},
    )
    person = forms.ModelChoiceField(
        label=_("Or a key-function holder"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— nobody —"),
        help_text=_("Only when nobody on the roster is chosen."),
        error_messages={"invalid_choice": errors.PERSON_REQUIRED},
    )
    function = forms.ModelChoiceField(
        label=_("Function"),
        queryset=Function.objects.all(),
        required=False,
        empty_label=_("— their function —"),
        help_text=_("For a key-function holder with more than one function."),
        error_messages={"invalid_choice": errors.FUNCTION_REQUIRED},
    )
    assignment = forms.CharField(
        label=_("Assignment"),
        max_length=ASSIGNMENT_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "placeholder": _(
                    "You have one hour to arrange a shelter for 80 residents of an "
                    "evacuated street in Velsen-Noord."
                ),
            }
        ),
        error_messages={"required": errors.ASSIGNMENT_EMPTY},
    )
    minutes = forms.IntegerField(
        label=_("Deadline (minutes from now)"),
        initial=DRILL_DEFAULT_MINUTES,
        min_value=DRILL_MIN_MINUTES,
        max_value=DRILL_MAX_MINUTES,
        help_text=_("Between 15 minutes and 24 hours (1440 minutes); usually 60."),
        error_messages=_DEADLINE_ERRORS,
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        shift = self.fields["shift"]
        person = self.fields["person"]
        assert isinstance(shift, forms.ModelChoiceField)
        assert isinstance(person, forms.ModelChoiceField)
        shift.queryset = drill_candidates(region)
        person.queryset = Person.objects.filter(
            region=region, active=True, kind=PersonKind.KEY
        ).order_by("surname", "given_name")
        self.fields["assignment"].error_messages["max_length"] = errors.ASSIGNMENT_TOO_LONG % {
            "max": ASSIGNMENT_MAX
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        shift: OnCallShift | None = cleaned.get("shift")
        person: Person | None = cleaned.get("person")
        function: Function | None = cleaned.get("function")
        if shift is not None:
            cleaned["person"], cleaned["function"] = shift.person, shift.function
        elif person is None:
            if "shift" not in self.errors and "person" not in self.errors:
                self.add_error("shift", errors.PERSON_REQUIRED)
        elif function is None:
            held = list(person.functions.all()[:2])
            if len(held) == 1:
                cleaned["function"] = held[0]
            else:
                self.add_error("function", errors.FUNCTION_REQUIRED)
        return cleaned


class DrillReportForm(InputForm):
    report = forms.CharField(
        label=_("What I arranged"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you arranged, with whom, and what is still open."),
        error_messages={"required": errors.REPORT_EMPTY},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].error_messages["max_length"] = errors.REPORT_TOO_LONG % {
            "max": REPORT_MAX
        }


class DrillAssessForm(InputForm):
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=DrillAssessment.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": errors.ASSESSMENT_REQUIRED,
            "invalid_choice": errors.ASSESSMENT_REQUIRED,
        },
    )
    note = forms.CharField(
        label=_("Assessor's note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well and what could be better; the person can be told."),
    )

    def __init__(self, *args: Any, no_report: bool = False, **kwargs: Any) -> None:
        """`no_report`: nothing was reported back and the deadline has passed, so the drill
        can only be closed as "insufficient — did not respond"."""
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["max_length"] = errors.NOTE_TOO_LONG % {"max": NOTE_MAX}
        if no_report:
            assessment = self.fields["assessment"]
            assert isinstance(assessment, forms.ChoiceField)
            assessment.choices = [
                (DrillAssessment.INSUFFICIENT, _("insufficient — did not respond")),
            ]
            assessment.initial = DrillAssessment.INSUFFICIENT
