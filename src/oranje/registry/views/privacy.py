"""Registry pages for the registry coordinator: the read log (per incident with filters, per
person, per inquiry), the region's registry settings and the archive export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.core import params
from oranje.core.forms import InputForm
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context
from oranje.registry import services
from oranje.registry.access import (
    inquiry_for_user,
    person_for_user,
    registry_incident_for_user,
    registry_user,
)
from oranje.registry.constants import ReadKind
from oranje.registry.models import ReadLog, RetentionRun
from oranje.registry.services import privacy, retention

PAGE = 100


def _page(request: HttpRequest, entries: QuerySet[ReadLog]) -> Any:
    return Paginator(entries.order_by("-at", "-pk"), PAGE).get_page(request.GET.get("pagina"))


@login_required
def read_log(request: HttpRequest, pk: int) -> HttpResponse:
    """The incident's read log, filtered by user, kind and day."""
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    entries = ReadLog.objects.filter(incident=incident)
    user_id = params.optional_id(request.GET, "gebruiker")
    kind = request.GET.get("soort", "")
    day = params.optional_date(request.GET, "dag")
    if user_id is not None:
        entries = entries.filter(user_id=user_id)
    if kind:
        if kind not in ReadKind.values:
            raise params.InvalidParameter("soort", _("unknown kind."))
        entries = entries.filter(kind=kind)
    if day is not None:
        entries = entries.filter(at__date=day)
    readers = (
        ReadLog.objects.filter(incident=incident, user__isnull=False)
        .values_list("user_id", "user_name")
        .order_by("user_name")
        .distinct()
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "registry/privacy_readlog.html",
        {
            **incident_context(request, incident, "registry"),
            "page": _page(request, entries),
            "readers": list(readers),
            "kinds": ReadKind.choices,
            "chosen": {"user": user_id, "kind": kind, "day": day},
            "query": query.urlencode(),
            "subject": None,
        },
    )


def _record_log(
    request: HttpRequest, incident: Incident, kind: ReadKind, object_id: int, subject: str
) -> HttpResponse:
    # Seeing the record's name on this page is a read of the record, too.
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=kind,
        object_id=object_id,
        what="leeslog",
    )
    entries = ReadLog.objects.filter(incident=incident, kind=kind, object_id=object_id)
    return render(
        request,
        "registry/privacy_readlog.html",
        {
            **incident_context(request, incident, "registry"),
            "page": _page(request, entries),
            "subject": subject,
            "query": "",
        },
    )


@login_required
def person_read_log(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    found = person_for_user(request.user, person)
    if found.incident_id != incident.pk:
        raise Http404
    subject = _("Person #%(id)s %(name)s") % {"id": found.pk, "name": found.full_name}
    return _record_log(request, incident, ReadKind.PERSON, found.pk, subject)


@login_required
def inquiry_read_log(request: HttpRequest, pk: int, inquiry: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    found = inquiry_for_user(request.user, inquiry)
    if found.incident_id != incident.pk:
        raise Http404
    subject = _("Inquiry %(number)s about %(name)s") % {
        "number": str(found),
        "name": found.full_name,
    }
    return _record_log(request, incident, ReadKind.INQUIRY, found.pk, subject)


class SettingsForm(InputForm):
    retention_months = forms.IntegerField(
        label=gettext_lazy("Retention (months after the incident closes)"),
        min_value=1,
        max_value=privacy.RETENTION_MONTHS_MAX,
    )
    callback_minutes = forms.IntegerField(
        label=gettext_lazy("Call-back norm (minutes)"),
        min_value=privacy.CALLBACK_MINUTES_MIN,
        max_value=privacy.CALLBACK_MINUTES_MAX,
    )


@login_required
def registry_settings(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    current = privacy.settings_for(incident.region)
    form = SettingsForm(
        request.POST or None,
        initial={
            "retention_months": current.retention_months,
            "callback_minutes": current.callback_minutes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            privacy.registry_settings_save(
                actor=registry_user(request.user),
                region=incident.region,
                retention_months=form.cleaned_data["retention_months"],
                callback_minutes=form.cleaned_data["callback_minutes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Registry settings saved."))
            return redirect("registry:settings", pk=incident.pk)
    return render(
        request,
        "registry/privacy_settings.html",
        {
            **incident_context(request, incident, "registry"),
            "form": form,
            "due": retention.due_at(incident),
            "run": RetentionRun.objects.filter(incident=incident).first(),
            "exercise_days": retention.EXERCISE_RETENTION.days,
        },
    )


@login_required
def archive_export(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the export holds; POST: the ZIP (audited, read-logged)."""
    incident = registry_incident_for_user(request.user, pk, coordinate=True)
    if request.method == "POST":
        data = privacy.registry_export(actor=registry_user(request.user), incident=incident)
        response = HttpResponse(data, content_type="application/zip")
        name = privacy.export_filename(incident)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "registry/privacy_export.html",
        {**incident_context(request, incident, "registry"), "due": retention.due_at(incident)},
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/registratie/leeslog/", read_log, name="read_log"),
    path(
        "incidenten/<id:pk>/registratie/leeslog/personen/<id:person>/",
        person_read_log,
        name="person_read_log",
    ),
    path(
        "incidenten/<id:pk>/registratie/leeslog/vragen/<id:inquiry>/",
        inquiry_read_log,
        name="inquiry_read_log",
    ),
    path("incidenten/<id:pk>/registratie/instellingen/", registry_settings, name="settings"),
    path("incidenten/<id:pk>/registratie/archief/", archive_export, name="export"),
]
