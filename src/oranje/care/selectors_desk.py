"""Reads of the shelter desk: the guests present in a shelter, filtered by need."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from oranje.care.models import Guest, Shelter

#: The needs the guest list filters on: query value -> (label, condition).
NEEDS = {
    "medicatie": (_("medication"), ~Q(medication="")),
    "dieet": (_("diet"), ~Q(diet="")),
    "mobiliteit": (_("mobility aid"), ~Q(mobility_aid="")),
    "tolk": (_("needs an interpreter"), Q(interpreter=True)),
    "huisdieren": (_("pets"), ~Q(pets="")),
    "zorg": (_("care from a care organisation"), ~Q(care_organisation="")),
}


def guests_present(shelter: Shelter, *, need: str = "") -> QuerySet[Guest]:
    """The guests in the shelter now, household by household; with `need` (a key of NEEDS)
    only those who have that need."""
    guests = Guest.objects.filter(household__shelter=shelter, present=True).select_related(
        "household"
    )
    if need in NEEDS:
        guests = guests.filter(NEEDS[need][1])
    return guests.order_by("household__name", "household_id", "pk")
