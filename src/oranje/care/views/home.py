"""The incident tab "Opvang": the shelters of the incident with their occupancy and the
capacity norm, and the way to each part of the room."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.care import selectors
from oranje.care.access import (
    can_desk,
    can_manage_shelters,
    can_see_vulnerable,
    care_incident_for_user,
)
from oranje.incidents.views import incident_context


@login_required
def care_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    return render(
        request,
        "care/home.html",
        {
            **incident_context(request, incident, "care"),
            "shelters": selectors.occupancy(incident),
            "norm": selectors.capacity_norm(incident),
            "desk": can_desk(request.user, incident.region_id),
            "manages": can_manage_shelters(request.user, incident) and incident.is_open,
            "vulnerable": can_see_vulnerable(request.user, incident.region_id),
        },
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/opvang/", care_home, name="home"),
]
