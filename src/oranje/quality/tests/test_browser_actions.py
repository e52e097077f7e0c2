"""Improvement actions and flexible scalings in a real browser: a quality monitor closes an
action with its result (refused first without one), the municipality's coordinator adds a
note to it; the monitor reviews a flexible scaling after the incident. axe finds no
accessibility problems on the action's page and the flexible scalings."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.services import incident_end_acute
from oranje.organisation.tests.factories import build_world
from oranje.quality.models import ImprovementAction, ScalingReview
from oranje.quality.tests.actions_helpers import (
    flexible_incident,
    make_action,
    monitor,
    norm_sets,
)

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_closing_an_action_and_reviewing_a_flexible_scaling(page: Any, live_server: Any) -> None:
    world = build_world()
    qm = monitor(world.region, "kwaliteit")
    action = make_action(qm, world, norm_sets(world))
    incident = flexible_incident(world, title="Dijkdoorbraak Spaarndam")
    flexible_incident(world, exercise=True, title="Oefening Zandvoort")
    incident_end_acute(actor=world.coordinator, incident=incident)

    log_in(page, live_server, "kwaliteit")
    page.goto(f"{live_server.url}/kwaliteit/verbeteracties/")
    page.get_by_role("link", name="Tweede CPG werven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede CPG werven")
    _no_violations(page)
    page.locator("#id_status").select_option("closed")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main [role=alert]")).to_contain_text("resultaat:")
    page.locator("#id_status").select_option("closed")
    page.locator("#id_result").fill("Tweede CPG aangesteld per 1 november.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Verbeteractie bijgewerkt.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Tweede CPG aangesteld per 1 november.")
    expect(page.locator("ol.history li")).to_have_count(2)
    _no_violations(page)
    action.refresh_from_db()
    assert action.status == "closed" and action.closed_at is not None

    page.get_by_role("link", name="Flexibele opschalingen").click()
    real = page.locator(f"#incident-{incident.pk}")
    expect(real).to_contain_text("Burgemeester Velsen")
    expect(page.locator("article").filter(has_text="Oefening Zandvoort")).to_contain_text(
        "OEFENING"
    )
    expect(page.locator("article").filter(has_text="Oefening Zandvoort")).to_contain_text(
        "De beoordeling volgt zodra de acute fase is beëindigd."
    )
    _no_violations(page)
    real.locator("summary").click()
    real.get_by_label("Was het verstandig?").select_option("yes")
    real.get_by_label("Was het rechtmatig?").select_option("partly")
    real.locator(f"#review{incident.pk}_reasoning").fill(
        "Snel en passend; mandaat niet vastgelegd."
    )
    real.locator(f"#review{incident.pk}_board_meeting_on").fill(timezone.localdate().isoformat())
    real.get_by_role("button", name="Beoordeling opslaan").click()
    expect(
        page.get_by_text("Beoordeling van “Dijkdoorbraak Spaarndam” opgeslagen.")
    ).to_be_visible()
    expect(page.locator(f"#incident-{incident.pk} dl.facts")).to_contain_text("Deels")
    _no_violations(page)
    review = ScalingReview.objects.get()
    assert (review.incident, review.wise, review.legitimate) == (incident, "yes", "partly")
    assert ImprovementAction.objects.count() == 1
