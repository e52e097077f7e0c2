"""Starting the nafase (with a confirmation step: it cannot be undone) and changing its
head. The home page shows the start form in its "phase" part (templatetags)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.aftercare.access import aftercare_incident_for_user
from oranje.aftercare.forms_phase import HeadForm
from oranje.aftercare.services import phase as services
from oranje.alerting.constants import CallStatus
from oranje.alerting.models import FunctionCall
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.views import incident_context


@login_required
def aftercare_start(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form; POST: the confirmation step, then (`confirmed`) the start."""
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    form = HeadForm(request.POST if request.method == "POST" else None, incident=incident)
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") != "1":
            confirming = True
        else:
            try:
                services.aftercare_start(
                    actor=core_access.authenticated(request.user),
                    incident=incident,
                    head=data["head"],
                    note=data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The acute phase has ended; the incident continues in aftercare (nafase)."),
                )
                return redirect("aftercare:home", incident.pk)
    return render(
        request,
        "aftercare/start.html",
        {
            **incident_context(request, incident, "aftercare"),
            "form": form,
            "confirming": confirming,
            "open_calls": FunctionCall.objects.filter(
                incident=incident, status=CallStatus.OPEN
            ).count(),
            "head": form.cleaned_data["head"] if confirming else None,
        },
        status=400 if request.method == "POST" and not confirming else 200,
    )


@login_required
@require_POST
def aftercare_head(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    form = HeadForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            services.aftercare_set_head(
                actor=core_access.authenticated(request.user),
                incident=incident,
                head=form.cleaned_data["head"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Head of the aftercare changed."))
            return redirect("aftercare:home", incident.pk)
    return render(
        request,
        "aftercare/head.html",
        {**incident_context(request, incident, "aftercare"), "form": form},
        status=400,
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/nafase/starten/", aftercare_start, name="start"),
    path("incidenten/<id:pk>/nafase/leiding/", aftercare_head, name="head"),
]
