"""A message as a press release (PDF, A4): the region's letterhead, the date and time, the
headline, the text, what to do and a note for the editors. An exercise says OEFENING on every
page; a message not yet approved says CONCEPT, so nobody sends it on by mistake."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from oranje.communication.constants import MessageStatus
from oranje.communication.models import Message
from oranje.communication.services.exports import more_info_url

ORANGE = (194, 65, 12)


def _safe(text: str) -> str:
    """The PDF's built-in fonts speak Windows-1252; anything else becomes '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


class _PressPDF(FPDF):
    def __init__(self, markings: list[str], footer: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.markings = markings
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 16, 20)

    def header(self) -> None:
        for marking in self.markings:
            self.set_font("helvetica", "B", 14)
            self.set_text_color(0, 0, 0)
            self.cell(0, 8, _safe(marking), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        marks = " - ".join(self.markings)
        text = f"{marks + ' - ' if marks else ''}{self.footer_text} - {self.page_no()}/{{nb}}"
        self.cell(0, 6, _safe(text), align="C")


def _moment(message: Message) -> str:
    moment = message.published_at or message.approved_at or timezone.now()
    return date_format(timezone.localtime(moment), "l j F Y, H:i")


def press_release_pdf(message: Message) -> bytes:
    """The message as a press release, in Dutch whatever the reader's interface language."""
    with translation.override("nl"):
        return _press_release(message)


def _press_release(message: Message) -> bytes:
    incident = message.incident
    region = incident.region
    markings = []
    if incident.is_exercise:
        markings.append("OEFENING")
    if message.status == MessageStatus.DRAFT:
        markings.append(_("DRAFT - not approved, do not send"))
    sender = _("Safety region %(name)s") % {"name": region.name}
    pdf = _PressPDF(markings, f"{sender} - {_('Press release')} - {message.title}")
    pdf.alias_nb_pages()
    pdf.add_page()
    # Letterhead: who sends it, then what it is, a rule underneath.
    pdf.set_font("helvetica", "B", 16)
    pdf.set_text_color(*ORANGE)
    pdf.cell(0, 8, _safe(sender), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.set_text_color(60, 60, 60)
    pdf.cell(0, 5, _safe(_("Crisis communication")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ORANGE)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(6)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 6, _safe(_("PRESS RELEASE")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    place = incident.location_text or incident.municipality.name
    pdf.cell(0, 6, _safe(f"{place}, {_moment(message)}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 8, _safe(message.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 6, _safe(message.text), new_x="LMARGIN", new_y="NEXT")
    if message.instruction.strip():
        pdf.ln(4)
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 7, _safe(_("What to do")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 6, _safe(message.instruction), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.set_font("helvetica", "I", 9)
    contact = _(
        "Note for the editors, not for publication: questions from the press go to the crisis "
        "communication team of %(sender)s."
    ) % {"sender": sender}
    url = more_info_url(message)
    if url:
        contact += " " + _("More information: %(url)s") % {"url": url}
    pdf.multi_cell(0, 5, _safe(contact), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
