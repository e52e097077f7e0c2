"""A survey's results in a real browser: the region's coordinator opens the survey from the
list, sees the response rate, a chart with its table per question, the word overview of the
answers in own words, filters by postcode area and shelter, and links a result to a finding
of the incident's evaluation. axe finds no accessibility problems on the pages visited."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.models import Evidence, Invitation
from oranje.learning.services import evaluations
from oranje.learning.tests.surveys_helpers import make_survey, respond
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_see_the_results_and_use_one_as_evidence(page: Any, live_server: Any) -> None:
    world = build_world()
    survey = make_survey(world)
    now = timezone.now()
    for n in range(8):
        Invitation.objects.create(
            survey=survey,
            code_hash=f"h{n}",
            postcode_area="1951" if n < 5 else "1952",
            letter_made_at=now,
        )
    for n in range(4):
        respond(
            survey,
            {
                "informed_in_time": "in_time" if n else "late",
                "felt_helped": str(3 + n % 3),
                "comments": "De informatie over de opvang kwam snel.",
            },
            channel="code",
            area="1951" if n < 3 else "1952",
            shelter="yes" if n < 2 else "no",
        )
    respond(survey, {"informed_in_time": "no", "comments": "Geen informatie."}, area="1951")
    respond(survey, {"informed_in_time": "in_time", "felt_helped": "4"}, area="1951")
    evaluation = evaluations.evaluation_create(
        actor=world.coordinator,
        region=world.region,
        incident=survey.incident,
        title="Evaluatie brand Velsen-Noord",
    )
    finding = evaluations.finding_create(
        actor=world.coordinator,
        evaluation=evaluation,
        process="communication",
        kind="improve",
        text="Niet iedereen kreeg op tijd informatie.",
    )

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/leren/enquetes/")
    page.get_by_role("link", name=survey.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    _no_violations(page)
    page.get_by_role("link", name="Uitkomsten").click()
    expect(page.locator("#response-rate")).to_contain_text("respons 50%")
    expect(page.locator("#response-rate")).to_contain_text("apart geteld")
    informed = page.locator("#question-informed_in_time")
    expect(informed.locator("svg[role=img]")).to_have_count(1)
    expect(informed.locator("table")).to_contain_text("Ja, op tijd")
    expect(page.locator("#question-comments .word-overview")).to_contain_text("informatie")
    expect(page.locator("#by-area")).to_contain_text("1952")
    expect(page.locator("#by-shelter")).to_contain_text("In een opvanglocatie")
    _no_violations(page)
    # The charts keep their width limit (a stylesheet, not an inline style the CSP blocks)
    # and on a 390 px phone the page does not scroll sideways.
    chart = informed.locator("svg[role=img]").bounding_box()
    assert chart is not None and chart["width"] <= 491
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate(
        "() => [document.documentElement.scrollWidth, [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391).slice(-5)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + "
        "Math.round(e.getBoundingClientRect().right))]"
    )
    assert wide[0] <= 390, wide
    page.set_viewport_size({"width": 1280, "height": 900})

    # One household in 1952: its answers are not shown apart.
    page.locator("#id_area").select_option("1952")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#filtered")).to_contain_text("Gefilterd: 1 antwoorden.")
    expect(page.get_by_role("status")).to_contain_text("Minder dan 5 antwoorden")
    page.locator("#id_area").select_option("1951")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#filtered")).to_contain_text("Gefilterd: 5 antwoorden.")
    _no_violations(page)

    page.get_by_role("link", name="Als onderbouwing van een bevinding gebruiken").filter(
        has_text="Kreeg u op tijd informatie"
    ).click()
    page.locator("#id_finding").select_option(str(finding.pk))
    page.locator("#id_summary").fill("60% op tijd geïnformeerd (n=5)")
    _no_violations(page)
    page.get_by_role("button", name="Aan de bevinding koppelen").click()
    expect(
        page.get_by_text("De uitkomst is als onderbouwing aan de bevinding gekoppeld.")
    ).to_be_visible()
    evidence = Evidence.objects.get(finding=finding)
    assert evidence.kind == "survey" and evidence.survey_question.code == "informed_in_time"
