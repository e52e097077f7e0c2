"""The public page and the 30-minute countdown in a real browser: a published message is on
the public page within seconds, an exercise never is (but its preview shows it marked
OEFENING), the page has no accessibility violation on a phone (axe-core, served from the
axe-playwright-python package), and the header counts down to the norm."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.care.tests.factories import location, open_shelter
from oranje.communication.models import Message, QAItem
from oranje.communication.services import messages
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

PHONE = {"width": 375, "height": 812}


def _publish(incident: Incident, title: str, **fields: Any) -> Message:
    now = timezone.now()
    values: dict[str, Any] = {
        "kind": "public",
        "text": "Bij de Zeeweg is een gaslek. De brandweer is ter plaatse.",
        "status": "published",
        "approved_at": now,
        "published_at": now,
        **fields,
    }
    return Message.objects.create(incident=incident, title=title, **values)


def _phone(page: Any) -> Any:
    """A phone-sized page whose content security policy lets axe in."""
    context = page.context.browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=PHONE, bypass_csp=True
    )
    return context.new_page()


def _poll(page: Any, url: str, title: str) -> float:
    """Reload the page until a heading shows `title`; seconds it took (fails after 5 s)."""
    started = time.monotonic()
    while True:
        page.goto(url)
        if page.get_by_role("heading", name=title).count():
            return time.monotonic() - started
        assert time.monotonic() - started < 5, f"{title!r} not on the public page within 5 s"
        time.sleep(0.25)


def test_a_published_message_is_on_the_public_page_within_seconds(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    url = f"{live_server.url}/publiek/VR12/"
    page.goto(url)
    expect(page.get_by_text("Er is op dit moment geen incident")).to_be_visible()
    # Written, approved and published through the room's services (the page is kept now).
    actor = world.coordinator
    draft = messages.message_create(
        incident=incident,
        actor=actor,
        data=messages.MessageData(
            kind="public",
            title="Gaslek aan de Zeeweg",
            text="Bij de Zeeweg is een gaslek. De brandweer is ter plaatse.",
            goals=frozenset({"inform"}),
        ),
    )
    messages.message_approve(message=draft, actor=actor)
    first = messages.message_publish(message=draft, actor=actor)
    _poll(page, url, "Gaslek aan de Zeeweg")
    # A message published by another server process: this one is not told, and its kept
    # page runs out within seconds.
    _publish(
        incident,
        "Ramen en deuren dicht",
        kind="warning",
        relation="update",
        parent=first,
        instruction="Houd ramen en deuren gesloten.",
    )
    _poll(page, url, "Ramen en deuren dicht")
    current = page.locator(".public-current")
    expect(current).to_contain_text("Ramen en deuren dicht")
    expect(current.locator(".public-do")).to_contain_text("Houd ramen en deuren gesloten.")
    expect(page.locator(".public-earlier")).to_contain_text("Gaslek aan de Zeeweg")


def test_draft_approve_publish_in_the_room_and_it_is_on_the_public_page_within_seconds(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    reader = _phone(page)  # someone in town, on a phone, not logged in
    url = f"{live_server.url}/publiek/VR12/"
    reader.goto(url)
    expect(reader.get_by_text("Er is op dit moment geen incident")).to_be_visible()

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")
    page.get_by_role("link", name="Nieuw bericht").click()
    page.locator("#id_title").fill("Gaslek aan de Zeeweg")
    page.locator("#id_text").fill("Bij de Zeeweg is een gaslek. Blijf uit de buurt.")
    page.get_by_label("informatievoorziening").check()
    page.get_by_role("button", name=re.compile("opslaan", re.I)).click()
    page.get_by_role("button", name="Goedkeuren", exact=True).click()
    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.locator(".norm-badges")).to_contain_text("gehaald")

    seconds = _poll(reader, url, "Gaslek aan de Zeeweg")
    assert seconds < 5
    expect(reader.locator(".public-current")).to_contain_text("Blijf uit de buurt.")
    reader.context.close()


def test_an_exercise_is_never_on_the_public_page_but_its_preview_says_oefening(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    exercise = start_incident(world, exercise=True, title="Oefening gifwolk Haarlem")
    _publish(exercise, "Sluit ramen en deuren", kind="warning", instruction="Ramen dicht.")
    page.goto(f"{live_server.url}/publiek/VR12/")
    expect(page.get_by_text("Er is op dit moment geen incident")).to_be_visible()
    expect(page.get_by_text("Oefening gifwolk Haarlem")).to_have_count(0)

    log_in(page, live_server, "viewer")
    page.goto(f"{live_server.url}/incidenten/{exercise.pk}/communicatie/")
    page.get_by_role("link", name="Voorbeeld: wat de publiekspagina van dit incident toont").click()
    expect(page.locator(".exercise-banner")).to_contain_text("OEFENING")
    expect(page).to_have_title(re.compile(r"^OEFENING"))
    expect(page.get_by_role("heading", name="Sluit ramen en deuren")).to_be_visible()
    phone = _phone(page)
    log_in(phone, live_server, "viewer")
    phone.goto(f"{live_server.url}/incidenten/{exercise.pk}/communicatie/publiek/")
    violations = Axe().run(phone).response["violations"]
    assert violations == [], [(v["id"], v["impact"]) for v in violations]
    phone.context.close()
    # And still not on the public page.
    page.goto(f"{live_server.url}/publiek/VR12/")
    expect(page.get_by_text("Sluit ramen en deuren")).to_have_count(0)


def test_the_public_page_has_no_accessibility_violations_on_a_phone(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    first = _publish(incident, "Gaslek aan de Zeeweg")
    _publish(incident, "Juiste straat: Zeeweg", relation="correction", parent=first)
    _publish(
        incident,
        "Ramen en deuren dicht",
        kind="warning",
        relation="update",
        parent=first,
        instruction="Houd ramen en deuren gesloten en zet de ventilatie uit.",
    )
    hall = location(world.velsen, "Sporthal De Zandhoeve")
    hall.street, hall.house_number, hall.postcode, hall.city = "Zeeweg", 12, "1971HB", "IJmuiden"
    hall.save()
    open_shelter(incident, hall)
    QAItem.objects.create(
        incident=incident,
        question="Is het kraanwater veilig?",
        answer="Ja, het kraanwater is veilig.",
        status="approved",
        approved_at=timezone.now(),
        public=True,
    )
    closed = start_incident(world, title="Brand loods")
    _publish(closed, "De brand is uit")
    Incident.objects.filter(pk=closed.pk).update(closed_at=timezone.now())

    phone = _phone(page)
    phone.goto(f"{live_server.url}/publiek/VR12/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Actuele informatie")
    expect(phone.get_by_text("Gemeenten en veiligheidsregio Kennemerland").first).to_be_visible()
    expect(phone.get_by_text("Zeeweg 12, 1971 HB IJmuiden")).to_be_visible()
    violations = Axe().run(phone).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]
    # Readable on a phone: nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # On paper: the messages and addresses, not the list of links or the skip link.
    phone.emulate_media(media="print")
    expect(phone.locator(".public-toc")).to_be_hidden()
    expect(phone.get_by_text("Zeeweg 12, 1971 HB IJmuiden")).to_be_visible()
    phone.context.close()


@pytest.mark.strict_csp
def test_the_header_counts_down_to_the_30_minute_norm(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world)
    # The norm runs out 2.5 minutes from now.
    started = timezone.now() - dt.timedelta(minutes=27, seconds=30)
    Incident.objects.filter(pk=incident.pk).update(started_at=started)
    log_in(page, live_server, "viewer")
    page.clock.install(time=dt.datetime.now(dt.UTC))
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")
    badge = page.locator(".norm-badges [data-deadline]")
    live = page.locator("[data-countdown-live]")
    expect(badge).to_have_text("eerste publieksbericht: nog 3 min tot de norm")
    expect(live).to_have_text("")
    page.clock.fast_forward("01:00")
    expect(badge).to_have_text("eerste publieksbericht: nog 2 min tot de norm")
    page.clock.fast_forward("01:00")
    expect(badge).to_have_text("eerste publieksbericht: nog 1 min tot de norm")
    expect(live).to_have_text("eerste publieksbericht: nog 1 min tot de norm")
    page.clock.fast_forward("01:30")
    expect(badge).to_have_text(
        re.compile(r"eerste publieksbericht: norm van 30 min overschreden met [01] min")
    )
    expect(badge).to_have_class(re.compile(r"\bbad\b"))
    expect(live).to_contain_text("overschreden")
