"""The incident tab "Schade": the public form's state, the overview (counts by kind and
area, urgent unsafe homes first) and, for those who handle reports, the worklist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.damage.access import can_handle, can_manage_form, damage_incident_for_user
from oranje.damage.hooks import counts
from oranje.damage.models import PublicForm
from oranje.incidents.views import incident_context


@login_required
def damage_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk)
    return render(
        request,
        "damage/home.html",
        {
            **incident_context(request, incident, "damage"),
            "counts": counts(incident),
            "handles": can_handle(request.user, incident),
            "manages_form": can_manage_form(request.user, incident) and incident.is_open,
            "public_form": PublicForm.objects.filter(incident=incident).first(),
        },
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/", damage_home, name="home"),
]
