"""A municipality's own quality view (part "monitoring"): its state per norm with the trend,
its contribution against the agreement with the region, and its open improvement actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oranje.quality import access, nav
from oranje.quality.selectors_monitoring import contribution, open_actions, region_matrix
from oranje.quality.views.monitoring import legend, period_choices, period_from, present


@login_required
def municipality(request: HttpRequest, pk: int) -> HttpResponse:
    """The municipality's state per norm beside the whole region's, for the period."""
    place = access.municipality_for_user(request.user, pk)
    period = period_from(request)
    matrix = region_matrix(place.region, period, municipalities=[place])
    monitor = access.can_monitor(request.user, place.region_id)
    # The region's own staff are the region's to drill into, not the municipality's.
    present(matrix, own_links=monitor)
    own = matrix.rows[0] if matrix.rows else None
    rows = list(zip(matrix.columns, own.cells, matrix.total.cells, strict=True)) if own else []
    return render(
        request,
        "quality/municipality.html",
        {
            "place": place,
            "region": place.region,
            "period": period,
            "choices": period_choices(period),
            "matrix": matrix,
            "rows": rows,
            "legend": legend(),
            "counts": matrix.counts,
            "contribution": contribution(place, period),
            "actions": open_actions(place),
            "monitor": monitor,
            **nav.context(request, "monitoring"),
        },
    )
