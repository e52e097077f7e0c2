"""The export for insurers and the compensation scheme: a page with the filters that says how
many reports go in and how many are left out for lack of consent, and the files (CSV and
.xlsx). Only for those who handle the reports; every file is in the audit log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from oranje.core import access as core_access
from oranje.damage.access import damage_incident_for_user
from oranje.damage.forms_reports import ExportFilterForm
from oranje.damage.selectors_reports import export_reports
from oranje.damage.services import exports
from oranje.incidents.views import incident_context


@require_safe
@login_required
def export_page(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk, handle=True)
    form = ExportFilterForm(request.GET or None)
    kind, status = form.values()
    rows, left_out = export_reports(incident, kind=kind, status=status)
    query = request.GET.copy()
    return render(
        request,
        "damage/export.html",
        {
            **incident_context(request, incident, "damage"),
            "form": form,
            "count": rows.count(),
            "left_out": left_out,
            "query": query.urlencode(),
        },
    )


def _file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk, handle=True)
    kind, status = ExportFilterForm(request.GET or None).values()
    export = exports.reports_export(
        actor=core_access.authenticated(request.user),
        incident=incident,
        fmt=fmt,
        kind=kind,
        status=status,
    )
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(request, pk, "csv")


@require_safe
@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(request, pk, "xlsx")


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/export/", export_page, name="export"),
    path("incidenten/<id:pk>/schade/export.csv", export_csv, name="export_csv"),
    path("incidenten/<id:pk>/schade/export.xlsx", export_xlsx, name="export_xlsx"),
]
