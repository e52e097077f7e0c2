"""The hard versus soft figures page in a real browser at 1280 px: the table fits without
sideways scrolling and the chart's labels (also "100,0% (n/n)") stay inside the chart."""

from __future__ import annotations

from oranje.alerting.tests.test_hard_soft_figures import alerted  # noqa: F401 — the fixture
from oranje.core.tests.browser import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

#: Each chart text's right edge, past the chart's own width (in the chart's units).
OVERFLOW = """svg => { const w = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => t.getBBox()).filter(b => b.x + b.width > w)
    .length; }"""


def test_the_figures_fit_a_1280_screen(page, live_server, world, alerted):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/piket/hard-zacht/?periode={alerted.code}")
    for wrap in page.locator(".table-wrap").all():
        sizes = wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
        print("table", sizes)
        assert sizes[0] <= sizes[1]
    charts = page.locator("svg.chart").all()
    assert charts
    for chart in charts:
        assert chart.evaluate(OVERFLOW) == 0
