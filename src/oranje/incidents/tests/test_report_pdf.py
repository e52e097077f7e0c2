"""The situation-report PDF says which region issued which version, who approved it when."""

import re
import zlib

from django.utils import timezone
from django.utils.formats import date_format

from oranje.incidents import services
from oranje.incidents.reports import report_pdf
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def _text(pdf: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    out = []
    for raw in streams:
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    # PDF string literals escape parentheses and backslashes.
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def test_the_pdf_carries_region_version_approver_and_time(world: World) -> None:
    world.coordinator.first_name, world.coordinator.last_name = "Marieke", "de Graaf"
    world.coordinator.save()
    incident = start_incident(world, title="Gasstoring Velsen-Noord")
    report = services.report_draft(actor=world.coordinator, incident=incident)
    services.report_approve(actor=world.coordinator, report=report, summary="Gaslek gedicht")
    report.refresh_from_db()
    text = _text(report_pdf(report))
    assert "Veiligheidsregio Kennemerland (VR12)" in text
    assert "Situatierapport 1 - vastgesteld" in text
    assert "Gasstoring Velsen-Noord" in text
    approved = date_format(timezone.localtime(report.approved_at), "j-n-Y H:i")
    assert f"{approved}, Marieke de Graaf" in text
    assert "Versie" in text and "1 (vastgesteld)" in text


def test_a_draft_says_it_is_not_approved_yet(world: World) -> None:
    report = services.report_draft(actor=world.coordinator, incident=start_incident(world))
    text = _text(report_pdf(report))
    assert "nog niet vastgesteld" in text
    assert "Situatierapport 1 - concept" in text
