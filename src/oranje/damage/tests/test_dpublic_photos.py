"""Photos: checked by content in the request, stored as sent and pending; the worker's step
strips the metadata (GPS); size and pixel limits; the staff view shows only ready photos."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.damage.constants import PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, PHOTOS_MAX, PhotoStatus
from oranje.damage.models import DamagePhoto, PublicForm
from oranje.damage.services.photos import photo_add, photo_clean, photo_prepare
from oranje.damage.services.reports import report_create
from oranje.damage.tests.public_fixtures import (
    jpeg_bytes,
    photo_upload,
    photos_cleaned,
    report_fields,
)
from oranje.incidents.models import Incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims an enormous image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def test_the_original_carries_gps_and_the_stored_photo_none(
    incident: Incident, open_form: PublicForm
) -> None:
    original = Image.open(io.BytesIO(jpeg_bytes()))
    assert original.getexif().get_ifd(0x8825)  # the test photo really has a GPS position
    report = report_create(actor=None, incident=incident, **report_fields(photos=[photo_upload()]))
    photo = DamagePhoto.objects.get(report=report)
    # Acknowledged with the upload stored as sent, aside, and the photo pending.
    assert photo.status == PhotoStatus.PENDING and not photo.file.name
    assert photo.original.startswith("damage/incoming/")
    storage = photo.file.storage
    with storage.open(photo.original, "rb") as handle:
        assert handle.read() == jpeg_bytes()
    assert photos_cleaned() == 1  # the worker's step
    photo.refresh_from_db()
    assert photo.status == PhotoStatus.READY and photo.original == "" and photo.attempts == 1
    assert not storage.listdir("damage/incoming")[1]  # the original (with GPS) is gone
    with photo.file.open("rb") as handle:
        data = handle.read()
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG" and photo.content_type == "image/jpeg"
    assert not stored.getexif()
    assert "exif" not in stored.info and b"Exif" not in data and b"GPS" not in data
    assert b"Telefoonmerk" not in data
    # Turned upright by its orientation (400×300 rotated 90°), then stored as such.
    assert stored.size == (300, 400) == (photo.width, photo.height)
    assert photo.size == len(data)


def test_a_large_photo_is_scaled_down() -> None:
    upload = photo_upload(data=jpeg_bytes(PHOTO_MAX_SIDE * 2, 1000, exif=False))
    prepared = photo_clean(upload.read(), "JPEG")
    assert max(prepared.width, prepared.height) == PHOTO_MAX_SIDE


def test_png_and_webp_are_kept_in_their_type_without_metadata() -> None:
    for fmt, content_type in (("PNG", "image/png"), ("WEBP", "image/webp")):
        buffer = io.BytesIO()
        Image.new("RGBA", (50, 40), (1, 2, 3, 128)).save(buffer, fmt, exif=jpeg_exif())
        checked = photo_prepare(SimpleUploadedFile(f"a.{fmt.lower()}", buffer.getvalue()))
        assert checked.content_type == content_type and checked.data == buffer.getvalue()
        prepared = photo_clean(checked.data, fmt)
        assert prepared.content_type == content_type
        assert not Image.open(io.BytesIO(prepared.data)).getexif()


def jpeg_exif() -> Image.Exif:
    from oranje.damage.tests.public_fixtures import gps_exif

    return gps_exif()


def test_not_an_image_is_refused_whatever_its_name_says() -> None:
    fake = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    with pytest.raises(ValidationError) as exc:
        photo_prepare(fake)
    assert exc.value.messages == [
        "foto: 'foto.jpg' is geen foto die gelezen kan worden (stuur een JPEG-, PNG- of "
        "WebP-afbeelding)."
    ]


def test_another_image_type_is_refused_by_its_content() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match=r"\[.foto: 'a.png' is een GIF-afbeelding"):
        photo_prepare(SimpleUploadedFile("a.png", buffer.getvalue(), "image/png"))


def test_a_photo_too_large_is_refused_before_it_is_read() -> None:
    big = SimpleUploadedFile("groot.jpg", b"\xff" * (PHOTO_MAX_BYTES + 1), "image/jpeg")
    with pytest.raises(
        ValidationError, match=r"\[.foto: hoogstens 8 MB per foto \(deze is 8,0 MB\)"
    ):
        photo_prepare(big)


def test_a_decompression_bomb_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"\[.foto: 'bom.png' heeft te veel pixels"):
        photo_prepare(SimpleUploadedFile("bom.png", _png_bomb(40_000, 40_000)))
    # Under the pixel limit but above Pillow's own warning level: refused as well.
    with pytest.raises(ValidationError, match="te veel pixels"):
        photo_prepare(SimpleUploadedFile("bom.png", _png_bomb(12_000, 12_000)))


def test_photo_add_keeps_to_the_maximum_and_checks_staff(
    world: World, incident: Incident, handler: User
) -> None:
    report = report_create(actor=handler, incident=incident, **report_fields(channel="phone"))
    for _i in range(PHOTOS_MAX):
        photo_add(report=report, uploaded_file=photo_upload(), actor=handler)
    with pytest.raises(ValidationError, match=r"\[.foto: hoogstens 5 foto's per melding"):
        photo_add(report=report, uploaded_file=photo_upload(), actor=handler)
    with pytest.raises(PermissionDenied):
        photo_add(report=report, uploaded_file=photo_upload(), actor=world.viewer)
    assert report.photos.count() == PHOTOS_MAX


def test_the_photo_view_is_for_handlers_audited_and_not_cached(
    client: Client, world: World, incident: Incident, handler: User, open_form: PublicForm
) -> None:
    report = report_create(actor=None, incident=incident, **report_fields(photos=[photo_upload()]))
    photo = report.photos.get()
    url = f"/incidenten/{incident.pk}/schade/foto/{photo.pk}/"
    client.force_login(handler)
    assert client.get(url).status_code == 404  # pending: the original is never served
    assert not AuditEntry.objects.filter(action=AuditAction.DAMAGE_PHOTO_READ.value).exists()
    photos_cleaned()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # type: ignore[attr-defined]
    entry = AuditEntry.objects.get(action=AuditAction.DAMAGE_PHOTO_READ.value)
    assert entry.actor == handler and entry.object_id == str(report.pk)
    client.force_login(world.viewer)  # sees the incident, not the reports
    assert client.get(url).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(handler)
    assert client.get(f"/incidenten/{incident.pk}/schade/foto/{photo.pk + 99}/").status_code == 404
