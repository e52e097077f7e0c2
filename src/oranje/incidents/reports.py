"""The situation report as data (JSON) and as a printable PDF. An exercise says OEFENING on
every page of the PDF and at the top of the JSON."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from oranje.incidents.constants import Process, ReportStatus
from oranje.incidents.models import SituationReport

PARTS = (("picture", "Beeld"), ("judgement", "Oordeel"), ("advice", "Besluit / advies"))


def _iso(moment: Any) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def report_as_dict(report: SituationReport) -> dict[str, Any]:
    """The report as plain data: what the JSON export and the API give."""
    incident = report.incident
    step = incident.scaling.order_by("-at", "-pk").first()
    return {
        "exercise": incident.is_exercise,
        "marking": "OEFENING" if incident.is_exercise else "",
        "incident": {
            "id": incident.pk,
            "title": incident.title,
            "type": incident.kind,
            "region": incident.region.code,
            "municipality": incident.municipality.name,
            "location": incident.location_text,
            "started_at": _iso(incident.started_at),
            "scaling": step.label if step else None,
        },
        "version": report.version,
        "status": report.status,
        "created_at": _iso(report.created_at),
        "approved_at": _iso(report.approved_at),
        "published_at": _iso(report.published_at),
        "summary": report.summary,
        "sections": [
            {
                "process": code,
                "label": str(label),
                **{part: report.sections.get(code, {}).get(part, "") for part, _l in PARTS},
            }
            for code, label in Process.choices
        ],
        "figures": report.figures,
    }


def _safe(text: str) -> str:
    """The PDF's built-in fonts speak Windows-1252; anything else becomes '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


class _ReportPDF(FPDF):
    def __init__(self, marking: str, title: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.marking = marking
        self.doc_title = title
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)

    def header(self) -> None:
        if self.marking:
            self.set_font("helvetica", "B", 14)
            self.set_text_color(0, 0, 0)
            self.cell(0, 8, self.marking, border=1, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        mark = f"{self.marking} - " if self.marking else ""
        text = f"{mark}{self.doc_title} - {self.page_no()}/{{nb}}"
        self.cell(0, 6, _safe(text), align="C")


def _when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i") if moment else "-"


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else "-"


def report_pdf(report: SituationReport) -> bytes:
    """The report as an A4 PDF: a title block (region, report and version, incident), the
    facts a reader checks first (status, who approved and when), then the content."""
    incident = report.incident
    region = incident.region
    data = report_as_dict(report)
    title = _("Situation report %(version)s") % {"version": report.version}
    status = str(ReportStatus(report.status).label)
    pdf = _ReportPDF(
        "OEFENING" if incident.is_exercise else "",
        _safe(f"{region.name} - {title} ({status}) - {incident.title}"),
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    # Title block: who issues it, what it is, about which incident; a rule underneath.
    pdf.set_font("helvetica", "B", 10)
    pdf.set_text_color(154, 52, 18)
    pdf.cell(
        0,
        5,
        # Not inside the f-string: makemessages cannot see a gettext call there.
        _safe(
            _("Safety region %(name)s (%(code)s) - population care")
            % {"name": region.name, "code": region.code}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "B", 20)
    pdf.cell(0, 10, _safe(f"{title} - {status}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 14)
    pdf.multi_cell(0, 7, _safe(incident.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(194, 65, 12)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(5)
    pdf.set_font("helvetica", "", 10)
    facts = [
        (_("Region"), f"{region.name} ({region.code})"),
        (_("Version"), f"{report.version} ({status})"),
        (_("Drawn up"), f"{_when(report.created_at)}, {_name(report.created_by)}"),
        (
            _("Approved"),
            f"{_when(report.approved_at)}, {_name(report.approved_by)}"
            if report.approved_at
            else _("not yet approved"),
        ),
    ]
    if report.published_at:
        facts.append(
            (_("Published"), f"{_when(report.published_at)}, {_name(report.published_by)}")
        )
    facts += [
        (_("Scaling"), data["incident"]["scaling"] or "-"),
        (_("Start of the incident"), _when(incident.started_at)),
        (_("Location"), incident.location_text or incident.municipality.name),
    ]
    for label, value in facts:
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(45, 6, _safe(str(label)))
        pdf.set_font("helvetica", "", 10)
        pdf.multi_cell(0, 6, _safe(str(value)), new_x="LMARGIN", new_y="NEXT")
    if report.summary:
        pdf.ln(2)
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 7, _safe(_("General picture")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 10)
        pdf.multi_cell(0, 5, _safe(report.summary), new_x="LMARGIN", new_y="NEXT")
    for section in data["sections"]:
        if not any(section[part] for part, _l in PARTS):
            continue
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 7, _safe(section["label"].capitalize()), new_x="LMARGIN", new_y="NEXT")
        for part, label in PARTS:
            if section[part]:
                pdf.set_font("helvetica", "B", 10)
                pdf.cell(0, 5, label, new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("helvetica", "", 10)
                pdf.multi_cell(0, 5, _safe(section[part]), new_x="LMARGIN", new_y="NEXT")
    if report.figures:
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 7, _safe(_("Figures")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 10)
        for label, value in report.figures.items():
            # A long figure (the environment analysis' mood and advice) wraps in its column.
            pdf.cell(90, 5, _safe(str(label)))
            pdf.multi_cell(0, 5, _safe(str(value)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
