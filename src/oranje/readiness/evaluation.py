"""Whether someone meets a qualification profile, and until when. Pure: no database.

A course or exam requirement is met from a passed record with the same code until its
validity runs out (or for good). Upkeep is met while the last N exercises or deployments for
the function (or the hours, whichever criterion is kept longer) lie within the window: it
lapses `window` months after the N-th most recent one. A person is qualified until the first
requirement lapses; not qualified at all when a requirement was never met.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from oranje.readiness.constants import (
    LAPSE_WARNING_DAYS,
    RESULT_KINDS,
    UPKEEP_KINDS,
    ActivityKind,
    ReadinessStatus,
    RequirementKind,
)

FOREVER = dt.date.max


@dataclass(frozen=True)
class RequirementSpec:
    id: int
    kind: str
    code: str
    label: str
    valid_months: int | None = None
    min_count: int | None = None
    min_hours: Decimal | None = None
    window_months: int = 12


@dataclass(frozen=True)
class ActivityFact:
    kind: str
    code: str
    function_id: int | None
    completed_on: dt.date
    hours: Decimal
    passed: bool | None


@dataclass(frozen=True)
class RequirementResult:
    requirement: RequirementSpec
    met_until: dt.date | None
    last_on: dt.date | None  # the most recent record that counted


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _counts_as_result(activity: ActivityFact, requirement: RequirementSpec) -> bool:
    if activity.kind not in RESULT_KINDS or activity.code.upper() != requirement.code.upper():
        return False
    if requirement.kind == RequirementKind.COURSE:
        # A course without a recorded result counts as completed; a fail does not.
        return activity.kind == ActivityKind.COURSE and activity.passed is not False
    return (
        activity.kind in (ActivityKind.EXAM, ActivityKind.PRACTICAL_TEST)
        and activity.passed is True
    )


def requirement_met_until(
    requirement: RequirementSpec, activities: Sequence[ActivityFact], function_id: int
) -> RequirementResult:
    if requirement.kind in (RequirementKind.COURSE, RequirementKind.EXAM):
        dates = [a.completed_on for a in activities if _counts_as_result(a, requirement)]
        if not dates:
            return RequirementResult(requirement, None, None)
        latest = max(dates)
        if not requirement.valid_months:
            return RequirementResult(requirement, FOREVER, latest)
        until = add_months(latest, requirement.valid_months) - dt.timedelta(days=1)
        return RequirementResult(requirement, until, latest)
    upkeep = sorted(
        (a for a in activities if a.kind in UPKEEP_KINDS and a.function_id in (function_id, None)),
        key=lambda a: a.completed_on,
        reverse=True,
    )
    if not upkeep:
        return RequirementResult(requirement, None, None)
    candidates: list[dt.date] = []
    if requirement.min_count and len(upkeep) >= requirement.min_count:
        candidates.append(upkeep[requirement.min_count - 1].completed_on)
    if requirement.min_hours:
        total = Decimal(0)
        for activity in upkeep:
            total += activity.hours
            if total >= requirement.min_hours:
                candidates.append(activity.completed_on)
                break
    if not candidates:
        return RequirementResult(requirement, None, upkeep[0].completed_on)
    until = add_months(max(candidates), requirement.window_months) - dt.timedelta(days=1)
    return RequirementResult(requirement, until, upkeep[0].completed_on)


def evaluate(
    requirements: Iterable[RequirementSpec], activities: Sequence[ActivityFact], function_id: int
) -> tuple[dt.date | None, list[RequirementResult]]:
    """(qualified until, per-requirement results). No requirements: qualified for good."""
    results = [requirement_met_until(r, activities, function_id) for r in requirements]
    if not results:
        return FOREVER, []
    if any(r.met_until is None for r in results):
        return None, results
    return min(r.met_until for r in results if r.met_until is not None), results


def status_on(qualified_until: dt.date | None, today: dt.date) -> str:
    """The readiness status on `today`."""
    if qualified_until is None:
        return ReadinessStatus.NOT_QUALIFIED
    if qualified_until < today:
        return ReadinessStatus.LAPSED
    if qualified_until < today + dt.timedelta(days=LAPSE_WARNING_DAYS):
        return ReadinessStatus.LAPSES_SOON
    return ReadinessStatus.QUALIFIED
