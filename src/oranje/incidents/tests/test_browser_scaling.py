"""The scaling page in a browser: it starts at the current level; a level ticks its teams
and a lower one unticks them (not a team ticked by hand); going down asks to confirm and
the button says so."""

from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_choosing_a_level_ticks_its_teams_and_going_down_shows_the_confirmation(page, live_server):
    world = build_world()
    incident = start_incident(world)
    scale(world, incident, level=2, teams=("copi", "rot", "tbz"))  # the TBZ by hand
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/opschalen/")
    confirm = page.get_by_label("Ja, afschalen")
    assert page.get_by_label("CoPI", exact=True).is_checked()  # the teams active now
    expect(confirm).to_be_hidden()
    expect(page.get_by_label("GRIP-niveau")).to_have_value("2")  # the level now, not "—"
    submit = page.locator("#scale-submit")
    expect(submit).to_have_text("Opschalen en alarmeren")

    page.get_by_label("GRIP-niveau").select_option("4")  # the default rules: RBT at GRIP 4
    assert page.get_by_label("RBT", exact=True).is_checked()
    assert page.get_by_label("GBT", exact=True).is_checked()
    page.get_by_label("GRIP-niveau").select_option("3")
    assert not page.get_by_label("RBT", exact=True).is_checked()  # ticked by the level only
    expect(confirm).to_be_hidden()

    page.get_by_label("GRIP-niveau").select_option("1")
    expect(confirm).to_be_visible()
    expect(page.get_by_label("ROT", exact=True)).not_to_be_checked()  # brought by GRIP 2
    expect(page.get_by_label("GBT", exact=True)).not_to_be_checked()
    expect(page.get_by_label("CoPI", exact=True)).to_be_checked()
    expect(page.get_by_label("TBZ", exact=True)).to_be_checked()  # ticked by hand: kept
    expect(submit).to_have_text("Afschalen")
    page.get_by_label("Besloten door").fill("Burgemeester")
    page.get_by_label("Reden").fill("Gas is weer aan")
    confirm.check()
    page.get_by_role("button", name="Afschalen").click()
    page.wait_for_url(f"{live_server.url}/incidenten/{incident.pk}/alarmering/")
    expect(page.get_by_text("Afschalen vastgelegd")).to_be_visible()
    step = incident.scaling.order_by("-at", "-pk").first()
    assert step.scaled_down and step.teams == ["copi", "tbz"]
