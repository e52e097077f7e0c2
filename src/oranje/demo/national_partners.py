"""Demo, issue 17, part "partners": the police's partner login for Kennemerland
(`partner.politie`, a persona), which sees the published Velsen-Noord situation report, the
published messages, the open shelters and the scaling of real incidents — and nothing else.

The demo's open incidents are exercises, and partners get EDXL-SitRep of real incidents only;
so the demo's real house fire in Haarlem-Schalkwijk (from the hard/soft history of
`national_people`) gets a published situation report, written through the incidents services
as its coordinator did during the fire."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.demo.national import DemoContext
from oranje.demo.national_people import HISTORY
from oranje.incidents import services as incident_services
from oranje.incidents.constants import EntryKind, ReportStatus
from oranje.incidents.models import Incident, SituationReport
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess

USERNAME = "partner.politie"
EMAIL = "partner.politie@politie.demo.oranje.nl"
ORGANISATION = "Politie Noord-Holland, district Kennemerland"

#: The demo's real incident that gets a published situation report (a closed house fire).
REAL_FIRE = HISTORY[0][1]
REPORT_SUMMARY = (
    "Woningbrand met rookoverlast in een portiekflat; de brandweer heeft de brand onder "
    "controle. Twaalf bewoners zijn tijdelijk opgevangen in het wijkcentrum; niemand gewond. "
    "De gemeente regelt met de woningcorporatie onderdak voor de nacht."
)
REPORT_SHELTER = {
    "picture": "Twaalf bewoners van de portiek opgevangen in het wijkcentrum; koffie en thee.",
    "judgement": "Drie woningen voorlopig onbewoonbaar door rook- en bluswaterschade.",
    "advice": "Onderdak voor de nacht via de woningcorporatie; nazorg morgen langs de deur.",
}


def build(ctx: DemoContext) -> None:
    """The partner login (no membership) with its access to Kennemerland, and a published
    situation report of a real incident; run twice, it adds nothing. The login is written
    directly: the service would mail a set-password link, and the persona logs in with the
    demo password instead."""
    with transaction.atomic():
        _build(ctx)
        _real_report(ctx)


def _real_report(ctx: DemoContext) -> None:
    """Draft, approve and publish version 1 of the real fire's situation report through the
    incidents services. The fire is history (closed), and the services rightly refuse a
    closed incident: the report is written with the incident open for the moment, then the
    closing is put back and the report's times (and its logbook line) are set to the hours
    of the fire, when the coordinator wrote it."""
    incident = Incident.objects.filter(
        region=ctx.region, title=REAL_FIRE, is_exercise=False
    ).first()
    if incident is None or incident.reports.filter(status=ReportStatus.PUBLISHED).exists():
        return
    closed = (incident.closed_at, incident.closed_by_id, incident.close_note)
    Incident.objects.filter(pk=incident.pk).update(closed_at=None)
    incident.refresh_from_db()
    report = incident_services.report_draft(actor=ctx.coordinator, incident=incident)
    sections = dict(report.sections)
    sections["shelter"] = dict(REPORT_SHELTER)
    report = incident_services.report_update(
        actor=ctx.coordinator, report=report, summary=REPORT_SUMMARY, sections=sections
    )
    report = incident_services.report_approve(actor=ctx.coordinator, report=report)
    report = incident_services.report_publish(actor=ctx.coordinator, report=report)
    Incident.objects.filter(pk=incident.pk).update(
        closed_at=closed[0], closed_by_id=closed[1], close_note=closed[2]
    )
    written = incident.started_at + dt.timedelta(hours=2)
    SituationReport.objects.filter(pk=report.pk).update(
        created_at=written - dt.timedelta(minutes=20),
        updated_at=written - dt.timedelta(minutes=10),
        approved_at=written - dt.timedelta(minutes=5),
        published_at=written,
    )
    incident.log.filter(kind=EntryKind.REPORT, recorded_at__gte=report.created_at).update(
        at=written, recorded_at=written
    )
    ctx.log(f"Partners: situatierapport v{report.version} van '{REAL_FIRE}' gepubliceerd.")


def _build(ctx: DemoContext) -> None:
    user = ctx.make_user(USERNAME, "Rob", "Hendriks")
    if user.email != EMAIL:
        user.email = EMAIL
        user.save(update_fields=["email"])
    access, created = PartnerAccess.objects.get_or_create(
        user=user,
        region=ctx.region,
        revoked_at__isnull=True,
        defaults={
            "kind": PartnerKind.POLICE,
            "organisation": ORGANISATION,
            "created_by": ctx.coordinator,
        },
    )
    if created:
        audit_record(
            actor=ctx.coordinator,
            action=AuditAction.PARTNER_ACCESS_CREATE,
            obj=access,
            region=ctx.region,
            changes={"kind": access.kind, "organisation": ORGANISATION, "login": USERNAME},
        )
        ctx.log(
            f"Partnerlogin '{USERNAME}' ({ORGANISATION}) ziet het partnerbeeld van Kennemerland."
        )
