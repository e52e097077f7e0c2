"""Hard versus soft on-call in figures: per function and period, of the people alerted while
on hard on-call and of those alerted from the soft on-call pool, how many came (answered
"coming", whether or not they arrived yet), with percentages and the median time to answer.
Exercises are counted apart from real incidents. The evidence the field asks for before
moving a function from hard to soft on-call.

A person counts as alerted "on soft on-call" when the alert came from the ladder's soft step
(`Step.SOFT`), "on hard on-call" from its hard step; alerts to pool coordinators (the last
resort) are left out of the comparison.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.alerting.constants import Answer, Step
from oranje.alerting.models import Alert
from oranje.core.models import Region
from oranje.core.params import FIRST_DATE, LAST_DATE, InvalidParameter
from oranje.core.validation import local_zone
from oranje.organisation.models import Function

PERIOD_HELP = gettext_lazy(
    "Period: choose a month, a quarter or a year (for example 2026-11, 2026-K4 or 2026)."
)
_PERIOD = re.compile(r"(\d{4})(?:-(?:(\d{1,2})|[KkQq]([1-4])))?", re.ASCII)


@dataclass(frozen=True)
class Period:
    """A month (`month` set), a quarter (`quarter` set) or a whole year."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def code(self) -> str:
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year}-K{self.quarter}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        if self.quarter:
            return _("quarter %(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}
        return str(self.year)

    @property
    def first_day(self) -> dt.date:
        if self.month:
            return dt.date(self.year, self.month, 1)
        if self.quarter:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end_day(self) -> dt.date:
        """The first day after the period."""
        if self.month:
            return dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        if self.quarter:
            month = 3 * self.quarter + 1
            return dt.date(self.year + month // 13, (month - 1) % 12 + 1, 1)
        return dt.date(self.year + 1, 1, 1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        zone = local_zone()
        return (
            dt.datetime.combine(self.first_day, dt.time(), tzinfo=zone),
            dt.datetime.combine(self.end_day, dt.time(), tzinfo=zone),
        )


def parse_period(value: str | None, *, field: str = "periode") -> Period:
    """'2026' (year), '2026-K4' (quarter) or '2026-11' (month); empty: the current year."""
    text = (value or "").strip()
    if not text:
        return Period(timezone.localdate().year)
    found = _PERIOD.fullmatch(text)
    if found is None:
        raise InvalidParameter(field, str(PERIOD_HELP))
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else None
    quarter = int(found.group(3)) if found.group(3) else None
    if not FIRST_DATE.year <= year <= LAST_DATE.year - 1 or (
        month is not None and not 1 <= month <= 12
    ):
        raise InvalidParameter(field, str(PERIOD_HELP))
    return Period(year, month, quarter)


def period_choices(today: dt.date | None = None) -> list[tuple[str, list[Period]]]:
    """The chooser: the last 12 months, the last 8 quarters and the last 5 years."""
    today = today or timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _i in range(12):
        months.append(Period(year, month=month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    quarters = []
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _i in range(8):
        quarters.append(Period(year, quarter=quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    years = [Period(today.year - i) for i in range(5)]
    return [(_("Year"), years), (_("Quarter"), quarters), (_("Month"), months)]


@dataclass
class Side:
    """The alerts of one step (hard or soft) for one function."""

    alerted: int = 0
    came: int = 0
    declined: int = 0
    answer_seconds: list[float] = field(default_factory=list)

    @property
    def no_answer(self) -> int:
        return self.alerted - self.came - self.declined

    @property
    def came_percent(self) -> float | None:
        return round(100 * self.came / self.alerted, 1) if self.alerted else None

    @property
    def median_answer_minutes(self) -> float | None:
        if not self.answer_seconds:
            return None
        return round(statistics.median(self.answer_seconds) / 60, 1)


@dataclass
class FunctionFigures:
    function: Function
    hard: Side = field(default_factory=Side)
    soft: Side = field(default_factory=Side)


@dataclass
class Figures:
    period: Period
    #: Real incidents and exercises, each per function in catalogue order.
    real: list[FunctionFigures]
    exercise: list[FunctionFigures]

    def total(self, rows: list[FunctionFigures]) -> FunctionFigures:
        sum_row = FunctionFigures(Function(code=_("All"), name=_("all functions")))
        for row in rows:
            for side, into in ((row.hard, sum_row.hard), (row.soft, sum_row.soft)):
                into.alerted += side.alerted
                into.came += side.came
                into.declined += side.declined
                into.answer_seconds += side.answer_seconds
        return sum_row


STEPS = {Step.HARD: "hard", Step.SOFT: "soft"}


def hard_soft(region: Region, period: Period, *, function_code: str = "") -> Figures:
    """Per function: hard versus soft on-call alerts in `region` during `period` (by the
    moment of alerting), real incidents and exercises apart. One query."""
    starts, ends = period.bounds()
    alerts = Alert.objects.filter(
        call__incident__region=region,
        alerted_at__gte=starts,
        alerted_at__lt=ends,
        step__in=list(STEPS),
    )
    if function_code:
        alerts = alerts.filter(call__function__code=function_code)
    by_key: dict[tuple[bool, int], FunctionFigures] = {}
    functions = {f.pk: f for f in Function.objects.all()}
    per: dict[bool, dict[int, FunctionFigures]] = defaultdict(dict)
    for function_id, exercise, step, answer, alerted_at, answered_at in alerts.values_list(
        "call__function_id",
        "call__incident__is_exercise",
        "step",
        "answer",
        "alerted_at",
        "answered_at",
    ):
        key = (exercise, function_id)
        row = by_key.get(key)
        if row is None:
            row = by_key[key] = per[exercise][function_id] = FunctionFigures(functions[function_id])
        side = row.hard if step == Step.HARD else row.soft
        side.alerted += 1
        if answer == Answer.ACCEPTED:
            side.came += 1
        elif answer == Answer.DECLINED:
            side.declined += 1
        if answered_at is not None and answer != Answer.PENDING:
            side.answer_seconds.append(max(0.0, (answered_at - alerted_at).total_seconds()))

    def ordered(rows: dict[int, FunctionFigures]) -> list[FunctionFigures]:
        return sorted(rows.values(), key=lambda r: (r.function.sort_order, r.function.code))

    return Figures(period, ordered(per[False]), ordered(per[True]))
