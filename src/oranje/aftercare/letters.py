"""A newsletter as printed letters (PDF, A4): one letter per household without an e-mail
address, each starting on a new page, with the address block where the window of a Dutch
window envelope (EA5/6 and C5/6, window on the left) shows it, the place and date, the
household's case number as the reference, the subject, the text and the municipality's
signature. An exercise says OEFENING on every page; a draft's preview says CONCEPT, so
nobody posts it by mistake.

The built-in PDF fonts speak Windows-1252, which holds every Dutch letter (é, ë, ï, ĳ as
ij); anything else becomes '?'."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from oranje.aftercare.models import IacCase, Newsletter
from oranje.alerting.channels import one_line
from oranje.core.validation import format_postcode

#: The window of the envelope (mm from the top left of the sheet): the address block stays
#: inside it whatever the folding tolerance.
WINDOW_X, WINDOW_Y, WINDOW_W, WINDOW_H = 22.0, 50.0, 85.0, 35.0
#: Where the text starts on a letter's first page, below the address and the reference.
TEXT_Y = 112.0
LEFT, RIGHT, TOP, BOTTOM = 22.0, 20.0, 22.0, 22.0


def _safe(text: str) -> str:
    return (
        text.replace("\u0133", "ij")
        .replace("\u0132", "IJ")
        .encode("cp1252", "replace")
        .decode("cp1252")
    )


def address_lines(case: IacCase) -> list[str]:
    """The address block: the household, street and number, postcode and place (Dutch
    postal style: two spaces, the place in capitals)."""
    number = one_line(f"{case.house_number or ''}{case.house_addition}")
    street = " ".join(p for p in (one_line(case.street), number) if p)
    postcode = one_line(format_postcode(case.postcode))
    place = "  ".join(p for p in (postcode, one_line(case.city).upper()) if p)
    return [x for x in (one_line(case.household_name), street, place) if x]


class _LettersPDF(FPDF):
    def __init__(self, markings: list[str], footer: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.markings = markings
        self.footer_text = footer
        self.letter_first_page = 1
        self.set_auto_page_break(auto=True, margin=BOTTOM)
        self.set_margins(LEFT, TOP, RIGHT)

    def header(self) -> None:
        # Top right, clear of the envelope's window.
        if self.markings:
            self.set_xy(self.w - RIGHT - 70, 8)
            self.set_font("helvetica", "B", 12)
            self.set_text_color(0, 0, 0)
            self.cell(70, 8, _safe(" - ".join(self.markings)), border=1, align="C")
        self.set_xy(LEFT, TOP)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        marks = " - ".join(self.markings)
        sheet = self.page_no() - self.letter_first_page + 1
        text = f"{marks + ' - ' if marks else ''}{self.footer_text}"
        if sheet > 1:
            text += " - " + _("sheet %(n)s") % {"n": sheet}
        self.cell(0, 6, _safe(text), align="C")


def letters_pdf(newsletter: Newsletter, cases: Iterable[IacCase], *, draft: bool = False) -> bytes:
    """The letters of `newsletter` to `cases`, in Dutch whatever the reader's language."""
    with translation.override("nl"):
        return _letters(newsletter, list(cases), draft=draft)


def _letters(newsletter: Newsletter, cases: list[IacCase], *, draft: bool) -> bytes:
    incident = newsletter.incident
    municipality = _("Municipality of %(name)s") % {"name": incident.municipality.name}
    markings = []
    if incident.is_exercise:
        markings.append("OEFENING")
    if draft:
        markings.append(_("DRAFT - do not post"))
    pdf = _LettersPDF(markings, f"{municipality} - {one_line(newsletter.subject)}")
    moment = newsletter.sent_at or timezone.now()
    day = date_format(timezone.localtime(moment), "j F Y")
    layout: dict[str, list[str]] = {}
    for case in cases:
        pdf.letter_first_page = pdf.page_no() + 1
        pdf.add_page()
        _letter(pdf, newsletter, case, municipality, day, layout)
    if not cases:
        pdf.add_page()
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 6, _safe(_("No household gets this newsletter as a printed letter.")))
    return bytes(pdf.output())


def _lines(pdf: FPDF, layout: dict[str, list[str]], name: str, text: str, h: float) -> list[str]:
    """The text broken into lines at the current font and position, once per PDF: breaking a
    long text is slow, and every letter breaks it the same way."""
    if name not in layout:
        lines = pdf.multi_cell(0, h, _safe(text), dry_run=True, output="LINES")
        layout[name] = [str(x) for x in lines] if isinstance(lines, list) else [_safe(text)]
    return layout[name]


def _write(pdf: FPDF, lines: list[str], h: float) -> None:
    """Lines at the left margin of the current position, on a new page when the page is
    full (the automatic page break)."""
    x = pdf.get_x()
    for line in lines:
        pdf.set_x(x)
        pdf.cell(0, h, line, new_x="LMARGIN", new_y="NEXT")


def _letter(
    pdf: _LettersPDF,
    newsletter: Newsletter,
    case: IacCase,
    sender: str,
    day: str,
    layout: dict[str, list[str]],
) -> None:
    incident = newsletter.incident
    # Letterhead.
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(LEFT, TOP - 6)
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(100, 8, _safe(sender), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.cell(100, 5, _safe(_("Information and advice centre (IAC)")), new_x="LMARGIN", new_y="NEXT")
    # The sender's line just above the window, then the address inside it.
    pdf.set_xy(WINDOW_X, WINDOW_Y)
    pdf.set_font("helvetica", "", 7)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(WINDOW_W, 4, _safe(f"{sender}, {_('Information and advice centre (IAC)')}"))
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 11)
    y = WINDOW_Y + 7
    for line in address_lines(case)[:5]:
        pdf.set_xy(WINDOW_X, y)
        pdf.cell(WINDOW_W, 5.5, _safe(line))
        y += 5.5
    # Place and date, reference, subject.
    pdf.set_xy(LEFT, 95)
    pdf.set_font("helvetica", "", 10)
    rows = [
        (_("Date"), f"{incident.municipality.name}, {day}"),
        (_("Our reference"), str(case)),
        (_("Subject"), one_line(newsletter.subject)),
    ]
    for label, value in rows:
        pdf.set_x(LEFT)
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(32, 5.5, _safe(label))
        pdf.set_font("helvetica", "", 10)
        _write(pdf, _lines(pdf, layout, f"{label}: {value}", value, 5.5) if value else [""], 5.5)
    pdf.set_y(max(pdf.get_y() + 6, TEXT_Y))
    pdf.set_font("helvetica", "", 11)
    body = newsletter.body.replace("\r\n", "\n").strip()
    _write(pdf, _lines(pdf, layout, "body", body, 6), 6)
    pdf.ln(6)
    closing = [_("With kind regards,"), "", sender, _("Information and advice centre (IAC)")]
    for line in closing:
        pdf.cell(0, 6, _safe(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "I", 8)
    pdf.set_text_color(90, 90, 90)
    note = _(
        "You receive this letter because you told the information and advice centre (IAC) that "
        "you want to be kept informed about %(incident)s. No more letters? Tell the IAC."
    ) % {"incident": one_line(incident.title)}
    _write(pdf, _lines(pdf, layout, "note", note, 4.5), 4.5)
