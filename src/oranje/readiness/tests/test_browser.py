"""The alarm test in a real browser: sent from the coordinator's page, answered on a phone."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world, make_shift
from oranje.readiness import services
from oranje.readiness.tests.conftest import OVD_PROFILE, qualify

pytestmark = BROWSER_TEST


def test_a_test_alarm_is_sent_answered_on_a_phone_and_reported(page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = live_server.url
    world = build_world()
    services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    qualify(world, world.officers[0], timezone.localdate())
    make_shift(world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1))

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/alarmtest/")
    page.get_by_label("OVD-BZ Officier van Dienst Bevolkingszorg").check()
    page.get_by_role("button", name="Testalarmering versturen").click()
    expect(page.get_by_text("Testalarmering verstuurd aan 1 mensen.")).to_be_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/alarm/\S+/", mail.outbox[0].body).group(0)
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 800})
    phone.goto(link)
    expect(phone.get_by_text("TESTALARM — geen echt incident")).to_be_visible()
    phone.get_by_label("Ja, ik kom").check()
    phone.get_by_label("Ik kan er zijn over (minuten)").fill("12")
    phone.get_by_role("button", name="Antwoord versturen").click()
    expect(phone.get_by_text("Uw antwoord is vastgelegd. Dit was een test.")).to_be_visible()

    page.reload()
    row = page.locator("tr", has_text="Test Visser")
    expect(row.get_by_text("Ja, ik kom, 12 min")).to_be_visible()
    expect(row.get_by_text("gehaald", exact=True)).to_be_visible()
