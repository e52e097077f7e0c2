"""Registry pages: exchange with other registries in PFIF 1.4 (export and import).

/incidenten/<id>/registratie/pfif/ shows both: the import form for the registry roles, the
export for a registry coordinator of the region (everyone else: 404, as every registry page).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from oranje.core.forms import InputForm
from oranje.incidents.views import incident_context
from oranje.registry import pfif, services
from oranje.registry.access import can_coordinate, registry_incident_for_user, registry_user
from oranje.registry.services.exchange import pfif_domain


class PfifImportForm(InputForm):
    file = forms.FileField(
        label=gettext_lazy("PFIF file"),
        help_text=gettext_lazy("A PFIF 1.4 XML document from another registry."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    posted = request.method == "POST"
    form = PfifImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > pfif.MAX_BYTES:
            form.add_error(
                "file",
                _("The file is larger than %(mb)s MB.") % {"mb": pfif.MAX_BYTES // (1024 * 1024)},
            )
        else:
            try:
                report = services.pfif_import(
                    incident=incident,
                    actor=registry_user(request.user),
                    data=upload.read(),
                    file_name=upload.name or "pfif.xml",
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if report.ok:
                    messages.success(
                        request,
                        _(
                            "PFIF imported: %(new)s new persons, %(known)s already known, "
                            "%(notes)s new notes (%(skipped)s already received), "
                            "%(duplicates)s possible duplicates to decide."
                        )
                        % {
                            "new": report.persons_new,
                            "known": report.persons_known,
                            "notes": report.notes_new,
                            "skipped": report.notes_known,
                            "duplicates": report.duplicates,
                        },
                    )
                    return redirect("registry:exchange", pk=incident.pk)
    status = 400 if posted else 200  # a successful import redirected above
    return render(
        request,
        "registry/exchange.html",
        {
            **incident_context(request, incident, "registry"),
            "form": form,
            "report": report,
            "domain": pfif_domain(incident),
            "coordinates": can_coordinate(request.user, incident.region_id),
        },
        status=status,
    )


@login_required
@require_GET
def exchange_export(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    export = services.pfif_export(incident=incident, actor=registry_user(request.user))
    response = HttpResponse(export.data, content_type=f"{pfif.MIME}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    response["Cache-Control"] = "no-store"
    return response


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/registratie/pfif/", exchange, name="exchange"),
    path("incidenten/<id:pk>/registratie/pfif/export.xml", exchange_export, name="exchange_export"),
]
