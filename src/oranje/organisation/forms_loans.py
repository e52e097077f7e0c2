"""The form to lend a person to another region (the service decides what is allowed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import IdMultipleChoiceField, InputForm
from oranje.core.models import Region
from oranje.organisation.forms import DateTimeLocalInput
from oranje.organisation.models import Function, Person


class LoanForm(InputForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        empty_label=_("— choose a person —"),
        error_messages={"required": _("Person: choose who is lent.")},
    )
    to_region = forms.ModelChoiceField(
        label=_("Borrowing region"),
        queryset=Region.objects.none(),
        empty_label=_("— choose a region —"),
        error_messages={"required": _("Borrowing region: choose the region that borrows.")},
    )
    functions = IdMultipleChoiceField(
        label=_("Functions"),
        queryset=Function.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The functions the person fulfils there; they must hold them."),
    )
    starts_at = forms.DateTimeField(
        label=_("From"),
        widget=DateTimeLocalInput(),
        error_messages={"required": _("From: give the start of the loan.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Until"),
        widget=DateTimeLocalInput(),
        error_messages={"required": _("Until: give the end of the loan.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        required=False,
        help_text=_("Why, e.g. the incident the other region needs help with."),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = Person.objects.filter(region=region, active=True).order_by(
            "surname", "given_name"
        )
        to_region = self.fields["to_region"]
        assert isinstance(to_region, forms.ModelChoiceField)
        to_region.queryset = Region.objects.exclude(pk=region.pk).order_by("code")


class LoanEndForm(InputForm):
    reason = forms.CharField(label=_("Reason for ending early"), max_length=255, required=False)
