"""The demo's damage registration (issue 14): in the Haarlem care-home exercise 120 damage
reports — about 60% as residents would send them through the public form, the rest taken by
phone or at the desk by the registry officer — a few on the same address, some unsafe homes
triaged urgent, most triaged and some handled. Through the room's services; only the clock is
set back afterwards. The incident is an exercise, so its public form stays a preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction

from oranje.core.models import User
from oranje.damage.constants import ReportStatus, Triage
from oranje.damage.models import DamageEvent, DamageReport
from oranje.damage.services import handling
from oranje.damage.services.reports import report_create
from oranje.demo import aftercare_data as data
from oranje.incidents.models import Incident

OFFICER = "registratie.kennemerland"


def haarlem(incident: Incident, log: Callable[[str], None]) -> None:
    if DamageReport.objects.filter(incident=incident).exists():
        log("Haarlem: de schademeldingen staan er al.")
        return
    officer = User.objects.get(username=OFFICER)
    start = incident.started_at
    now = incident.acute_ended_at or (start + dt.timedelta(hours=4))
    span = int((now - start).total_seconds() // 60) - 5
    with transaction.atomic():
        for i, r in enumerate(data.reports(span)):
            report = report_create(
                actor=officer,
                incident=incident,
                channel=r.channel,
                reporter_name=r.name,
                reporter_phone=r.phone,
                reporter_email=r.email,
                postcode=r.postcode,
                house=r.house,
                street=r.street,
                city="Haarlem",
                kind=r.kind,
                description=r.description,
                unsafe=r.unsafe,
                insured=r.insured,
                consent_share=r.consent,
                point=(Decimal(str(r.lat)), Decimal(str(r.lon))),
                client_key=f"demo-{i}",
            )
            at = start + dt.timedelta(minutes=r.minutes)
            DamageReport.objects.filter(pk=report.pk).update(
                received_at=at, updated_at=at, recorded_by=None if r.channel == "form" else officer
            )
            DamageEvent.objects.filter(report=report).update(at=at)
            # Most are triaged: unsafe homes urgent, a few information only; older ones worked.
            if i >= data.REPORT_COUNT - 12:
                continue  # the newest wait for triage
            triage = Triage.URGENT if r.unsafe else (Triage.INFO if i % 9 == 0 else Triage.NORMAL)
            handling.report_triage(actor=officer, report=report, triage=triage)
            if i % 3 == 0:
                handling.report_assign(actor=officer, report=report, handler=officer)
                handling.report_set_status(
                    actor=officer,
                    report=report,
                    status=ReportStatus.REFERRED if i % 2 else ReportStatus.IN_PROGRESS,
                    note="Doorgezet naar de verzekeraar." if i % 2 else "",
                )
            later = at + dt.timedelta(minutes=5 + i % 20)
            DamageEvent.objects.filter(report=report).exclude(kind="received").update(at=later)
            DamageReport.objects.filter(pk=report.pk).update(updated_at=later)
    log(f"Haarlem: {data.REPORT_COUNT} schademeldingen, de onveilige woningen urgent.")
