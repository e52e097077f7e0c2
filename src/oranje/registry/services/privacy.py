"""The registry coordinator's part: the region's registry settings and the archive export.

The export is the incident's whole registry for the archive, before the retention period
ends: persons with their status history, inquiries with candidates and call backs, merges,
possible duplicates, police notices, as CSV files in a ZIP with a manifest (JSON). It is
audited (REGISTRY_EXPORT) and read-logged (ReadKind.EXPORT). An exercise's export says
OEFENING in its file name, in the manifest and in the first line of every CSV.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.spreadsheet import csv_bytes
from oranje.incidents.models import Incident
from oranje.registry.access import can_coordinate
from oranje.registry.constants import ReadKind
from oranje.registry.lists import MARKING, marking
from oranje.registry.models import (
    CallBack,
    Candidate,
    Inquiry,
    Merge,
    Person,
    PfifNote,
    PoliceNotice,
    PossibleDuplicate,
    RegistrySettings,
    StatusEntry,
)
from oranje.registry.services.readlog import read_logged

RETENTION_MONTHS_MAX = 120
CALLBACK_MINUTES_MIN = 5
CALLBACK_MINUTES_MAX = 24 * 60


def settings_for(region: Region) -> RegistrySettings:
    """The region's registry settings (the defaults until someone saves them)."""
    found = RegistrySettings.objects.filter(region=region).first()
    return found or RegistrySettings(region=region)


def registry_settings_save(
    *, actor: User, region: Region, retention_months: int, callback_minutes: int
) -> RegistrySettings:
    if not can_coordinate(actor, region.pk):
        raise ValidationError(_("Only a registry coordinator changes these."), code="forbidden")
    if not 1 <= retention_months <= RETENTION_MONTHS_MAX:
        raise ValidationError(
            {"retention_months": _("Between 1 and %(max)s months.") % {"max": RETENTION_MONTHS_MAX}}
        )
    if not CALLBACK_MINUTES_MIN <= callback_minutes <= CALLBACK_MINUTES_MAX:
        raise ValidationError(
            {
                "callback_minutes": _("Between %(min)s and %(max)s minutes.")
                % {"min": CALLBACK_MINUTES_MIN, "max": CALLBACK_MINUTES_MAX}
            }
        )
    with transaction.atomic():
        found, _created = RegistrySettings.objects.select_for_update().get_or_create(region=region)
        changes = {}
        for name, value in (
            ("retention_months", retention_months),
            ("callback_minutes", callback_minutes),
        ):
            if getattr(found, name) != value:
                changes[name] = [getattr(found, name), value]
                setattr(found, name, value)
        if changes:
            found.save()
            audit_record(
                actor=actor,
                action=AuditAction.REGISTRY_SETTINGS,
                obj=found,
                object_type="registrysettings",
                region=region,
                changes=changes,
            )
    return found


def _iso(moment: object) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""  # type: ignore[arg-type]


def _sheet(header: list[str], rows: Iterable[Iterable[object]], mark: str) -> bytes:
    return csv_bytes(header, rows, marking=mark)


PERSON_FIELDS = [
    "id",
    "given_names",
    "prefix",
    "surname",
    "name_use",
    "partner_prefix",
    "partner_surname",
    "birth_year",
    "birth_month",
    "birth_day",
    "age_estimate",
    "sex",
    "postcode",
    "house_number",
    "house_addition",
    "street",
    "city",
    "phone",
    "email",
    "bsn",
    "nationality",
    "language",
    "note",
    "share_whereabouts",
    "updates_consent",
    "current_status",
    "current_whereabouts",
    "current_place",
    "status_at",
    "merged_into_id",
    "created_at",
    "anonymised_at",
]


def _values(queryset: QuerySet[Any], fields: list[str]) -> Iterable[list[object]]:
    for row in queryset.values(*fields).iterator():
        yield [
            _iso(v) if k.endswith("_at") or k == "at" else ("" if v is None else v)
            for k, v in row.items()
        ]


def export_zip(incident: Incident, *, by: str) -> bytes:
    """The incident's registry as a ZIP of CSV files and a manifest."""
    mark = marking(incident)
    history = [
        "id",
        "person_id",
        "status",
        "whereabouts",
        "place",
        "source",
        "source_at",
        "note",
        "recorded_at",
        "recorded_by_name",
        "batch_id",
    ]
    inquiry = [
        "id",
        "number",
        "caller_name",
        "caller_phone",
        "caller_relation",
        "given_names",
        "prefix",
        "surname",
        "birth_year",
        "birth_month",
        "birth_day",
        "age_estimate",
        "postcode",
        "house_number",
        "house_addition",
        "street",
        "city",
        "phone",
        "last_seen_place",
        "last_seen_at",
        "description",
        "is_child",
        "reduced_self_reliance",
        "medical_need",
        "status",
        "person_id",
        "created_at",
        "closed_at",
        "close_reason",
        "anonymised_at",
    ]
    candidate = [
        "id",
        "inquiry_id",
        "person_id",
        "score",
        "decision",
        "state",
        "first_at",
        "second_at",
    ]
    call = ["id", "inquiry_id", "at", "by_name", "outcome", "phrases", "note"]
    merge = ["id", "kept_id", "merged_id", "merged_at", "undone_at"]
    duplicate = ["id", "person_id", "other_id", "score", "decision", "state", "decided_at"]
    police = ["id", "person_id", "asked_at", "confirmed_at"]
    notes = [
        "id",
        "person_id",
        "note_record_id",
        "author_name",
        "source_at",
        "status",
        "author_made_contact",
        "last_known_location",
        "linked_person_record_id",
        "text",
    ]
    sheets = [
        ("personen.csv", PERSON_FIELDS, Person.objects.filter(incident=incident)),
        ("statusgeschiedenis.csv", history, StatusEntry.objects.filter(person__incident=incident)),
        ("vragen.csv", inquiry, Inquiry.objects.filter(incident=incident)),
        ("kandidaten.csv", candidate, Candidate.objects.filter(inquiry__incident=incident)),
        ("terugbelgesprekken.csv", call, CallBack.objects.filter(inquiry__incident=incident)),
        ("samenvoegingen.csv", merge, Merge.objects.filter(incident=incident)),
        ("mogelijke-dubbelen.csv", duplicate, PossibleDuplicate.objects.filter(incident=incident)),
        ("politie.csv", police, PoliceNotice.objects.filter(person__incident=incident)),
        ("pfif-notities.csv", notes, PfifNote.objects.filter(incident=incident)),
    ]
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, header, queryset in sheets:
            materialised = list(_values(queryset.order_by("pk"), header))
            counts[name] = len(materialised)
            archive.writestr(name, _sheet(header, materialised, mark))
        manifest = {
            "marking": mark,
            "exercise": incident.is_exercise,
            "incident": {
                "id": incident.pk,
                "title": incident.title,
                "region": incident.region.code,
                "started_at": _iso(incident.started_at),
                "closed_at": _iso(incident.closed_at),
            },
            "exported_at": _iso(timezone.now()),
            "exported_by": by,
            "files": counts,
            "note": "Vertrouwelijk: gegevens van getroffenen (AVG). Alleen voor het archief.",
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def export_filename(incident: Incident) -> str:
    prefix = f"{MARKING}-" if incident.is_exercise else ""
    return f"{prefix}registratie-archief-{incident.pk}.zip"


def registry_export(*, actor: User, incident: Incident) -> bytes:
    """The archive export (for a registry coordinator), audited and read-logged."""
    if not can_coordinate(actor, incident.region_id):
        raise ValidationError(
            _("Only a registry coordinator exports the registry."), code="forbidden"
        )
    data = export_zip(incident, by=actor.get_full_name() or actor.get_username())
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.REGISTRY_EXPORT,
            obj=incident,
            region=incident.region,
            changes={"bytes": len(data), "exercise": incident.is_exercise},
        )
    read_logged(user=actor, incident=incident, kind=ReadKind.EXPORT, what="archief.zip")
    return data
