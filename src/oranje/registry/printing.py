"""A registry list as an A4 landscape PDF: the region and incident on top, the table with its
header on every page, and for an exercise OEFENING above and below every page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from oranje.incidents.models import Incident
from oranje.registry.lists import Table, marking, when


def _safe(text: str) -> str:
    """The PDF's built-in fonts speak Windows-1252; anything else becomes '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


class _ListPDF(FPDF):
    def __init__(self, mark: str, title: str) -> None:
        super().__init__(orientation="L", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.mark = mark
        self.doc_title = title
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(10, 10, 10)

    def header(self) -> None:
        if self.mark:
            self.set_font("helvetica", "B", 14)
            self.set_text_color(0, 0, 0)
            self.cell(0, 8, self.mark, border=1, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        mark = f"{self.mark} - " if self.mark else ""
        self.cell(0, 5, _safe(f"{mark}{self.doc_title} - {self.page_no()}/{{nb}}"), align="C")


def table_pdf(table: Table, incident: Incident, *, by: str) -> bytes:
    mark = marking(incident)
    region = incident.region
    pdf = _ListPDF(mark, _safe(f"{region.name} - {table.title} - {incident.title}"))
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 10)
    pdf.set_text_color(154, 52, 18)
    pdf.cell(
        0,
        5,
        _safe(_("Safety region %(name)s (%(code)s)") % {"name": region.name, "code": region.code}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 9, _safe(f"{table.title} - {incident.title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 9)
    made = _(
        "Made %(when)s by %(who)s; %(count)s rows. Confidential: for informing relatives only."
    )
    pdf.multi_cell(
        0,
        5,
        _safe(made % {"when": when(timezone.now()), "who": by, "count": len(table.rows)}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("helvetica", "", 7)
    widths = tuple(table.widths) if table.widths else None
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        line_height=4,
        repeat_headings=1,
        text_align="LEFT",
    ) as out:
        head = out.row()
        for title in table.header:
            head.cell(_safe(title))
        for values in table.rows:
            row = out.row()
            for value in values:
                row.cell(_safe(value))
        if not table.rows:
            out.row().cell(_safe(_("Nothing registered.")), colspan=len(table.header))
    return bytes(pdf.output())
