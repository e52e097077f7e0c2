"""The drill-down (part "indicators"): the records behind one figure — which hours were
uncovered, who is not qualified, which arrivals were late — with the figure itself and its
state against each norm that uses it. Names of people: monitors of the region, and a
municipality's own coordinator and quality monitor for their municipality; every read is
audited and never cached. A monitor may recompute the figures of the region and period."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.core.params import InvalidParameter, parse_id
from oranje.core.views import current_region
from oranje.organisation.models import Function
from oranje.quality import access, indicators, nav, selectors
from oranje.quality import selectors_indicators as reads
from oranje.quality.constants import CODE_MAX, Indicator
from oranje.quality.periods import Period, last_complete_quarter, parse_period
from oranje.quality.services.compute import indicators_compute

#: The `gemeente` value for the region's own figures (regional staff, regional pools).
REGION_OWN = "regio"


def _indicator(value: str) -> str:
    if value not in Indicator.values:
        raise InvalidParameter("indicator", _("There is no such indicator."))
    return value


def _period(params: dict[str, str]) -> Period:
    text = params.get("periode", "").strip()
    if not text:
        return last_complete_quarter()
    period = parse_period(text[:20])
    if period is None:
        raise InvalidParameter(
            "periode", _("Give a quarter such as 2026-Q3 or a year such as 2026.")
        )
    return period


def _function(params: dict[str, str]) -> Function | None:
    code = params.get("functie", "").strip()
    if not code:
        return None
    function = Function.objects.filter(code=code[:CODE_MAX]).first()
    if function is None:
        raise InvalidParameter("functie", _("There is no function with this code."))
    return function


def _place(request: HttpRequest, params: dict[str, str]) -> tuple[Region, Municipality | None]:
    """The region and municipality (None: the region's own) the user may drill into."""
    value = params.get("gemeente", "").strip()
    if value == REGION_OWN or not value:
        region = current_region(request)
        return access.monitor_region_for_user(request.user, region), None
    municipality = access.municipality_for_user(request.user, parse_id(value, field="gemeente"))
    return municipality.region, municipality


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def drilldown(request: HttpRequest, indicator: str) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("gemeente", "periode", "functie")}
    indicator = _indicator(indicator)
    period = _period(params)
    function = _function(params)
    region, municipality = _place(request, params)
    user = request.user
    monitor = access.can_monitor(user, region.pk)
    if request.method == "POST":
        if not monitor:
            raise PermissionDenied
        indicators_compute(periods=[period], regions=[region], user=user)
        query = urlencode({k: v for k, v in params.items() if v})
        url = reverse("quality:drilldown", args=[indicator])
        return redirect(f"{url}?{query}" if query else url)
    municipality_id = municipality.pk if municipality is not None else None
    function_id = function.pk if function is not None else None
    found = selectors.figures([region.pk], period).get(region.pk, {})
    figure = reads.figure(found, municipality_id, indicator, function_id)
    split = reads.by_function(region, found, municipality_id, indicator) if function is None else []
    norms = reads.norm_states(region, found, municipality_id, indicator, function_id, period)
    table = indicators.records(indicator, region, municipality_id, period, function_id)
    audit_record(
        actor=user if isinstance(user, User) else None,
        action=AuditAction.QUALITY_DRILLDOWN_READ,
        object_type="indicator",
        region=region,
        changes={
            "indicator": indicator,
            "municipality": municipality_id,
            "period": period.slug,
            "function": function.code if function is not None else None,
            "records": len(table.rows),
            "people": len(table.people),
        },
        note=f"{indicator} {period.slug}",
    )
    response = render(
        request,
        "quality/drilldown.html",
        {
            "region": region,
            "municipality": municipality,
            "indicator": indicator,
            "indicator_label": Indicator(indicator).label,
            "period": period,
            "function": function,
            "figure": figure,
            "by_function": split,
            "query": {k: v for k, v in params.items() if v and k != "functie"},
            "norms": norms,
            "table": table,
            "may_recompute": monitor,
            **nav.context(request, "monitoring"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
