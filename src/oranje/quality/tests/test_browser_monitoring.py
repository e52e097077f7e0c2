"""The quality room in a real browser: a quality monitor opens the region view, sees
Haarlem's on-call coverage of the CPG below the bandbreedte (red, and in words), drills down
to the uncovered hours, goes on to record an improvement action for that gap (the form comes
prefilled with the norm, the municipality and the quarter), saves it and finds it in the
list; axe finds no accessibility problems on these pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.models import AuditEntry
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.quality.models import ImprovementAction
from oranje.quality.tests.actions_helpers import monitor, red_coverage

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_monitor_records_an_improvement_action_from_a_red_cell(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    monitor(world.region, "kwaliteit")
    red = red_coverage(world)
    haarlem = world.haarlem
    log_in(page, live_server, "kwaliteit")

    page.goto(f"{live_server.url}/kwaliteit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(red.period.label)
    row = page.locator("table.q-matrix tbody tr").filter(
        has=page.get_by_role("rowheader", name="Haarlem")
    )
    to_drill = f'a[href*="/coverage/"][href*="gemeente={haarlem.pk}"][href*="functie=CPG"]'
    cell = row.locator("td").filter(has=page.locator(to_drill))
    drill = cell.locator(to_drill)
    expect(cell).to_have_class("q-cell q-below")
    expect(cell).to_contain_text("onder bandbreedte")
    expect(drill).to_contain_text("86,4%")
    _no_violations(page)

    drill.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    records = page.locator("#records-caption").locator("xpath=ancestor::table")
    expect(records).to_contain_text("Haarlem")
    expect(records).to_contain_text(
        red.gap_start.astimezone(timezone.get_current_timezone()).strftime("%-d-%-m-%Y")
    )
    expect(records.locator("tbody tr")).to_have_count(1)
    assert AuditEntry.objects.filter(action="quality.drilldown").exists()
    _no_violations(page)

    page.go_back()
    cell.locator("a.q-act").click()
    page.wait_for_url("**/kwaliteit/verbeteracties/nieuw/**")
    expect(page.get_by_label("Norm")).to_have_value(str(red.norm.pk))
    expect(page.get_by_label("Gemeente")).to_have_value(str(haarlem.pk))
    expect(page.get_by_label("Periode van het tekort")).to_have_value(red.period.slug)
    _no_violations(page)
    page.locator("#id_title").fill("Tweede CPG werven en piketrooster dichten")
    page.locator("#id_description").fill("300 uur zonder CPG op harde piket in het kwartaal.")
    page.locator("#id_owner_name").fill("Gemeentesecretaris Haarlem")
    deadline = timezone.localdate() + dt.timedelta(days=90)
    page.locator("#id_deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Verbeteractie opslaan").click()

    page.wait_for_url(f"{live_server.url}/kwaliteit/verbeteracties/")
    expect(
        page.get_by_text("Verbeteractie “Tweede CPG werven en piketrooster dichten” opgeslagen.")
    ).to_be_visible()
    listed = page.locator("#actions tbody tr").filter(has_text="Tweede CPG werven")
    expect(listed).to_contain_text("Haarlem")
    expect(listed).to_contain_text("ORG-CPG")
    expect(listed).to_contain_text(f"Q{red.period.quarter} {red.period.year}")
    expect(listed).to_contain_text("Gemeentesecretaris Haarlem")
    expect(listed).to_contain_text("Open")
    _no_violations(page)

    action = ImprovementAction.objects.get()
    assert (action.norm, action.municipality, action.year, action.quarter) == (
        red.norm,
        haarlem,
        red.period.year,
        red.period.quarter,
    )
    assert action.created_by is not None and action.created_by.username == "kwaliteit"
    assert AuditEntry.objects.filter(action="improvement.save").count() == 1
