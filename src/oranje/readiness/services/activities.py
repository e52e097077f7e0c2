"""Training, exercise and exam records of a functionary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.organisation.access import can_manage_person
from oranje.organisation.models import Function, Person
from oranje.readiness import errors
from oranje.readiness.constants import SCORE_MAX, SCORE_MIN, ActivityKind
from oranje.readiness.models import Activity, Exercise, Provider
from oranje.readiness.selectors_certification import accredited_codes
from oranje.readiness.services.certification import certificate_problems
from oranje.readiness.services.recompute import readiness_recompute

ACTIVITY_FIELDS = [
    "person",
    "kind",
    "code",
    "title",
    "completed_on",
    "hours",
    "passed",
    "score",
    "function",
    "provider",
    "certificate_number",
    "certificate_expires_on",
]


def activity_problems(
    *,
    kind: str,
    code: str,
    completed_on: dt.date,
    hours: Decimal,
    passed: bool | None,
    score: Decimal | None,
    today: dt.date,
) -> dict[str, list[str]]:
    """What is wrong with an activity record, by field; pure, shared with the import."""
    problems: dict[str, list[str]] = {}
    if kind not in ActivityKind.values:
        problems["kind"] = [str(errors.UNKNOWN_KIND % {"value": kind})]
        return problems
    if completed_on > today:
        problems["completed_on"] = [
            str(errors.DATE_IN_FUTURE % {"date": date_format(completed_on, "j-n-Y")})
        ]
    if score is not None and not (SCORE_MIN <= score <= SCORE_MAX):
        problems["score"] = [str(errors.SCORE_OUT_OF_SCALE % {"value": score})]
    if hours < 0:
        problems["hours"] = [str(errors.HOURS_NEGATIVE)]
    if kind in (ActivityKind.COURSE, ActivityKind.EXAM, ActivityKind.PRACTICAL_TEST) and not code:
        problems["code"] = [str(errors.CODE_REQUIRED)]
    if kind in (ActivityKind.EXAM, ActivityKind.PRACTICAL_TEST) and passed is None:
        problems["passed"] = [str(errors.RESULT_REQUIRED)]
    return problems


@transaction.atomic
def activity_record(
    *,
    actor: User,
    persons: Sequence[Person],
    kind: str,
    title: str,
    completed_on: dt.date,
    code: str = "",
    hours: Decimal = Decimal(0),
    passed: bool | None = None,
    score: Decimal | None = None,
    function: Function | None = None,
    exercise_type: str = "",
    exercise: Exercise | None = None,
    recompute: bool = True,
    provider: Provider | None = None,
    certificate_number: str = "",
    certificate_expires_on: dt.date | None = None,
) -> list[Activity]:
    """Record one activity for one person, or for all participants of one event at once.
    A course, exam or practical test may name its provider and certificate
    (`services.certification.certificate_problems` says what is refused)."""
    for person in persons:
        core_access.require(can_manage_person(actor, person))
    problems = activity_problems(
        kind=kind,
        code=code,
        completed_on=completed_on,
        hours=hours,
        passed=passed,
        score=score,
        today=timezone.localdate(),
    )
    certificate_number = certificate_number.strip()
    for region_id in sorted({p.region_id for p in persons}):
        for name, messages in certificate_problems(
            kind=kind,
            code=code,
            completed_on=completed_on,
            provider=provider,
            certificate_number=certificate_number,
            certificate_expires_on=certificate_expires_on,
            required_codes=accredited_codes(region_id),
        ).items():
            known = problems.setdefault(name, [])
            known.extend(m for m in messages if m not in known)
    if problems:
        raise ValidationError(problems)
    created = []
    for person in persons:
        activity = Activity.objects.create(
            person=person,
            kind=kind,
            code=code.upper(),
            title=title,
            completed_on=completed_on,
            hours=hours,
            passed=passed,
            score=score,
            function=function,
            exercise_type=exercise_type,
            exercise=exercise,
            provider=provider,
            certificate_number=certificate_number,
            certificate_expires_on=certificate_expires_on,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.ACTIVITY_CREATE,
            obj=activity,
            region=person.region,
            changes=diff({}, snapshot(activity, ACTIVITY_FIELDS)),
        )
        created.append(activity)
    if recompute:
        readiness_recompute(person_ids=[p.pk for p in persons])
    return created


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    """Remove a wrongly recorded activity; the audit entry keeps what it said."""
    core_access.require(can_manage_person(actor, activity.person))
    audit_record(
        actor=actor,
        action=AuditAction.ACTIVITY_DELETE,
        obj=activity,
        region=activity.person.region,
        changes=diff(snapshot(activity, ACTIVITY_FIELDS), {}),
    )
    person_id = activity.person_id
    activity.delete()
    readiness_recompute(person_ids=[person_id])
