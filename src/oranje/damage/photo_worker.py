"""Re-encoding the photos of damage reports in the worker, so that none is lost, none is
shown before it is clean and no original (with its GPS position) stays behind — whatever dies
when. The claim-with-lease of the other rooms' outboxes (`core.outbox`):

- *claim*: the pending photos of a batch go to `processing` under this worker's id for a
  lease, counting the try in `attempts`;
- *clean*: the original is read from `damage/incoming/`, decoded and encoded anew
  (`services.photos.photo_clean`) and written under a name made from the original's, so a
  second try overwrites instead of leaving a copy;
- *record*: only while the photo is still `processing` under this claim, it becomes `ready`
  (with the clean file) or `failed` (it cannot be decoded: with the reason); then the
  original is deleted and forgotten.

A worker killed between claim and record leaves the photo `processing`; once its lease ran out
and its heartbeat stopped, `reap_photos` (worker upkeep) puts it back. One killed after the
record but before deleting the original leaves the name in `original`: the upkeep deletes it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from oranje.core import outbox
from oranje.core.worker import current_worker_id
from oranje.damage.constants import PhotoStatus
from oranje.damage.models import DamagePhoto
from oranje.damage.services.photos import FORMATS, PreparedPhoto, photo_clean

log = logging.getLogger(__name__)

NO_ORIGINAL = "het origineel ontbreekt"
FORMAT_OF = {content_type: name for name, (content_type, _ext) in FORMATS.items()}


@dataclass
class Processed:
    ready: int = 0
    failed: int = 0


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0
    originals: int = 0


def _storage() -> Storage:
    return DamagePhoto._meta.get_field("file").storage


def photos_claim(ids: list[int], *, claim: str, now: dt.datetime) -> list[int]:
    return outbox.claim_due(
        DamagePhoto,
        ids,
        queued=PhotoStatus.PENDING,
        sending=PhotoStatus.PROCESSING,
        claim=claim,
        now=now,
    )


def _forget_original(photo_id: int) -> None:
    """Delete the original of a finished photo, then forget its name (in this order: a crash
    in between leaves the name for the upkeep to delete again)."""
    name = DamagePhoto.objects.filter(pk=photo_id).values_list("original", flat=True).first()
    if name:
        _storage().delete(name)
        DamagePhoto.objects.filter(pk=photo_id).exclude(
            status__in=[PhotoStatus.PENDING, PhotoStatus.PROCESSING]
        ).update(original="")


def photo_record(
    *,
    photo_id: int,
    claim: str,
    error: str | None = None,
    clean: tuple[str, PreparedPhoto] | None = None,
) -> bool:
    """Record the outcome once, only while the photo is `processing` under `claim`: ready
    with the clean file (`clean` = (storage name, PreparedPhoto)) or failed with `error`."""
    with transaction.atomic():
        photo = DamagePhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or photo.status != PhotoStatus.PROCESSING or photo.claimed_by != claim:
            log.warning("damage photo %s: result of a lost claim ignored (%s)", photo_id, claim)
            return False
        photo.claimed_by, photo.claimed_until = "", None
        if clean is not None:
            name, prepared = clean
            photo.file.name = name
            photo.status, photo.last_error = PhotoStatus.READY, ""
            photo.content_type = prepared.content_type
            photo.size = len(prepared.data)
            photo.width = prepared.width
            photo.height = prepared.height
        else:
            photo.status, photo.last_error = PhotoStatus.FAILED, (error or "")[:255]
        photo.save()
    _forget_original(photo_id)
    return True


def _clean_one(photo: DamagePhoto, claim: str) -> bool:
    """Clean one claimed photo; True when it became ready."""
    storage = _storage()
    try:
        with storage.open(photo.original, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        photo_record(photo_id=photo.pk, claim=claim, error=NO_ORIGINAL)
        return False
    try:
        prepared = photo_clean(data, FORMAT_OF.get(photo.content_type, ""))
    except ValueError as exc:
        photo_record(photo_id=photo.pk, claim=claim, error=str(exc))
        return False
    token = photo.original.rsplit("/", 1)[-1]
    name = f"damage/{photo.report.incident_id}/{token}.{prepared.extension}"
    if storage.exists(name):  # a try before this one died after writing it
        storage.delete(name)
    written = storage.save(name, ContentFile(prepared.data))
    if not photo_record(photo_id=photo.pk, claim=claim, clean=(written, prepared)):
        storage.delete(written)
        return False
    return True


def photos_process(ids: list[int], *, now: dt.datetime | None = None) -> Processed:
    """Claim and clean the pending photos among `ids`; those others hold are left alone."""
    claim = f"{current_worker_id()}/{timezone.now().timestamp():.6f}"
    claimed = photos_claim(list(ids), claim=claim, now=now or timezone.now())
    done = Processed()
    for photo in DamagePhoto.objects.select_related("report").filter(pk__in=claimed):
        if _clean_one(photo, claim):
            done.ready += 1
        else:
            done.failed += 1
    return done


def reap_photos(now: dt.datetime | None = None) -> Reaped:
    """Worker upkeep: photos a vanished worker held go back to pending (or fail after
    `MAX_ATTEMPTS`), pending photos without a waiting task get one, and originals left by a
    worker that died just after recording are deleted."""
    from oranje.damage import photo_tasks

    now = now or timezone.now()
    back = outbox.take_back(
        DamagePhoto,
        queued=PhotoStatus.PENDING,
        sending=PhotoStatus.PROCESSING,
        now=now,
        fail=lambda pk, claim: photo_record(photo_id=pk, claim=claim, error=outbox.WORKER_STOPPED),
    )
    done = Reaped(requeued=back.requeued, failed=back.failed)
    if done.requeued:
        log.warning("%s damage photos of a stopped worker queued again", done.requeued)
    path = f"{photo_tasks.__name__}.clean_photos"
    waiting = {pk for args in outbox.waiting_task_args(path) for pk in args[0]}
    with transaction.atomic():
        orphans = outbox.orphans(DamagePhoto, queued=PhotoStatus.PENDING, now=now, waiting=waiting)
        if orphans:
            transaction.on_commit(lambda: photo_tasks.enqueue_photos(orphans))
    done.orphans = len(orphans)
    left = DamagePhoto.objects.filter(status__in=[PhotoStatus.READY, PhotoStatus.FAILED]).exclude(
        original=""
    )
    for pk in left.values_list("pk", flat=True):
        _forget_original(pk)
        done.originals += 1
    return done
