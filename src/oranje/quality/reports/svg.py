"""The trend charts of the print page as inline SVG, written by hand (no chart library, no
script): per norm the figure of the last eight quarters as a line with dots, the waterlijn
in force each quarter as a dashed line, and the quarters and percentages on the axes. The
`<title>` and `<desc>` say the same in words for a screen reader; the table beside the chart
holds the figures. The PDF draws the same chart with fpdf2 (`reports.pdf`)."""

from __future__ import annotations

import math
import re
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from oranje.quality.reports.content import TrendPoint

WIDTH = 320
HEIGHT = 120
LEFT = 34
RIGHT = 8
TOP = 8
BOTTOM = 22
LINE = "#0072B2"
WATERLIJN = "#D55E00"


def bounds(points: list[TrendPoint]) -> tuple[float, float]:
    """The vertical axis: from a round ten below the lowest figure or waterlijn (at most
    0) to 100."""
    values = [p.percent for p in points if p.percent is not None]
    values += [p.waterlijn for p in points]
    low = min(values, default=0.0)
    low = max(0.0, math.floor((low - 5) / 10) * 10)
    return low, 100.0


def short_label(point: TrendPoint) -> str:
    return f"Q{point.period.quarter} '{point.period.year % 100:02d}"


def describe(points: list[TrendPoint], code: str) -> str:
    parts = [
        f"{point.period.label}: "
        + (_("no data") if point.percent is None else f"{point.percent:.1f}%")
        for point in points
    ]
    return _("Trend of %(code)s over the last quarters, with the waterlijn: %(figures)s.") % {
        "code": code,
        "figures": "; ".join(parts),
    }


def trend_svg(points: list[TrendPoint], code: str) -> SafeString:
    if not points:
        return mark_safe("")
    low, high = bounds(points)
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)

    def x(i: float) -> float:
        return round(LEFT + i * step, 1)

    def y(value: float) -> float:
        value = min(max(value, low), high)
        return round(TOP + inner_h * (high - value) / (high - low), 1)

    title = escape(_("Trend of %(code)s") % {"code": code})
    # The ids name the chart by its code: letters, digits and dashes only (no quote or space
    # of a typed code can end the attribute or split the reference).
    key = re.sub(r"[^A-Za-z0-9_-]", "-", code)
    out = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="t-{key} d-{key}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="t-{key}">{title}</title>',
        f'<desc id="d-{key}">{escape(describe(points, code))}</desc>',
    ]
    for tick in (low, (low + high) / 2, high):
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
            'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y(tick) + 3}" font-size="9" text-anchor="end">'
            f"{tick:.0f}%</text>"
        )
    for i, point in enumerate(points):
        out.append(
            f'<text x="{x(i)}" y="{HEIGHT - 6}" font-size="8" text-anchor="middle">'
            f"{escape(short_label(point))}</text>"
        )
    # The waterlijn in force per quarter, a dashed step line.
    water = []
    for i, point in enumerate(points):
        left = x(max(i - 0.5, 0))
        right = x(min(i + 0.5, len(points) - 1))
        water.append(f"M{left},{y(point.waterlijn)} H{right}")
    out.append(
        f'<path d="{" ".join(water)}" fill="none" stroke="{WATERLIJN}" stroke-width="1.5" '
        'stroke-dasharray="4 3"/>'
    )
    # The figure: a line through the quarters with a figure, broken where one has none.
    segments: list[list[str]] = [[]]
    for i, point in enumerate(points):
        if point.percent is None:
            segments.append([])
            continue
        segments[-1].append(f"{x(i)},{y(point.percent)}")
    for segment in segments:
        if len(segment) > 1:
            out.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{LINE}" '
                'stroke-width="2"/>'
            )
    for i, point in enumerate(points):
        if point.percent is not None:
            out.append(f'<circle cx="{x(i)}" cy="{y(point.percent)}" r="2.5" fill="{LINE}"/>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text in it is escaped above
