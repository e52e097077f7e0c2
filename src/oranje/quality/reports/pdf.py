"""The board report and a municipality's chapter as A4 PDFs (fpdf2): a title page with the
region, the title and the period; then the chapters, each a heading and tables that break
across pages with their heading row repeated; the trend charts drawn with fpdf2's own
primitives (a bar per quarter, the waterlijn as a dashed line); page numbers in the footer.
An exercise in the incident tables says OEFENING.

The page, headings, paragraphs and the Windows-1252 text of the built-in fonts come from
`core.pdf`."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from oranje.core.pdf import LEFT, ORANGE, RIGHT, Document, day_text, safe
from oranje.quality.constants import CellState
from oranje.quality.reports import svg
from oranje.quality.reports.board import BoardContent, Chapter
from oranje.quality.reports.content import ActionLine, NormStatus, TrendPoint
from oranje.quality.reports.costs import cost_chapter, euros
from oranje.quality.reports.events import IncidentLine

#: Charts: two per row.
CHART_W, CHART_H = 84.0, 38.0
#: A pale fill per state; the state is always written in words beside it.
FILLS = {
    CellState.MEETS: (220, 240, 225),
    CellState.WITHIN: (252, 240, 205),
    CellState.BELOW: (250, 215, 210),
    CellState.NO_DATA: (235, 235, 235),
}


class _Doc(Document):
    """The board report's document: the shared page plus tables and charts."""

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        *,
        align: Sequence[str] | None = None,
        fills: Sequence[tuple[int, int, int] | None] | None = None,
        empty: str = "",
    ) -> None:
        """A table whose heading row repeats on every page it breaks onto."""
        if not rows:
            if empty:
                self.para(empty, 9, "I")
            return
        self.set_font("helvetica", "", 8.5)
        with self.table(
            col_widths=tuple(widths),
            text_align=tuple(align or ["LEFT"] * len(widths)),
            line_height=4.5,
            repeat_headings=1,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 238, 238)),
            padding=1,
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(safe(text))
            for i, values in enumerate(rows):
                row = table.row()
                fill = fills[i] if fills else None
                for j, value in enumerate(values):
                    style = FontFace(fill_color=fill) if fill and j == len(values) - 1 else None
                    row.cell(safe(value), style=style)
        self.ln(2)

    def chart(self, x: float, y: float, points: list[TrendPoint], caption: str) -> None:
        """A bar per quarter (none where there is no figure), the waterlijn in force each
        quarter as a dashed line, the axis from `svg.bounds`."""
        low, high = svg.bounds(points)
        self.set_font("helvetica", "B", 8)
        self.set_xy(x, y)
        self.cell(CHART_W, 4, safe(caption))
        top, left = y + 5, x + 9
        width, height = CHART_W - 10, CHART_H - 12
        self.set_font("helvetica", "", 6)
        self.set_draw_color(210, 210, 210)
        self.set_line_width(0.1)
        for tick in (low, (low + high) / 2, high):
            ty = top + height * (high - tick) / (high - low)
            self.line(left, ty, left + width, ty)
            self.set_xy(x, ty - 1.5)
            self.cell(8.5, 3, f"{tick:.0f}%", align="R")
        slot = width / max(len(points), 1)

        def yof(value: float) -> float:
            value = min(max(value, low), high)
            return top + height * (high - value) / (high - low)

        self.set_fill_color(0, 114, 178)
        for i, point in enumerate(points):
            bx = left + i * slot + slot * 0.2
            if point.percent is not None:
                by = yof(point.percent)
                self.rect(bx, by, slot * 0.6, top + height - by, style="F")
            else:
                self.set_xy(bx, top + height - 3)
                self.cell(slot * 0.6, 3, "-", align="C")
            self.set_xy(left + i * slot, top + height + 0.5)
            self.cell(slot, 3, safe(svg.short_label(point)), align="C")
        self.set_draw_color(213, 94, 0)
        self.set_line_width(0.5)
        with self.local_context():
            self.set_dash_pattern(dash=1.2, gap=0.8)
            for i, point in enumerate(points):
                wy = yof(point.waterlijn)
                self.line(left + i * slot, wy, left + (i + 1) * slot, wy)
        self.set_dash_pattern()
        self.set_fill_color(255, 255, 255)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)

    def charts(self, rows: list[NormStatus]) -> None:
        drawn = [r for r in rows if any(p.percent is not None for p in r.trend)]
        if not drawn:
            self.para(_("No computed figures in the last eight quarters."), 9, "I")
            return
        self.para(
            _("Bars: the figure per quarter; dashed line: the waterlijn in force in that quarter."),
            8,
            "I",
        )
        for i, row in enumerate(drawn):
            column = i % 2
            if column == 0:
                if self.get_y() + CHART_H > self.page_break_trigger:
                    self.add_page()
                y = self.get_y()
            self.chart(
                LEFT + column * (CHART_W + 6),
                y,
                row.trend,
                f"{row.norm.code} - {row.norm.title}"[:60],
            )
            if column == 1 or i == len(drawn) - 1:
                self.set_xy(LEFT, y + CHART_H)


def _step(row: NormStatus) -> str:
    if row.step is None:
        return "—"
    return _("%(level)s%% from %(day)s") % {
        "level": row.step[1],
        "day": date_format(row.step[0], "j-n-Y"),
    }


def norm_table(doc: _Doc, rows: list[NormStatus]) -> None:
    doc.grid(
        [
            _("Code"),
            _("Norm"),
            _("Figure"),
            _("Waterlijn"),
            _("Bandbreedte"),
            _("Next in-growth step"),
            _("State"),
        ],
        [
            [
                r.norm.code,
                r.norm.title,
                r.figure_text,
                f"{r.waterlijn}%",
                f"{r.bandbreedte}",
                _step(r),
                r.state_label,
            ]
            for r in rows
        ],
        (20, 46, 15, 17, 21, 27, 28),
        align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
        fills=[FILLS.get(r.state) for r in rows],  # type: ignore[call-overload]
        empty=_("No norm set was in force at the end of the period."),
    )


STANDINGS = {"open": "open", "overdue": "overdue", "closed": "closed"}


def standing_text(standing: str) -> str:
    return {
        "open": _("open"),
        "overdue": _("past its deadline"),
        "closed": _("closed"),
    }[standing]


def action_table(doc: _Doc, lines: list[ActionLine], *, with_municipality: bool = True) -> None:
    headings = [_("Action"), _("Norm"), _("Owner"), _("Deadline"), _("Standing")]
    widths: tuple[float, ...] = (60, 20, 40, 22, 32)
    if with_municipality:
        headings.insert(0, _("Municipality"))
        widths = (26, 44, 20, 32, 20, 32)
    rows = []
    for line in lines:
        row = [
            line.action.title,
            line.norm_code or "—",
            line.action.owner_name,
            date_format(line.action.deadline, "j-n-Y"),
            standing_text(line.standing),
        ]
        if with_municipality:
            row.insert(0, line.municipality_name)
        rows.append(row)
    doc.grid(headings, rows, widths, empty=_("No improvement actions in this period."))


def incident_table(doc: _Doc, lines: list[IncidentLine], empty: str) -> None:
    rows = []
    for line in lines:
        incident = line.incident
        times = "; ".join(
            f"{t.label}: {t.took} ({_('norm')} {t.norm}, {t.verdict})" for t in line.times
        )
        title = f"{line.marking} {incident.title}".strip()
        rows.append(
            [
                date_format(timezone.localtime(incident.started_at), "j-n-Y H:i"),
                title,
                incident.municipality.name,
                times or _("no norms measured"),
                line.arrivals.text,
            ]
        )
    doc.grid(
        [_("Start"), _("Incident"), _("Municipality"), _("Times against the norms"), _("Arrivals")],
        rows,
        (22, 38, 24, 56, 34),
        empty=empty,
    )


def _title_page(doc: _Doc, region_line: str, title: str, period: str, made: str) -> None:
    doc.add_page()
    doc.set_y(60)
    doc.set_font("helvetica", "B", 11)
    doc.set_text_color(*ORANGE)
    doc.multi_cell(0, 6, safe(region_line), new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    doc.ln(4)
    doc.set_font("helvetica", "B", 24)
    doc.multi_cell(0, 11, safe(title), new_x="LMARGIN", new_y="NEXT")
    doc.set_draw_color(*ORANGE)
    doc.set_line_width(0.8)
    doc.line(LEFT, doc.get_y() + 3, doc.w - RIGHT, doc.get_y() + 3)
    doc.set_line_width(0.2)
    doc.set_draw_color(0, 0, 0)
    doc.ln(8)
    doc.set_font("helvetica", "", 14)
    doc.multi_cell(0, 7, safe(period), new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.set_font("helvetica", "", 10)
    doc.multi_cell(0, 5, safe(made), new_x="LMARGIN", new_y="NEXT")


def _made(content: BoardContent | Chapter) -> str:
    return _("Drawn up on %(day)s from the records in Oranje; figures up to %(end)s.") % {
        "day": day_text(timezone.localtime(content.made_at)),
        "end": day_text(content.day),
    }


def board_pdf(content: BoardContent) -> bytes:
    report, region, period = content.report, content.region, content.period
    doc = _Doc(f"{region.name} - {report.title} - {period.label}")
    doc.alias_nb_pages()
    _title_page(
        doc,
        _("Safety region %(name)s - report to the general board on population care")
        % {"name": region.name},
        report.title,
        _("Period: %(period)s (%(first)s to %(last)s)")
        % {
            "period": period.label,
            "first": day_text(period.first_day),
            "last": day_text(period.last_day),
        },
        _made(content),
    )
    if report.foreword:
        doc.heading(_("Foreword"))
        doc.para(report.foreword)
    doc.add_page()
    doc.heading(_("1. Status per norm for the region"))
    doc.para(", ".join(f"{label}: {count}" for label, count in content.summary) or "—", 9)
    norm_table(doc, content.norms)
    doc.heading(_("Trend over the last eight quarters"), 12, keep=CHART_H + 20)
    doc.charts(content.norms)
    doc.heading(_("2. Gaps and improvement actions"))
    doc.grid(
        [
            _("Municipality"),
            _("Code"),
            _("Norm"),
            _("Figure"),
            _("Waterlijn"),
            _("Actions"),
            _("State"),
        ],
        [
            [
                g.municipality.name,
                g.status.norm.code,
                g.status.norm.title,
                g.status.figure_text,
                f"{g.status.waterlijn}%",
                "; ".join(a.title for a in g.actions) or _("none yet"),
                g.status.state_label,
            ]
            for g in content.gaps
        ],
        (26, 20, 36, 15, 17, 34, 26),
        fills=[FILLS.get(g.status.state) for g in content.gaps],  # type: ignore[call-overload]
        empty=_("No municipality is below the waterlijn on any norm."),
    )
    counts = content.action_counts
    doc.heading(_("Improvement actions in the period"), 12)
    doc.para(_("%(open)s open, %(overdue)s past their deadline, %(closed)s closed.") % counts, 9)
    action_table(doc, content.actions)
    doc.heading(_("Per municipality"), 12)
    doc.grid(
        [_("Municipality"), *(str(CellState(v).label) for v in CellState.values)],
        [
            [s.municipality.name, *(s.counts[v] for v in CellState.values)]
            for s in content.standings
        ],
        (54, 30, 30, 30, 30),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    doc.heading(_("3. Incidents and exercises"))
    doc.heading(_("Real incidents"), 12)
    incident_table(doc, content.real, _("No incidents started in this period."))
    doc.heading(_("Exercises"), 12)
    incident_table(doc, content.exercises, _("No exercises started in this period."))
    doc.heading(_("4. Costs"))
    cost_section(doc, content)
    doc.heading(_("5. Reviews of flexible scalings"))
    doc.grid(
        [_("Incident"), _("Start"), _("Wise"), _("Legitimate"), _("Reasoning")],
        [
            [
                f"{'OEFENING ' if r.incident.is_exercise else ''}{r.incident.title}",
                date_format(timezone.localtime(r.incident.started_at), "j-n-Y"),
                r.wise,
                r.legitimate,
                r.review.reasoning if r.review else "—",
            ]
            for r in content.reviews
        ],
        (40, 20, 20, 20, 74),
        empty=_("No incident scaled flexibly in this period."),
    )
    return bytes(doc.output())


def cost_section(doc: _Doc, content: BoardContent) -> None:
    chapter = cost_chapter(content.costs)
    for note in chapter.notes:
        doc.para(note, 9, "I")
    for table in chapter.tables:
        doc.set_font("helvetica", "B", 9)
        doc.cell(0, 6, safe(table.caption), new_x="LMARGIN", new_y="NEXT")
        doc.grid(
            table.headings,
            table.rows,
            table.widths,
            align=("LEFT", *(["RIGHT"] * (len(table.widths) - 1))),
        )


def chapter_pdf(chapter: Chapter) -> bytes:
    report, municipality, period = chapter.report, chapter.municipality, chapter.period
    doc = _Doc(f"{municipality.name} - {report.title} - {period.label}")
    doc.alias_nb_pages()
    _title_page(
        doc,
        _("Municipality of %(name)s - population care in safety region %(region)s")
        % {"name": municipality.name, "region": chapter.region.name},
        _("Chapter for the annual report: %(title)s") % {"title": report.title},
        _("Period: %(period)s (%(first)s to %(last)s)")
        % {
            "period": period.label,
            "first": day_text(period.first_day),
            "last": day_text(period.last_day),
        },
        _made(chapter),
    )
    doc.add_page()
    doc.heading(_("1. Norms and states"))
    doc.para(", ".join(f"{label}: {count}" for label, count in chapter.summary), 9)
    norm_table(doc, chapter.norms)
    doc.heading(_("Trend over the last eight quarters"), 12, keep=CHART_H + 20)
    doc.charts(chapter.norms)
    doc.heading(_("2. Contribution against the agreement"))
    if chapter.agreement is None:
        doc.para(_("No agreement with the region was in force in this period."), 9, "I")
    else:
        agreement = chapter.agreement
        share = (
            f"; {_('share of the regional budget')}: {agreement.budget_share}%"
            if agreement.budget_share is not None
            else ""
        )
        doc.para(
            _("Agreement from %(start)s until %(end)s")
            % {"start": day_text(agreement.starts_on), "end": day_text(agreement.ends_on)}
            + share,
            9,
        )
        doc.grid(
            [_("Function"), _("Pool"), _("Agreed"), _("Present today"), _("Met")],
            [
                [
                    c.line.function.name,
                    c.line.pool.name if c.line.pool else _("any"),
                    c.line.people,
                    c.present,
                    _("yes") if c.met else _("no"),
                ]
                for c in chapter.contributions
            ],
            (50, 50, 24, 26, 24),
            align=("LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
            empty=_("The agreement names no people per function."),
        )
    if chapter.share is not None:
        doc.para(share_text(chapter), 9)
    doc.heading(_("3. Improvement actions"))
    action_table(doc, chapter.actions, with_municipality=False)
    doc.heading(_("4. Incidents and exercises"))
    incident_table(doc, chapter.incidents, _("No incidents or exercises in this period."))
    return bytes(doc.output())


def share_text(chapter: Chapter) -> str:
    share = chapter.share
    assert share is not None
    return _(
        "Share of the region's costs in the period: %(by_inhabitants)s by inhabitants, "
        "%(agreed)s as agreed."
    ) % {"by_inhabitants": euros(share.share_cost), "agreed": euros(share.agreed_cost)}
