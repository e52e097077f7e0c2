"""What Oranje's A4 reports (fpdf2) share: the page (margins, a running title on every page
but the first, "page n of m" in the footer), headings in Oranje's orange that keep at least a
few lines under them, paragraphs, and text made safe for the built-in fonts.

The built-in PDF fonts speak Windows-1252, which holds every Dutch letter (é, ë, ï, ĳ as ij);
anything else becomes '?'. The quality room's board report and the learning room's evaluation
and impression reports build on `Document`."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

LEFT, RIGHT, TOP, BOTTOM = 18.0, 18.0, 16.0, 18.0
ORANGE = (194, 65, 12)


def safe(text: object) -> str:
    """The text in Windows-1252 (the built-in fonts' encoding)."""
    return (
        str(text)
        .replace("\u0133", "ij")
        .replace("\u0132", "IJ")
        .replace("\u2212", "-")
        .encode("cp1252", "replace")
        .decode("cp1252")
    )


def day_text(day: dt.date | None) -> str:
    """ "5 december 2026", or a dash."""
    return date_format(day, "j F Y") if day else "—"


class Document(FPDF):
    """An A4 report whose pages after the first carry `running` at the top."""

    def __init__(self, running: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.running = safe(running)
        self.set_auto_page_break(auto=True, margin=BOTTOM)
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_title(self.running)
        self.set_creator("Oranje")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.running, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        page = _("page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, safe(page), align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 14, keep: float = 30) -> None:
        """A heading, on a new page when less than `keep` mm would follow it here."""
        if self.get_y() > self.page_break_trigger - keep:
            self.add_page()
        self.ln(3)
        self.set_font("helvetica", "B", size)
        self.set_text_color(*ORANGE)
        self.multi_cell(0, size * 0.5, safe(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def para(self, text: str, size: float = 10, style: str = "", indent: float = 0) -> None:
        """A paragraph, `indent` mm in from the left margin, ragged right (justified text
        leaves wide gaps in Dutch's long words and is harder to read)."""
        self.set_font("helvetica", style, size)
        if indent:
            self.set_x(LEFT + indent)
        self.multi_cell(0, 5, safe(text), align="L", new_x="LMARGIN", new_y="NEXT")
