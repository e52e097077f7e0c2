"""The care room's records of people end with the registry's retention: anonymised for a
real incident (the counts stay), deleted for an exercise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.care.models import Case, Guest, Household, Shelter
from oranje.care.services.retention import care_retention_upkeep
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry.services.retention import retention_upkeep

pytestmark = pytest.mark.django_db


def _close_long_ago(incident: object) -> None:
    type(incident).objects.filter(pk=incident.pk).update(  # type: ignore[attr-defined]
        closed_at=timezone.now() - dt.timedelta(days=400)
    )


def test_a_real_incidents_guests_are_anonymised_after_the_registry(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    Case.objects.create(incident=cw.incident, name="Cor de Wit", address="Dorpsstraat 1")
    assert care_retention_upkeep() == []  # the registry has not ended yet
    _close_long_ago(cw.incident)
    assert retention_upkeep() == [cw.incident.pk]
    assert care_retention_upkeep() == [cw.incident.pk]
    household = Household.objects.get()
    assert (household.name, household.postcode, household.house_number) == ("", "", None)
    assert set(Guest.objects.values_list("given_names", "surname", "birth_year")) == {
        ("", "", None)
    }
    assert Case.objects.get().name == ""
    assert Shelter.objects.get().present == 2  # the figures stay
    assert Guest.objects.count() == 2
    assert AuditEntry.objects.filter(action="care.anonymise").count() == 1
    assert care_retention_upkeep() == []  # once


def test_an_exercises_households_are_deleted(world: World) -> None:
    cw = build_care(world, exercise=True)
    hall = open_shelter(cw.incident, location(world.haarlem))
    check_in(cw, hall, "Anna Jansen")
    _close_long_ago(cw.incident)
    assert retention_upkeep() == [cw.incident.pk]
    assert care_retention_upkeep() == [cw.incident.pk]
    assert not Household.objects.exists() and not Guest.objects.exists()
    assert AuditEntry.objects.filter(action="care.delete").count() == 1
