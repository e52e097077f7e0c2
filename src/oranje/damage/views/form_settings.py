"""Opening and closing the public damage form of an incident (the part "form" of the damage
tab): those who command the incident and the aftercare role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core.access import authenticated
from oranje.damage.access import can_manage_form, damage_incident_for_user
from oranje.damage.services.public_form import public_form_update


@login_required
@require_POST
def form_update(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk)
    if not can_manage_form(request.user, incident):
        raise PermissionDenied
    try:
        form = public_form_update(
            actor=authenticated(request.user),
            incident=incident,
            is_open=request.POST.get("is_open") == "on",
            intro=request.POST.get("intro", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The public damage form is open.")
            if form.is_open
            else _("The public damage form is closed."),
        )
    return redirect("damage:home", incident.pk)


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/formulier/instellen/", form_update, name="form_update"),
]
