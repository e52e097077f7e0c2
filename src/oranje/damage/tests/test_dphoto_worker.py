"""The worker's step for photos: pending → ready (clean, original deleted) or failed with the
reason; a second run changes nothing; the upkeep takes back a vanished worker's claim, gives
orphans a task and deletes an original left behind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.damage.constants import PhotoStatus
from oranje.damage.models import DamagePhoto, PublicForm
from oranje.damage.photo_worker import (
    photo_record,
    photos_claim,
    photos_process,
    reap_photos,
)
from oranje.damage.services.photos import PreparedPhoto, photo_store
from oranje.damage.services.reports import report_create
from oranje.damage.tests.public_fixtures import (
    jpeg_bytes,
    photo_upload,
    photos_cleaned,
    report_fields,
)
from oranje.incidents.models import Incident

pytestmark = pytest.mark.django_db


def _report_with(incident: Incident, n: int = 1) -> list[DamagePhoto]:
    report = report_create(
        actor=None, incident=incident, **report_fields(photos=[photo_upload()] * n)
    )
    return list(report.photos.all())


def _files(photo: DamagePhoto, folder: str) -> list[str]:
    storage = photo.file.storage
    return storage.listdir(folder)[1] if storage.exists(folder) else []


def test_a_second_run_on_a_ready_photo_does_nothing(
    incident: Incident, open_form: PublicForm
) -> None:
    (photo,) = _report_with(incident)
    assert photos_process([photo.pk]).ready == 1
    photo.refresh_from_db()
    name = photo.file.name
    assert photos_process([photo.pk]).ready == 0
    again = DamagePhoto.objects.get(pk=photo.pk)
    assert again.file.name == name and again.attempts == 1 and again.status == "ready"
    assert _files(photo, f"damage/{incident.pk}") == [name.rsplit("/", 1)[-1]]


def test_a_photo_that_cannot_be_decoded_is_failed_with_the_reason(
    incident: Incident, open_form: PublicForm
) -> None:
    (good,) = _report_with(incident)
    # The header says JPEG (it passed the request's check), the pixels are broken.
    broken = jpeg_bytes(800, 600)[:400]
    photo = photo_store(
        report=good.report,
        prepared=PreparedPhoto(broken, "image/jpeg", "jpg", 800, 600),
    )
    done = photos_process([photo.pk, good.pk])
    assert (done.ready, done.failed) == (1, 1)
    photo.refresh_from_db()
    assert photo.status == PhotoStatus.FAILED and photo.last_error.startswith("niet te lezen")
    assert photo.original == "" and not photo.file.name
    assert _files(photo, "damage/incoming") == []  # no original stays behind


def test_the_upkeep_takes_back_a_vanished_workers_claim(
    incident: Incident, open_form: PublicForm
) -> None:
    photos = _report_with(incident, 2)
    ids = [p.pk for p in photos]
    long_ago = timezone.now() - dt.timedelta(hours=1)
    assert photos_claim(ids, claim="gone-host-1/1.0", now=timezone.now()) == ids
    DamagePhoto.objects.update(claimed_until=long_ago)  # its lease ran out long ago
    assert photos_process(ids).ready == 0  # claimed by another: left alone
    reaped = reap_photos()
    assert reaped.requeued == 2 and reaped.orphans == 2
    assert set(DamagePhoto.objects.values_list("status", flat=True)) == {PhotoStatus.PENDING}
    assert photos_cleaned() == 2
    # The lost claim's result is not recorded over the new one.
    assert not photo_record(photo_id=ids[0], claim="gone-host-1/1.0", error="x")
    assert DamagePhoto.objects.get(pk=ids[0]).status == PhotoStatus.READY
    assert DamagePhoto.objects.get(pk=ids[0]).attempts == 2


def test_an_original_left_by_a_worker_killed_after_recording_is_deleted(
    incident: Incident, open_form: PublicForm
) -> None:
    (photo,) = _report_with(incident)
    original = photo.original
    photos_cleaned()
    storage = photo.file.storage
    # As if the worker died between recording `ready` and deleting the original.
    storage.save(original, photo_upload())
    DamagePhoto.objects.filter(pk=photo.pk).update(original=original)
    assert reap_photos().originals == 1
    assert not storage.exists(original)
    assert DamagePhoto.objects.get(pk=photo.pk).original == ""


def test_a_report_whose_transaction_fails_leaves_no_photo_and_no_original(
    incident: Incident, open_form: PublicForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_kwargs: object) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr("oranje.damage.services.reports.audit_record", broken)
    with pytest.raises(RuntimeError):
        _report_with(incident, 2)
    assert not DamagePhoto.objects.exists()
    storage = DamagePhoto._meta.get_field("file").storage  # type: ignore[union-attr]
    folder = "damage/incoming"
    assert not storage.exists(folder) or storage.listdir(folder)[1] == []


def test_the_export_counts_photos_by_state(
    incident: Incident, open_form: PublicForm, handler: object
) -> None:
    import csv
    import io

    from oranje.damage.services.exports import reports_export

    photos = _report_with(incident, 3)
    photo_store(
        report=photos[0].report,
        prepared=PreparedPhoto(jpeg_bytes()[:300], "image/jpeg", "jpg", 400, 300),
    )
    photos_process([photos[0].pk, photos[0].pk + 3])  # one ready, the broken one failed

    def row() -> dict[str, str]:
        done = reports_export(actor=handler, incident=incident, fmt="csv")  # type: ignore[arg-type]
        text = io.StringIO(done.content.decode("utf-8-sig"))
        return list(csv.DictReader(text, delimiter=";"))[0]

    found = row()
    assert (found["foto's"], found["foto's in verwerking"]) == ("1", "2")
    assert found["foto's niet te verwerken"] == "1"
    photos_cleaned()
    assert (row()["foto's"], row()["foto's in verwerking"]) == ("3", "0")


def test_the_api_lists_each_photo_with_its_state(
    incident: Incident, open_form: PublicForm, handler: object
) -> None:
    from django.test import Client

    photos = _report_with(incident, 2)
    photos_process([photos[0].pk])
    client = Client()
    client.force_login(handler)  # type: ignore[arg-type]
    answer = client.get(f"/api/v1/damage/reports/{photos[0].report_id}/").json()
    assert [(p["id"], p["status"]) for p in answer["photos"]] == [
        (photos[0].pk, "ready"),
        (photos[1].pk, "pending"),
    ]
