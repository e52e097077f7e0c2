"""The quality room's small charts as SVG, written by hand (no chart library, no script):
a trend **sparkline** for a monitoring cell (the last quarters against the waterlijn) and a
**strip** of the regions' figures for one norm (every region a dot on 0–100 %, the box from
the first to the third quartile, the national average and the waterlijn as lines).

Each SVG carries a `<title>` and a `<desc>` (role="img"), so a screen reader reads what it
shows; the pages put the figures in words or a table beside it, so nothing is told by the
picture alone. Shared with the board report (part "reports")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from oranje.communication.charts import escape

#: Okabe–Ito blue for a line, vermilion for the region itself, greys for the frame.
LINE = "#0072B2"
OWN = "#D55E00"
OTHER = "#56B4E9"
FLOOR = "#222222"
AVERAGE = "#009E73"
FRAME = "#d6d3d1"


def _domain(values: Sequence[float], floor: float | None) -> tuple[float, float]:
    """The vertical range of a sparkline: down to ten below its lowest point (or the
    waterlijn), rounded to ten, up to 100 %."""
    low = min([*values, *([floor] if floor is not None else [])], default=0.0)
    bottom = max(0.0, (int(low) // 10) * 10 - 10.0)
    return bottom, 100.0


def sparkline(
    values: Sequence[float | None],
    *,
    title: str,
    desc: str,
    floor: float | None = None,
    width: int = 64,
    height: int = 20,
) -> str:
    """A trend line of percentages (oldest first; None is a quarter without data: a gap in
    the line), with the waterlijn dashed and the last point as a dot. Inline SVG."""
    pad = 2.0
    known = [v for v in values if v is not None]
    bottom, top = _domain(known, floor)
    span = top - bottom or 1.0
    n = len(values)
    step = (width - 2 * pad) / max(1, n - 1)

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (top - value) / span

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="spark">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]
    if floor is not None and bottom <= floor <= top:
        out.append(
            f'<line x1="0" x2="{width}" y1="{y(floor):.1f}" y2="{y(floor):.1f}" '
            f'stroke="{FLOOR}" stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, value in enumerate(values):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{pad + i * step:.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        if len(points) > 1:
            out.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}" '
                'stroke-width="1.5"/>'
            )
    for i, value in enumerate(values):
        if value is not None and (i == n - 1 or len(known) == 1):
            out.append(
                f'<circle cx="{pad + i * step:.1f}" cy="{y(value):.1f}" r="2" fill="{LINE}"/>'
            )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class StripPoint:
    label: str
    percent: float
    own: bool = False


WIDTH = 320
HEIGHT = 56
LEFT = 10
RIGHT = 10


def strip(
    points: Sequence[StripPoint],
    *,
    title: str,
    desc: str,
    quartiles: tuple[float, float, float] | None = None,
    average: float | None = None,
    floor: float | None = None,
) -> str:
    """The regions' figures for one norm on a 0–100 % axis: a dot per region (the user's own
    larger and in another colour), the box from Q1 to Q3 with the median, the national
    average (solid) and the waterlijn (dashed)."""
    plot = WIDTH - LEFT - RIGHT
    mid = 24

    def x(value: float) -> float:
        return LEFT + plot * max(0.0, min(100.0, value)) / 100.0

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" class="strip" font-family="system-ui, sans-serif" font-size="9">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        f'<line x1="{LEFT}" x2="{LEFT + plot}" y1="{mid}" y2="{mid}" stroke="{FRAME}"/>',
    ]
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{mid + 12}" y2="{mid + 15}" '
            f'stroke="#555555"/><text x="{x(tick):.1f}" y="{HEIGHT - 4}" '
            f'text-anchor="middle" fill="#555555">{tick}%</text>'
        )
    if quartiles is not None:
        q1, median, q3 = quartiles
        out.append(
            f'<rect x="{x(q1):.1f}" y="{mid - 8}" width="{max(1.0, x(q3) - x(q1)):.1f}" '
            f'height="16" fill="#f5f5f4" stroke="#78716c"/>'
            f'<line x1="{x(median):.1f}" x2="{x(median):.1f}" y1="{mid - 8}" y2="{mid + 8}" '
            'stroke="#1c1917" stroke-width="2"/>'
        )
    if floor is not None:
        out.append(
            f'<line x1="{x(floor):.1f}" x2="{x(floor):.1f}" y1="2" y2="{mid + 12}" '
            f'stroke="{FLOOR}" stroke-dasharray="3 2"/>'
        )
    if average is not None:
        out.append(
            f'<line x1="{x(average):.1f}" x2="{x(average):.1f}" y1="2" y2="{mid + 12}" '
            f'stroke="{AVERAGE}" stroke-width="2"/>'
        )
    for point in sorted(points, key=lambda p: p.own):
        radius, colour = (4.5, OWN) if point.own else (3, OTHER)
        out.append(
            f'<circle cx="{x(point.percent):.1f}" cy="{mid}" r="{radius}" fill="{colour}" '
            f'stroke="#1c1917" stroke-width="0.5" fill-opacity="0.85">'
            f"<title>{escape(point.label)}: {point.percent:.1f}%</title></circle>"
        )
    out.append("</svg>")
    return "".join(out)
