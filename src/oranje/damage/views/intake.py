"""Taking a damage report by phone, at the desk or on a field visit: the same report as the
public form's, written by `services.reports.report_create` (one create for both), with a
point on the map when the staff member knows it and photos taken at the desk or on a
visit. For those who handle the reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.damage.access import damage_incident_for_user
from oranje.damage.constants import PHOTO_MAX_BYTES, PHOTOS_MAX
from oranje.damage.forms_intake import IntakeForm
from oranje.damage.services.reports import report_create
from oranje.incidents.views import incident_context


@login_required
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk, handle=True)
    form = IntakeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = report_create(
                    actor=core_access.authenticated(request.user),
                    incident=incident,
                    channel=d["channel"],
                    reporter_name=d["reporter_name"],
                    reporter_phone=d["reporter_phone"],
                    reporter_email=d["reporter_email"],
                    postcode=d["postcode"],
                    house=d["house"],
                    street=d["street"],
                    city=d["city"],
                    kind=d["kind"],
                    description=d["description"],
                    unsafe=d["unsafe"],
                    insured=d["insured"],
                    consent_share=d["consent_share"],
                    point=d["point"].strip() or None,
                    client_key=d["client_key"],
                    photos=[f for f in request.FILES.getlist("photos") if f.size],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Report recorded. Give the reporter the reference %(reference)s.")
                    % {"reference": report.reference},
                )
                return redirect("damage:report", incident.pk, report.pk)
    return render(
        request,
        "damage/report_new.html",
        {
            **incident_context(request, incident, "damage"),
            "form": form,
            "photos_max": PHOTOS_MAX,
            "photo_mb": PHOTO_MAX_BYTES // 1024 // 1024,
            "map": {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
        },
        status=status,
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/meldingen/nieuw/", report_new, name="report_new"),
]
