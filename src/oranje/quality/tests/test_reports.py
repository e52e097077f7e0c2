"""The board report: its content read from the records, the PDF (opened and searched for
the norm codes and figures), the print page, the municipal chapter, the list and its form,
the API, and who gets in."""

from __future__ import annotations

import re
import zlib
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.quality.constants import CellState
from oranje.quality.models import BoardReport
from oranje.quality.reports import board, pdf
from oranje.quality.tests.report_world import ReportWorld, build_report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> ReportWorld:
    return build_report_world(world)


def pdf_text(document: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    assert document.startswith(b"%PDF-")
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_content_reads_states_trend_gaps_actions_incidents_and_reviews(rw: ReportWorld) -> None:
    content = board.board_content(rw.report)
    rows = {row.norm.code: row for row in content.norms}
    assert {"ORG-CPG", "OPV-CAP", "CC-30"} <= set(rows)
    cpg = rows["ORG-CPG"]
    assert cpg.norm.norm_set.region == rw.world.region
    # The region: (2150 + 1900) / (2 × 2184) = 92.7 %, the regional waterlijn 95 with the
    # in-growth step of 93 until 1 October → within the bandbreedte of 3.
    assert cpg.figure_text == "92.7%"
    assert str(cpg.waterlijn) == "93.0" or float(cpg.waterlijn) == 93.0
    assert cpg.state == CellState.WITHIN
    assert cpg.step is not None and float(cpg.step[1]) == 95.0
    assert len(cpg.trend) == 8 and all(p.percent is not None for p in cpg.trend)
    assert rows["OPV-CAP"].state == CellState.NO_DATA
    gap_places = {(g.municipality.name, g.status.state) for g in content.gaps}
    assert ("Velsen", CellState.BELOW) in gap_places
    assert all(g.municipality.name != "Haarlem" for g in content.gaps)
    velsen_gap = next(g for g in content.gaps if g.municipality.name == "Velsen")
    assert [a.title for a in velsen_gap.actions] == ["Tweede CPG werven"]
    assert [(line.action.title, line.standing) for line in content.actions] == [
        ("Tweede CPG werven", "overdue")
    ]
    assert [line.incident.title for line in content.real] == ["Duinbrand Bloemendaal"]
    assert [line.marking for line in content.exercises] == ["OEFENING"]
    assert [(r.incident.title, r.wise) for r in content.reviews] == [
        ("Duinbrand Bloemendaal", "ja")
    ] or [(r.incident.title, r.wise) for r in content.reviews] == [("Duinbrand Bloemendaal", "yes")]


def test_the_pdf_opens_and_carries_codes_figures_and_chapters(rw: ReportWorld) -> None:
    text = pdf_text(pdf.board_pdf(board.board_content(rw.report)))
    for expected in (
        "Bestuursrapportage Q2 2026",
        "ORG-CPG",
        "OPV-CAP",
        "92.7%",
        "Velsen",
        "Tweede CPG werven",
        "Duinbrand Bloemendaal",
        "OEFENING Oefening",
        "Snel en passend.",
        "Het kwartaal in het kort",
    ):
        assert expected in text, expected
    assert "vastgesteld" not in text.lower() and "concept" not in text.lower()


def test_the_costs_chapter_and_the_municipal_share(rw: ReportWorld) -> None:
    from oranje.quality.costs import region_costs
    from oranje.quality.periods import Period
    from oranje.quality.reports.costs import euros

    costs = region_costs(rw.world.region, Period(2026, 2))
    assert costs.capacity_cost > 0
    text = pdf_text(pdf.board_pdf(board.board_content(rw.report)))
    assert euros(costs.capacity_cost) in text
    assert euros(costs.total) in text
    chapter = board.chapter_content(rw.report, rw.world.haarlem)
    assert chapter.share is not None
    assert chapter.share.agreed_cost == (costs.total * Decimal("12.5") / 100).quantize(
        Decimal("0.01")
    )
    lines = {c.line.function.code: (c.line.people, c.present, c.met) for c in chapter.contributions}
    assert lines == {"CPG": (2, 2, True), "OVD-BZ": (1, 0, False)}
    chapter_text = pdf_text(pdf.chapter_pdf(chapter))
    assert euros(chapter.share.agreed_cost) in chapter_text


def test_the_pdf_download_is_an_audited_attachment(rw: ReportWorld) -> None:
    response = _client(rw.monitor).get(reverse("quality:report_pdf", args=[rw.report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "bestuursrapportage-vr12-2026-q2" in response["Content-Disposition"]
    assert "ORG-CPG" in pdf_text(response.content)
    assert AuditEntry.objects.filter(
        action="board_report.download", object_id=str(rw.report.pk), actor=rw.monitor
    ).exists()


def test_the_print_page_shows_the_chapters_with_svg_trends(rw: ReportWorld) -> None:
    response = _client(rw.monitor).get(reverse("quality:report", args=[rw.report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'stroke-dasharray="4 3"' in html
    for expected in ("ORG-CPG", "92.7%", "Velsen", "Tweede CPG werven", "OEFENING", "<caption"):
        assert expected in html, expected
    assert reverse("quality:report_chapter", args=[rw.report.pk, rw.world.haarlem.pk]) in html


def test_the_municipal_chapter_for_its_own_coordinator(rw: ReportWorld) -> None:
    client = _client(rw.world.haarlem_coordinator)
    url = reverse("quality:report_chapter", args=[rw.report.pk, rw.world.haarlem.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Haarlem" in response.content.decode()
    # Not the other municipality's chapter, nor the whole report.
    other = reverse("quality:report_chapter", args=[rw.report.pk, rw.world.velsen.pk])
    assert client.get(other).status_code == 403
    assert client.get(reverse("quality:report", args=[rw.report.pk])).status_code == 403
    document = client.get(
        reverse("quality:report_chapter_pdf", args=[rw.report.pk, rw.world.haarlem.pk])
    )
    assert document.status_code == 200
    assert document["Content-Disposition"].startswith("attachment;")
    text = pdf_text(document.content)
    assert "Haarlem" in text and "ORG-CPG" in text and "98.4%" in text


def test_the_chapter_of_another_region_is_not_found(rw: ReportWorld) -> None:
    from oranje.core.models import Municipality

    utrecht = Municipality.objects.filter(region=rw.world.other_region).first()
    assert utrecht is not None
    url = reverse("quality:report_chapter", args=[rw.report.pk, utrecht.pk])
    assert _client(rw.world.admin).get(url).status_code == 404


def test_who_sees_the_report(rw: ReportWorld) -> None:
    url = reverse("quality:report", args=[rw.report.pk])
    assert _client(rw.world.coordinator).get(url).status_code == 200
    assert _client(rw.world.admin).get(url).status_code == 200
    assert _client(rw.world.viewer).get(url).status_code == 403
    assert _client(rw.world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_new_report_is_saved_and_audited(rw: ReportWorld) -> None:
    client = _client(rw.monitor)
    response = client.post(
        reverse("quality:reports"),
        {"year": "2025", "quarter": "", "title": "Jaarrapportage 2025", "foreword": "Jaar."},
    )
    report = BoardReport.objects.get(title="Jaarrapportage 2025")
    assert response.status_code == 302
    assert response["Location"] == reverse("quality:report", args=[report.pk])
    assert report.quarter is None and report.region == rw.world.region
    assert AuditEntry.objects.filter(action="board_report.save", object_id=str(report.pk)).exists()
    listing = client.get(reverse("quality:reports")).content.decode()
    assert "Jaarrapportage 2025" in listing


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"year": "2009", "quarter": "1", "title": "x"}, "year", "2010"),
        ({"year": "2101", "quarter": "", "title": "x"}, "year", "2100"),
        ({"year": "abc", "quarter": "", "title": "x"}, "year", "jaar"),
        ({"year": "2025", "quarter": "5", "title": "x"}, "quarter", "kwartaal"),
        ({"year": "2025", "quarter": "", "title": "x" * 201}, "title", "titel"),
        ({"year": "2025", "quarter": "", "title": ""}, "title", "titel"),
    ],
)
def test_bad_input_gets_a_dutch_message_naming_the_field(
    rw: ReportWorld, data: dict[str, str], field: str, words: str
) -> None:
    client = _client(rw.monitor)
    client.cookies["django_language"] = "nl"
    response = client.post(reverse("quality:reports"), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert words in " ".join(errors[field]).lower(), errors[field]
    assert (
        not BoardReport.objects.filter(year=int(data["year"]) if data["year"].isdigit() else 0)
        .exclude(pk=rw.report.pk)
        .exists()
    )


def test_the_api_lists_and_describes_a_report(rw: ReportWorld) -> None:
    client = _client(rw.monitor)
    listing = client.get("/api/v1/quality/regions/VR12/board-reports/")
    assert listing.status_code == 200
    assert [r["period"] for r in listing.json()] == ["2026-Q2"]
    detail = client.get(f"/api/v1/quality/board-reports/{rw.report.pk}/").json()
    assert detail["pdf"] == reverse("quality:report_pdf", args=[rw.report.pk])
    assert {c["name"] for c in detail["chapters"]} >= {"Haarlem", "Velsen"}
    assert (
        _client(rw.world.outsider).get(f"/api/v1/quality/board-reports/{rw.report.pk}/").status_code
        == 404
    )
    assert (
        _client(rw.world.viewer).get("/api/v1/quality/regions/VR12/board-reports/").status_code
        == 403
    )


def test_a_year_report_covers_the_whole_year(rw: ReportWorld) -> None:
    report = BoardReport.objects.create(
        region=rw.world.region, year=2026, quarter=None, title="Jaarverslag 2026"
    )
    content = board.board_content(report)
    assert content.period.quarters == [1, 2, 3, 4]
    cpg = next(row for row in content.norms if row.norm.code == "ORG-CPG")
    # The trend ends with the year's last quarter; the figure sums the year's quarters.
    assert [p.period.slug for p in cpg.trend][-1] == "2026-Q4"
    assert cpg.percent is not None
    assert {line.incident.title for line in content.incidents} == {
        "Duinbrand Bloemendaal",
        "Oefening Waterkracht",
    }
    text = pdf_text(pdf.board_pdf(content))
    assert "Jaarverslag 2026" in text and "ORG-CPG" in text
