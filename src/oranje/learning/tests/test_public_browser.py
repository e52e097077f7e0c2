"""Answering the public survey on a phone (390 × 844, touch, the site's Content-Security-Policy
in force): with the code from the letter's QR code, and on the open link after a mistyped
code; required answers named on their question; axe finds nothing on any page; the page is
never wider than the phone and every answer is a large touch target; then the region's
coordinator sees the two responses counted on the results page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.constants import Role
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.models import Answer, Response
from oranje.learning.tests.public_world import make_survey
from oranje.organisation.tests.factories import make_user

pytestmark = BROWSER_TEST

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
    "timezone_id": "Europe/Amsterdam",
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
}


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def _fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    heights = page.eval_on_selector_all(
        ".choice", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44, heights


def _choose(page: Any, question: str, label: str) -> None:
    page.locator(f"#g-q-{question}").get_by_text(label, exact=True).tap()


def _answer_required(page: Any) -> None:
    _choose(page, "informed_in_time", "Ja, maar te laat")
    _choose(page, "knew_what_to_do", "Een beetje")
    _choose(page, "felt_helped", "4")
    _choose(page, "trust", "3")


def test_answer_the_survey_on_a_phone(page: Any, live_server: Any) -> None:
    made = make_survey(areas=("1951",))
    survey = made.survey
    csp_errors: list[str] = []
    context = page.context.browser.new_context(**PHONE)
    phone = context.new_page()
    phone.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    try:
        # 1. The QR code on the letter: the code is in the address.
        phone.goto(f"{live_server.url}/enquete/{survey.token}/?code={made.codes[0]}")
        expect(phone.get_by_role("heading", level=1)).to_have_text(survey.title)
        expect(phone.get_by_text("Uw code klopt.")).to_be_visible()
        expect(phone.get_by_text("Wat zijn de vier cijfers van uw postcode?")).to_have_count(0)
        _fits_the_phone(phone)
        _no_violations(phone)
        # Sent without the required answers: named on each question.
        phone.get_by_role("button", name="Verstuur mijn antwoorden").tap()
        expect(phone.locator("#error-summary")).to_contain_text("Geef hier een antwoord.")
        expect(phone.locator("#e-q-trust")).to_have_text("Geef hier een antwoord.")
        _no_violations(phone)
        _answer_required(phone)
        _choose(phone, "sources", "NL-Alert op mijn telefoon")
        _choose(phone, "sources", "Buren, familie of vrienden")
        _choose(phone, "shelter", "Ja")
        phone.get_by_label("Wat ging goed, en wat kan beter?").fill(
            "De opvang in de sporthal was goed geregeld."
        )
        phone.get_by_role("button", name="Verstuur mijn antwoorden").tap()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
        expect(phone.get_by_role("status")).to_contain_text("We hebben uw antwoorden ontvangen.")
        _no_violations(phone)
        by_code = Response.objects.get(survey=survey, channel="code")
        assert (by_code.postcode_area, by_code.shelter) == ("1951", "yes")
        assert Answer.objects.get(response=by_code, question__code="sources").values == [
            "nl_alert",
            "people",
        ]

        # 2. The open link, after a mistyped code.
        phone.goto(f"{live_server.url}/enquete/{survey.token}/")
        phone.get_by_label("Uw code").fill("ABCD-EFGH")
        phone.get_by_role("button", name="Controleer mijn code").tap()
        expect(phone.locator("#e-code")).to_have_text(
            "Deze code kennen we niet. Kijk of u de code goed heeft overgenomen."
        )
        _no_violations(phone)
        phone.goto(f"{live_server.url}/enquete/{survey.token}/")
        _fits_the_phone(phone)
        _answer_required(phone)
        phone.get_by_label("Wat zijn de vier cijfers van uw postcode?").fill("1952 XY")
        phone.get_by_role("button", name="Verstuur mijn antwoorden").tap()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
        opened = Response.objects.get(survey=survey, channel="open")
        assert (opened.postcode_area, opened.shelter) == ("1952", "")
        assert csp_errors == []
    finally:
        context.close()

    # 3. The region's coordinator sees both responses counted in the results.
    make_user("coordinator", Role.COORDINATOR, region=survey.region)
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/leren/enquetes/{survey.pk}/resultaten/")
    rate = page.locator("#response-rate dd")
    expect(rate.nth(0)).to_have_text("3")  # letters sent
    expect(rate.nth(1)).to_have_text("1 (respons 33%)")  # by the code from the letter
    expect(rate.nth(2)).to_contain_text("1")  # by the open link, counted apart
    informed = page.locator("#question-informed_in_time")
    expect(informed).to_contain_text("2 beantwoord")
    expect(informed.locator("table")).to_contain_text("Ja, maar te laat")
    expect(page.locator("#question-comments .word-overview")).to_contain_text("sporthal")
    expect(page.locator("#by-area")).to_contain_text("1952")
