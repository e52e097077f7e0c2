"""Pages: who is on call now, and the gaps in the roster ahead."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oranje.core.views import current_region
from oranje.organisation import selectors
from oranje.organisation.views.common import _manages
from oranje.organisation.views.loans import audit_lent_in_read, current_loans

DEFAULT_GAP_WEEKS = 8


MAX_GAP_WEEKS = 26


@login_required
def oncall_now(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    now = timezone.now()
    rows = selectors.on_call_at(region, now)
    partial = request.headers.get("HX-Request") == "true"
    loans_in, loans_out = current_loans(region, now)
    if loans_in and not partial:
        audit_lent_in_read(request, region, loans_in)
    template = "organisation/_oncall_table.html" if partial else "organisation/oncall_now.html"
    return render(
        request,
        template,
        {
            "rows": rows,
            "now": now,
            "nav": "oncall",
            "loans_in": loans_in,
            "loans_out": loans_out,
        },
    )


@login_required
def gaps(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    try:
        weeks = min(max(int(request.GET.get("weken", DEFAULT_GAP_WEEKS)), 1), MAX_GAP_WEEKS)
    except ValueError:
        weeks = DEFAULT_GAP_WEEKS
    start = timezone.now().replace(second=0, microsecond=0)
    end = start + dt.timedelta(weeks=weeks)
    found = selectors.coverage_gaps([region], start, end)
    return render(
        request,
        "organisation/gaps.html",
        {
            "gaps": found,
            "weeks": weeks,
            "start": start,
            "end": end,
            "nav": "gaps",
            "manages": _manages(request),
        },
    )
