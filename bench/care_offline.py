"""Figure: 500 check-ins queued offline in the browser sync in < 30 s after the connection
returns, none lost, none doubled. A desk officer opens the shelter's check-in page in
headless chromium (Playwright) against gunicorn on PostgreSQL; the service worker keeps the
page; the connection goes (Playwright's offline mode), the page is opened again from the
worker's copy and 500 households are checked in through the form (each waits in IndexedDB);
the connection returns and the page's queue is sent.

Reported: the time from "online" until the queue is empty (target < 30 s); households
written against those queued (500, one per client key), the registry's persons, and the
conflicts left at the desk (0).

PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/oranje_bench_care.
`--checkins` (default 500), `--workers` (gunicorn, default 4). Traffic only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time

from bench.common import report, setup_django
from bench.targets import check, check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_care"

#: Fills the form and saves it `n` times (each save waits until the form is empty again:
#: the check-in is in the queue).
FILL = """async (n) => {
  const form = document.getElementById("checkin-form");
  const save = form.querySelector("button[name=save]");
  const field = (name) => form.querySelector(`[name="${name}"]`);
  for (let i = 0; i < n; i++) {
    field("p1-given_names").value = "Gast" + i;
    field("p1-surname").value = "Offline" + String(i).padStart(4, "0");
    field("household-postcode").value = "2011 AB";
    field("household-house").value = String(1 + (i % 200));
    form.requestSubmit(save);
    while (field("p1-surname").value !== "") await new Promise((r) => setTimeout(r, 2));
  }
}"""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.care_offline", description=__doc__)
    parser.add_argument("--checkins", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    # Playwright's sync API runs an event loop in this thread; the ORM calls stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from bench.registry_world import fresh_database

    fresh_database("care_offline")
    setup_django("care_offline")
    from django.core.management import call_command
    from django.db.models import Count
    from playwright.sync_api import sync_playwright

    from bench.care_world import care_incident
    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.care.constants import CAPACITY_MAX
    from oranje.care.models import Guest, Household, Shelter
    from oranje.core.tests.browser import CHROMIUM
    from oranje.registry.models import Person

    call_command("collectstatic", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(12)
    world = care_incident(password, desks=1, capacity=CAPACITY_MAX, prefix="offline")
    with gunicorn(str(args.workers), timeout=600) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        # Playwright's evaluate drives the form; the page's own scripts keep to the CSP.
        context = browser.new_context(locale="nl-NL", bypass_csp=True)
        page = context.new_page()
        page.goto(f"{base}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(world.desks[0])
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        # Shelter staff land on the incidents after logging in.
        page.wait_for_url(f"{base}/incidenten/")
        desk = f"{base}/incidenten/{world.incident_id}/opvang/{world.shelter_id}/balie/"
        page.goto(desk)
        page.wait_for_selector("#desk-queue[data-offline-ready='1']", state="attached")
        context.set_offline(True)
        page.reload()
        began = time.perf_counter()
        page.evaluate(FILL, args.checkins)
        page.wait_for_selector(f"#desk-queue[data-pending='{args.checkins}']", state="attached")
        report(
            f"{args.checkins} check-ins queued offline",
            f"{time.perf_counter() - began:.1f} s",
        )
        queued_before = Household.objects.filter(incident_id=world.incident_id).count()
        context.set_offline(False)
        began = time.perf_counter()
        page.wait_for_selector("#desk-queue[data-pending='0']", state="attached", timeout=600_000)
        seconds = time.perf_counter() - began
        conflicts = int(page.locator("#desk-queue").get_attribute("data-conflicts") or "-1")
        context.close()
        browser.close()
    shelter = Shelter.objects.get(pk=world.shelter_id)
    homes = Household.objects.filter(shelter=shelter, name__startswith="Offline")
    per_key = homes.values("client_key").annotate(n=Count("pk"))
    doubled = sum(row["n"] - 1 for row in per_key)
    names = set(homes.values_list("name", flat=True))
    persons = Person.objects.filter(incident_id=world.incident_id, surname__startswith="Offline")
    guests = Guest.objects.filter(household__in=homes, present=True).count()
    print(
        f"care offline: {args.checkins} check-ins queued in headless chromium while offline, "
        f"synced to gunicorn ({args.workers} workers) on PostgreSQL ({machine_load()})"
    )
    check("sync after the connection returns", seconds, 30, unit="s", shown=f"{seconds:.1f} s")
    check_that("written while offline", str(queued_before), queued_before == 0, "0")
    check_that(
        "households written / queued",
        f"{homes.count()} / {args.checkins}",
        homes.count() == args.checkins and len(names) == args.checkins,
        "equal (0 lost)",
    )
    check_that("written twice", str(doubled), doubled == 0, "0")
    check_that(
        "guests / registry persons",
        f"{guests} / {persons.count()}",
        guests == persons.count() == args.checkins,
        f"{args.checkins} / {args.checkins}",
    )
    check_that("conflicts left at the desk", str(conflicts), conflicts == 0, "0")


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
