"""IAC cases end with the registry's retention: anonymised for a real incident (the weekly
figures stay), deleted for an exercise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from oranje.aftercare.models import IacCase, IacContact, IacFollowUp, IacQuestion, IacReferral
from oranje.aftercare.selectors_iac import weekly_figures
from oranje.aftercare.services.retention import iac_retention_upkeep
from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry.services.retention import retention_upkeep
from oranje.tests.access_matrix.aftercare_world import aftercare_objects, damage_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _close_long_ago(incident: Any) -> None:
    type(incident).objects.filter(pk=incident.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=400)
    )


def test_a_real_incidents_cases_are_anonymised_after_the_registry(world: World) -> None:
    incident = start_incident(world)
    ids = {**damage_objects(incident), **aftercare_objects(incident)}
    case = IacCase.objects.get(pk=ids["iaccase"])
    case.damage_reports.add(ids["dreport"])
    before = weekly_figures(incident)
    assert iac_retention_upkeep() == []  # the registry has not ended yet
    _close_long_ago(incident)
    assert retention_upkeep() == [incident.pk]
    assert iac_retention_upkeep() == [incident.pk]
    case.refresh_from_db()
    assert (case.household_name, case.phone, case.postcode, case.house_number) == ("", "", "", None)
    assert case.anonymised_at is not None and not case.damage_reports.exists()
    assert case.limited_mobility  # what the figures count stays
    assert set(IacContact.objects.values_list("summary", flat=True)) == {""}
    assert set(IacQuestion.objects.values_list("text", flat=True)) == {""}
    assert set(IacFollowUp.objects.values_list("text", flat=True)) == {""}
    assert set(IacReferral.objects.values_list("organisation", flat=True)) == {""}
    assert weekly_figures(incident) == before
    assert AuditEntry.objects.filter(action="iac.anonymise").count() == 1
    assert iac_retention_upkeep() == []  # once


def test_an_exercises_cases_are_deleted(world: World) -> None:
    incident = start_incident(world, exercise=True)
    aftercare_objects(incident)
    _close_long_ago(incident)
    assert retention_upkeep() == [incident.pk]
    assert iac_retention_upkeep() == [incident.pk]
    assert not IacCase.objects.exists() and not IacContact.objects.exists()
    assert AuditEntry.objects.filter(action="iac.delete").count() == 1
