"""The household card: a label of 62 × 100 mm (the common continuous roll of label printers)
with the QR code of `qr_payload`, the code in large type for typing it, the household's name,
how many persons, the shelter, and OEFENING on an exercise's card.

The QR code is drawn as filled rectangles (one per run of dark modules in a row), not as an
image: sharp at any printer resolution, and a test can read the modules back."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF

from oranje.care.models import Household, Shelter
from oranje.care.services.codes import qr_payload, show_code

#: The label: width and height in millimetres.
CARD_WIDTH = 62.0
CARD_HEIGHT = 100.0
MARGIN = 3.0
#: The QR code's side, quiet zone included, in millimetres.
QR_SIDE = 44.0
#: Error correction "M": a scuffed or folded card still scans.
QR_ERROR = "m"
#: The quiet zone around the code, in modules (the standard asks 4; 2 is enough for phones
#: and tablets and leaves larger modules on a small label).
QR_BORDER = 2


@dataclass(frozen=True)
class Card:
    """What a card shows (the HTML print view and the PDF show the same)."""

    payload: str
    code: str
    name: str
    persons: int
    shelter: str
    incident: str
    exercise: bool

    def qr_svg(self) -> str:
        return qr_code(self.payload).svg_inline(
            scale=6,
            border=QR_BORDER,
            title=str(_("QR code of household %(code)s") % {"code": self.code}),
        )


def qr_code(payload: str) -> segno.QRCode:
    return segno.make(payload, error=QR_ERROR, micro=False)


def card_of(household: Household, shelter: Shelter | None = None) -> Card:
    incident = household.incident
    where = household.shelter or shelter
    return Card(
        payload=qr_payload(incident.pk, household.code, exercise=incident.is_exercise),
        code=show_code(household.code),
        name=household.name,
        persons=household.guests.filter(present=True).count() or household.guests.count(),
        shelter=where.location.name if where is not None else "",
        incident=incident.title,
        exercise=incident.is_exercise,
    )


def _safe(text: str) -> str:
    """The PDF's built-in fonts speak Windows-1252; anything else becomes '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, shortened with an ellipsis until it fits the width in the current font."""
    text = _safe(text)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text + "..."


def draw_qr(pdf: FPDF, payload: str, x: float, y: float, side: float) -> float:
    """Draw the QR code with its quiet zone in a square of `side` mm at (x, y); returns the
    module size in mm."""
    matrix = qr_code(payload).matrix
    count = len(matrix) + 2 * QR_BORDER
    module = side / count
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        col = 0
        while col < len(line):
            if not line[col]:
                col += 1
                continue
            start = col
            while col < len(line) and line[col]:
                col += 1
            pdf.rect(
                x + (QR_BORDER + start) * module,
                y + (QR_BORDER + row) * module,
                (col - start) * module,
                module,
                style="F",
            )
    return module


def card_pdf(card: Card) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format=(CARD_WIDTH, CARD_HEIGHT))
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(_safe(_("Household card %(code)s") % {"code": card.code}))
    pdf.set_creator("Oranje")
    pdf.add_page()
    width = CARD_WIDTH - 2 * MARGIN
    y = MARGIN
    if card.exercise:
        pdf.set_font("helvetica", "B", 14)
        pdf.set_xy(MARGIN, y)
        pdf.cell(width, 8, _safe(_("EXERCISE")), border=1, align="C")
        y += 9
    draw_qr(pdf, card.payload, (CARD_WIDTH - QR_SIDE) / 2, y, QR_SIDE)
    y += QR_SIDE + 1
    pdf.set_font("courier", "B", 22)
    pdf.set_xy(MARGIN, y)
    pdf.cell(width, 10, card.code, align="C")
    y += 11
    pdf.set_font("helvetica", "B", 11)
    pdf.set_xy(MARGIN, y)
    pdf.cell(width, 6, _fit(pdf, card.name, width), align="C")
    y += 6
    pdf.set_font("helvetica", "", 9)
    persons = ngettext("%(n)s person", "%(n)s persons", card.persons) % {"n": card.persons}
    for line in (persons, card.shelter, card.incident):
        if not line:
            continue
        pdf.set_xy(MARGIN, y)
        pdf.cell(width, 4.5, _fit(pdf, line, width), align="C")
        y += 4.5
    pdf.set_font("helvetica", "", 7)
    pdf.set_xy(MARGIN, CARD_HEIGHT - MARGIN - 4)
    made = timezone.localtime().strftime("%d-%m-%Y %H:%M")
    mark = _("EXERCISE")
    footer = mark + " - " + made if card.exercise else made
    pdf.cell(width, 4, _safe(footer), align="C")
    return bytes(pdf.output())
