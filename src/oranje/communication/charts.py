"""The environment analysis' charts as SVG, written by hand: stacked bars of the public's
contacts per hour or day, one band per topic or goal (`selectors_signals.volume`).

Served by Oranje itself (no chart library, no script): the same SVG is inline on the charts
page — its `<title>` and `<desc>` read by screen readers, with the figures as a table beside
it — and as a file (`grafiek.svg`). Colours are the Okabe–Ito palette, told apart by people
with a colour-vision deficiency; the legend names every band in the order it is stacked.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape as _escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.communication.selectors_signals import Volume

#: Characters XML 1.0 cannot carry (a control character typed into a topic).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """The text for the SVG: escaped, and what XML cannot carry a space — a control
    character in a topic must not make the file unreadable."""
    return _escape(_NOT_XML.sub(" ", text))


#: Okabe–Ito, then two greys for "other" and "none".
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
OTHER_COLOUR = "#999999"

WIDTH = 760
HEIGHT = 340
LEFT = 48
RIGHT = 190  # the legend
TOP = 36
BOTTOM = 48


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most `ticks` grid lines."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def bucket_label(volume: Volume, index: int) -> str:
    """A bucket as the axis and the table name it: "14:00" or "4-12" (a new day's first hour
    with its date)."""
    start = volume.buckets[index]
    if volume.bucket == "day":
        return date_format(start, "D j-n")
    if index == 0 or start.hour == 0:
        return date_format(start, "j-n H:i")
    return date_format(start, "H:i")


def describe(volume: Volume, title: str) -> str:
    """One paragraph saying what the chart shows, for `<desc>` and the page."""
    if not volume.buckets:
        return _("No signals recorded yet.")
    first, last = bucket_label(volume, 0), bucket_label(volume, len(volume.buckets) - 1)
    totals = volume.column_totals
    peak = max(range(len(totals)), key=lambda i: totals[i])
    bands = ", ".join(f"{s.label} {s.total}" for s in volume.series)
    return _(
        "%(title)s: %(total)s contacts from %(first)s to %(last)s, per %(bucket)s. "
        "Most in %(peak)s (%(peak_n)s). Per band: %(bands)s."
    ) % {
        "title": title,
        "total": volume.total,
        "first": first,
        "last": last,
        "bucket": _("hour") if volume.bucket == "hour" else _("day"),
        "peak": bucket_label(volume, peak),
        "peak_n": totals[peak],
        "bands": bands,
    }


def colour(volume: Volume, index: int) -> str:
    key = volume.series[index].key
    if key in ("__other__", ""):
        return OTHER_COLOUR
    return PALETTE[index % len(PALETTE)]


def volume_svg(volume: Volume, *, title: str, marking: str = "", ident: str = "chart") -> str:
    """The stacked bar chart as an SVG document (also valid inline in HTML)."""
    desc = describe(volume, title)
    t_id, d_id = f"{ident}-title", f"{ident}-desc"
    out: list[str] = [
        # No width or height: it fills its box on the page, keeping the viewBox's proportions.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{t_id} {d_id}" '
        'font-family="system-ui, sans-serif" font-size="12" class="chart">',
        f'<title id="{t_id}">{escape(title)}</title>',
        f'<desc id="{d_id}">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    if marking:
        out.append(
            f'<text x="{WIDTH - 12}" y="20" text-anchor="end" font-size="14" '
            f'font-weight="bold" fill="#b00020">{escape(marking)}</text>'
        )
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    if not volume.buckets:
        out.append(
            f'<text x="{LEFT + plot_w / 2:.0f}" y="{TOP + plot_h / 2:.0f}" '
            f'text-anchor="middle" fill="#555555">{escape(desc)}</text>'
        )
        out.append("</svg>")
        return "\n".join(out)
    totals = volume.column_totals
    step = nice_step(max(totals) or 1)
    top_value = max(step, math.ceil((max(totals) or 1) / step) * step)
    scale = plot_h / top_value
    # Grid lines and their values.
    value = 0
    while value <= top_value:
        y = base - value * scale
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#dddddd" stroke-width="1"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
        value += step
    n = len(volume.buckets)
    slot = plot_w / n
    bar = max(1.0, slot * 0.8)
    label_every = max(1, math.ceil(n / 12))
    for i in range(n):
        x = LEFT + i * slot + (slot - bar) / 2
        y = float(base)
        for s_index, series in enumerate(volume.series):
            count = series.values[i]
            if not count:
                continue
            h = count * scale
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour(volume, s_index)}"><title>'
                f"{escape(bucket_label(volume, i))}: {escape(series.label)} {count}"
                "</title></rect>"
            )
        if i % label_every == 0:
            cx = LEFT + i * slot + slot / 2
            out.append(
                f'<text x="{cx:.1f}" y="{base + 16}" text-anchor="middle">'
                f"{escape(bucket_label(volume, i))}</text>"
            )
    out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{base}" y2="{base}" stroke="#333333"/>')
    unit = _("contacts per hour") if volume.bucket == "hour" else _("contacts per day")
    out.append(f'<text x="{LEFT}" y="{HEIGHT - 10}" fill="#555555">{escape(unit)}</text>')
    # The legend, top band first (as stacked, read from the top).
    lx = WIDTH - RIGHT + 16
    for row, s_index in enumerate(reversed(range(len(volume.series)))):
        series = volume.series[s_index]
        ly = TOP + row * 20
        label = series.label if len(series.label) <= 22 else series.label[:21] + "…"
        out.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{colour(volume, s_index)}"/>'
        )
        out.append(
            f'<text x="{lx + 18}" y="{ly + 10}">{escape(label)} ({series.total})'
            f"<title>{escape(series.label)}</title></text>"
        )
    out.append("</svg>")
    return "\n".join(out)
