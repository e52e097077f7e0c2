"""Fixtures of the public form's and the report service's tests (imported by those modules):
an incident of the test world, a handler (registry officer of its region), photos."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from oranje.core.constants import Role
from oranje.core.models import User
from oranje.damage.models import PublicForm
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World, make_user


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def handler(world: World) -> User:
    return make_user("schadebehandelaar", Role.REGISTRY_OFFICER, region=world.region)


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world, title="Storm Velsen")


@pytest.fixture
def open_form(incident: Incident, world: World) -> PublicForm:
    return PublicForm.objects.create(
        incident=incident,
        is_open=True,
        intro="Meld hier schade door de storm.",
        opened_at=timezone.now(),
        opened_by=world.coordinator,
    )


def gps_exif() -> Image.Exif:
    """EXIF with a GPS position (Haarlem), a camera and an orientation (rotated 90°)."""
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 22.0, 51.0)
    gps[3] = "E"
    gps[4] = (4.0, 38.0, 10.0)
    return exif


def jpeg_bytes(width: int = 400, height: int = 300, *, exif: bool = True) -> bytes:
    image = Image.new("RGB", (width, height), (200, 80, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=gps_exif() if exif else Image.Exif())
    return buffer.getvalue()


def photo_upload(name: str = "schade.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(), "image/jpeg")


def report_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "channel": "form",
        "reporter_name": "Anna de Vries",
        "reporter_phone": "06 12345678",
        "reporter_email": "anna@example.nl",
        "postcode": "1951ab",
        "house": "12a",
        "street": "Dorpsstraat",
        "city": "Velsen-Noord",
        "kind": "home",
        "description": "Het dak is deels weggewaaid.",
        "unsafe": True,
        "insured": "yes",
        "consent_share": True,
    }
    fields.update(changes)
    return fields


def photos_cleaned() -> int:
    """The worker's step, run here: every pending photo re-encoded (as `oranje worker` does
    after the commit). Returns how many became ready."""
    from oranje.damage.constants import PhotoStatus
    from oranje.damage.models import DamagePhoto
    from oranje.damage.photo_worker import photos_process

    ids = list(DamagePhoto.objects.filter(status=PhotoStatus.PENDING).values_list("pk", flat=True))
    return photos_process(ids).ready
