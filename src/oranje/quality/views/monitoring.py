"""The region's monitoring page (part "monitoring"): municipality × norm for a period, each
cell's state in words, symbol and colour, its trend, and links to the drill-down and to a
new improvement action where those parts exist."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from oranje.core.models import Municipality
from oranje.core.params import InvalidParameter
from oranje.core.views import current_region
from oranje.quality import access, charts, nav, periods
from oranje.quality.constants import CellState
from oranje.quality.periods import Period
from oranje.quality.selectors_monitoring import (
    ARROWS,
    DIRECTIONS,
    REGION_OWN,
    SHORT,
    STATES,
    SYMBOLS,
    Cell,
    Column,
    RegionMatrix,
    region_matrix,
)


def period_from(request: HttpRequest, name: str = "periode") -> Period:
    """The period asked for (?periode=2026-Q3 or 2026), by default the last complete quarter;
    anything else is a 400 with a Dutch message naming the field."""
    text = request.GET.get(name, "").strip()
    if not text:
        return periods.last_complete_quarter()
    period = periods.parse_period(text[:20])
    if period is None:
        raise InvalidParameter(
            name,
            _("'%(value)s' is not a period: write a quarter as 2026-Q3 or a year as 2026.")
            % {"value": text[:20]},
        )
    return period


def period_choices(selected: Period) -> list[Period]:
    """The quarters offered in the period menu: the last eight complete ones (and the one
    asked for, when it is older or newer), newest first; and the last two whole years."""
    last = periods.last_complete_quarter()
    quarters = [*last.previous(7), last]
    choices = [*reversed(quarters), Period(last.year), Period(last.year - 1)]
    if selected not in choices:
        choices.insert(0, selected)
    return choices


class Links:
    """The drill-down (part "indicators") and the improvement action's form (part
    "actions") for a cell, once those parts' URLs exist; reversed once per indicator."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self._drill: dict[str, str] = {}
        try:
            self.action_base = reverse("quality:action_new")
        except NoReverseMatch:
            self.action_base = ""

    def drill_base(self, indicator: str) -> str:
        if indicator not in self._drill:
            url = ""
            for kwargs in ({"indicator": indicator}, {"code": indicator}):
                try:
                    url = reverse("quality:drilldown", kwargs=kwargs)
                    break
                except NoReverseMatch:
                    continue
            self._drill[indicator] = url
        return self._drill[indicator]

    def drilldown(self, cell: Cell, *, own: bool = False) -> str:
        """A municipality's figure, or (`own`) the region's own part of the region's row:
        the drill-down has no page for the whole region's sum."""
        norm = cell.norm
        if not norm.indicator or (cell.own_figure if own else cell.figure) is None:
            return ""
        if cell.municipality_id is None and not own:
            return ""
        base = self.drill_base(norm.indicator)
        if not base:
            return ""
        query: dict[str, str | int] = {
            "gemeente": REGION_OWN if own else cell.municipality_id or "",
            "periode": self.period.slug,
        }
        if norm.function is not None:
            query["functie"] = norm.function.code
        return f"{base}?{urlencode(query)}"

    def action(self, cell: Cell) -> str:
        if not self.action_base or cell.state != CellState.BELOW or cell.municipality_id is None:
            return ""
        query = {"norm": cell.norm.pk, "gemeente": cell.municipality_id}
        return f"{self.action_base}?{urlencode({**query, 'periode': self.period.slug})}"


class _Words:
    """The words a page repeats in every cell, translated once per page (a region's page
    has several hundred cells; a lazy translation per cell costs more than the cell)."""

    def __init__(self) -> None:
        self.short = {state: str(word) for state, word in SHORT.items()}
        self.directions = {key: str(word) for key, word in DIRECTIONS.items()}
        self.details = _("details")
        self.action = _("improvement action")
        self.own = _("of which regional staff")
        self.trend = _("Trend of %(norm)s in %(place)s: %(direction)s")
        self.separator = str(get_format("DECIMAL_SEPARATOR"))

    def percent(self, value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}".replace(".", self.separator) + "%"


def trend_svg(cell: Cell, column: Column, place: str, words: _Words) -> str:
    """The cell's sparkline with its figures in words as title and description."""
    if not cell.trend:
        return ""
    desc = "; ".join(f"{p.period.label}: {words.percent(p.percent)}" for p in cell.trend)
    title = words.trend % {
        "norm": column.norm.code,
        "place": place,
        "direction": words.directions[cell.direction],
    }
    return charts.sparkline(
        [p.percent for p in cell.trend], title=title, desc=desc, floor=float(column.waterlijn)
    )


def present(matrix: RegionMatrix, *, links: bool = True, own_links: bool = True) -> None:
    """Add to each cell what the page shows: links, the trend picture, the cell's HTML.
    `own_links`: the region's row links to its own staff's drill-down (monitors only)."""
    linker = Links(matrix.period)
    words = _Words()
    for row in [*matrix.rows, matrix.total]:
        place = row.municipality.name if row.municipality else matrix.region.name
        for cell, column in zip(row.cells, matrix.columns, strict=True):
            if links:
                cell.link = linker.drilldown(cell)
                cell.own_link = linker.drilldown(cell, own=True) if own_links else ""
                cell.action_link = linker.action(cell)
            cell.svg = trend_svg(cell, column, place, words)
            cell.html = cell_html(cell, words)


def cell_html(cell: Cell, words: _Words) -> str:
    """The cell as a table cell: symbol and figure (the drill-down's link), the state in a
    word, the trend picture and arrow with its word for screen readers, the review of a
    self-assessment, the improvement action's link. Written here rather than by an included
    template, every text escaped: a region's page has several hundred cells."""
    figure = (
        f'<span aria-hidden="true">{SYMBOLS[cell.state]}</span> '
        f'<span class="q-fig">{words.percent(cell.percent)}</span>'
    )
    if cell.link:
        figure = (
            f'<a href="{escape(cell.link)}">{figure}'
            f'<span class="sr-only"> {escape(words.details)}</span></a>'
        )
    parts = [figure, f'<span class="q-word">{escape(words.short[cell.state])}</span>']
    if cell.svg:
        direction = escape(words.directions[cell.direction])
        parts.append(
            f'{cell.svg} <span class="q-arrow" title="{direction}">{ARROWS[cell.direction]}'
            f'<span class="sr-only"> {direction}</span></span>'
        )
    if cell.own_link and cell.own_figure is not None:
        parts.append(
            f'<a class="q-act" href="{escape(cell.own_link)}">{escape(words.own)}: '
            f"{words.percent(cell.own_figure.percent)}</a>"
        )
    if cell.review:
        parts.append(f'<span class="q-note">{escape(cell.review_text)}</span>')
    if cell.action_link:
        parts.append(
            f'<a class="q-act" href="{escape(cell.action_link)}">{escape(words.action)}</a>'
        )
    return mark_safe(  # noqa: S308 - every text above is escaped; the SVG escapes its own
        f'<td class="q-cell q-{cell.state}">{"".join(parts)}</td>'
    )


def legend() -> list[tuple[str, str, str]]:
    """(state, symbol, what it means) for the legend."""
    return [(state, SYMBOLS[state], str(CellState(state).label)) for state in STATES]


def _own_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality of a user who only sees municipalities (no monitoring of a region):
    the page they are sent to from the region's view."""
    user = request.user
    region = getattr(request, "region", None)
    if region is not None and access.can_monitor(user, region.pk):
        return None
    if access.is_national(user):
        return None
    own = access.monitored_municipalities(user)
    if not own:
        return None
    return Municipality.objects.filter(pk__in=own).order_by("name").first()


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The region's monitoring: municipality × norm for the period asked for."""
    own = _own_municipality(request)
    if own is not None:
        return redirect("quality:municipality", pk=own.pk)
    region = access.monitor_region_for_user(request.user, current_region(request))
    period = period_from(request)
    matrix = region_matrix(region, period)
    present(matrix)
    return render(
        request,
        "quality/home.html",
        {
            "region": region,
            "period": period,
            "choices": period_choices(period),
            "matrix": matrix,
            "legend": legend(),
            "counts": [
                (state, symbol, label, matrix.counts[state]) for state, symbol, label in legend()
            ],
            **nav.context(request, "monitoring"),
        },
    )
