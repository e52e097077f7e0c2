"""The incident tab "Opvang": the occupancy board — per shelter in, out today, capacity and
free places by day and by night, open needs, when it was ready; the totals; the capacity the
norm asks beside what is open — live (htmx asks for the board every few seconds) and on a
map when a tile server is configured. Counts only: readable by everyone who sees the
incident. The way to each part of the room."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse

from oranje.care import selectors
from oranje.care.access import (
    can_desk,
    can_manage_shelters,
    can_see_vulnerable,
    care_incident_for_user,
)
from oranje.care.forms_shelters import InvolvedForm
from oranje.care.models import Shelter
from oranje.incidents.models import Incident
from oranje.incidents.views import POLL_SECONDS, incident_context


def desk_path(shelter: Shelter) -> str:
    """The shelter's desk page (check-in and out)."""
    return reverse("care:desk_check_in", args=[shelter.incident_id, shelter.pk])


def board_context(request: HttpRequest, incident: Incident) -> dict[str, object]:
    """What the board (and its live part) shows."""
    rows, totals = selectors.occupancy_board(incident)
    desk = can_desk(request.user, incident.region_id) and incident.is_open
    for shelter in rows:
        shelter.desk_path = desk_path(shelter) if desk and shelter.is_open else ""  # type: ignore[attr-defined]
    return {
        "incident": incident,
        "shelters": rows,
        "totals": totals,
        "norm": selectors.capacity_norm(incident),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
def care_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    manages = can_manage_shelters(request.user, incident) and incident.is_open
    context = board_context(request, incident)
    return render(
        request,
        "care/home.html",
        {
            **incident_context(request, incident, "care"),
            **context,
            "desk": can_desk(request.user, incident.region_id),
            "manages": manages,
            "vulnerable": can_see_vulnerable(request.user, incident.region_id),
            "involved_form": InvolvedForm(
                initial={"people_involved": context["norm"].involved}  # type: ignore[attr-defined]
            )
            if manages
            else None,
            "map": {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
            "points": [
                {
                    "lat": float(s.location.latitude),
                    "lon": float(s.location.longitude),
                    "name": s.location.name,
                    "id": s.pk,
                }
                for s in context["shelters"]  # type: ignore[attr-defined]
                if s.is_open
                and s.location.latitude is not None
                and s.location.longitude is not None
            ],
        },
    )


@login_required
def care_board(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the board: htmx asks for it every few seconds."""
    incident = care_incident_for_user(request.user, pk)
    return render(request, "care/_board.html", board_context(request, incident))


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/opvang/", care_home, name="home"),
    path("incidenten/<id:pk>/opvang/bord/", care_board, name="board"),
]
