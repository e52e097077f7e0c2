"""Every write of the readiness room: profiles, activities, exercises, alarm tests, reminders,
and recomputing the stored qualification of people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.links import read_link
from oranje.core.models import Region, User
from oranje.organisation import errors as org_errors
from oranje.organisation.access import can_manage_person
from oranje.organisation.constants import OnCallKind
from oranje.organisation.models import Function, OnCallShift, Person, RegionFunction
from oranje.readiness import errors
from oranje.readiness.constants import (
    REMINDER_DAYS,
    SCORE_MAX,
    SCORE_MIN,
    ActivityKind,
    AlarmAnswer,
    ExerciseStatus,
    ParticipantRole,
    RequirementKind,
)
from oranje.readiness.evaluation import ActivityFact, RequirementSpec, evaluate
from oranje.readiness.models import (
    Activity,
    AlarmRecipient,
    AlarmTest,
    Exercise,
    ExerciseParticipant,
    LearningPoint,
    PersonQualification,
    QualificationProfile,
    ReminderSent,
    Requirement,
)

ALARM_LINK_SALT = "oranje.readiness.alarm"
ALARM_LINK_MAX_AGE = dt.timedelta(hours=24)
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
]


# ---------------------------------------------------------------- profiles


def current_requirements(
    function_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int | None], list[RequirementSpec]]:
    """The requirements of the newest profile version per (function, region or None)."""
    profiles = QualificationProfile.objects.all()
    if function_ids is not None:
        profiles = profiles.filter(function_id__in=list(function_ids))
    newest: dict[tuple[int, int | None], int] = {}
    for pk, function_id, region_id, _version in profiles.order_by("version").values_list(
        "pk", "function_id", "region_id", "version"
    ):
        newest[(function_id, region_id)] = pk
    by_profile: dict[int, list[RequirementSpec]] = defaultdict(list)
    for r in Requirement.objects.filter(profile_id__in=newest.values()).order_by("id"):
        by_profile[r.profile_id].append(
            RequirementSpec(
                r.pk,
                r.kind,
                r.code,
                r.label,
                r.valid_months,
                r.min_count,
                r.min_hours,
                r.window_months,
            )
        )
    return {key: by_profile[pk] for key, pk in newest.items()}


def effective_requirements(
    table: dict[tuple[int, int | None], list[RequirementSpec]], function_id: int, region_id: int
) -> list[RequirementSpec] | None:
    """National requirements plus the region's own on top; None if neither has a profile."""
    national = table.get((function_id, None))
    regional = table.get((function_id, region_id))
    if national is None and regional is None:
        return None
    return (national or []) + (regional or [])


def _check_not_weaker(regional: list[dict[str, Any]], national: list[RequirementSpec]) -> list[str]:
    problems = []
    for req in regional:
        for base in national:
            if req["kind"] != base.kind:
                continue
            if req["kind"] in (RequirementKind.COURSE, RequirementKind.EXAM) and (
                req.get("code", "").upper() == base.code.upper()
            ):
                longer = base.valid_months and (
                    not req.get("valid_months") or req["valid_months"] > base.valid_months
                )
                if longer:
                    problems.append(str(errors.WEAKER_THAN_NATIONAL % {"label": req["label"]}))
            if (
                req["kind"] == RequirementKind.UPKEEP
                and base.min_count
                and req.get("min_count")
                and (req["min_count"] < base.min_count)
                and req.get("window_months", 12) >= base.window_months
            ):
                problems.append(str(errors.WEAKER_THAN_NATIONAL % {"label": req["label"]}))
    return problems


@transaction.atomic
def profile_publish(
    *,
    actor: User,
    function: Function,
    region: Region | None,
    requirements: Sequence[dict[str, Any]],
    note: str = "",
) -> QualificationProfile:
    """Publish a new version of a function's national or regional profile.

    A regional profile only adds requirements on top of the national ones (both apply), and
    may not restate a national requirement more leniently.
    """
    if region is None:
        core_access.require(core_access.scopes_for(actor).national_manage)
    else:
        core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: list[str] = []
    for req in requirements:
        if req["kind"] == RequirementKind.UPKEEP and not (
            req.get("min_count") or req.get("min_hours")
        ):
            problems.append(str(errors.NEEDS_A_MINIMUM))
        if req["kind"] != RequirementKind.UPKEEP and not req.get("code"):
            problems.append(str(errors.CODE_REQUIRED))
    if region is not None:
        national = current_requirements([function.pk]).get((function.pk, None), [])
        problems += _check_not_weaker(list(requirements), national)
    if problems:
        raise ValidationError({"requirements": problems})
    latest = (
        QualificationProfile.objects.filter(function=function, region=region)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    profile = QualificationProfile.objects.create(
        function=function, region=region, version=(latest or 0) + 1, published_by=actor, note=note
    )
    for req in requirements:
        Requirement.objects.create(
            profile=profile,
            kind=req["kind"],
            code=(req.get("code") or "").upper(),
            label=req["label"],
            valid_months=req.get("valid_months") or None,
            min_count=req.get("min_count") or None,
            min_hours=req.get("min_hours") or None,
            window_months=req.get("window_months") or 12,
        )
    audit_record(
        actor=actor,
        action="profile.publish",
        obj=profile,
        region=region,
        changes={"requirements": [None, [r["label"] for r in requirements]]},
        note=note,
    )
    holders = Person.objects.filter(functions=function)
    if region is not None:
        holders = holders.filter(region=region)
    readiness_recompute(person_ids=list(holders.values_list("pk", flat=True)))
    return profile


# ---------------------------------------------------------------- stored qualification


def readiness_recompute(*, person_ids: Sequence[int]) -> int:
    """Recompute the stored qualification of these people for every function they hold that
    has a profile. Returns the number of rows written. Works in chunks of 2,000 people."""
    table = current_requirements()
    profiled = {function_id for function_id, _region in table}
    written = 0
    for start in range(0, len(person_ids), 2000):
        chunk = list(person_ids[start : start + 2000])
        regions = dict(Person.objects.filter(pk__in=chunk).values_list("pk", "region_id"))
        held: dict[int, set[int]] = defaultdict(set)
        for person_id, function_id in Person.functions.through.objects.filter(
            person_id__in=chunk, function_id__in=profiled
        ).values_list("person_id", "function_id"):
            held[person_id].add(function_id)
        facts: dict[int, list[ActivityFact]] = defaultdict(list)
        for row in Activity.objects.filter(person_id__in=chunk).values_list(
            "person_id", "kind", "code", "function_id", "completed_on", "hours", "passed"
        ):
            facts[row[0]].append(ActivityFact(*row[1:]))
        now = timezone.now()
        rows = []
        for person_id in chunk:
            for function_id in held.get(person_id, ()):
                requirements = effective_requirements(table, function_id, regions[person_id])
                if requirements is None:
                    continue
                until, results = evaluate(requirements, facts.get(person_id, []), function_id)
                rows.append(
                    PersonQualification(
                        person_id=person_id,
                        function_id=function_id,
                        qualified_until=until,
                        requirements=[
                            {
                                "id": r.requirement.id,
                                "kind": r.requirement.kind,
                                "label": r.requirement.label,
                                "met_until": r.met_until.isoformat() if r.met_until else None,
                                "last_on": r.last_on.isoformat() if r.last_on else None,
                            }
                            for r in results
                        ],
                        computed_at=now,
                    )
                )
        with transaction.atomic():
            PersonQualification.objects.filter(person_id__in=chunk).delete()
            PersonQualification.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written


# ---------------------------------------------------------------- activities


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
) -> list[Activity]:
    """Record one activity for one person, or for all participants of one event at once."""
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
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="activity.create",
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
        action="activity.delete",
        obj=activity,
        region=activity.person.region,
        changes=diff(snapshot(activity, ACTIVITY_FIELDS), {}),
    )
    person_id = activity.person_id
    activity.delete()
    readiness_recompute(person_ids=[person_id])


# ---------------------------------------------------------------- exercises


@transaction.atomic
def exercise_plan(
    *,
    actor: User,
    region: Region,
    title: str,
    exercise_type: str,
    starts_at: dt.datetime,
    hours: Decimal,
    scenario: str,
    functions: Sequence[Function],
    participants: Sequence[tuple[Person, Function | None]],
    observers: Sequence[Person] = (),
) -> Exercise:
    """Plan an exercise with its participants (each in a function) and observers."""
    core_access.require(core_access.can_manage_anything(actor, region.pk))
    outsiders = [p for p, _f in participants if p.region_id != region.pk] + [
        p for p in observers if p.region_id != region.pk
    ]
    if outsiders:
        raise ValidationError(
            {
                "participants": [
                    str(org_errors.OUTSIDE_REGION % {"name": p, "region": region.name})
                    for p in outsiders
                ]
            }
        )
    exercise = Exercise.objects.create(
        region=region,
        title=title,
        exercise_type=exercise_type,
        starts_at=starts_at,
        hours=hours,
        scenario=scenario,
        created_by=actor,
    )
    exercise.functions.set(functions)
    for person, function in participants:
        ExerciseParticipant.objects.create(
            exercise=exercise, person=person, function=function, role=ParticipantRole.PARTICIPANT
        )
    for person in observers:
        ExerciseParticipant.objects.get_or_create(
            exercise=exercise, person=person, defaults={"role": ParticipantRole.OBSERVER}
        )
    audit_record(
        actor=actor,
        action="exercise.plan",
        obj=exercise,
        region=region,
        changes={"participants": [None, len(participants)], "observers": [None, len(observers)]},
    )
    return exercise


@transaction.atomic
def exercise_complete(
    *,
    actor: User,
    exercise: Exercise,
    attendance: dict[int, tuple[bool, str]],
    learning_points: Sequence[tuple[str, Function | None]] = (),
) -> list[Activity]:
    """Record attendance and observations; attended participants get an exercise record that
    counts towards upkeep. Learning points are kept for the evaluation library."""
    core_access.require(core_access.can_manage_anything(actor, exercise.region_id))
    day = timezone.localtime(exercise.starts_at).date()
    if day > timezone.localdate():
        raise ValidationError(
            {"attendance": [str(errors.DATE_IN_FUTURE % {"date": date_format(day, "j-n-Y")})]}
        )
    created: list[Activity] = []
    for participant in exercise.participants.select_related("person", "function"):
        attended, observation = attendance.get(participant.pk, (False, ""))
        participant.attended = attended
        participant.observation = observation
        participant.save(update_fields=["attended", "observation"])
        if (
            attended
            and participant.role == ParticipantRole.PARTICIPANT
            and not participant.person.activities.filter(exercise=exercise).exists()
        ):
            created.append(
                Activity.objects.create(
                    person=participant.person,
                    kind=ActivityKind.EXERCISE,
                    title=exercise.title,
                    exercise_type=exercise.exercise_type,
                    function=participant.function,
                    completed_on=day,
                    hours=exercise.hours,
                    exercise=exercise,
                    recorded_by=actor,
                )
            )
    for text, function in learning_points:
        if text.strip():
            LearningPoint.objects.create(
                exercise=exercise, text=text.strip(), function=function, created_by=actor
            )
    exercise.status = ExerciseStatus.COMPLETED
    exercise.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="exercise.complete",
        obj=exercise,
        region=exercise.region,
        changes={
            "attended": [None, sum(1 for a, _o in attendance.values() if a)],
            "learning_points": [None, len(learning_points)],
        },
    )
    readiness_recompute(person_ids=[a.person_id for a in created])
    return created


# ---------------------------------------------------------------- unannounced alarm tests


def alarm_link_token(recipient: AlarmRecipient) -> str:
    return signing.dumps({"r": recipient.pk}, salt=ALARM_LINK_SALT)


@transaction.atomic
def alarm_test_start(
    *, actor: User, region: Region, functions: Sequence[Function], message: str = ""
) -> AlarmTest:
    """Alarm everyone on hard on-call now for these functions, by e-mail with a personal
    signed link. Every message says it is a test."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    now = timezone.now()
    shifts = list(
        OnCallShift.objects.filter(
            pool__region=region,
            function__in=functions,
            kind=OnCallKind.HARD,
            starts_at__lte=now,
            ends_at__gt=now,
        ).select_related("person", "function")
    )
    if not shifts:
        raise ValidationError({"functions": [str(errors.NO_ONE_ON_CALL)]})
    norms = dict(
        RegionFunction.objects.filter(region=region, function__in=functions).values_list(
            "function_id", "response_norm_minutes"
        )
    )
    test = AlarmTest.objects.create(
        region=region, message=message, started_by=actor, started_at=now
    )
    test.functions.set(functions)
    seen = set()
    for shift in shifts:
        key = (shift.person_id, shift.function_id)
        if key in seen:
            continue
        seen.add(key)
        AlarmRecipient.objects.create(
            test=test,
            person=shift.person,
            function=shift.function,
            shift=shift,
            norm_minutes=norms.get(shift.function_id),
        )
    audit_record(
        actor=actor,
        action="alarm_test.start",
        obj=test,
        region=region,
        changes={"recipients": [None, len(seen)]},
        note=message,
    )
    from oranje.readiness.tasks import send_alarm_test

    transaction.on_commit(lambda: send_alarm_test.enqueue(test.pk))
    return test


def alarm_recipient_from_token(token: str) -> AlarmRecipient:
    """The recipient a response link belongs to; ValidationError for a forged, expired or
    already used link (each with its own message)."""
    data = read_link(
        token,
        salt=ALARM_LINK_SALT,
        max_age=ALARM_LINK_MAX_AGE,
        expired=str(errors.LINK_EXPIRED),
        invalid=str(errors.LINK_INVALID),
    )
    recipient = (
        AlarmRecipient.objects.select_related("test", "person", "function")
        .filter(pk=data.get("r", 0))
        .first()
    )
    if recipient is None:
        raise ValidationError(str(errors.LINK_INVALID), code="invalid")
    return recipient


@transaction.atomic
def alarm_respond(*, token: str, answer: str, eta_minutes: int | None) -> AlarmRecipient:
    """Record a response to a test alarm. A link answers once."""
    recipient = alarm_recipient_from_token(token)
    recipient = (
        AlarmRecipient.objects.select_for_update()
        .select_related("test", "person")
        .get(pk=recipient.pk)
    )
    if recipient.responded_at is not None:
        when = date_format(timezone.localtime(recipient.responded_at), "j-n-Y H:i")
        raise ValidationError(str(errors.LINK_USED % {"time": when}), code="used")
    if answer not in AlarmAnswer.values:
        raise ValidationError({"answer": [str(errors.ETA_REQUIRED)]})
    if answer == AlarmAnswer.COMING and (eta_minutes is None or not 0 <= eta_minutes <= 1440):
        raise ValidationError({"eta_minutes": [str(errors.ETA_REQUIRED)]})
    recipient.responded_at = timezone.now()
    recipient.answer = answer
    recipient.eta_minutes = eta_minutes if answer == AlarmAnswer.COMING else None
    recipient.save(update_fields=["responded_at", "answer", "eta_minutes"])
    audit_record(
        actor=None,
        action="alarm_test.response",
        obj=recipient.test,
        region=recipient.test.region,
        changes={"answer": [None, f"{recipient.person}: {answer} {eta_minutes or ''}".strip()]},
    )
    return recipient


# ---------------------------------------------------------------- reminders


def reminders_due(today: dt.date) -> list[tuple[PersonQualification, int]]:
    """Qualifications that lapse within 90 or 30 days and whose reminder did not go out."""
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    candidates = PersonQualification.objects.filter(
        qualified_until__gte=today, qualified_until__lte=horizon, person__active=True
    ).select_related("person", "function", "person__region")
    sent = set(
        ReminderSent.objects.filter(qualified_until__gte=today).values_list(
            "person_id", "function_id", "qualified_until", "days_before"
        )
    )
    due = []
    for q in candidates:
        assert q.qualified_until is not None
        days_left = (q.qualified_until - today).days
        # The tightest threshold passed; an earlier one missed (e.g. a new record) is not sent late.
        threshold = min((d for d in REMINDER_DAYS if days_left <= d), default=None)
        if (
            threshold is not None
            and (q.person_id, q.function_id, q.qualified_until, threshold) not in sent
        ):
            due.append((q, threshold))
    return due


def reminder_recipients(qualification: PersonQualification) -> list[str]:
    """The person, and their coordinators: the coordinators of their pools for the function,
    else the coordinators of their region."""
    person = qualification.person
    emails = [person.email]
    pool_coordinators = list(
        Person.objects.filter(
            coordinated_pools__members=person,
            coordinated_pools__functions=qualification.function_id,
        ).values_list("email", flat=True)
    )
    if pool_coordinators:
        emails += pool_coordinators
    else:
        emails += list(
            User.objects.filter(
                Q(memberships__region=person.region_id)
                | Q(memberships__municipality__region=person.region_id),
                memberships__role="coordinator",
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(set(emails), key=emails.index)


def reminder_claim(
    qualification: PersonQualification, days_before: int, recipients: list[str]
) -> bool:
    """Record that this reminder goes out; False if another run claimed it first."""
    assert qualification.qualified_until is not None
    with transaction.atomic():
        _sent, created = ReminderSent.objects.get_or_create(
            person_id=qualification.person_id,
            function_id=qualification.function_id,
            qualified_until=qualification.qualified_until,
            days_before=days_before,
            defaults={"recipients": ", ".join(recipients)},
        )
    return created
