"""The SIS outputs per incident — victims list, deaths list, matching list — as a printable
page, CSV and PDF. For the registry roles only; every view and download goes to the read log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.core.spreadsheet import csv_bytes
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context
from oranje.registry import services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import ReadKind
from oranje.registry.lists import LISTS, MARKING, Table, marking
from oranje.registry.printing import table_pdf

#: Rows per screen page; print and PDF take the whole list from the PDF link.
PAGE_ROWS = 500


def _table(which: str, incident: Incident) -> Table:
    if which not in LISTS:
        raise Http404
    return LISTS[which][1](incident)


def _filename(table: Table, incident: Incident, ext: str) -> str:
    prefix = f"{MARKING}-" if incident.is_exercise else ""
    return f"{prefix}{table.slug}-{incident.pk}.{ext}"


@login_required
def list_index(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    return render(
        request,
        "registry/lists_index.html",
        {
            **incident_context(request, incident, "registry"),
            "lists": [(key, title) for key, (title, _build) in LISTS.items()],
        },
    )


@login_required
def list_page(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    table = _table(which, incident)
    services.read_logged(
        user=registry_user(request.user), incident=incident, kind=ReadKind.LIST, what=table.slug
    )
    page = Paginator(table.rows, PAGE_ROWS).get_page(request.GET.get("pagina"))
    return render(
        request,
        "registry/lists_table.html",
        {
            **incident_context(request, incident, "registry"),
            "which": which,
            "table": table,
            "page": page,
            "marking": marking(incident),
        },
    )


@login_required
def list_csv(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    table = _table(which, incident)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what=f"{table.slug}.csv",
    )
    response = HttpResponse(
        csv_bytes(table.header, table.rows, marking=marking(incident)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, incident, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def list_pdf(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    table = _table(which, incident)
    user = registry_user(request.user)
    services.read_logged(user=user, incident=incident, kind=ReadKind.LIST, what=f"{table.slug}.pdf")
    response = HttpResponse(
        table_pdf(table, incident, by=user.get_full_name() or user.get_username()),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(table, incident, "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/registratie/lijsten/", list_index, name="lists"),
    path("incidenten/<id:pk>/registratie/lijsten/<slug:which>/", list_page, name="list"),
    path("incidenten/<id:pk>/registratie/lijsten/<slug:which>/csv/", list_csv, name="list_csv"),
    path("incidenten/<id:pk>/registratie/lijsten/<slug:which>/pdf/", list_pdf, name="list_pdf"),
]
