"""The unannounced one-hour drill: a coordinator sends someone on call an assignment ("you
have one hour to arrange X for population care") with a deadline; the person reports back
through a personal signed link; the coordinator assesses it, and an assessed drill that was
reported back counts as exercise upkeep (an `Activity`, exercise type drill, one hour, passed
for good or sufficient and not passed for insufficient — it counts as upkeep either way). The
person is mailed the assessment and sees it on their page.

Choices where the issue is silent:
- The link works for DRILL_LINK_MAX_AGE (a week): a report after the deadline is still
  accepted, marked late. It reports once; after that it shows what was reported.
- A drill never reported back can be closed only as "insufficient", and then counts as no
  exercise: the person did not take part.
- Someone without a current shift may be chosen only when they are a key-function holder
  (civil servants without a path are drilled only while they are on call).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.links import read_link
from oranje.core.models import Region, User
from oranje.core.text import TEXT
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function, OnCallShift, Person
from oranje.readiness import errors_drills as errors
from oranje.readiness.constants import (
    DRILL_MAX_MINUTES,
    DRILL_MIN_MINUTES,
    ActivityKind,
    DrillAssessment,
    ExerciseType,
)
from oranje.readiness.models import Activity, Drill
from oranje.readiness.services.recompute import readiness_recompute

DRILL_LINK_SALT = "oranje.readiness.drill"
DRILL_LINK_MAX_AGE = dt.timedelta(days=7)
#: The longest assignment, report and assessment note.
ASSIGNMENT_MAX = 2000
REPORT_MAX = TEXT
NOTE_MAX = 2000
#: An assessed drill counts as one hour of exercise.
DRILL_HOURS = Decimal(1)


class DrillState:
    """Where a drill stands, for the list's filter and the tags."""

    OPEN = "open"  # sent, not reported back, deadline not passed
    OVERDUE = "overdue"  # deadline passed, nothing reported back
    REPORTED = "reported"  # reported back in time, waiting for the assessment
    REPORTED_LATE = "reported_late"  # reported back after the deadline
    ASSESSED = "assessed"


def drill_state(drill: Drill, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if drill.assessed_at is not None:
        return DrillState.ASSESSED
    if drill.reported_at is not None:
        return (
            DrillState.REPORTED_LATE if drill.reported_at > drill.deadline else DrillState.REPORTED
        )
    return DrillState.OVERDUE if now > drill.deadline else DrillState.OPEN


def is_late(drill: Drill, now: dt.datetime | None = None) -> bool:
    """Reported after the deadline, or not reported and the deadline has passed."""
    if drill.reported_at is not None:
        return drill.reported_at > drill.deadline
    return (now or timezone.now()) > drill.deadline


def filter_state(
    drills: QuerySet[Drill], state: str, now: dt.datetime | None = None
) -> QuerySet[Drill]:
    """The list's filter: open (not yet assessed), late (reported late, or overdue and not
    assessed), assessed; anything else: all."""
    now = now or timezone.now()
    if state == "open":
        return drills.filter(assessed_at__isnull=True)
    if state == "late":
        return drills.filter(assessed_at__isnull=True).filter(
            Q(reported_at__isnull=True, deadline__lt=now) | Q(reported_at__gt=F("deadline"))
        )
    if state == "assessed":
        return drills.filter(assessed_at__isnull=False)
    return drills


def drill_candidates(region: Region, now: dt.datetime | None = None) -> QuerySet[OnCallShift]:
    """The region's shifts running now, hard and soft: whom a drill can go to."""
    now = now or timezone.now()
    return (
        OnCallShift.objects.filter(
            pool__region=region, starts_at__lte=now, ends_at__gt=now, person__active=True
        )
        .select_related("person", "function", "pool")
        .order_by("function__code", "person__surname", "person__given_name")
    )


def drill_link_token(drill: Drill) -> str:
    return signing.dumps({"d": drill.pk}, salt=DRILL_LINK_SALT)


def _check_text(value: str, *, field: str, maximum: int, empty: str, too_long: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [empty]})
    if len(value) > maximum:
        raise ValidationError({field: [too_long % {"max": maximum}]})
    return value


@transaction.atomic
def drill_start(
    *,
    actor: User,
    region: Region,
    person: Person,
    function: Function,
    assignment: str,
    minutes: int | None,
    shift: OnCallShift | None = None,
) -> Drill:
    """Send an unannounced assignment to someone on call now (`shift`) or to a chosen
    key-function holder of the region, with a deadline `minutes` from now. The mail (and SMS)
    goes out through a task once the transaction commits."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    now = timezone.now()
    problems: dict[str, list[str]] = {}
    if minutes is None or not DRILL_MIN_MINUTES <= minutes <= DRILL_MAX_MINUTES:
        problems["minutes"] = [str(errors.DEADLINE_RANGE)]
    text = (assignment or "").strip()
    if not text:
        problems["assignment"] = [str(errors.ASSIGNMENT_EMPTY)]
    elif len(text) > ASSIGNMENT_MAX:
        problems["assignment"] = [str(errors.ASSIGNMENT_TOO_LONG % {"max": ASSIGNMENT_MAX})]
    if person.region_id != region.pk or not person.active:
        problems["person"] = [str(errors.PERSON_OUTSIDE % {"name": person, "region": region.name})]
    elif shift is not None:
        current = drill_candidates(region, now).filter(pk=shift.pk).exists()
        if not current or shift.person_id != person.pk or shift.function_id != function.pk:
            problems["shift"] = [str(errors.SHIFT_NOT_NOW)]
    else:
        if person.kind != PersonKind.KEY:
            problems["person"] = [str(errors.NOT_KEY_HOLDER % {"name": person})]
        elif not person.functions.filter(pk=function.pk).exists():
            problems["function"] = [
                str(errors.FUNCTION_NOT_HELD % {"name": person, "function": function.code})
            ]
    if problems:
        raise ValidationError(problems)
    assert minutes is not None
    drill = Drill.objects.create(
        region=region,
        person=person,
        function=function,
        shift=shift,
        assignment=text,
        created_at=now,
        created_by=actor,
        deadline=now + dt.timedelta(minutes=minutes),
    )
    audit_record(
        actor=actor,
        action=AuditAction.DRILL_START,
        obj=drill,
        region=region,
        changes={
            "person": [None, str(person)],
            "function": [None, function.code],
            "deadline": [None, f"{minutes} min"],
        },
    )
    _enqueue(drill)
    return drill


def _enqueue(drill: Drill) -> None:
    from oranje.readiness.tasks_drills import send_drill

    transaction.on_commit(lambda: send_drill.enqueue(drill.pk))


@transaction.atomic
def drill_resend(*, actor: User, drill: Drill) -> Drill:
    """Send the assignment again after a failed delivery (the error stays visible until the
    next try). A drill already delivered, reported or assessed is not sent again."""
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    core_access.require(core_access.can_manage_region(actor, drill.region_id))
    if drill.sent_at is not None or drill.reported_at is not None or drill.assessed_at:
        raise ValidationError(str(errors.ALREADY_SENT), code="sent")
    audit_record(
        actor=actor,
        action=AuditAction.DRILL_RESEND,
        obj=drill,
        region=drill.region,
        note=drill.delivery_error,
    )
    _enqueue(drill)
    return drill


def drill_from_token(token: str) -> Drill:
    """The drill a personal link belongs to; ValidationError for a forged or expired link."""
    data = read_link(
        token,
        salt=DRILL_LINK_SALT,
        max_age=DRILL_LINK_MAX_AGE,
        expired=str(errors.LINK_EXPIRED),
        invalid=str(errors.LINK_INVALID),
    )
    drill = (
        Drill.objects.select_related("person", "function", "region")
        .filter(pk=data.get("d", 0))
        .first()
    )
    if drill is None:
        raise ValidationError(str(errors.LINK_INVALID), code="invalid")
    return drill


@transaction.atomic
def drill_report(*, token: str, report: str) -> Drill:
    """Record what the person arranged. Once per drill; after the deadline it is still
    accepted and the drill shows it as late."""
    drill = drill_from_token(token)
    drill = Drill.objects.select_for_update().select_related("person", "region").get(pk=drill.pk)
    if drill.reported_at is not None:
        when = date_format(timezone.localtime(drill.reported_at), "j-n-Y H:i")
        raise ValidationError(str(errors.ALREADY_REPORTED % {"time": when}), code="used")
    if drill.assessed_at is not None:
        raise ValidationError(str(errors.ALREADY_ASSESSED), code="assessed")
    text = _check_text(
        report,
        field="report",
        maximum=REPORT_MAX,
        empty=str(errors.REPORT_EMPTY),
        too_long=str(errors.REPORT_TOO_LONG),
    )
    drill.report = text
    drill.reported_at = timezone.now()
    drill.save(update_fields=["report", "reported_at"])
    audit_record(
        actor=None,
        action=AuditAction.DRILL_REPORT,
        obj=drill,
        region=drill.region,
        changes={"late": [None, is_late(drill)]},
        note=str(drill.person),
    )
    return drill


@transaction.atomic
def drill_assess(*, actor: User, drill: Drill, assessment: str, note: str = "") -> Drill:
    """Assess what was reported back: good, sufficient or insufficient, with a note. A drill
    reported back then counts as one hour of exercise in its function (once; a corrected
    assessment keeps the one record). Without a report it can only be closed as
    insufficient, and counts as no exercise."""
    drill = (
        Drill.objects.select_for_update()
        .select_related("person", "function", "region")
        .get(pk=drill.pk)
    )
    core_access.require(core_access.can_manage_region(actor, drill.region_id))
    if assessment not in DrillAssessment.values:
        raise ValidationError({"assessment": [str(errors.ASSESSMENT_REQUIRED)]})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": [str(errors.NOTE_TOO_LONG % {"max": NOTE_MAX})]})
    if drill.reported_at is None:
        if timezone.now() <= drill.deadline:
            raise ValidationError({"assessment": [str(errors.NOT_YET_REPORTED)]})
        if assessment != DrillAssessment.INSUFFICIENT:
            raise ValidationError({"assessment": [str(errors.NO_REPORT_INSUFFICIENT)]})
    before = [drill.assessment or None, drill.assessment_note or None]
    drill.assessment = assessment
    drill.assessment_note = note
    drill.assessed_at = timezone.now()
    drill.assessed_by = actor
    # The record carries the result for the passport (good/sufficient passed, insufficient
    # not); upkeep counts the exercise either way: the person took part.
    passed = assessment != DrillAssessment.INSUFFICIENT
    if drill.reported_at is not None and drill.activity_id is None:
        drill.activity = Activity.objects.create(
            person=drill.person,
            kind=ActivityKind.EXERCISE,
            title=activity_title(drill),
            exercise_type=ExerciseType.DRILL,
            function=drill.function,
            completed_on=timezone.localtime(drill.reported_at).date(),
            hours=DRILL_HOURS,
            passed=passed,
            recorded_by=actor,
        )
    elif drill.activity_id is not None:
        Activity.objects.filter(pk=drill.activity_id).update(passed=passed)
    drill.save(
        update_fields=["assessment", "assessment_note", "assessed_at", "assessed_by", "activity"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.DRILL_ASSESS,
        obj=drill,
        region=drill.region,
        changes={
            "assessment": [before[0], assessment],
            "assessment_note": [before[1], note or None],
        },
        note=str(drill.person),
    )
    if drill.activity_id is not None:
        readiness_recompute(person_ids=[drill.person_id])
    _enqueue_assessment(drill)
    return drill


def _enqueue_assessment(drill: Drill) -> None:
    """The person hears the assessment: a mail through the worker once this commits."""
    from oranje.readiness.tasks_drills import send_drill_assessment

    transaction.on_commit(lambda: send_drill_assessment.enqueue(drill.pk))


def activity_title(drill: Drill) -> str:
    from django.utils.translation import gettext

    first_line = drill.assignment.splitlines()[0] if drill.assignment else ""
    title = f"{gettext('One-hour drill')}: {first_line}"
    return title if len(title) <= 200 else title[:199] + "…"
