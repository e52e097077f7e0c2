"""A resident reports damage on a phone, in a real browser: a mistake is summarised at the
top, the location button fills in where the phone is, a photo goes along (without its GPS),
and the answer shows the reference. The page keeps to the content security policy (no inline
script) and has no accessibility violation (axe-core)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST
from oranje.damage.models import DamageReport, PublicForm
from oranje.damage.tests.public_fixtures import jpeg_bytes, photos_cleaned
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

PHONE = {"width": 390, "height": 844}


def test_a_resident_files_a_report_with_a_photo_on_a_phone(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.DAMAGE_FORM_MIN_SECONDS = 1
    world = build_world()
    incident = start_incident(world, title="Storm Velsen-Noord")
    PublicForm.objects.create(
        incident=incident,
        is_open=True,
        intro="Meld hier schade door de storm.",
        opened_at=timezone.now(),
        opened_by=world.coordinator,
    )
    photo = tmp_path / "dak.jpg"
    photo.write_bytes(jpeg_bytes(1200, 900))
    context = page.context.browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 52.4712, "longitude": 4.6285},
        permissions=["geolocation"],
    )
    phone = context.new_page()
    errors: list[str] = []
    # Errors in the console, except the refused send's own 400 answer.
    phone.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "status of 400" not in m.text else None
        ),
    )
    phone.goto(f"{live_server.url}/schade/{incident.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Schade melden")
    expect(phone.get_by_text("Meld hier schade door de storm.")).to_be_visible()
    phone.get_by_label("Uw naam").fill("Anna de Vries")
    phone.get_by_label("Telefoonnummer").fill("06 12345678")
    phone.get_by_label("Postcode").fill("B-1000")
    phone.get_by_label("Huisnummer en toevoeging").fill("12a")
    phone.get_by_label("Woning (het gebouw)").check()
    phone.get_by_label("Beschrijf de schade").fill(
        "Het dak is deels weggewaaid, het regent binnen."
    )
    phone.get_by_label("Ja, het is onveilig").check()
    phone.get_by_role("button", name="Gebruik mijn locatie (niet verplicht)").click()
    expect(phone.get_by_text("Uw locatie is aan de melding toegevoegd.")).to_be_visible()
    phone.get_by_label("Foto's van de schade").set_input_files(str(photo))
    phone.wait_for_timeout(1100)  # a person takes longer than the least time set above
    phone.get_by_role("button", name="Melding versturen").click()

    # The postcode was wrong: the summary at the top says so, has focus, links to the field.
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=re.compile("postcode: 'B-1000' is geen"))
    link.click()
    expect(phone.get_by_label("Postcode")).to_be_focused()
    expect(phone.get_by_label("Uw naam")).to_have_value("Anna de Vries")
    phone.get_by_label("Postcode").fill("1951 AB")
    phone.get_by_label("Foto's van de schade").set_input_files(str(photo))
    phone.get_by_role("button", name="Melding versturen").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Bedankt, we hebben uw melding ontvangen"
    )
    report = DamageReport.objects.get()
    expect(phone.locator("#reference")).to_have_text(report.reference)
    expect(phone.get_by_text("Bewaar dit kenmerk.")).to_be_visible()
    assert report.unsafe and report.kind == "home" and report.postcode == "1951AB"
    assert report.latitude is not None and abs(float(report.latitude) - 52.4712) < 0.001
    assert photos_cleaned() == 1  # the worker's step
    stored = report.photos.get()
    with stored.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert not image.getexif() and image.size == (900, 1200)  # upright, no GPS
    assert errors == [], errors  # e.g. no script refused by the content security policy
    # Readable on a phone: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()

    # Accessibility of the form with its errors, checked by axe-core.
    checked = page.context.browser.new_context(locale="nl-NL", viewport=PHONE, bypass_csp=True)
    form = checked.new_page()
    form.goto(f"{live_server.url}/schade/{incident.pk}/")
    violations = Axe().run(form).response["violations"]
    assert violations == [], [(v["id"], v["impact"]) for v in violations]
    form.wait_for_timeout(1100)
    form.get_by_role("button", name="Melding versturen").click()
    expect(form.locator("#error-summary")).to_be_visible()
    violations = Axe().run(form).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]
    checked.close()
