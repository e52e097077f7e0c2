"""Reads of the cost pages: a scenario behind the door, the region's prices and scenarios,
and the period or year a page asks for."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.core.params import MAX_ID
from oranje.quality import access
from oranje.quality.constants import FIRST_YEAR, LAST_YEAR
from oranje.quality.models import CostScenario, CoursePrice, ScenarioChange
from oranje.quality.periods import Period, last_complete_quarter, parse_period


def scenario_for_user(user: AnyUser, pk: int) -> CostScenario:
    """A scenario of a region whose monitoring the user sees (404 for another region or a
    scenario that does not exist, 403 for their own region without the right)."""
    scenario = CostScenario.objects.select_related("region").filter(pk=pk).first()
    if scenario is None:
        raise Http404
    access.monitor_region_for_user(user, scenario.region)
    return scenario


def course_prices(region: Region) -> QuerySet[CoursePrice]:
    return CoursePrice.objects.filter(region=region).order_by("code")


def scenarios(region: Region) -> QuerySet[CostScenario]:
    return CostScenario.objects.filter(region=region).order_by("name", "pk")


def changes(scenario: CostScenario) -> QuerySet[ScenarioChange]:
    return scenario.changes.select_related("function").order_by(
        "function__sort_order", "function__code", "pk"
    )


def price_of(region: Region, value: object) -> CoursePrice | None:
    """The region's course price with this id (None when it is not one)."""
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= MAX_ID:
        return None
    return CoursePrice.objects.filter(region=region, pk=pk).first()


def change_of(scenario: CostScenario, value: object) -> ScenarioChange | None:
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= MAX_ID:
        return None
    return scenario.changes.select_related("function").filter(pk=pk).first()


def period_from(text: str | None) -> tuple[Period, str]:
    """The period of `?periode=` (default: the last complete quarter) and an error message
    when the text is not a period."""
    if not text:
        return last_complete_quarter(), ""
    period = parse_period(text[:20])
    if period is None:
        return last_complete_quarter(), _(
            "period: give a year (2026) or a quarter (2026-Q3) between %(first)s and %(last)s."
        ) % {"first": FIRST_YEAR, "last": LAST_YEAR}
    return period, ""


def year_from(text: str | None) -> tuple[int, str]:
    """The year of `?jaar=` (default: this year) and an error message when it is not one."""
    this_year = timezone.localdate().year
    if not text:
        return this_year, ""
    text = text.strip()
    if text.isdigit() and len(text) == 4 and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text), ""
    return this_year, _("year: give a year between %(first)s and %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }
