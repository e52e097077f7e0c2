"""Figure: "who is on call now" and the gap computation on a national dataset, for one region
(target < 200 ms) and nationally (target < 2 s)."""

from __future__ import annotations

import datetime as dt

from bench.common import setup_django, timed
from bench.targets import check, exit_status


def main() -> None:
    setup_django("national")
    from django.db import connection
    from django.utils import timezone

    from bench.dataset import build_national
    from oranje.core.models import Region
    from oranje.organisation import selectors

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    from oranje.core.validation import local_zone

    start = dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1)
    sizes = build_national(start)
    print(
        f"on-call and gaps on {connection.vendor}: {sizes['people']:,} people, {sizes['shifts']:,} shifts, 25 regions"
    )
    now = timezone.now()
    regions = list(Region.objects.all())
    large = Region.objects.get(code="VR16")  # Hollands Midden, 19 municipalities
    median, best, rows = timed(lambda: selectors.on_call_at(large, now))
    check(
        "who is on call now, one region (VR16)",
        median * 1000,
        200,
        unit="ms",
        shown=f"{median * 1000:.0f} ms median, {best * 1000:.0f} ms best",
    )
    median, best, gaps = timed(
        lambda: selectors.coverage_gaps([large], now, now + dt.timedelta(weeks=8))
    )
    check(
        "coverage gaps, one region, next 8 weeks",
        median * 1000,
        200,
        unit="ms",
        shown=f"{median * 1000:.0f} ms median ({len(gaps)} gaps)",
    )
    median, best, gaps = timed(
        lambda: selectors.coverage_gaps([large], now, now + dt.timedelta(weeks=52))
    )
    check(
        "coverage gaps, one region, next 52 weeks",
        median * 1000,
        200,
        unit="ms",
        shown=f"{median * 1000:.0f} ms median ({len(gaps)} gaps)",
    )
    median, best, _ = timed(lambda: [selectors.on_call_at(r, now) for r in regions], repeat=3)
    check(
        "who is on call now, all 25 regions",
        median,
        2,
        unit="s",
        shown=f"{median * 1000:.0f} ms median",
    )
    median, best, gaps = timed(
        lambda: selectors.coverage_gaps(regions, now, now + dt.timedelta(weeks=8)), repeat=3
    )
    check(
        "coverage gaps, national, next 8 weeks",
        median,
        2,
        unit="s",
        shown=f"{median * 1000:.0f} ms median ({len(gaps)} gaps)",
    )
    median, best, gaps = timed(
        lambda: selectors.coverage_gaps(regions, now, now + dt.timedelta(weeks=52)), repeat=3
    )
    check(
        "coverage gaps, national, next 52 weeks",
        median,
        2,
        unit="s",
        shown=f"{median * 1000:.0f} ms median ({len(gaps)} gaps)",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
