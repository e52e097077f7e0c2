"""Damage reports end with the registry's retention: anonymised for a real incident (the
overview's counts stay, photos and their files go), deleted for an exercise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.damage.hooks import counts
from oranje.damage.models import DamageEvent, DamagePhoto, DamageReport
from oranje.damage.services.retention import damage_retention_upkeep
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry.services.retention import retention_upkeep

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def damage_objects(incident: Any) -> dict[str, int]:
    """A report with a photo on its file, written directly."""
    report = DamageReport.objects.create(
        incident=incident,
        reference=f"S-RTNT-{incident.pk:04d}",
        channel="phone",
        reporter_name="J. de Vries",
        reporter_phone="+31612345678",
        postcode="2011AB",
        house_number=12,
        kind="home",
        description="Ruiten gesprongen door de hitte.",
        unsafe=True,
        triage="urgent",
    )
    photo = DamagePhoto(report=report, content_type="image/png", size=8, width=1, height=1)
    photo.file.save("retention.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    photo.save()
    return {"dreport": report.pk}


def _close_long_ago(incident: Any) -> None:
    type(incident).objects.filter(pk=incident.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=400)
    )


def test_a_real_incidents_reports_are_anonymised_after_the_registry(
    world: World, media: Path
) -> None:
    incident = start_incident(world)
    ids = damage_objects(incident)
    DamageEvent.objects.create(report_id=ids["dreport"], kind="note", text="Mevrouw belt terug")
    before = counts(incident)
    photo_file = media / DamagePhoto.objects.get().file.name
    assert photo_file.exists()
    assert damage_retention_upkeep() == []  # the registry has not ended yet
    _close_long_ago(incident)
    assert retention_upkeep() == [incident.pk]
    assert damage_retention_upkeep() == [incident.pk]
    report = DamageReport.objects.get()
    assert (report.reporter_name, report.reporter_phone, report.house_number) == ("", "", 0)
    assert report.description == "" and report.anonymised_at is not None
    assert report.address_key.startswith("#") and "2011AB" not in report.address_key
    assert report.postcode == "2011AB" and report.kind == "home"
    assert not DamagePhoto.objects.exists() and not photo_file.exists()
    assert set(DamageEvent.objects.values_list("text", flat=True)) == {""}
    assert counts(incident) == before  # the figures stay
    assert AuditEntry.objects.filter(action="damage.anonymise").count() == 1
    assert damage_retention_upkeep() == []  # once


def test_an_exercises_reports_are_deleted(world: World, media: Path) -> None:
    incident = start_incident(world, exercise=True)
    damage_objects(incident)
    photo_file = media / DamagePhoto.objects.get().file.name
    _close_long_ago(incident)
    assert retention_upkeep() == [incident.pk]
    assert damage_retention_upkeep() == [incident.pk]
    assert not DamageReport.objects.exists() and not photo_file.exists()
    assert AuditEntry.objects.filter(action="damage.delete").count() == 1
