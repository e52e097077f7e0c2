"""Logins in a real browser: two-factor set-up and login, and no Content-Security-Policy
violation on the way (no inline script or style anywhere)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = [*BROWSER_TEST, pytest.mark.strict_csp]


def csp_violations(page: Any) -> list[str]:
    """Collects what Chromium reports as blocked by the Content-Security-Policy."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_a_coordinator_sets_up_two_factor_then_logs_in_with_a_recovery_code(page, live_server):  # type: ignore[no-untyped-def]
    build_world()
    violations = csp_violations(page)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill("test-pass-123")
    page.get_by_role("button", name="Inloggen").click()

    # First login of a coordinator: the set-up page, with a QR code and the key to type.
    page.wait_for_url("**/account/tweestapsverificatie/instellen/**")
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    key = page.locator("code.secret").inner_text().replace(" ", "")
    code = str(TOTP(base64.b32decode(key)).token()).zfill(6)
    page.get_by_label("Code uit de app").fill(code)
    page.get_by_role("button", name="Aanzetten").click()

    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Genoteerd, verder").click()
    page.wait_for_url(f"{live_server.url}/piket/nu/")

    # Log out and in again: now the password is followed by the second step.
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill("test-pass-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/tweede-stap/**")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert").filter(has_text="Deze code klopt niet")).to_be_visible()
    page.wait_for_timeout(1100)  # a wrong code makes the next one wait a second
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/piket/nu/")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_text("nog 9 ongebruikte herstelcodes")).to_be_visible()
    assert violations == []


def test_the_main_pages_break_no_content_security_policy(page, live_server):  # type: ignore[no-untyped-def]
    build_world()
    violations = csp_violations(page)
    log_in(page, live_server, "admin")
    for path in ("/piket/nu/", "/rooster/", "/rooster/dienst/nieuw/", "/mensen/", "/incidenten/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # The region switch sends itself when changed (bound in oranje.js, not inline).
    page.goto(f"{live_server.url}/piket/nu/")
    with page.expect_navigation():
        page.get_by_label("Regio").select_option(label="VR09 Utrecht")
    assert page.url == f"{live_server.url}/piket/nu/"
    expect(page.get_by_role("heading", name="Utrecht")).to_be_visible()
    page.goto(f"{live_server.url}/api/")
    page.locator(".swagger-ui .info").first.wait_for()
    assert violations == []


def test_htmx_pages_inject_no_style_and_its_indicator_comes_from_the_stylesheet(page, live_server):  # type: ignore[no-untyped-def]
    from oranje.incidents.tests.factories import start_incident

    world = build_world()
    incident = start_incident(world)
    violations = csp_violations(page)
    log_in(page, live_server, "coordinator")
    for path in (f"/incidenten/{incident.pk}/", f"/incidenten/{incident.pk}/alarmering/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.htmx.config.includeIndicatorStyles") is False
        assert page.evaluate("() => document.querySelectorAll('style').length") == 0
        hidden, shown = page.evaluate(
            """() => {
                const box = document.createElement('div');
                box.innerHTML = '<span class="htmx-indicator">…</span>';
                document.body.append(box);
                const el = box.firstChild;
                const before = getComputedStyle(el).visibility;
                box.classList.add('htmx-request');
                const after = getComputedStyle(el).visibility;
                box.remove();
                return [before, after];
            }"""
        )
        assert (hidden, shown) == ("hidden", "visible")
    assert violations == []
