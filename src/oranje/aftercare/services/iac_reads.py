"""The IAC's reads of personal data: every page or API answer that shows a case or a list
with households' names writes one audit entry (IAC_CASE_READ) — once per request, whatever
it shows — and the prefill of a new case from a shelter stay or a damage report, which reads
another room's personal data under that room's own rule."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from oranje.aftercare.models import IacCase
from oranje.aftercare.services.iac import (
    DAMAGE_REFUSED,
    DAMAGE_UNKNOWN,
    HOUSEHOLD_REFUSED,
    HOUSEHOLD_UNKNOWN,
)
from oranje.care.access import can_desk
from oranje.care.models import Household
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.damage.access import can_handle
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident

_MARK = "_oranje_iac_read_logged"


def case_read_logged(
    *,
    actor: User,
    incident: Incident,
    case: IacCase | None = None,
    what: str = "",
    request: HttpRequest | Any = None,
) -> None:
    """Write the read of a case (or, without `case`, of a list with names: `what` says which,
    never what was searched for). With `request`, only the first read of that request is
    written."""
    if request is not None:
        if getattr(request, _MARK, False):
            return
        setattr(request, _MARK, True)
    audit_record(
        actor=actor,
        action=AuditAction.IAC_CASE_READ,
        obj=case,
        object_type="" if case is not None else "iaccase",
        region=incident.region,
        note=what[:200],
    )


def prefill(
    *,
    actor: User,
    incident: Incident,
    household_id: int | None = None,
    damage_report_id: int | None = None,
) -> dict[str, Any]:
    """A new case's details taken from a shelter stay (care household) or a damage report of
    the same incident, for someone who may see it (a ValidationError naming the field
    otherwise; the same message whether it is missing or not to be seen). The link itself is
    part of the answer (`household_id`, `damage_report_ids`)."""
    found: dict[str, Any] = {}
    if household_id is not None:
        household = (
            Household.objects.filter(pk=household_id, incident=incident).first()
            if can_desk(actor, incident.region_id)
            else None
        )
        if household is None:
            message = (
                HOUSEHOLD_UNKNOWN if can_desk(actor, incident.region_id) else HOUSEHOLD_REFUSED
            )
            raise ValidationError({"household": [str(message)]})
        found = {
            "household_name": household.name,
            "phone": household.phone,
            "postcode": household.postcode,
            "house": _house(household.house_number, household.house_addition),
            "street": household.street,
            "city": household.city,
            "household_id": household.pk,
        }
    if damage_report_id is not None:
        report = (
            DamageReport.objects.filter(pk=damage_report_id, incident=incident).first()
            if can_handle(actor, incident)
            else None
        )
        if report is None:
            if not can_handle(actor, incident):
                raise ValidationError({"damage_reports": [str(DAMAGE_REFUSED)]})
            raise ValidationError(
                {"damage_reports": [str(DAMAGE_UNKNOWN % {"ids": damage_report_id})]}
            )
        # The reporter's details are read: the damage room audits each such read.
        audit_record(
            actor=actor,
            action=AuditAction.DAMAGE_REPORT_READ,
            obj=report,
            region=incident.region,
            note="IAC-dossier vooringevuld",
        )
        from_report = {
            "household_name": report.reporter_name,
            "phone": report.reporter_phone,
            "email": report.reporter_email,
            "postcode": report.postcode,
            "house": _house(report.house_number, report.house_addition),
            "street": report.street,
            "city": report.city,
            "damage_report_ids": [report.pk],
        }
        # A household's own details come first; the report fills what it lacks.
        found = {k: found.get(k) or v for k, v in from_report.items()} | {
            k: v for k, v in found.items() if k not in from_report
        }
    return found


def _house(number: int | None, addition: str) -> str:
    return f"{number}{addition}" if number else ""
