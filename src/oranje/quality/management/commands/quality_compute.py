"""`oranje quality_compute --from 2024-Q1 --to 2026-Q4 [--region VR12]`: recompute the quality
indicators of every quarter in the range, for one region or all."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oranje.core.models import Region
from oranje.quality.periods import Period, current_quarter, parse_period
from oranje.quality.services.compute import indicators_compute

#: The most quarters one run computes (25 years).
MAX_QUARTERS = 100


def _quarter(text: str, option: str) -> Period:
    period = parse_period(text)
    if period is None:
        raise CommandError(f"{option}: geen kwartaal als 2026-Q3 of jaar als 2026: {text!r}.")
    return period


def quarter_range(first: Period, last: Period) -> list[Period]:
    """Every quarter from the first one of `first` up to the last one of `last`."""
    year, number = first.year, first.quarter or 1
    end = (last.year, last.quarter or 4)
    found = []
    while (year, number) <= end:
        found.append(Period(year, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


class Command(BaseCommand):
    help = (
        "Recompute the quality indicators (coverage, qualified share, alarm tests, arrivals, "
        "incident norms, exercise participation) for every quarter from --from to --to."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", default=None, help="e.g. 2024-Q1")
        parser.add_argument("--to", dest="last", default=None, help="e.g. 2026-Q4")
        parser.add_argument("--region", default=None, help="a region's code, e.g. VR12")

    def handle(self, *args: Any, **options: Any) -> None:
        now = current_quarter()
        first = _quarter(options["first"], "--from") if options["first"] else now
        last = _quarter(options["last"], "--to") if options["last"] else now
        periods = quarter_range(first, last)
        if not periods:
            raise CommandError("--to ligt vóór --from.")
        if len(periods) > MAX_QUARTERS:
            raise CommandError(f"Hooguit {MAX_QUARTERS} kwartalen per keer.")
        regions = list(Region.objects.order_by("code"))
        if options["region"]:
            regions = [r for r in regions if r.code == options["region"].strip().upper()]
            if not regions:
                raise CommandError(f"--region: onbekende veiligheidsregio {options['region']!r}.")
        written = indicators_compute(periods=periods, regions=regions)
        self.stdout.write(
            f"{written} cijfers berekend voor {len(regions)} regio('s), "
            f"{periods[0].slug} t/m {periods[-1].slug}."
        )
