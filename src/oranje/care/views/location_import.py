"""Importing the register of shelter locations: upload a CSV or .xlsx file for one
municipality (or for the region, with a municipality column), see every bad row or what the
import did; the template file to fill in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.care.forms_locations import LocationImportForm
from oranje.care.services.location_import import (
    COLUMNS,
    CONTACT_SLOTS,
    locations_import,
    read_locations,
    template_csv,
)
from oranje.care.views.locations import NAV, managed_municipalities
from oranje.core.views import current_region


@login_required
def locations_import_view(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    choices = managed_municipalities(request, region)
    if not choices:
        raise PermissionDenied
    form = LocationImportForm(request.POST or None, request.FILES or None, municipalities=choices)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_locations(upload, upload.name or "")
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            report = locations_import(
                actor=request.user,
                region=region,
                municipality=form.cleaned_data["municipality"],
                rows=rows,
            )
            if report.ok:
                messages.success(
                    request,
                    _(
                        "Locations imported: %(created)s new, %(updated)s changed, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                    },
                )
                return redirect("care:locations")
    return render(
        request,
        "care/locations_import.html",
        {
            "nav": NAV,
            "form": form,
            "report": report,
            "file_error": file_error,
            "columns": [names[0] for names in COLUMNS.values()],
            "contact_slots": CONTACT_SLOTS,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def locations_template(request: HttpRequest) -> HttpResponse:
    """The header row of an import file (CSV, semicolons, UTF-8 with BOM for Excel)."""
    current_region(request)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="opvanglocaties-sjabloon.csv"'
    return response


urls: list[URLPattern] = [
    path("opvang/locaties/import/", locations_import_view, name="locations_import"),
    path("opvang/locaties/import/sjabloon.csv", locations_template, name="locations_template"),
]
