"""The board report in a real browser: the region's quality monitor makes a report for a
quarter, reads its print page (the trend charts drawn as SVG) and downloads the PDF; axe
finds no accessibility problems on the list and the print page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.models import AuditEntry
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.quality.models import BoardReport
from oranje.quality.tests.report_world import build_report_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_the_monitor_makes_a_board_report_and_downloads_it(page: Any, live_server: Any) -> None:
    build_report_world(build_world())
    log_in(page, live_server, "qmonitor")

    page.goto(f"{live_server.url}/kwaliteit/bestuursrapportage/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bestuursrapportages")
    _no_violations(page)
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Kwartaal").select_option("2")
    page.get_by_label("Titel").fill("AB-rapportage tweede kwartaal")
    page.get_by_label("Voorwoord").fill("Velsen werkt aan een tweede CPG.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bestuursrapportage opgeslagen.")).to_be_visible()

    report = BoardReport.objects.get(title="AB-rapportage tweede kwartaal")
    expect(page).to_have_url(re.compile(rf"/kwaliteit/bestuursrapportage/{report.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("AB-rapportage tweede kwartaal")
    expect(page.locator("table.report-norms")).to_contain_text("ORG-CPG")
    expect(page.locator("table.report-norms")).to_contain_text("binnen de bandbreedte")
    expect(page.get_by_role("img", name="Verloop van ORG-CPG")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Tweede CPG werven")
    _no_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    saved = Path(download.value.path())
    assert saved.read_bytes().startswith(b"%PDF-")
    assert download.value.suggested_filename == "bestuursrapportage-vr12-2026-q2.pdf"
    assert AuditEntry.objects.filter(
        action="board_report.download", object_id=str(report.pk)
    ).exists()

    # Printed, the page is the report alone: no menus, no buttons.
    page.emulate_media(media="print")
    expect(page.locator("nav.subnav")).to_be_hidden()
    expect(page.get_by_role("link", name="PDF downloaden")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
