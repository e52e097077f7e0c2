"""Forms of needs and supplies, meal counts, temporary housing and the surroundings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import (
    CAPACITY_MAX,
    NAME_MAX,
    TEXT_MAX,
    MealMoment,
    NeedKind,
    NeedStatus,
    TaskStatus,
    Utility,
)
from oranje.care.models import Shelter
from oranje.care.services.surroundings import HOUSEHOLDS_MAX
from oranje.core.forms import InputForm
from oranje.incidents.models import Incident
from oranje.organisation.forms import DateTimeLocalInput

BLANK = [("", "—")]


class ShelterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.location.name)


def _shelter_field(required: bool) -> ShelterChoiceField:
    return ShelterChoiceField(
        label=_("Shelter"),
        queryset=Shelter.objects.none(),
        required=required,
        empty_label=_("— the incident as a whole —") if not required else "—",
    )


class _IncidentForm(InputForm):
    """A form with a shelter field narrowed to the incident's shelters."""

    shelter_required = False

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "shelter" in self.fields:
            field = self.fields["shelter"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Shelter.objects.filter(incident=incident).select_related("location")


class NeedForm(_IncidentForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[*BLANK, *NeedKind.choices])
    shelter = _shelter_field(required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=CAPACITY_MAX, required=False
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "No names of persons: say what is needed and where, not for whom. "
            "Needs of a named guest belong on the household's card."
        ),
    )
    handler = forms.CharField(
        label=_("Handled by"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("The team, organisation or function that takes care of it."),
    )


class NeedEditForm(NeedForm):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)


class NeedStatusForm(InputForm):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)


class NeedFilterForm(_IncidentForm):
    """The list's filters (a GET form): bad values are ignored, not refused."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("open and in progress")), ("all", _("all")), *NeedStatus.choices],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[*BLANK, *NeedKind.choices])
    shelter = _shelter_field(required=False)


class MealForm(_IncidentForm):
    shelter = _shelter_field(required=True)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.ChoiceField(label=_("Meal"), choices=MealMoment.choices)
    count = forms.IntegerField(label=_("Meals"), min_value=0, max_value=CAPACITY_MAX)
    special = forms.IntegerField(
        label=_("Of which special diets"), min_value=0, max_value=CAPACITY_MAX, initial=0
    )


class HousingNeededForm(InputForm):
    code = forms.CharField(
        label=_("Household code"),
        max_length=40,
        help_text=_("The code on the household card, or scan it."),
    )
    needed_since = forms.DateTimeField(
        label=_("Needs housing since (if not now)"), required=False, widget=DateTimeLocalInput()
    )
    note = forms.CharField(
        label=_("Note"), max_length=TEXT_MAX, required=False, widget=forms.Textarea({"rows": 2})
    )


class HousingPlaceForm(InputForm):
    address = forms.CharField(label=_("Where"), max_length=NAME_MAX)
    placed_at = forms.DateTimeField(
        label=_("Placed at (if not now)"), required=False, widget=DateTimeLocalInput()
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class OutageForm(InputForm):
    utility = forms.ChoiceField(label=_("Utility"), choices=Utility.choices)
    area = forms.CharField(label=_("Area"), max_length=NAME_MAX, required=False)
    households = forms.IntegerField(
        label=_("Households affected"), min_value=0, max_value=HOUSEHOLDS_MAX
    )
    started_at = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    expected_end = forms.DateTimeField(
        label=_("Expected end"), required=False, widget=DateTimeLocalInput()
    )
    restored_at = forms.DateTimeField(
        label=_("Restored"), required=False, widget=DateTimeLocalInput()
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class ClosureForm(InputForm):
    road = forms.CharField(label=_("Road"), max_length=NAME_MAX)
    stretch = forms.CharField(label=_("Between"), max_length=NAME_MAX, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX, required=False)
    closed_at = forms.DateTimeField(label=_("Closed"), widget=DateTimeLocalInput())
    expected_end = forms.DateTimeField(
        label=_("Expected end"), required=False, widget=DateTimeLocalInput()
    )
    reopened_at = forms.DateTimeField(
        label=_("Reopened"), required=False, widget=DateTimeLocalInput()
    )


class CleanupForm(InputForm):
    description = forms.CharField(label=_("What"), max_length=TEXT_MAX)
    place = forms.CharField(label=_("Where"), max_length=NAME_MAX, required=False)
    owner = forms.CharField(label=_("Who"), max_length=NAME_MAX, required=False)
    due = forms.DateTimeField(label=_("Deadline"), required=False, widget=DateTimeLocalInput())
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
