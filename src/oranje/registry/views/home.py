"""The registry's front page per incident: counts and the way to each part."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.incidents.views import incident_context
from oranje.registry import selectors
from oranje.registry.access import can_coordinate, registry_incident_for_user


@login_required
def registry_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    return render(
        request,
        "registry/home.html",
        {
            **incident_context(request, incident, "registry"),
            "counts": selectors.counts(incident),
            "coordinates": can_coordinate(request.user, incident.region_id),
        },
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/registratie/", registry_home, name="home"),
]
