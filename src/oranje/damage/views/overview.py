"""The damage overview for everyone who sees the incident: counts by kind × status, by
street and by postcode, the unsafe homes (urgent first), and the map with its GeoJSON.
Names never; addresses (house numbers) and single points only for those who handle the
reports — see `selectors_overview` for why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from oranje.core import access as core_access
from oranje.damage import selectors_overview as selectors
from oranje.damage.access import can_handle, damage_incident_for_user
from oranje.damage.constants import ReportStatus
from oranje.damage.hooks import counts
from oranje.damage.services import handling
from oranje.incidents.views import incident_context


@require_safe
@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk)
    handles = can_handle(request.user, incident)
    rows, totals, total = selectors.by_kind_status(incident)
    homes = selectors.unsafe_homes(incident) if handles else []
    if handles and homes:
        handling.reports_read_record(
            actor=core_access.authenticated(request.user),
            incident=incident,
            what="overzicht (onveilige woningen)",
        )
    placed, unplaced = selectors.placed_count(incident)
    return render(
        request,
        "damage/overview.html",
        {
            **incident_context(request, incident, "damage"),
            "handles": handles,
            "counts": counts(incident),
            "statuses": ReportStatus.choices,
            "kind_rows": rows,
            "status_totals": totals,
            "total": total,
            "streets": selectors.by_street(incident),
            "areas": selectors.by_postcode_area(incident),
            "postcodes": selectors.by_postcode(incident),
            "unsafe": selectors.unsafe_counts(incident),
            "homes": homes,
            "placed": placed,
            "unplaced": unplaced,
            "area_rows": selectors.AREA_ROWS,
            "map": {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
        },
    )


@require_safe
@login_required
def overview_points(request: HttpRequest, pk: int) -> HttpResponse:
    """The map's GeoJSON: points for handlers (up to POINTS_MAX), cells with counts for
    everyone else or beyond that."""
    incident = damage_incident_for_user(request.user, pk)
    data = selectors.map_points(incident, handles=can_handle(request.user, incident))
    response = JsonResponse(data)
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = "private, no-store"
    return response


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/overzicht/", overview, name="overview"),
    path("incidenten/<id:pk>/schade/overzicht/punten.geojson", overview_points, name="points"),
]
