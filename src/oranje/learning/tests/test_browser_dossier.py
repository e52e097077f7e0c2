"""Searching the living dossier in a real browser: a member types Dutch words (a plural, an
accent left off), filters by theme, sees the matching entries with the words marked, opens
one, and a contributor adds a comment (refused first when empty). axe finds no accessibility
problems on the search and the entry's page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.services import dossier as services
from oranje.organisation.tests.factories import build_world
from oranje.quality.tests.actions_helpers import monitor

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_search_the_dossier(page: Any, live_server: Any) -> None:
    world = build_world()
    qm = monitor(world.region, "kwaliteit")
    for title, text, theme in (
        ("Van harde naar zachte piketten", "Piketdiensten worden zachter.", "on_call"),
        ("Een bedankje na de inzet", "Een kaart van de burgemeester.", "pools"),
        ("Registratie van evacuées", "Registratie bij binnenkomst in de opvang.", "registration"),
    ):
        services.entry_create(
            actor=qm, region=world.region, theme=theme, kind="practice", title=title, text=text
        )
    log_in(page, live_server, "kwaliteit")
    page.goto(f"{live_server.url}/leren/dossier/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Levend dossier")
    _no_violations(page)
    page.locator("#id_q").fill("piket")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#dossier-count")).to_contain_text("1 item gevonden")
    expect(page.locator("#dossier-results mark").first).to_have_text("piketten")
    _no_violations(page)
    page.locator("#id_q").fill("evacuees")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#dossier-results")).to_contain_text("Registratie van evacuées")
    page.locator("#id_q").fill("")
    page.locator("#id_thema").select_option("pools")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#dossier-results li")).to_have_count(1)
    page.get_by_role("link", name="Een bedankje na de inzet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een bedankje na de inzet")
    _no_violations(page)
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.locator("main [role=alert]")).to_contain_text("Reactie: schrijf uw reactie.")
    page.locator("#id_text").fill("In Zaanstad doen we dit ook.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Reactie opgeslagen.")).to_be_visible()
    expect(page.locator("#comments ~ article").first).to_contain_text(
        "In Zaanstad doen we dit ook."
    )
