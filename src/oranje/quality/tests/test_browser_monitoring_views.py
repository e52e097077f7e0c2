"""The monitoring in a real browser: a quality monitor opens the region's matrix for a
quarter, sees a red cell's state in words, scrolls the matrix sideways on a tablet with its
header and first column in place, opens a municipality's view and the national view; axe
finds no accessibility problems on any of the three pages, and the matrix prints."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.constants import Role
from oranje.core.models import Municipality
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world, make_user
from oranje.quality.periods import Period
from oranje.quality.tests.monitoring_helpers import national_set, regional_set, value

pytestmark = BROWSER_TEST

Q3 = Period(2025, 3)


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_monitor_reads_the_matrix_a_municipality_and_the_nation(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    _set, national, _plan = national_set()
    regional_set(world.region, national)
    places = list(Municipality.objects.current().filter(region=world.region).order_by("name"))
    for i, place in enumerate(places):
        for period in [*Q3.previous(3), Q3]:
            value(world.region, place, period, 80 + (i * 3) % 20)
    make_user("monitor", Role.QUALITY_MONITOR, region=world.region)
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, upright
    log_in(page, live_server, "monitor")

    page.goto(f"{live_server.url}/kwaliteit/?periode=2025-Q3")
    expect(page.get_by_role("heading", level=1)).to_contain_text("K3 2025")
    matrix = page.locator("table.q-matrix")
    expect(matrix.locator("caption")).to_contain_text("Gemeenten × normen")
    below = matrix.locator("td.q-below").first
    expect(below).to_contain_text("onder bandbreedte")
    expect(matrix.locator("tr.q-total th")).to_have_text("Hele regio")
    _no_violations(page)

    wrap = page.locator(".q-matrix-wrap")
    head = matrix.locator("thead th").first
    page.set_viewport_size({"width": 480, "height": 500})  # the matrix overflows both ways
    assert wrap.evaluate("(box) => box.scrollHeight > box.clientHeight")
    wrap.evaluate("(box) => { box.scrollTop = 200; box.scrollLeft = 300; }")
    box, corner = wrap.bounding_box(), head.bounding_box()
    assert box is not None and corner is not None
    # The header row and the first column stay at the box's top and left edge.
    assert abs(corner["y"] - box["y"]) < 3 and abs(corner["x"] - box["x"]) < 3

    page.set_viewport_size({"width": 820, "height": 1180})
    page.emulate_media(media="print")
    expect(matrix).to_be_visible()
    expect(page.locator(".q-period")).to_be_hidden()
    page.emulate_media(media="screen")

    page.locator("table.q-matrix tbody th a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(places[0].name)
    expect(page.get_by_text("Bijdrage tegen de afspraak")).to_be_visible()
    _no_violations(page)

    page.goto(f"{live_server.url}/kwaliteit/landelijk/?periode=2025-Q3")
    expect(page.get_by_role("heading", level=1)).to_contain_text("regio's")
    expect(page.locator("svg.strip").first).to_be_visible()
    _no_violations(page)
