"""Forms of the shelters' pages: opening a location, the people involved, the capacity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import CAPACITY_MAX, NAME_MAX
from oranje.care.models import Location
from oranje.care.services.shelters import INVOLVED_MAX
from oranje.core.forms import InputForm
from oranje.organisation.forms import DateTimeLocalInput


def _count(
    label: Any, *, required: bool = False, maximum: int = CAPACITY_MAX
) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=maximum, required=required)


class ShelterOpenForm(InputForm):
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, choices=[])
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=NAME_MAX,
        help_text=_("Who decided to open it, e.g. 'Mayor (BT)' or 'OvD-BZ'."),
    )
    decided_at = forms.DateTimeField(label=_("Decided at"), widget=DateTimeLocalInput())
    expected = _count(_("Expected number of people"))
    capacity_day = _count(_("Capacity by day (seats)"))
    capacity_night = _count(_("Capacity by night (beds)"))

    def __init__(self, *args: Any, locations: list[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.locations = {place.pk: place for place in locations}
        location = self.fields["location"]
        assert isinstance(location, forms.TypedChoiceField)
        location.choices = [
            (
                place.pk,
                gettext("%(name)s, %(municipality)s — %(day)s seats, %(night)s beds")
                % {
                    "name": place.name,
                    "municipality": place.municipality.name,
                    "day": place.capacity_day,
                    "night": place.capacity_night,
                },
            )
            for place in locations
        ]
        self.fields["expected"].initial = 0
        for name in ("capacity_day", "capacity_night"):
            self.fields[name].help_text = _("Empty: the location's own capacity.")
        self.initial.setdefault("decided_at", timezone.localtime().replace(second=0, microsecond=0))

    def chosen(self) -> Location:
        return self.locations[self.cleaned_data["location"]]


class InvolvedForm(InputForm):
    people_involved = _count(_("People involved"), maximum=INVOLVED_MAX)


class CapacityForm(InputForm):
    capacity_day = _count(_("Capacity by day (seats)"), required=True)
    capacity_night = _count(_("Capacity by night (beds)"), required=True)
    expected = _count(_("Expected number of people"), required=True)


class ReadyForm(InputForm):
    ready_at = forms.DateTimeField(
        label=_("Ready at"),
        widget=DateTimeLocalInput(),
        required=False,
        help_text=_("Empty: now."),
    )
