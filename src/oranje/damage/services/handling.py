"""Handling damage reports: triage (urgent / normal / information only), status, who handles
a report, notes — each a DamageEvent in the report's history and an audit entry
(DAMAGE_REPORT_UPDATE). Only those who handle the incident's reports (`access.can_handle`);
a closed incident takes no changes. Reading reports with names is logged too
(`reports_read_record`, DAMAGE_REPORT_READ), once per page or API request.

A change to what the report already says (the same triage, status or handler) writes
nothing: a form or API client that sends the state again does no harm."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Membership, User
from oranje.core.text import neutralise_bidi
from oranje.damage.access import HANDLING_ROLES, can_handle
from oranje.damage.constants import NOTE_MAX, EventKind, ReportStatus, Triage
from oranje.damage.models import DamageEvent, DamageReport
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _locked(actor: User, report: DamageReport) -> DamageReport:
    """The report row locked for this change, after the checks every change shares: the
    actor handles the incident's reports and the incident is open."""
    incident = report.incident
    core_access.require(can_handle(actor, incident))
    require_open(incident)
    locked = DamageReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    locked.incident = incident
    return locked


def _event(actor: User, report: DamageReport, kind: EventKind, text: str) -> DamageEvent:
    return DamageEvent.objects.create(
        report=report, by=actor, by_name=_name(actor)[:200], kind=kind, text=text[:NOTE_MAX]
    )


def _audit(
    actor: User, report: DamageReport, changes: dict[str, list[object]], note: str = ""
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.DAMAGE_REPORT_UPDATE,
        obj=report,
        region=report.incident.region,
        changes=changes,
        note=note,
    )


def _save(report: DamageReport, *fields: str) -> None:
    report.updated_at = timezone.now()
    report.save(update_fields=[*fields, "updated_at"])


def report_triage(*, actor: User, report: DamageReport, triage: str) -> DamageReport:
    """Set how soon someone must act: urgent, normal or information only."""
    if triage not in Triage.values:
        raise ValidationError({"triage": [_("triage: choose urgent, normal or information only.")]})
    with transaction.atomic():
        report = _locked(actor, report)
        if report.triage == triage:
            return report
        before = report.triage
        report.triage = triage
        _save(report, "triage")
        _event(actor, report, EventKind.TRIAGE, str(Triage(triage).label))
        _audit(actor, report, {"triage": [before, triage]})
    return report


def report_set_status(
    *, actor: User, report: DamageReport, status: str, note: str = ""
) -> DamageReport:
    """Move the report to another status (new, in progress, referred, closed), with a note
    saying why (optional; kept in the history)."""
    if status not in ReportStatus.values:
        raise ValidationError({"status": [_("status: choose one of the statuses.")]})
    note = neutralise_bidi(note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]}
        )
    with transaction.atomic():
        report = _locked(actor, report)
        if report.status == status:
            return report
        before = report.status
        report.status = status
        _save(report, "status")
        label = str(ReportStatus(status).label)
        _event(actor, report, EventKind.STATUS, f"{label}: {note}" if note else label)
        _audit(actor, report, {"status": [before, status]}, note=note)
    return report


def handler_candidates(incident: Incident) -> QuerySet[User]:
    """The users who may handle the incident's reports: the registry and aftercare roles of
    its region (a membership for the region or one of its municipalities)."""
    region = incident.region_id
    members = Membership.objects.filter(role__in=list(HANDLING_ROLES)).filter(
        Q(region_id=region) | Q(municipality__region_id=region)
    )
    return (
        User.objects.filter(is_active=True, pk__in=members.values("user_id"))
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def report_assign(*, actor: User, report: DamageReport, handler: User | None) -> DamageReport:
    """Give the report to a handler (someone who handles damage reports in the incident's
    region), or to nobody (`None`)."""
    if handler is not None and not (handler.is_active and can_handle(handler, report.incident)):
        raise ValidationError(
            {
                "handler": [
                    _("handler: %(name)s does not handle damage reports in this region.")
                    % {"name": _name(handler)}
                ]
            }
        )
    with transaction.atomic():
        report = _locked(actor, report)
        if report.handler_id == (handler.pk if handler else None):
            return report
        before = str(report.handler) if report.handler_id else None
        report.handler = handler
        _save(report, "handler")
        _event(actor, report, EventKind.HANDLER, _name(handler) if handler else _("nobody"))
        _audit(actor, report, {"handler": [before, str(handler) if handler else None]})
    return report


def report_note(*, actor: User, report: DamageReport, text: str) -> DamageEvent:
    """Add a note to the report's history (a call back, a visit, what was agreed)."""
    text = neutralise_bidi(text or "").strip()
    if not text:
        raise ValidationError({"text": [_("note: write what happened or was agreed.")]})
    if len(text) > NOTE_MAX:
        raise ValidationError(
            {"text": [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]}
        )
    with transaction.atomic():
        report = _locked(actor, report)
        event = _event(actor, report, EventKind.NOTE, text)
        _save(report)
        _audit(actor, report, {"note": [None, len(text)]})
    return event


def reports_read_record(
    *, actor: User, incident: Incident, what: str, report: DamageReport | None = None
) -> None:
    """One entry in the audit log for a page or API answer that showed reporters' details:
    a list (`incident` as the object) or one report (an export is DAMAGE_EXPORT instead)."""
    audit_record(
        actor=actor,
        action=AuditAction.DAMAGE_REPORT_READ,
        obj=report if report is not None else incident,
        region=incident.region,
        note=what[:200],
    )
