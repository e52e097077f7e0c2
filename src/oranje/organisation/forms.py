"""Forms of the organisation room. They parse and present input; services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import IdMultipleChoiceField, InputForm
from oranje.core.models import Municipality, Region
from oranje.core.text import LONG_TEXT
from oranje.organisation import errors
from oranje.organisation.constants import (
    CoverageUnit,
    FunctionGroup,
    OnCallKind,
    PersonKind,
    PoolKind,
    UnavailabilityReason,
)
from oranje.organisation.models import Function, Person, Pool
from oranje.organisation.selectors_loans import people_lent_to


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _choices(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A model choice field of `form`, to narrow its queryset to the user's region."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def _person_choices(queryset: Any) -> Any:
    return queryset.order_by("surname", "given_name")


class PersonForm(InputForm):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    # Shadows Form.prefix in the class body only; the form metaclass moves it into fields.
    prefix = forms.CharField(  # type: ignore[assignment]
        label=_("Prefix"), max_length=10, required=False, help_text=_("e.g. van der")
    )
    surname = forms.CharField(label=_("Surname"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Mobile phone"), max_length=30, help_text=_("e.g. 06 12345678"))
    phone_alt = forms.CharField(label=_("Other phone"), max_length=30, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Home municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Empty for regional staff."),
    )
    functions = IdMultipleChoiceField(
        label=_("Functions"),
        queryset=Function.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=PersonKind.choices,
        initial=PersonKind.KEY,
        help_text=_(
            "Key-function holders are on a qualification path and on call; other civil "
            "servants may be called without a path (never on hard on-call)."
        ),
    )

    def __init__(self, *args: Any, region: Region, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "municipality").queryset = Municipality.objects.current().filter(
            region=region
        )
        if not new:
            # Moving between the kinds is its own step, with a reason (the person's page).
            del self.fields["kind"]


class PersonKindForm(InputForm):
    to_kind = forms.ChoiceField(label=_("New kind"), choices=PersonKind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("Why the person moves, e.g. 'stopped the training path, stays available'."),
        error_messages={
            "required": errors.KIND_REASON_REQUIRED,
            "max_length": errors.KIND_REASON_REQUIRED,
        },
    )


class DistrictForm(InputForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    municipalities = IdMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "municipalities").queryset = Municipality.objects.current().filter(
            region=region
        )


class PoolForm(InputForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=PoolKind.choices)
    municipalities = IdMultipleChoiceField(
        label=_("Municipalities served"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Municipal: one; intermunicipal: two or more; regional: none (the whole region)."
        ),
    )
    functions = IdMultipleChoiceField(
        label=_("Functions"), queryset=Function.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    members = IdMultipleChoiceField(
        label=_("Members"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 14}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    coordinator = forms.ModelChoiceField(
        label=_("Pool coordinator"), queryset=Person.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "municipalities").queryset = Municipality.objects.current().filter(
            region=region
        )
        people = _person_choices(Person.objects.filter(region=region, active=True))
        _choices(self, "members").queryset = people
        _choices(self, "coordinator").queryset = people


class RegionFunctionForm(InputForm):
    local_name = forms.CharField(label=_("Regional name"), max_length=150, required=False)
    group_override = forms.ChoiceField(
        label=_("Group in this region"),
        choices=[("", _("the national group")), *FunctionGroup.choices],
        required=False,
        help_text=_(
            "E.g. a region that runs a function from the back office rather than in the field."
        ),
    )
    coverage_unit = forms.ChoiceField(label=_("Minimum applies"), choices=CoverageUnit.choices)
    min_hard_on_call = forms.IntegerField(
        label=_("Minimum on hard on-call"),
        min_value=0,
        max_value=50,
        help_text=_("At every hour; 0 means no minimum."),
    )
    min_qualified = forms.IntegerField(
        label=_("Minimum qualified people"),
        min_value=0,
        max_value=500,
        initial=0,
        help_text=_("How many qualified people the region wants for this function."),
    )
    response_norm_minutes = forms.IntegerField(
        label=_("Response norm (minutes)"),
        min_value=1,
        max_value=1440,
        required=False,
        help_text=_("Alert to start; 30 minutes for CoPI functions. Empty: no norm."),
    )


class ShiftForm(InputForm):
    pool = forms.ModelChoiceField(label=_("Pool"), queryset=Pool.objects.none())
    function = forms.ModelChoiceField(label=_("Function"), queryset=Function.objects.all())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(
        label=_("On-call kind"), choices=OnCallKind.choices, initial=OnCallKind.HARD
    )
    starts_at = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=DateTimeLocalInput())
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    override_reason = forms.CharField(
        label=_("Reason to roster them anyway"),
        max_length=255,
        required=False,
        help_text=_(
            "Only to put someone who is not qualified on hard on-call anyway; the reason is "
            "recorded in the audit log."
        ),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "pool").queryset = Pool.objects.filter(region=region)
        # People lent to the region may be rostered here during their loan.
        lent = people_lent_to(region).values("pk")
        _choices(self, "person").queryset = _person_choices(
            Person.objects.filter(Q(region=region) | Q(pk__in=lent), active=True)
        )


class HandoverForm(InputForm):
    to_person = forms.ModelChoiceField(label=_("Hand over to"), queryset=Person.objects.none())
    from_at = forms.DateTimeField(
        label=_("From"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Empty: the whole shift."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args: Any, pool: Pool, exclude: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "to_person").queryset = _person_choices(
            pool.members.filter(active=True).exclude(pk=exclude.pk)
        )


class UnavailabilityForm(InputForm):
    starts_at = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=UnavailabilityReason.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class PatternForm(InputForm):
    pool = forms.ModelChoiceField(label=_("Pool"), queryset=Pool.objects.none())
    function = forms.ModelChoiceField(label=_("Function"), queryset=Function.objects.all())
    kind = forms.ChoiceField(
        label=_("On-call kind"), choices=OnCallKind.choices, initial=OnCallKind.HARD
    )
    rotation = IdMultipleChoiceField(
        label=_("Rotation"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Taken in turn, in alphabetical order. "
            "Six people with week shifts: one week on, five weeks off."
        ),
    )
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    handover_time = forms.TimeField(
        label=_("Handover time"),
        initial=dt.time(8, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    shift_days = forms.IntegerField(
        label=_("Shift length in days"), min_value=1, max_value=28, initial=7
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "pool").queryset = Pool.objects.filter(region=region)
        _choices(self, "rotation").queryset = _person_choices(
            Person.objects.filter(region=region, active=True)
        )


class ImportForm(InputForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (comma or semicolon) or .xlsx, first row the column names."),
    )
