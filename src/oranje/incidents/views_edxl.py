"""The staff download of a published situation report as EDXL-SitRep 1.0."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from oranje.core import access as core_access
from oranje.incidents.access import incident_for_user
from oranje.incidents.constants import ReportStatus
from oranje.incidents.edxl import edxl_response


@login_required
def report_edxl(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """Everyone who reads the incident may take out its published reports (a draft or an
    approved, unpublished version: 404, it is not a report the crisis teams have)."""
    incident = incident_for_user(request.user, pk)
    report = (
        incident.reports.select_related("incident__region")
        .filter(version=version, status=ReportStatus.PUBLISHED)
        .first()
    )
    if report is None:
        raise Http404
    return edxl_response(report, actor=core_access.authenticated(request.user), channel="staff")
