"""Self-assessment in a real browser: Haarlem's quality monitor answers the questions of a
round, adds a PDF as evidence and submits; the region's monitor returns one answer with a
note; axe finds no accessibility problems on the questions page, the agreements form and
the inhabitants page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.db.models import Max
from playwright.sync_api import expect

from oranje.core.constants import Role
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world, make_user
from oranje.quality.models import Evidence, Norm, NormSet, SelfAssessment
from oranje.quality.services import assessment as services

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_answer_submit_return(page: Any, live_server: Any, tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world()
    version = (
        NormSet.objects.filter(region=None).aggregate(Max("version"))["version__max"] or 0
    ) + 1
    national = NormSet.objects.create(
        region=None, version=version, title="L", status="adopted", adopted_on=dt.date(2020, 1, 1)
    )
    for i, (code, question) in enumerate(
        [("OPV-PLAN", "Is het opvangplan herzien?"), ("COM-OEF", "Oefent het team jaarlijks?")]
    ):
        Norm.objects.create(
            norm_set=national,
            code=code,
            title=code,
            text="Norm",
            process="shelter",
            measure="self",
            question=question,
            waterlijn=Decimal(100),
            bandbreedte=Decimal(0),
            sort_order=i,
        )
    regional = make_user("kwaliteit", Role.QUALITY_MONITOR, region=world.region)
    make_user("kwaliteit-haarlem", Role.QUALITY_MONITOR, municipality=world.haarlem)
    r = services.round_open(
        actor=regional, region=world.region, year=2026, deadline=dt.date(2099, 11, 30)
    )
    first = (
        SelfAssessment.objects.filter(round=r, municipality=world.haarlem)
        .order_by("norm__sort_order")
        .first()
    )

    log_in(page, live_server, "kwaliteit-haarlem")
    page.goto(f"{live_server.url}/kwaliteit/zelfevaluatie/")
    page.get_by_role("link", name="Haarlem").click()
    expect(page.locator("h1")).to_contain_text("Zelfevaluatie 2026, Haarlem")
    add = page.locator("details", has_text="Onderbouwing toevoegen bij OPV-PLAN")
    add.locator("summary").click()
    add.get_by_label("Omschrijving").fill("Opvangplan 2025")
    add.get_by_label("Bestand").set_input_files(
        files=[
            {"name": "opvangplan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF"}
        ]
    )
    add.get_by_role("button", name="Onderbouwing toevoegen").click()
    expect(page.get_by_text("Onderbouwing toegevoegd.")).to_be_visible()
    expect(page.locator("#answers-caption")).to_be_visible()
    _no_violations(page)
    for label in page.get_by_label("ja, op orde").all():
        label.check()
    page.get_by_role("button", name="Opslaan en indienen bij de regio").click()
    expect(page.get_by_text("Antwoorden ingediend bij de regio.")).to_be_visible()
    assert set(
        SelfAssessment.objects.filter(round=r, municipality=world.haarlem).values_list(
            "status", flat=True
        )
    ) == {"submitted"}
    assert Evidence.objects.get().file_name == "opvangplan.pdf"

    page.context.clear_cookies()
    log_in(page, live_server, "kwaliteit")
    page.goto(f"{live_server.url}/kwaliteit/zelfevaluatie/{r.pk}/gemeente/{world.haarlem.pk}/")
    review = page.locator("details", has_text="OPV-PLAN beoordelen")
    review.get_by_label("Besluit").select_option("return")
    review.get_by_label("Toelichting voor de gemeente").fill("Graag het vastgestelde plan.")
    review.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Beoordeling opgeslagen.")).to_be_visible()
    first.refresh_from_db()
    assert first.status == "returned"
    page.goto(f"{live_server.url}/kwaliteit/afspraken/nieuw/")
    _no_violations(page)
    page.goto(f"{live_server.url}/kwaliteit/inwoners/")
    _no_violations(page)
