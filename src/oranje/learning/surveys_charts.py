"""A question's answers as horizontal bars in SVG, written by hand (no script). The SVG has
a `<title>` and `<desc>`; the page puts the same figures in a table beside it, so nothing is
told by the picture alone."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from oranje.communication.charts import escape
from oranje.learning.selectors_surveys import Bar

BAR = "#0072B2"
FRAME = "#d6d3d1"
LABEL_W = 210
BAR_W = 220
ROW_H = 24


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars_svg(bars: list[Bar], *, title: str, desc: str) -> SafeString:
    width = LABEL_W + BAR_W + 60
    height = max(1, len(bars)) * ROW_H + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        # No inline style (the CSP allows none): the size limit is in survey_results.css.
        f'width="{width}" height="{height}" role="img" class="survey-bars">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]
    for i, bar in enumerate(bars):
        y = 4 + i * ROW_H
        length = BAR_W * bar.share / 100.0
        out.append(
            f'<text x="{LABEL_W - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
            f'fill="#222">{escape(_short(bar.label))}</text>'
        )
        out.append(
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{BAR_W}" height="{ROW_H - 8}" '
            f'fill="none" stroke="{FRAME}"/>'
        )
        out.append(
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{length:.1f}" height="{ROW_H - 8}" '
            f'fill="{BAR}"/>'
        )
        out.append(
            f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 16}" font-size="12" fill="#222">'
            f"{bar.share:.0f}%</text>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
