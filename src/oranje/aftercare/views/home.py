"""The incident tab "Nafase": whether the acute phase has ended and who heads the aftercare,
the transition document, the aftercare tasks, the IAC's figures, the newsletters and the
people who came."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.aftercare.access import aftercare_incident_for_user, can_iac, can_write
from oranje.aftercare.models import Aftercare
from oranje.incidents.access import can_command
from oranje.incidents.views import incident_context


@login_required
def aftercare_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)
    return render(
        request,
        "aftercare/home.html",
        {
            **incident_context(request, incident, "aftercare"),
            "aftercare": Aftercare.objects.filter(incident=incident).first(),
            "writes": can_write(request.user, incident) and incident.is_open,
            "iac": can_iac(request.user, incident),
            "leads": can_command(request.user, incident),
        },
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/nafase/", aftercare_home, name="home"),
]
