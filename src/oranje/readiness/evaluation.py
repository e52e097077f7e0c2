"""Whether someone meets a qualification profile, and until when. Pure: no database.

A course or exam requirement is met from a passed record with the same code until its
validity runs out (or for good), or until the certificate's own expiry when that comes first.
A requirement that asks for an accredited provider counts only a record from a provider
accredited for that code on the record's date. Upkeep is met while the last N exercises or
deployments for the function (or the hours, whichever criterion is kept longer) lie within
the window: it lapses `window` months after the N-th most recent one. A person is qualified
until the first requirement lapses; not qualified at all when a requirement was never met.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
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
    requires_accredited: bool = False


@dataclass(frozen=True)
class ActivityFact:
    kind: str
    code: str
    function_id: int | None
    completed_on: dt.date
    hours: Decimal
    passed: bool | None
    provider_id: int | None = None
    certificate_expires_on: dt.date | None = None


@dataclass(frozen=True)
class AccreditationFact:
    """A provider accredited for a code from a date, maybe until one (inclusive)."""

    provider_id: int
    code: str
    valid_from: dt.date
    valid_until: dt.date | None


#: Per provider id: its accreditations.
Accreditations = Mapping[int, Sequence[AccreditationFact]]


@dataclass(frozen=True)
class RequirementResult:
    requirement: RequirementSpec
    met_until: dt.date | None
    last_on: dt.date | None  # the most recent record that counted
    #: the most recent result that would have counted but for an unaccredited provider
    unaccredited_on: dt.date | None = None


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


def accredited_on(
    accreditations: Accreditations, provider_id: int | None, code: str, day: dt.date
) -> bool:
    """Whether the provider was accredited for this code on this day."""
    if provider_id is None:
        return False
    return any(
        a.code.upper() == code.upper()
        and a.valid_from <= day
        and (a.valid_until is None or day <= a.valid_until)
        for a in accreditations.get(provider_id, ())
    )


def _result_until(activity: ActivityFact, requirement: RequirementSpec) -> dt.date:
    """Until when one result meets the requirement: its validity, cut short by the
    certificate's own expiry when that comes first."""
    until = FOREVER
    if requirement.valid_months:
        until = add_months(activity.completed_on, requirement.valid_months) - dt.timedelta(days=1)
    if activity.certificate_expires_on is not None:
        until = min(until, activity.certificate_expires_on)
    return until


def requirement_met_until(
    requirement: RequirementSpec,
    activities: Sequence[ActivityFact],
    function_id: int,
    accreditations: Accreditations | None = None,
) -> RequirementResult:
    if requirement.kind in (RequirementKind.COURSE, RequirementKind.EXAM):
        results = [a for a in activities if _counts_as_result(a, requirement)]
        unaccredited_on = None
        if requirement.requires_accredited:
            table = accreditations or {}
            refused = [
                a
                for a in results
                if not accredited_on(table, a.provider_id, requirement.code, a.completed_on)
            ]
            results = [a for a in results if a not in refused]
            unaccredited_on = max((a.completed_on for a in refused), default=None)
        if not results:
            return RequirementResult(requirement, None, None, unaccredited_on)
        latest = max(a.completed_on for a in results)
        until = max(_result_until(a, requirement) for a in results)
        return RequirementResult(requirement, until, latest, unaccredited_on)
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
    requirements: Iterable[RequirementSpec],
    activities: Sequence[ActivityFact],
    function_id: int,
    accreditations: Accreditations | None = None,
) -> tuple[dt.date | None, list[RequirementResult]]:
    """(qualified until, per-requirement results). No requirements: qualified for good."""
    results = [
        requirement_met_until(r, activities, function_id, accreditations) for r in requirements
    ]
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
