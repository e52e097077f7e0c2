import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oranje.core.models import Municipality, Region
from oranje.core.reference import (
    MUNICIPALITIES_CSV,
    REGIONS_CSV,
    load_division,
    load_regions,
    run_loaders,
)


class Command(BaseCommand):
    help = (
        "Load the safety regions, a municipal division and what the rooms registered (the "
        "function catalogue). "
        "With --division FILE --valid-from DATE, apply a new division: merged municipalities "
        "are ended, never deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regions", type=Path, default=REGIONS_CSV)
        parser.add_argument("--division", type=Path, default=MUNICIPALITIES_CSV)
        parser.add_argument("--valid-from", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        regions = load_regions(Region, options["regions"])
        report = load_division(
            Region, Municipality, options["division"], valid_from=options["valid_from"]
        )
        if report.errors:
            raise CommandError("Niets geladen:\n" + "\n".join(report.errors))
        summaries = run_loaders()
        self.stdout.write(
            "; ".join(
                [
                    f"{regions} veiligheidsregio's",
                    f"gemeenten: {len(report.created)} nieuw, {len(report.updated)} gewijzigd, "
                    f"{len(report.ended)} beëindigd",
                    *summaries,
                ]
            )
            + "."
        )
