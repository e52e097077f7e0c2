"""The one-hour drill in a real browser: sent from the coordinator's page, answered on a
phone (390×844), assessed (the person sees the assessment), and counted in the passport."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world, make_shift

pytestmark = BROWSER_TEST


def test_the_drill_is_answered_on_a_phone(page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = live_server.url
    world = build_world()
    shift = make_shift(
        world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1)
    )

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/oefeningen/uuropdracht/nieuw/")
    choice = page.get_by_label("Nu piket")
    expect(choice.locator("option", has_text="OVD-BZ — Test Visser")).to_have_count(1)
    choice.select_option(value=str(shift.pk))
    page.get_by_label("Opdracht").fill(
        "Je hebt een uur om opvang te regelen voor 40 bewoners van de Zeestraat."
    )
    expect(page.get_by_label("Deadline (minuten vanaf nu)")).to_have_value("60")
    page.get_by_role("button", name="Uuropdracht versturen").click()
    expect(page.get_by_text("Uuropdracht verstuurd aan Test Visser.")).to_be_visible()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("OEFENING/TEST")
    link = re.search(r"http://\S+/uuropdracht/\S+/", mail.outbox[0].body).group(0)

    phone = page.context.browser.new_page(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phone.goto(link)
    expect(phone.get_by_text("OEFENING/TEST — geen echt incident")).to_be_visible()
    expect(phone.get_by_text("40 bewoners van de Zeestraat")).to_be_visible()
    expect(phone.get_by_text(re.compile(r"Resterende tijd: (59|60) min\."))).to_be_visible()
    # Nothing sticks out sideways on the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Terugmelding versturen").click()
    summary = phone.get_by_role("link", name=re.compile("Wat ik heb geregeld: schrijf op"))
    expect(summary).to_be_visible()
    phone.get_by_label("Wat ik heb geregeld").fill(
        "Sporthal De Kennemer open om 15:00, 40 veldbedden via het Rode Kruis."
    )
    phone.get_by_role("button", name="Terugmelding versturen").click()
    expect(phone.get_by_text("Uw terugmelding is vastgelegd.")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Sporthal De Kennemer open om 15:00")).to_be_visible()
    page.get_by_label("Goed").check()
    page.get_by_label("Toelichting").fill("Snel en volledig.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Beoordeling vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Telt als één uur oefening in het paspoort.")).to_be_visible()
    # The person hears it: a mail marked OEFENING/TEST, and their page shows it.
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("OEFENING/TEST")
    assert "Snel en volledig." in mail.outbox[1].body
    phone.reload()
    expect(phone.get_by_text("Snel en volledig.")).to_be_visible()
    page.get_by_role("link", name="Paspoort", exact=True).first.click()
    expect(page.get_by_text(re.compile("Uuropdracht: Je hebt een uur om opvang"))).to_be_visible()
