"""The care room in the demo: the fire's two shelters (one full) with about 140 people checked
in as households, their needs, two transfers, supplies, meals and housing; the Velsen-Noord
list of 60 vulnerable residents of whom 18 live in the area, the worklist and the gas
outage — and a second run that changes none of it."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from oranje.care.constants import CheckOutReason, HousingStatus, NeedStatus, Utility
from oranje.care.models import (
    Case,
    Guest,
    Household,
    Housing,
    IncidentCare,
    Location,
    MealCount,
    Need,
    Outage,
    Resident,
    Shelter,
    Stay,
    Supplier,
)
from oranje.care.services.codes import qr_payload
from oranje.core.constants import Role
from oranje.core.models import Membership
from oranje.demo import care, care_data, registry
from oranje.demo.incident import TITLE as VELSEN
from oranje.demo.world import build
from oranje.incidents.models import Incident
from oranje.registry.constants import Source, Whereabouts
from oranje.registry.models import Person


def _figures() -> dict[str, int]:
    return {
        "locations": Location.objects.count(),
        "shelters": Shelter.objects.count(),
        "households": Household.objects.count(),
        "guests": Guest.objects.count(),
        "stays": Stay.objects.count(),
        "needs": Need.objects.count(),
        "meals": MealCount.objects.count(),
        "housing": Housing.objects.count(),
        "residents": Resident.objects.count(),
        "cases": Case.objects.count(),
        "outages": Outage.objects.count(),
        "persons": Person.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_has_the_care_room_at_work_in_both_exercises_and_reruns_safely() -> None:
    lines: list[str] = []
    personas = build(lines.append)
    for username, role in (
        (care.DESK, Role.CARE_OFFICER),
        (care.COORDINATOR, Role.CARE_COORDINATOR),
    ):
        assert username in personas
        assert Membership.objects.filter(user__username=username, role=role).exists()
    # Locations in several municipalities: agreements ending soon, one not available yet.
    assert Location.objects.values("municipality").distinct().count() >= 5
    assert Location.objects.filter(unavailable_until__isnull=False, available=False).count() == 1
    soon = timezone.localdate() + dt.timedelta(days=60)
    assert Location.objects.filter(agreement_until__lt=soon).count() >= 2
    assert all(location.contacts.exists() for location in Location.objects.all())

    fire = Incident.objects.get(title=registry.TITLE)
    assert fire.is_exercise  # an exercise stays an exercise: its cards say OEFENING
    shelters = list(Shelter.objects.filter(incident=fire))
    assert len(shelters) == 2 and all(s.ready_at and s.ready_at > s.decided_at for s in shelters)
    assert [s.present == s.capacity_day for s in shelters].count(True) == 1  # one is full
    assert (
        sum(s.present for s in shelters)
        == Guest.objects.filter(household__incident=fire, present=True).count()
    )
    guests = Guest.objects.filter(household__incident=fire)
    assert 130 <= guests.count() <= 150
    assert Household.objects.filter(incident=fire).count() < guests.count()  # families
    household = Household.objects.filter(incident=fire).first()
    assert household is not None
    assert qr_payload(fire.pk, household.code, exercise=fire.is_exercise).endswith(":OEFENING")
    # The needs a desk writes down.
    assert guests.exclude(diet="").count() >= 10
    assert guests.exclude(medication="").count() >= 20
    assert guests.filter(mobility_aid="rolstoel").exists()
    assert guests.filter(interpreter=True, language="Turks").count() == 1
    assert guests.exclude(pets="").count() >= 2
    assert guests.filter(care_organisation=care_data.CARE_ORGANISATION).count() >= 30
    # Two households moved to the sports hall.
    transfers = Stay.objects.filter(household__incident=fire, out_reason=CheckOutReason.TRANSFER)
    assert transfers.count() == 2
    # Every check-in wrote the registry: the person is in the shelter the household is in.
    for guest in guests.filter(present=True).select_related("household__shelter__location"):
        person = Person.objects.get(pk=guest.person_id)
        assert person.incident_id == fire.pk
        assert person.current_whereabouts == Whereabouts.SHELTER
        assert person.current_place == guest.household.shelter.location.name
    assert (
        Person.objects.filter(incident=fire, history__source=Source.SHELTER).distinct().count()
        == guests.count() + 5  # and 5 registered again at the other desk, in haste
    )
    statuses = Counter(Need.objects.filter(incident=fire).values_list("status", flat=True))
    assert statuses[NeedStatus.OPEN] >= 2 and statuses[NeedStatus.DONE] >= 2
    assert statuses[NeedStatus.IN_PROGRESS] >= 1
    assert MealCount.objects.filter(shelter__incident=fire).count() == 4
    housing = Housing.objects.filter(household__incident=fire)
    assert sorted(housing.values_list("status", flat=True)) == [
        HousingStatus.NEEDED,
        HousingStatus.PLACED,
    ]
    # The placed family left the shelter for its temporary home; six others went to family.
    placed = housing.get(status=HousingStatus.PLACED).household
    assert placed.shelter is None
    assert guests.filter(present=False).exclude(household=placed).count() == 6

    gas = Incident.objects.get(title=VELSEN)
    assert gas.is_exercise
    supplier = Supplier.objects.get(name=care_data.SUPPLIER)
    residents = list(supplier.residents.all())
    assert len(residents) == 60
    area = gas.area or []
    inside = [r for r in residents if care_data.inside(area, r.latitude, r.longitude)]
    assert len(inside) == 18
    cases = Case.objects.filter(incident=gas)
    assert sorted(c.resident_id for c in cases) == sorted(r.pk for r in inside)
    states = Counter(cases.values_list("state", flat=True))
    assert states == {"to_contact": 7, "fine": 5, "contacted": 3, "needs_help": 2, "evacuated": 1}
    evacuated = cases.get(state="evacuated")
    assert evacuated.shelter is not None and evacuated.shelter.present == 1
    assert evacuated.entries.count() == 1
    assert IncidentCare.objects.get(incident=gas).people_involved == 2900
    outage = Outage.objects.get(incident=gas)
    assert (outage.utility, outage.households) == (Utility.GAS, 1300)
    assert outage.started_at == gas.started_at and outage.expected_end > outage.started_at
    assert gas.road_closures.count() == 1 and gas.cleanup_tasks.count() == 2

    before = _figures()
    build(lines.append)
    assert _figures() == before
