"""The region's monitoring page (part "monitoring")."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oranje.core.views import current_region
from oranje.quality import access, nav, selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    today = timezone.localdate()
    norms = selectors.effective_norms(region, today)
    rows = [(norm, selectors.waterlijn_on(norm, today)) for norm in norms]
    return render(
        request,
        "quality/home.html",
        {"region": region, "rows": rows, **nav.context(request, "monitoring")},
    )
