"""Figure: the worklist's question "who lives here and needs help?" — 50,000 addresses of
people with reduced self-reliance filtered by an incident's affected area (a bounding box in
SQL on the index care_resident_position, then the polygon in Python), target < 500 ms.

The addresses lie spread over Zuid-Kennemerland and IJmond (about 20 by 25 km); the area is
an irregular 14-point polygon around Velsen-Noord and IJmuiden (several thousand addresses
inside its bounding box). A second figure asks the worst case: an area whose box holds every
address.
"""

from __future__ import annotations

import math
import random
import time

from bench.common import setup_django
from bench.targets import check, check_that, exit_status

ROWS = 50_000
TARGET = 0.5
#: The spread of the addresses: Zandvoort to Beverwijk.
SOUTH, NORTH, WEST, EAST = 52.30, 52.52, 4.50, 4.80


def _area(lat: float, lon: float, radius: float, points: int = 14) -> list[list[float]]:
    """An irregular star-ish polygon around (lat, lon), as Incident.area holds it (closed)."""
    rng = random.Random(12)
    ring = []
    for i in range(points):
        angle = 2 * math.pi * i / points
        r = radius * (0.6 + 0.4 * rng.random())
        ring.append(
            [round(lat + r * math.sin(angle), 6), round(lon + 1.6 * r * math.cos(angle), 6)]
        )
    return [*ring, ring[0]]


def main() -> None:
    setup_django("care_vulnerable")
    from django.db import connection

    from oranje.care import geo
    from oranje.care.models import Resident, Supplier
    from oranje.care.services.vulnerable import residents_in_area
    from oranje.core.models import Region

    region = Region.objects.get(code="VR12")
    supplier, _created = Supplier.objects.get_or_create(region=region, name="Bench zorggroep")
    if Resident.objects.filter(supplier=supplier).count() != ROWS:
        Resident.objects.filter(supplier=supplier).delete()
        rng = random.Random(2026)
        Resident.objects.bulk_create(
            [
                Resident(
                    supplier=supplier,
                    ref=str(i),
                    name=f"Bewoner {i}",
                    latitude=rng.uniform(SOUTH, NORTH),
                    longitude=rng.uniform(WEST, EAST),
                    need_mobility=i % 3 == 0,
                )
                for i in range(ROWS)
            ],
            batch_size=2000,
        )
    print(f"vulnerable-residents filter on {connection.vendor}: {ROWS:,} addresses")

    def run(area: list[list[float]]) -> tuple[float, int, int]:
        polygon = geo.Polygon(geo.ring(area))
        box = polygon.box
        in_box = Resident.objects.filter(
            supplier__region=region,
            latitude__range=(box.south, box.north),
            longitude__range=(box.west, box.east),
        ).count()
        residents_in_area(region.pk, polygon)  # warm the connection and the page cache
        times = []
        found: list[int] = []
        for _ in range(5):
            began = time.perf_counter()
            found = residents_in_area(region.pk, polygon)
            times.append(time.perf_counter() - began)
        times.sort()
        # Checked against a plain scan of every address.
        every = Resident.objects.filter(
            supplier__region=region, latitude__isnull=False, longitude__isnull=False
        ).values_list("pk", "latitude", "longitude")
        expected = {
            pk
            for pk, lat, lon in every
            if lat is not None and lon is not None and polygon.contains(lat, lon)
        }
        check_that(
            "the filter finds exactly the addresses inside",
            f"{len(found):,}",
            set(found) == expected,
            "all",
        )
        return times[len(times) // 2], len(found), in_box

    typical = _area(52.475, 4.62, 0.03)
    median, inside, in_box = run(typical)
    check(
        f"filter 50,000 addresses by an area ({in_box:,} in its box, {inside:,} inside)",
        median * 1000,
        TARGET * 1000,
        unit="ms",
        shown=f"{median * 1000:.0f} ms (median of 5)",
    )
    whole = _area(52.41, 4.65, 0.16, points=40)
    median, inside, in_box = run(whole)
    check(
        f"worst case: every address in the box ({in_box:,}; {inside:,} inside, 40 points)",
        median * 1000,
        TARGET * 1000,
        unit="ms",
        shown=f"{median * 1000:.0f} ms (median of 5)",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
