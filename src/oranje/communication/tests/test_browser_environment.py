"""The environment analyst and the Q&A in a real browser: an analysis drafted from the
signals of the last hours, grouped by the three goals, approved; a question added, approved
and put on the public page, where it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from oranje.communication.models import Analysis, Message
from oranje.communication.tests.environment_factories import advisor, signal
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_an_analysis_from_signals_is_approved_and_a_question_goes_public(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    advisor(world)
    incident = start_incident(world, title="Brand Velsen-Noord")
    now = timezone.now()
    signal(
        incident,
        now - dt.timedelta(hours=2),
        "Is de rook giftig?",
        topic="rook",
        goal="limit_harm",
        count=40,
        sentiment="negative",
    )
    signal(
        incident,
        now - dt.timedelta(hours=1),
        "Waar is de opvang?",
        topic="opvang",
        goal="inform",
        count=12,
    )
    signal(
        incident,
        now - dt.timedelta(minutes=50),
        "Er komt koolmonoxide vrij",
        topic="koolmonoxide",
        rumour=True,
        count=9,
        sentiment="negative",
    )
    Message.objects.create(
        incident=incident,
        kind="public",
        title="Brand in loods",
        text="Er is brand.",
        status="published",
        approved_at=now,
        published_at=now,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "woordvoerder")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")

    page.get_by_role("link", name="Nieuwe analyse").click()
    start = timezone.localtime(now - dt.timedelta(hours=3))
    page.get_by_label("Vanaf").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Opstellen uit de signalen").click()
    harm = page.locator(".analysis-goal.goal-limit_harm")
    expect(harm.get_by_role("heading")).to_have_text("Schadebeperking")
    expect(harm).to_contain_text("rook (40×): “Is de rook giftig?”")
    expect(page.locator(".analysis-goal.goal-inform")).to_contain_text("opvang (12×)")
    expect(page.locator("#an-rumours + .analysis-text")).to_contain_text("koolmonoxide: 9×")
    expect(page.locator("#an-advice + .analysis-text")).to_contain_text(
        "Weerspreek het gerucht over ‘koolmonoxide’"
    )
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.locator("dl.facts")).to_contain_text("woordvoerder")
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    assert Analysis.objects.get().status == "approved"

    page.locator("nav.tabs").get_by_role("link", name="Communicatie").click()
    page.get_by_role("link", name="Vragen en antwoorden", exact=True).click()
    page.get_by_role("link", name="Nieuwe vraag").click()
    page.get_by_label("Vraag").fill("Is de rook giftig?")
    page.get_by_label("Antwoord").fill("Nee, maar houd ramen en deuren dicht.")
    page.get_by_role("button", name="Toevoegen als concept").click()
    item = page.locator("ol.qa-list > li").filter(has_text="Is de rook giftig?")
    expect(item.locator(".tag")).to_have_text("concept")
    item.get_by_role("button", name="Vaststellen").click()
    item.get_by_role("button", name="Op de publiekspagina").click()
    expect(item).to_contain_text("op de publiekspagina")

    page.goto(f"{live_server.url}/publiek/{world.region.code.lower()}/")
    expect(page.get_by_text("Nee, maar houd ramen en deuren dicht.")).to_be_visible()
