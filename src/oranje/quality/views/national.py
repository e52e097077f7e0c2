"""The national view (part "monitoring"): per norm of the national set, the distribution of
the 25 regions' figures, the national average, and where each region stands against it —
regions named, or anonymous to a region's monitor when the national setting says so."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from oranje.quality import access, charts, nav
from oranje.quality.selectors_monitoring import percent_text
from oranje.quality.selectors_national import NormDistribution, national_as_seen_by
from oranje.quality.views.monitoring import legend, period_choices, period_from


def describe(dist: NormDistribution) -> str:
    if dist.minimum is None or dist.maximum is None or dist.quartiles is None:
        return _("No region has a figure for this norm in this period.")
    q1, median, q3 = dist.quartiles
    return _(
        "%(n)s regions with a figure: lowest %(min)s, first quartile %(q1)s, median "
        "%(median)s, third quartile %(q3)s, highest %(max)s; national average %(avg)s; "
        "waterlijn %(floor)s%%."
    ) % {
        "n": dist.with_data,
        "min": percent_text(dist.minimum),
        "q1": percent_text(q1),
        "median": percent_text(median),
        "q3": percent_text(q3),
        "max": percent_text(dist.maximum),
        "avg": percent_text(dist.average),
        "floor": dist.waterlijn,
    }


def strip_svg(dist: NormDistribution) -> str:
    points = [
        charts.StripPoint(r.label, r.percent, r.own) for r in dist.regions if r.percent is not None
    ]
    return mark_safe(  # noqa: S308 - charts escape every text they write
        charts.strip(
            points,
            title=_("%(code)s: the regions' figures") % {"code": dist.norm.code},
            desc=describe(dist),
            quartiles=dist.quartiles,
            average=dist.average,
            floor=float(dist.waterlijn),
        )
    )


@login_required
def national(request: HttpRequest) -> HttpResponse:
    """Per national norm: the regions' distribution, the average, each region against it."""
    access.national_for_user(request.user)
    period = period_from(request)
    figures = national_as_seen_by(request.user, period)
    norms = [(dist, strip_svg(dist), describe(dist)) for dist in figures.norms]
    return render(
        request,
        "quality/national.html",
        {
            "period": period,
            "choices": period_choices(period),
            "figures": figures,
            "norms": norms,
            "legend": legend(),
            **nav.context(request, "national"),
        },
    )
