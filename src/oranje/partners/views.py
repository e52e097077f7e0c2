"""The partner view: a partner login's start page, the region's view and a published
situation report. Members of the region see the same pages (what partners see); a partner's
reads are audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.incidents.constants import Process
from oranje.partners import access, selectors_view

#: The parts of a report's section, as the staff's report page names them.
PARTS = (
    ("picture", _("Picture")),
    ("judgement", _("Judgement")),
    ("advice", _("Advice or decision")),
)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """A partner's start page: straight to the region when there is one, else the list.
    Staff see the regions they read (what partners see there)."""
    user = request.user
    partner = access.partner_regions(user)
    staff = core_access.readable_regions(user).values_list("pk", flat=True)
    regions = Region.objects.filter(pk__in=set(partner) | set(staff)).order_by("code")
    if not regions:
        raise PermissionDenied
    if len(regions) == 1 and partner:
        return redirect("partners:region", code=regions[0].code)
    return render(
        request, "partners/home.html", {"regions": regions, "nav": "partners", "partner": partner}
    )


@login_required
@require_safe
def region_view(request: HttpRequest, code: str) -> HttpResponse:
    """The partner view of one region."""
    region = access.partner_region_for_user(request.user, code)
    view = selectors_view.partner_view(region)
    if access.reads_as_partner(request.user, region):
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.PARTNER_VIEW_READ,
                obj=region,
                region=region,
            )
    return render(
        request,
        "partners/region.html",
        {
            "region": region,
            "view": view,
            "history_days": selectors_view.PARTNER_HISTORY_DAYS,
            "nav": "partners",
        },
    )


@login_required
@require_safe
def report(request: HttpRequest, code: str, incident: int) -> HttpResponse:
    """The newest published situation report of one of the region's incidents."""
    region = access.partner_region_for_user(request.user, code)
    found = selectors_view.partner_report(region, incident)
    if access.reads_as_partner(request.user, region):
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.PARTNER_REPORT_READ,
                obj=found,
                region=region,
                changes={"incident": found.incident_id, "version": found.version},
            )
    sections = []
    for process, label in Process.choices:
        content = found.sections.get(process, {}) if isinstance(found.sections, dict) else {}
        parts = [
            (part_label, content.get(part, ""))
            for part, part_label in PARTS
            if isinstance(content, dict) and content.get(part)
        ]
        if parts:
            sections.append((label, parts))
    step = found.incident.scaling.order_by("-at", "-pk").first()
    return render(
        request,
        "partners/report.html",
        {
            "region": region,
            "report": found,
            "incident": found.incident,
            "sections": sections,
            "scaling": step,
            "is_exercise": found.incident.is_exercise,
            "nav": "partners",
        },
    )
