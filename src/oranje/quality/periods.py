"""Quarters and years as the monitoring counts them, in Dutch local time: a quarter is
[start, end) in Europe/Amsterdam; `Period` is what a page or report is about."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.validation import local_zone


@dataclass(frozen=True, order=True)
class Period:
    """A quarter (`quarter` 1–4) or a whole year (`quarter` None)."""

    year: int
    quarter: int | None = None

    @property
    def quarters(self) -> list[int]:
        return [self.quarter] if self.quarter else [1, 2, 3, 4]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * (self.quarter - 1) + 1 if self.quarter else 1, 1)

    @property
    def end_day(self) -> dt.date:
        """The day after the period."""
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, 3 * self.quarter + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.end_day - dt.timedelta(days=1)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.first_day, dt.time(0), local_zone())

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end_day, dt.time(0), local_zone())

    @property
    def label(self) -> str:
        if self.quarter:
            return _("Q%(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}
        return str(self.year)

    @property
    def slug(self) -> str:
        """As in a URL: "2026-Q3" or "2026"."""
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    def previous(self, count: int = 1) -> list[Period]:
        """The `count` periods of the same kind before this one, oldest first."""
        found: list[Period] = []
        year, quarter = self.year, self.quarter
        for _i in range(count):
            if quarter is None:
                year -= 1
            else:
                quarter -= 1
                if quarter == 0:
                    year, quarter = year - 1, 4
            found.append(Period(year, quarter))
        return list(reversed(found))


def quarter_of(day: dt.date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


def current_quarter() -> Period:
    return quarter_of(timezone.localdate())


def last_complete_quarter() -> Period:
    return current_quarter().previous()[0]


#: ASCII digits only: "²⁰²⁵".isdigit() is true, and int() of it raises.
_PERIOD = re.compile(r"([0-9]{4})(?:-Q([1-4]))?", re.ASCII)


def parse_period(text: str) -> Period | None:
    """ "2026-Q3" or "2026" (years 2010–2100), else None: the pages' ?periode= parameter."""
    from oranje.quality.constants import FIRST_YEAR, LAST_YEAR

    found = _PERIOD.fullmatch(text.strip().upper())
    if found is None:
        return None
    year = int(found.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return Period(year, int(found.group(2)) if found.group(2) else None)
