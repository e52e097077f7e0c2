"""The damage room follows the registry's retention (registry/services/retention.py), as the
care room does: once the registry of an incident has been anonymised (a real incident, the
region's retention period after its close) or deleted (an exercise), the worker's upkeep
`damage.retention` does the same to the incident's damage reports.

- **Anonymised**: a report loses the reporter's name, phone and e-mail, the house number and
  addition, its description and photos (files included), and the text of its history; its
  point is rounded to about 100 m. Kind, status, triage, unsafe, insured, consent, street and
  postcode stay, and the address key becomes a one-way hash of itself, so the overview's
  counts (by kind, area, and of distinct addresses) do not change.
- **An exercise**: its reports (with photos and history) are deleted.

Idempotent: each step selects only what still holds data, so a worker that dies midway is
simply run again (a photo's file is removed before its row: a file without a row is never
left behind by a crash, only a row without a file, which is removed on the next run).
"""

from __future__ import annotations

import hashlib
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.damage.models import DamageEvent, DamagePhoto, DamageReport
from oranje.incidents.models import Incident
from oranje.registry.constants import RetentionKind
from oranje.registry.models import RetentionRun

log = logging.getLogger(__name__)


def _hashed(key: str) -> str:
    if not key or key.startswith("#"):
        return key
    return "#" + hashlib.sha256(key.encode()).hexdigest()[:23]


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 3)


def _drop_photos(photos: list[DamagePhoto]) -> int:
    for photo in photos:
        if photo.file.name:
            photo.file.storage.delete(photo.file.name)
        if photo.original:  # not yet re-encoded by the worker: the upload as sent
            photo.file.storage.delete(photo.original)
    DamagePhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    return len(photos)


def damage_anonymise(*, incident: Incident) -> bool:
    """Anonymise the incident's damage reports; False when there was nothing to do."""
    reports = DamageReport.objects.filter(incident=incident, anonymised_at__isnull=True)
    photos = list(DamagePhoto.objects.filter(report__incident=incident))
    if not reports.exists() and not photos:
        return False
    _drop_photos(photos)
    with transaction.atomic():
        now = timezone.now()
        count = 0
        for report in reports.select_for_update():
            DamageReport.objects.filter(pk=report.pk).update(
                reporter_name="",
                reporter_phone="",
                reporter_email="",
                house_number=0,
                house_addition="",
                description="",
                address_key=_hashed(report.address_key),
                latitude=_rounded(report.latitude),
                longitude=_rounded(report.longitude),
                client_key="",
                anonymised_at=now,
            )
            count += 1
        DamageEvent.objects.filter(report__incident=incident).exclude(text="").update(text="")
        audit_record(
            actor=None,
            action=AuditAction.DAMAGE_ANONYMISE,
            obj=incident,
            region=incident.region,
            changes={"reports": count, "photos": len(photos)},
        )
    return True


def damage_delete(*, incident: Incident) -> bool:
    """Delete an exercise's damage reports; False when there were none."""
    if not incident.is_exercise:
        raise ValueError("only an exercise's damage reports are deleted; real ones anonymised")
    reports = DamageReport.objects.filter(incident=incident)
    photos = list(DamagePhoto.objects.filter(report__incident=incident))
    if not reports.exists() and not photos:
        return False
    _drop_photos(photos)
    with transaction.atomic():
        count = reports.count()
        reports.delete()
        audit_record(
            actor=None,
            action=AuditAction.DAMAGE_DELETE,
            obj=incident,
            region=incident.region,
            changes={"reports": count, "photos": len(photos)},
        )
    return True


def damage_retention_upkeep() -> list[int]:
    """The worker's upkeep: follow every finished registry retention run. Returns the ids of
    the incidents whose damage reports it ended."""
    done = []
    runs = RetentionRun.objects.filter(finished_at__isnull=False).select_related(
        "incident", "incident__region"
    )
    # Only incidents that still hold something: cheap when nothing is left to do.
    holding = set(
        DamageReport.objects.filter(
            Q(anonymised_at__isnull=True) | Q(photos__isnull=False),
            incident_id__in=runs.values("incident_id"),
        ).values_list("incident_id", flat=True)
    )
    for run in runs:
        if run.incident_id not in holding:
            continue
        if run.kind == RetentionKind.DELETE and run.incident.is_exercise:
            changed = damage_delete(incident=run.incident)
        else:
            changed = damage_anonymise(incident=run.incident)
        if changed:
            log.info("damage reports of incident %s ended (%s)", run.incident_id, run.kind)
            done.append(run.incident_id)
    return done
