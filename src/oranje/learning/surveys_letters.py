"""The survey's letters (PDF, A4): one letter per invited address, in plain Dutch (B1): why
we ask, how to answer, the link, the personal code and a QR code that opens the survey with
the code filled in. The address sits where the window of a Dutch window envelope shows it
(as the aftercare room's letters). An exercise says OEFENING on every page."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import segno
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from oranje.aftercare.letters import WINDOW_H, WINDOW_W, WINDOW_X, WINDOW_Y
from oranje.alerting.channels import one_line
from oranje.care.cards import QR_BORDER, QR_ERROR
from oranje.learning import codes
from oranje.learning.models import Invitation, Survey

LEFT, RIGHT, TOP, BOTTOM = 22.0, 20.0, 22.0, 22.0
QR_SIDE = 38.0
#: A fixed QR mask: every mask gives a valid code that phones read; choosing the "best" one
#: (segno scores all eight) took a third of the time of a batch of letters.
LETTER_QR_MASK = 0


def _safe(text: str) -> str:
    return (
        text.replace("\u0133", "ij")
        .replace("\u0132", "IJ")
        .replace("\u2019", "'")
        .encode("cp1252", "replace")
        .decode("cp1252")
    )


def survey_link(survey: Survey) -> str:
    """The survey's public address (the open link, and the letters' link)."""
    try:
        path = reverse("learning:public_survey", args=[survey.token])
    except NoReverseMatch:  # the public part not there yet
        path = f"/enquete/{survey.token}/"
    return f"{settings.SITE_URL}{path}"


def code_link(survey: Survey, code: str) -> str:
    """What the letter's QR code holds: the link with the code filled in."""
    return f"{survey_link(survey)}?code={quote(codes.show(code))}"


def sender(survey: Survey) -> str:
    municipality = survey.incident.municipality
    if municipality is not None:
        return _("Municipality of %(name)s") % {"name": municipality.name}
    return survey.region.name


def _para(pdf: FPDF, layout: dict[str, list[str]], text: str, h: float, w: float = 0) -> None:
    """A paragraph at the left margin, broken into lines once per PDF (breaking is slow and
    every letter breaks the same text the same way)."""
    key = f"{pdf.font_family}{pdf.font_style}{pdf.font_size_pt}|{w}|{text}"
    if key not in layout:
        lines = pdf.multi_cell(w, h, _safe(text), dry_run=True, output="LINES")
        layout[key] = [str(x) for x in lines] if isinstance(lines, list) else [_safe(text)]
    for line in layout[key]:
        pdf.set_x(LEFT)
        pdf.cell(w, h, line, new_x="LMARGIN", new_y="NEXT")


def letter_qr(payload: str) -> segno.QRCode:
    """The letter's QR code, with the fixed mask."""
    return segno.make(payload, error=QR_ERROR, micro=False, mask=LETTER_QR_MASK)


def qr_path(
    matrix: Sequence[Sequence[int]], x: float, y: float, module: float, k: float, page_h: float
) -> str:
    """PDF path operators filling the dark modules, one rectangle per run of dark modules in
    a row, all filled at once (one operator string instead of ~300 `rect` calls)."""
    ops = []
    for row, line in enumerate(matrix):
        col, width = 0, len(line)
        while col < width:
            if not line[col]:
                col += 1
                continue
            start = col
            while col < width and line[col]:
                col += 1
            left = (x + (QR_BORDER + start) * module) * k
            top = (page_h - (y + (QR_BORDER + row) * module)) * k
            ops.append(
                f"{left:.2f} {top:.2f} {(col - start) * module * k:.2f} {-module * k:.2f} re"
            )
    ops.append("f")
    return "\n".join(ops)


def draw_qr(pdf: FPDF, payload: str, x: float, y: float, side: float) -> None:
    """The QR code with its quiet zone in a square of `side` mm at (x, y)."""
    matrix = letter_qr(payload).matrix
    module = side / (len(matrix) + 2 * QR_BORDER)
    pdf.set_fill_color(0, 0, 0)
    pdf._out(qr_path(matrix, x, y, module, pdf.k, pdf.h))


class _Letters(FPDF):
    def __init__(self, marking: str, footer: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.marking = marking
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=BOTTOM)
        self.set_margins(LEFT, TOP, RIGHT)

    def header(self) -> None:
        if self.marking:
            self.set_xy(self.w - RIGHT - 50, 8)
            self.set_font("helvetica", "B", 12)
            self.cell(50, 8, self.marking, border=1, align="C")
        self.set_xy(LEFT, TOP)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, _safe(self.footer_text), align="C")
        self.set_text_color(0, 0, 0)


def letters_pdf(survey: Survey, pairs: list[tuple[Invitation, str]]) -> bytes:
    """The letters for [(invitation, code)], in Dutch whatever the reader's language."""
    with translation.override("nl"):
        return _letters(survey, pairs)


def _letters(survey: Survey, pairs: list[tuple[Invitation, str]]) -> bytes:
    incident = survey.incident
    marking = "OEFENING" if incident.is_exercise else ""
    who = sender(survey)
    pdf = _Letters(marking, f"{who} - {one_line(survey.title)}")
    day = date_format(timezone.localdate(), "j F Y")
    link = survey_link(survey)
    body = _body(survey)
    layout: dict[str, list[str]] = {}
    for invitation, code in pairs:
        pdf.add_page()
        _letter(pdf, invitation, code, who, day, link, body, layout)
    if not pairs:
        pdf.add_page()
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 6, _safe(_("No address gets a letter.")))
    return bytes(pdf.output())


def _body(survey: Survey) -> list[str]:
    paragraphs = [
        _(
            "Recently there was an incident in your area: %(title)s. The municipality wants "
            "to learn from it. That is why we ask you: how did it go for you?"
        )
        % {"title": one_line(survey.incident.title)},
        _(
            "Did you get information in time? Did you know what to do? Did you feel helped? "
            "Your answers help us to do better next time."
        ),
        _(
            "Answering takes about 5 minutes. You do not give your name. We cannot see who "
            "gave which answers."
        ),
    ]
    if survey.closes_on:
        paragraphs.append(
            _("Please answer before %(day)s.") % {"day": date_format(survey.closes_on, "j F Y")}
        )
    return paragraphs


def _letter(
    pdf: _Letters,
    invitation: Invitation,
    code: str,
    who: str,
    day: str,
    link: str,
    body: list[str],
    layout: dict[str, list[str]],
) -> None:
    width = pdf.w - LEFT - RIGHT
    pdf.set_xy(LEFT, TOP - 6)
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(110, 8, _safe(who), new_x="LMARGIN", new_y="NEXT")
    # The address in the envelope's window.
    pdf.set_xy(WINDOW_X, WINDOW_Y)
    pdf.set_font("helvetica", "", 7)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(WINDOW_W, 4, _safe(who))
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 11)
    pdf.set_xy(WINDOW_X, WINDOW_Y + 8)
    lines = [
        _("To the residents of"),
        one_line(invitation.street),
        f"{one_line(invitation.postcode)}  {one_line(invitation.place).upper()}",
    ]
    for line in lines:
        pdf.set_x(WINDOW_X)
        pdf.cell(WINDOW_W, 5.5, _safe(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(LEFT, WINDOW_Y + WINDOW_H + 8)
    pdf.set_font("helvetica", "", 10)
    # gettext outside f-strings, or makemessages does not see the text.
    date_label, subject_label, subject = _("Date"), _("Subject"), _("Your opinion counts")
    pdf.cell(0, 5, _safe(f"{date_label}: {day}"), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, _safe(f"{subject_label}: {subject}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 11)
    _para(pdf, layout, _("Dear resident,"), 6, 0)
    pdf.ln(2)
    for paragraph in body:
        _para(pdf, layout, paragraph, 6, 0)
        pdf.ln(2)
    # How to answer, with the QR code on the right.
    top = pdf.get_y() + 2
    text_w = width - QR_SIDE - 6
    pdf.set_font("helvetica", "B", 12)
    pdf.cell(text_w, 7, _safe(_("How to take part")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    _para(
        pdf,
        layout,
        _("1. Scan the square code with the camera of your phone. Or go to:"),
        6,
        text_w,
    )
    pdf.set_font("courier", "", 9)
    _para(pdf, layout, link, 5, text_w)
    pdf.set_font("helvetica", "", 11)
    _para(pdf, layout, _("2. Type your personal code:"), 6, text_w)
    pdf.set_font("courier", "B", 18)
    pdf.cell(text_w, 10, codes.show(code), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    _para(
        pdf,
        layout,
        _("You can use this code once. Keep this letter until you have answered."),
        5,
        text_w,
    )
    draw_qr(pdf, f"{link}?code={quote(codes.show(code))}", pdf.w - RIGHT - QR_SIDE, top, QR_SIDE)
    pdf.set_y(max(pdf.get_y(), top + QR_SIDE) + 6)
    pdf.set_font("helvetica", "", 11)
    _para(pdf, layout, _("Thank you for your help."), 6, 0)
    pdf.ln(2)
    _para(pdf, layout, _("Kind regards,"), 6, 0)
    _para(pdf, layout, who, 6, 0)
