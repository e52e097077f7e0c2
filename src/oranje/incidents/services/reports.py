"""Situation reports (sitraps): drafting, editing, approving and publishing versions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents import errors
from oranje.incidents.access import can_command, can_operate
from oranje.incidents.constants import OPEN_ACTION_STATUSES, EntryKind, Process, ReportStatus
from oranje.incidents.hooks import registry
from oranje.incidents.models import Incident, SituationReport
from oranje.incidents.services.guards import _locked, require_open
from oranje.incidents.services.logbook import log_append

SECTION_FIELDS = ("picture", "judgement", "advice")


def _clean_sections(sections: dict[str, Any]) -> dict[str, dict[str, str]]:
    clean: dict[str, dict[str, str]] = {}
    for process in Process.values:
        given = sections.get(process) or {}
        if not isinstance(given, dict):
            raise ValidationError(
                {"sections": [_("Each process needs picture, judgement, advice.")]}
            )
        clean[process] = {f: str(given.get(f) or "").strip() for f in SECTION_FIELDS}
    unknown = set(sections) - set(Process.values)
    if unknown:
        raise ValidationError(
            {"sections": [_("Unknown process '%(value)s'.") % {"value": sorted(unknown)[0]}]}
        )
    return clean


def report_prefill(incident: Incident) -> tuple[str, dict[str, dict[str, str]], dict[str, str]]:
    """What a new version starts from: the previous version's text, plus per process the
    logbook lines since then (a corrected line replaced by its correction), plus the live
    figures of every room."""
    previous = incident.reports.order_by("-version").first()
    summary = previous.summary if previous else ""
    sections = (
        _clean_sections(previous.sections)
        if previous
        else {p: dict.fromkeys(SECTION_FIELDS, "") for p in Process.values}
    )
    since = previous.created_at if previous else None
    # A corrected line is left out: its correction (a later line, with the same process
    # unless the writer chose another) takes its place.
    entries = incident.log.exclude(process="").filter(corrections__isnull=True).order_by("number")
    if since is not None:
        entries = entries.filter(recorded_at__gt=since)
    new_lines: dict[str, list[str]] = {}
    for entry in entries:
        line = f"{date_format(timezone.localtime(entry.at), 'H:i')} {entry.text}"
        new_lines.setdefault(entry.process, []).append(line)
    for process, lines in new_lines.items():
        picture = sections[process]["picture"]
        sections[process]["picture"] = "\n".join(filter(None, [picture, *lines]))
    figures = {f.label: f.value for provider in registry.figures for f in provider(incident)}
    open_actions = incident.actions.filter(status__in=OPEN_ACTION_STATUSES)
    figures[_("Open actions")] = str(open_actions.count())
    figures[_("Overdue actions")] = str(open_actions.filter(deadline__lt=timezone.now()).count())
    return summary, sections, figures


@transaction.atomic
def report_draft(*, actor: User, incident: Incident) -> SituationReport:
    """Start a new version of the situation report, prefilled."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    summary, sections, figures = report_prefill(incident)
    version = (incident.reports.aggregate(v=Max("version"))["v"] or 0) + 1
    report = SituationReport.objects.create(
        incident=incident,
        version=version,
        summary=summary,
        sections=sections,
        figures=figures,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_DRAFT,
        obj=report,
        region=incident.region,
        changes={"version": [None, version]},
    )
    return report


def _require_draft(report: SituationReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            str(errors.REPORT_NOT_DRAFT % {"status": ReportStatus(report.status).label}),
            code="not_draft",
        )


@transaction.atomic
def report_update(
    *, actor: User, report: SituationReport, summary: str, sections: dict[str, Any]
) -> SituationReport:
    """Change a draft."""
    incident = _locked(report.incident)
    core_access.require(can_operate(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    report.summary = summary.strip()
    report.sections = _clean_sections(sections)
    report.updated_at = timezone.now()
    report.save(update_fields=["summary", "sections", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_UPDATE,
        obj=report,
        region=incident.region,
        changes={},
    )
    return report


@transaction.atomic
def report_approve(
    *,
    actor: User,
    report: SituationReport,
    summary: str | None = None,
    sections: dict[str, Any] | None = None,
) -> SituationReport:
    """Approve a draft: from here on the version is fixed.

    Text passed along (what the approver has typed on the screen) is saved first, in the
    same transaction: approving never throws typed text away. A version without a general
    picture is refused."""
    incident = _locked(report.incident)
    core_access.require(can_command(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    fields = ["status", "approved_at", "approved_by"]
    if summary is not None:
        report.summary = summary.strip()
        fields.append("summary")
    if sections is not None:
        report.sections = _clean_sections(sections)
        fields.append("sections")
    if not report.summary.strip():
        raise ValidationError(
            {"summary": [ValidationError(str(errors.REPORT_SUMMARY_REQUIRED), code="required")]}
        )
    now = timezone.now()
    if len(fields) > 3:
        report.updated_at = now
        fields.append("updated_at")
    report.status = ReportStatus.APPROVED
    report.approved_at = now
    report.approved_by = actor
    report.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_APPROVE,
        obj=report,
        region=incident.region,
        changes={"status": [ReportStatus.DRAFT, ReportStatus.APPROVED]},
    )
    return report


@transaction.atomic
def report_publish(*, actor: User, report: SituationReport) -> SituationReport:
    """Publish an approved version to the crisis teams (a logbook line says so)."""
    incident = _locked(report.incident)
    core_access.require(can_command(actor, incident))
    report = SituationReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(str(errors.REPORT_NOT_APPROVED), code="not_approved")
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.save(update_fields=["status", "published_at", "published_by"])
    if incident.closed_at is None:
        log_append(
            incident,
            actor=actor,
            kind=EntryKind.REPORT,
            process=Process.ADVICE,
            text=_("Situation report version %(version)s published to the crisis teams.")
            % {"version": report.version},
        )
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_PUBLISH,
        obj=report,
        region=incident.region,
        changes={"status": [ReportStatus.APPROVED, ReportStatus.PUBLISHED]},
    )
    return report
