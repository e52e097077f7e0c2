"""Figures for the occupancy board (issue 12): every open board polls every few seconds, so
its live part must be cheap to render at the size of a large incident.

An incident with 30 shelters, 6,000 stays of which 1,500 ended today and 300 open needs:
the board's live part (/incidenten/<id>/opvang/bord/, target < 100 ms), the whole tab and
the incident header with the 3-hour norm badge (the logbook page, target < 300 ms), with
the Django test client in process.
"""

from __future__ import annotations

import datetime as dt
import sys

from bench.common import report, setup_django, timed
from bench.targets import check, exit_status

SHELTERS = 30
STAYS = 6000
LEFT_TODAY = 1500
NEEDS = 300


def board() -> None:
    from django.test import Client
    from django.utils import timezone

    from oranje.care.models import Household, Location, Need, Shelter, Stay
    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.core.tests.logins import complete_second_step
    from oranje.incidents import services
    from oranje.incidents.models import Incident

    region, _ = Region.objects.get_or_create(code="VR31", defaults={"name": "Bench Bord"})
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code="GM9931", defaults={"name": "Bordstad", "region": region}
    )
    user, created = User.objects.get_or_create(username="bench-board")
    if created:
        Membership.objects.create(user=user, role=Role.CARE_COORDINATOR, region=region)
        Membership.objects.create(user=user, role=Role.COORDINATOR, region=region)
    incident = Incident.objects.filter(title="Bezettingsbord").first()
    if incident is None:
        now = timezone.now()
        incident = services.incident_start(
            actor=user,
            region=region,
            title="Bezettingsbord",
            kind="other",
            started_at=now - dt.timedelta(days=1),
            municipality=municipality,
        )
        shelters = []
        for n in range(SHELTERS):
            place = Location.objects.create(
                municipality=municipality,
                code=f"B{n}",
                name=f"Sporthal {n}",
                capacity_day=1000,
                capacity_night=800,
                latitude=52.3 + n / 100,
                longitude=4.6,
            )
            shelters.append(
                Shelter.objects.create(
                    incident=incident,
                    location=place,
                    decided_by="Bench",
                    decided_at=now - dt.timedelta(hours=20),
                    capacity_day=1000,
                    capacity_night=800,
                    ready_at=now - dt.timedelta(hours=19),
                )
            )
        homes = Household.objects.bulk_create(
            Household(incident=incident, code=f"BB{n:06d}", name=f"H{n}") for n in range(STAYS)
        )
        Stay.objects.bulk_create(
            Stay(
                household=home,
                shelter=shelters[n % SHELTERS],
                people=3,
                checked_in_at=now - dt.timedelta(hours=18),
                checked_out_at=now - dt.timedelta(minutes=n % 300) if n < LEFT_TODAY else None,
            )
            for n, home in enumerate(homes)
        )
        for index, shelter in enumerate(shelters):
            staying = sum(1 for n in range(LEFT_TODAY, STAYS) if n % SHELTERS == index)
            Shelter.objects.filter(pk=shelter.pk).update(present=min(staying * 3, 1000))
        Need.objects.bulk_create(
            Need(incident=incident, shelter=shelters[n % SHELTERS], kind="blankets")
            for n in range(NEEDS)
        )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    complete_second_step(client, user)
    live = f"/incidenten/{incident.pk}/opvang/bord/"
    assert client.get(live).status_code == 200
    print(f"board: {SHELTERS} shelters, {STAYS} stays ({LEFT_TODAY} ended today), {NEEDS} needs")
    median, best, _r = timed(lambda: client.get(live), repeat=20)
    check(
        "live board (htmx poll) median (best)",
        median * 1000,
        100,
        unit="ms",
        shown=f"{median * 1000:.1f} ms ({best * 1000:.1f} ms)",
    )
    median, best, _r = timed(lambda: client.get(f"/incidenten/{incident.pk}/opvang/"), repeat=10)
    report("whole Opvang tab median (best)", f"{median * 1000:.1f} ms ({best * 1000:.1f} ms)")
    median, best, _r = timed(lambda: client.get(f"/incidenten/{incident.pk}/"), repeat=10)
    check(
        "logbook page with the norm badge median (best)",
        median * 1000,
        300,
        unit="ms",
        shown=f"{median * 1000:.1f} ms ({best * 1000:.1f} ms)",
    )


def main() -> None:
    setup_django("care_board")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    board()


if __name__ == "__main__":
    main()
    sys.exit(exit_status())
