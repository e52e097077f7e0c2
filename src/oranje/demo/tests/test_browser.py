"""The main pages of the demo world in a real browser: axe-core (served from the
axe-playwright-python package, never from the internet) finds no serious or critical
accessibility violation, and the long pages stay short enough to read at 3 a.m."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from oranje.core.tests.browser import BROWSER_TEST
from oranje.demo.world import build
from oranje.incidents.models import Incident

pytestmark = BROWSER_TEST

PASSWORD = "demo-pass-for-browser-tests"
#: What fails the test; "moderate" and "minor" findings are printed, not fatal.
FATAL = {"serious", "critical"}


@pytest.fixture
def demo(live_server: Any, monkeypatch: pytest.MonkeyPatch, settings: Any) -> Incident:
    monkeypatch.setenv("ORANJE_DEMO_PASSWORD", PASSWORD)
    settings.REQUIRE_2FA = False  # as `make demo` runs it: the personas log in in one step
    build(lambda _line: None)
    return Incident.objects.get(title="Gasstoring Velsen-Noord")


@pytest.fixture
def browser_page(page: Any) -> Any:
    """A page whose content security policy does not stop axe being injected."""
    context = page.context.browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
    )
    yield context.new_page()
    context.close()


def _log_in(page: Any, live_server: Any, username: str = "coordinator.kennemerland") -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # The first page: the on-call overview, or the incidents for shelter and registry staff.
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/(piket/nu|incidenten)/$"))


def _violations(page: Any) -> list[str]:
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
        line = f"{violation['id']} ({violation['impact']}) ×{len(violation['nodes'])}: {targets}"
        if violation["impact"] in FATAL:
            found.append(line)
        else:
            print(f"  axe, not fatal: {line}")
    return found


def test_the_main_pages_have_no_serious_accessibility_violations(
    browser_page: Any, live_server: Any, demo: Incident
) -> None:
    page = browser_page
    pk = demo.pk
    report = demo.reports.order_by("-version").first()
    problems: dict[str, list[str]] = {}

    page.goto(f"{live_server.url}/inloggen/")
    problems["/inloggen/"] = _violations(page)
    _log_in(page, live_server)
    pages = [
        "/incidenten/",
        f"/incidenten/{pk}/",
        f"/incidenten/{pk}/opschalen/",
        f"/incidenten/{pk}/alarmering/",
        f"/incidenten/{pk}/situatierapport/",
        f"/incidenten/{pk}/situatierapport/{report.version}/",
        "/rooster/",
        "/rooster/?weergave=maand",
        "/piket/nu/",
        "/vakbekwaamheid/",
        "/mijn-alarmeringen/",
        "/bestaat-niet/",
        "/api/",
    ]
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        if path == "/api/":
            page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
            problems[path] = _violations(page)
            # An operation opened shows parameters and example code: checked as well.
            page.locator(".opblock-summary-control").first.click()
            page.wait_for_selector(".opblock-body", timeout=10_000)
            problems[f"{path} (opened)"] = _violations(page)
            continue
        problems[path] = _violations(page)
    # The folded parts opened: the people on the alert board, the soft pool of a day.
    page.goto(f"{live_server.url}/incidenten/{pk}/alarmering/")
    page.locator("details.board-row summary").first.click()
    page.goto(f"{live_server.url}/rooster/?weergave=maand")
    page.locator("details.fold-day summary").first.click()
    problems["month, a day opened"] = _violations(page)

    failing = {path: found for path, found in problems.items() if found}
    assert not failing, "\n".join(f"{p}: {'; '.join(f)}" for p, f in failing.items())


def test_the_alert_board_and_the_month_roster_of_the_demo_fit_a_few_screens(
    browser_page: Any, live_server: Any, demo: Incident
) -> None:
    page = browser_page
    _log_in(page, live_server)
    heights = {}
    for name, path in [
        ("alert board", f"/incidenten/{demo.pk}/alarmering/"),
        ("month roster", "/rooster/?weergave=maand"),
    ]:
        page.goto(f"{live_server.url}{path}")
        heights[name] = page.evaluate("document.documentElement.scrollHeight")
    print(f"\n  demo page heights at 1280 px wide: {heights}")
    # Before issue 10: alert board 5,570 px, month roster 15,576 px.
    assert heights["alert board"] < 3_000, heights
    assert heights["month roster"] < 5_000, heights


@pytest.mark.parametrize("path", ["/rooster/", "/rooster/?weergave=maand", "/vakbekwaamheid/"])
def test_on_a_phone_wide_tables_scroll_in_their_own_box(
    demo: Incident, browser_page: Any, live_server: Any, path: str
) -> None:
    """At 390 px the page is no wider than the screen; a wide table scrolls inside its own box,
    which a keyboard user can reach (tabindex 0) and a screen reader names."""
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}{path}")
    page_width, screen = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert page_width <= screen, f"the page is {page_width} px wide on a {screen} px screen"
    wraps = page.locator(".table-wrap")
    assert wraps.count() >= 1
    for i in range(wraps.count()):
        wrap = wraps.nth(i)
        assert wrap.get_attribute("tabindex") == "0"
        assert wrap.get_attribute("role") == "region"
        # named by its own label or by the heading above it
        assert wrap.get_attribute("aria-label") or wrap.get_attribute("aria-labelledby")
    assert page.evaluate(
        "() => [...document.querySelectorAll('.table-wrap')]"
        ".some(w => w.scrollWidth > w.clientWidth)"
    ), "the wide table scrolls inside its box"


def test_the_registry_personas_work_the_care_home_fire_without_accessibility_violations(
    browser_page: Any, live_server: Any, demo: Incident
) -> None:
    from oranje.demo import registry
    from oranje.registry.constants import CandidateState
    from oranje.registry.models import Candidate, Inquiry, Person

    fire = Incident.objects.get(title=registry.TITLE)
    waiting = Candidate.objects.get(inquiry__incident=fire, state=CandidateState.AWAITING_SECOND)
    informed = Inquiry.objects.filter(incident=fire, status="informed").order_by("pk").first()
    person = Person.objects.filter(incident=fire, current_status="hospitalised").first()
    assert informed is not None and person is not None
    page = browser_page
    _log_in(page, live_server, registry.COORDINATOR)
    base = f"/incidenten/{fire.pk}/registratie/"
    problems: dict[str, list[str]] = {}
    for path in [
        base,
        f"{base}personen/",
        f"{base}personen/{person.pk}/",
        f"{base}vragen/",
        f"{base}vragen/{informed.pk}/",
        f"{base}vragen/{waiting.inquiry_id}/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        problems[path] = _violations(page)
    failing = {path: found for path, found in problems.items() if found}
    assert not failing, "\n".join(f"{p}: {'; '.join(f)}" for p, f in failing.items())
