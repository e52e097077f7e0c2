"""The page "Hard versus soft on-call in figures" (piket/hard-zacht/): a table per kind of
incident (real, exercise), an accessible chart, and a CSV export."""

from __future__ import annotations

import csv
from html import escape

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from oranje.alerting.access_figures import can_see_figures
from oranje.alerting.selectors_figures import (
    Figures,
    FunctionFigures,
    Period,
    Side,
    hard_soft,
    parse_period,
    period_choices,
)
from oranje.core import access as core_access
from oranje.core.params import InvalidParameter
from oranje.core.spreadsheet import decimal_cell, safe_cell
from oranje.core.views import current_region
from oranje.organisation.models import Function

HARD_COLOUR = "#1f4e79"
SOFT_COLOUR = "#c55a11"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)}%"


def _minutes(value: float | None) -> str:
    return "—" if value is None else number_format(value, 1)


def chart_svg(rows: list[FunctionFigures], *, title: str, ident: str) -> SafeString:
    """Per function two horizontal bars: the share that came of those alerted on hard and on
    soft on-call. The table beside it carries the same figures for screen readers."""
    # The right margin holds the longest label beside a full bar: "100,0% (123/123)".
    left, right, bar, gap, top = 110, 120, 14, 10, 40
    width = 640
    plot = width - left - right
    height = top + len(rows) * (2 * bar + gap) + 40
    parts = []
    for row in rows:
        for side, word in ((row.hard, _("hard")), (row.soft, _("soft"))):
            parts.append(
                _("%(function)s %(kind)s: %(percent)s came of %(alerted)s alerted")
                % {
                    "function": row.function.code,
                    "kind": word,
                    "percent": _percent(side.came_percent),
                    "alerted": side.alerted,
                }
            )
    desc = "; ".join(parts) if parts else _("No alerts in this period.")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" class="chart" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect x="{left}" y="10" width="12" height="12" fill="{HARD_COLOUR}"/>',
        f'<text x="{left + 18}" y="20">{escape(_("hard on-call"))}</text>',
        f'<rect x="{left + 140}" y="10" width="12" height="12" fill="{SOFT_COLOUR}"/>',
        f'<text x="{left + 158}" y="20">{escape(_("soft on-call"))}</text>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = left + plot * tick / 100
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6}" y2="{height - 30}" stroke="#dddddd"/>'
        )
        out.append(f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle">{tick}%</text>')
    y = top
    for row in rows:
        out.append(
            f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end">'
            f"{escape(row.function.code)}</text>"
        )
        for side, colour in ((row.hard, HARD_COLOUR), (row.soft, SOFT_COLOUR)):
            share = side.came_percent or 0
            w = plot * share / 100
            out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>')
            label = _percent(side.came_percent) + f" ({side.came}/{side.alerted})"
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}">{escape(label)}</text>')
            y += bar
        y += gap
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 — every text above is escaped


def _section(key: str, title: str, rows: list[FunctionFigures], figures: Figures) -> dict:
    return {
        "key": key,
        "title": title,
        "rows": rows,
        "total": figures.total(rows) if rows else None,
        "chart": chart_svg(rows, title=title, ident=f"chart-{key}") if rows else "",
    }


def _csv(region_code: str, figures: Figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="hard-zacht-{region_code}-{figures.period.code}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Period"),
            _("Incidents"),
            _("Function"),
            _("On-call kind"),
            _("Alerted"),
            _("Came"),
            _("Could not come"),
            _("No answer"),
            _("Share that came (%)"),
            _("Median time to answer (minutes)"),
        ]
    )
    for kind, rows in ((_("real incidents"), figures.real), (_("exercises"), figures.exercise)):
        for row in rows:
            side: Side
            for side, word in ((row.hard, _("hard")), (row.soft, _("soft"))):
                writer.writerow(
                    [
                        figures.period.code,
                        kind,
                        safe_cell(row.function.code),
                        word,
                        side.alerted,
                        side.came,
                        side.declined,
                        side.no_answer,
                        decimal_cell(side.came_percent),
                        decimal_cell(side.median_answer_minutes),
                    ]
                )
    return response


@login_required
def hard_soft_figures(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(can_see_figures(request.user, region.pk))
    error = ""
    try:
        period = parse_period(request.GET.get("periode"))
    except InvalidParameter as exc:
        error = exc.message
        period = parse_period("")
    function_code = request.GET.get("functie", "").strip().upper()
    if function_code and not Function.objects.filter(code=function_code).exists():
        error = error or _("Function: unknown function code '%(value)s'.") % {
            "value": function_code[:20]
        }
        function_code = ""
    figures = hard_soft(region, period, function_code=function_code)
    if request.GET.get("formaat") == "csv" and not error:
        return _csv(region.code, figures)
    sections = [
        _section("real", _("Real incidents"), figures.real, figures),
        _section("exercise", _("Exercises"), figures.exercise, figures),
    ]
    return render(
        request,
        "alerting/hard_soft.html",
        {
            "figures": figures,
            "period": period,
            "periods": period_choices(),
            "function_code": function_code,
            "functions": Function.objects.all(),
            "sections": sections,
            "error": error,
            "query": request.GET.urlencode(),
            "nav": "oncall",
        },
    )


__all__ = ["Period", "hard_soft_figures"]
