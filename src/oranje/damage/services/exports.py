"""The export of damage reports for insurers and the compensation scheme (CSV or .xlsx):
only reports whose reporter consented to sharing (`consent_share`), for those who handle the
reports; each download is an audit entry (DAMAGE_EXPORT) with its count and filters. An
exercise's file says OEFENING in its name and first row. Cells that a spreadsheet would run
as a formula are written as text (`core.spreadsheet.safe_cell`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.spreadsheet import csv_bytes, xlsx_bytes
from oranje.damage.access import can_handle
from oranje.damage.models import DamageReport
from oranje.damage.selectors_reports import export_reports
from oranje.incidents.models import Incident

MARKING = "OEFENING"
FORMATS = ("csv", "xlsx")

HEADER = [
    "referentie",
    "ontvangen",
    "via",
    "soort schade",
    "omschrijving",
    "onveilig om te verblijven",
    "verzekerd",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "naam melder",
    "telefoon",
    "e-mail",
    "triage",
    "status",
    "behandelaar",
    "foto's",
    "foto's in verwerking",
    "foto's niet te verwerken",
    "incident",
]


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    count: int
    left_out: int


def _row(r: DamageReport, incident: Incident) -> list[object]:
    handler = r.handler.get_full_name() or r.handler.get_username() if r.handler else ""
    return [
        r.reference,
        timezone.localtime(r.received_at).strftime("%Y-%m-%d %H:%M"),
        r.get_channel_display(),
        r.get_kind_display(),
        r.description,
        "ja" if r.unsafe else "nee",
        r.get_insured_display(),
        r.street,
        r.house_number,
        r.house_addition,
        r.postcode,
        r.city,
        r.reporter_name,
        r.reporter_phone,
        r.reporter_email,
        r.get_triage_display() if r.triage else "",
        r.get_status_display(),
        handler,
        getattr(r, "photo_count", 0),
        getattr(r, "photo_waiting", 0),
        getattr(r, "photo_failed", 0),
        incident.title,
    ]


def reports_export(
    *, actor: User, incident: Incident, fmt: str, kind: str = "", status: str = ""
) -> Export:
    """The file and what it holds; the audit entry is written with it."""
    core_access.require(can_handle(actor, incident))
    if fmt not in FORMATS:
        raise ValueError(fmt)
    rows, left_out = export_reports(incident, kind=kind, status=status)
    data = [_row(r, incident) for r in rows]
    marking = MARKING if incident.is_exercise else ""
    if fmt == "csv":
        content = csv_bytes(HEADER, data, marking=marking)
        content_type = "text/csv; charset=utf-8"
    else:
        content = xlsx_bytes(HEADER, data, marking=marking, title="schademeldingen")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    prefix = f"{MARKING}-" if incident.is_exercise else ""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{prefix}schademeldingen-{incident.region.code.lower()}-{incident.pk}-{stamp}.{fmt}"
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DAMAGE_EXPORT,
            obj=incident,
            region=incident.region,
            changes={
                "count": len(data),
                "left_out_no_consent": left_out,
                "format": fmt,
                "kind": kind,
                "status": status,
            },
            note=filename,
        )
    return Export(content, filename, content_type, len(data), left_out)
