"""The care room's objects in one scope of the matrix world, written directly (no
services, no registry writes): a location and a shelter open for the scope's incident with
a household in it, a need, a meal count, a housing record, a supplier's list with one
resident on the incident's worklist, and the surroundings' records."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.core.models import Municipality
from oranje.incidents.models import Incident


def care_objects(incident: Incident, municipality: Municipality) -> dict[str, int | str]:
    from oranje.care import models as care

    now = timezone.now()
    location = care.Location.objects.create(
        municipality=municipality,
        code=f"M{incident.pk}",
        name=f"Sporthal Matrix {municipality.name}",
        capacity_day=100,
        capacity_night=60,
        latitude=52.38,
        longitude=4.63,
    )
    shelter = care.Shelter.objects.create(
        incident=incident,
        location=location,
        decided_by="Burgemeester",
        decided_at=now,
        capacity_day=100,
        capacity_night=60,
        present=2,
        ready_at=now,
    )
    code = f"MTRX{incident.pk:04d}"[:8].replace("0", "A").replace("1", "B")
    household = care.Household.objects.create(
        incident=incident, code=code, name="Matrix", shelter=shelter
    )
    care.Guest.objects.create(household=household, given_names="Anna", surname="Matrix")
    care.Guest.objects.create(household=household, given_names="Bram", surname="Matrix")
    care.Stay.objects.create(household=household, shelter=shelter, people=2)
    need = care.Need.objects.create(
        incident=incident, shelter=shelter, kind="blankets", quantity=20
    )
    meal = care.MealCount.objects.create(
        shelter=shelter, day=timezone.localdate(), moment="dinner", count=2
    )
    housing = care.Housing.objects.create(household=household, needed_since=now)
    supplier = care.Supplier.objects.create(
        region=municipality.region, name=f"Zorggroep Matrix {incident.pk}"
    )
    resident = care.Resident.objects.create(
        supplier=supplier, ref="1", name="Cor Matrix", latitude=52.38, longitude=4.63
    )
    case = care.Case.objects.create(incident=incident, resident=resident, name="Cor Matrix")
    outage = care.Outage.objects.create(
        incident=incident, utility="gas", households=1300, started_at=now
    )
    closure = care.RoadClosure.objects.create(incident=incident, road="Matrixweg", closed_at=now)
    cleanup = care.CleanupTask.objects.create(
        incident=incident, description="Puin ruimen", due=now + dt.timedelta(days=1)
    )
    return {
        "location": location.pk,
        "shelter": shelter.pk,
        "household": household.pk,
        "code": code,
        "need": need.pk,
        "meal": meal.pk,
        "housing": housing.pk,
        "supplier": supplier.pk,
        "resident": resident.pk,
        "case": case.pk,
        "outage": outage.pk,
        "closure": closure.pk,
        "cleanup": cleanup.pk,
    }
