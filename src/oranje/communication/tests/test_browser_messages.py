"""A warning in a real browser: an adviser writes it while the readability level and the
length per channel follow her typing, a second adviser approves it (four eyes) and publishes
it, and it is on the public page. The editor's script counts syllables and scores exactly as
the server does."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from oranje.communication import readability
from oranje.communication.models import Message
from oranje.communication.tests.messages_helpers import AREA, adviser
from oranje.communication.tests.test_readability import BUREAUCRATIC, SIMPLE, SYLLABLES
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

TITLE = "Houd ramen en deuren dicht"
INSTRUCTION = "Ga naar binnen. Sluit ramen en deuren."


@pytest.mark.strict_csp  # the editor's script runs under the Content-Security-Policy
def test_draft_approve_by_a_colleague_publish_with_live_readability(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, title="Brand Velsen-Noord")
    incident.area = AREA
    incident.save()
    adviser(world.region, "anna")
    adviser(world.region, "bert")

    log_in(page, live_server, "anna")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")
    page.get_by_role("link", name="Nieuwe waarschuwing").click()
    panel = page.locator("#readability")
    level = panel.locator("[data-level]")
    expect(level).to_have_text("nog geen tekst")

    page.get_by_label("Kop").fill(TITLE)
    text = page.locator("#id_text")
    text.press_sequentially(BUREAUCRATIC[:120], delay=0)
    text.fill(BUREAUCRATIC)
    expected = readability.message_readability(title=TITLE, text=BUREAUCRATIC, instruction="")
    expect(level).to_have_text(expected.label)
    assert expected.level == "C2"
    expect(level).to_have_class("tag bad")

    # Rewritten simply while typing: the level follows, keystroke by keystroke.
    text.fill("")
    text.press_sequentially(SIMPLE, delay=5)
    page.get_by_label("Wat te doen").press_sequentially(INSTRUCTION, delay=5)
    expected = readability.message_readability(title=TITLE, text=SIMPLE, instruction=INSTRUCTION)
    expect(level).to_have_text(expected.label)
    assert expected.meets_target
    expect(level).to_have_class("tag ok")
    expect(panel.locator("[data-details]")).to_contain_text("0 lange zinnen")

    social = panel.locator("[data-channel='social']")
    page.get_by_label("Tekst voor sociale media").press_sequentially("Blijf binnen!", delay=5)
    expect(social).to_have_text("13 / 280")
    nl_alert = len(readability.nl_alert_text(TITLE, SIMPLE, INSTRUCTION))
    expect(panel.locator("[data-channel='nlalert']")).to_have_text(f"{nl_alert} / 1395")
    sms = panel.locator("[data-channel='sms']")
    expect(sms).to_contain_text("GSM-7")
    page.get_by_label("Kop").press_sequentially(" – nu", delay=5)
    expect(sms).to_contain_text("UCS-2")
    page.get_by_label("Kop").fill(TITLE)

    page.get_by_label("Gebeurtenis").fill("Brand met rookontwikkeling")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    # The server's panel says what the script said.
    expect(page.locator("#readability [data-level]")).to_have_text(expected.label)
    expect(page.get_by_text("Vier ogen: u schreef een versie")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    message = Message.objects.get()
    assert message.area == AREA

    other = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    bert = other.new_page()
    log_in(bert, live_server, "bert")
    bert.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/berichten/{message.pk}/")
    bert.get_by_role("button", name="Goedkeuren").click()
    expect(bert.get_by_text("Bericht goedgekeurd.")).to_be_visible()
    expect(bert.get_by_text("door Bert Woordvoerder als communicatieadviseur")).to_be_visible()
    bert.get_by_role("button", name="Publiceren").click()
    expect(bert.get_by_text("Bericht gepubliceerd.")).to_be_visible()
    expect(bert.get_by_role("heading", name=TITLE)).to_contain_text("gepubliceerd")

    started = time.monotonic()
    while True:
        bert.goto(f"{live_server.url}/publiek/VR12/")
        if bert.get_by_role("heading", name=TITLE).count():
            break
        assert time.monotonic() - started < 5, "the warning is not on the public page within 5 s"
        time.sleep(0.25)
    other.close()


def test_the_editors_script_counts_as_the_server(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world)
    adviser(world.region, "anna")
    log_in(page, live_server, "anna")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/berichten/nieuw/")
    page.wait_for_function("() => window.oranjeReadability !== undefined")
    counted = page.evaluate(
        "words => words.map(w => window.oranjeReadability.syllables(w))", list(SYLLABLES)
    )
    assert dict(zip(SYLLABLES, counted, strict=True)) == SYLLABLES
    for sample in (
        SIMPLE,
        BUREAUCRATIC,
        "De brandweer o.a. is er. Blijf weg\nZet de ventilatie uit",
    ):
        ours = readability.readability(sample)
        theirs = page.evaluate("t => window.oranjeReadability.readability(t)", sample)
        assert (theirs["score"], theirs["level"], theirs["words"], theirs["sentences"]) == (
            ours.score,
            ours.level,
            ours.words,
            ours.sentences,
        )
        assert (theirs["longWords"], theirs["longSentences"]) == (
            ours.long_words,
            ours.long_sentences,
        )
    for sample in ("Blijf binnen.", "x" * 161, "€" * 81, "Brand – binnen", "😀" * 40):
        ours_sms = readability.sms_length(sample)
        theirs_sms = page.evaluate("t => window.oranjeReadability.smsLength(t)", sample)
        assert (theirs_sms["encoding"], theirs_sms["length"], theirs_sms["parts"]) == (
            ours_sms.encoding,
            ours_sms.length,
            ours_sms.parts,
        )
