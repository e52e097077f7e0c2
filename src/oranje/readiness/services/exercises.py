"""Planned exercises and their completion, which records every participant's activity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.organisation import errors as org_errors
from oranje.organisation.models import Function, Person
from oranje.readiness import access, errors
from oranje.readiness.constants import ActivityKind, ExerciseStatus, ParticipantRole
from oranje.readiness.models import Activity, Exercise, ExerciseParticipant, LearningPoint
from oranje.readiness.services.recompute import readiness_recompute


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
    """Plan an exercise with its participants (each in a function) and observers. Everyone in
    it must be someone the actor manages, as for a single activity: completing the exercise
    writes a record for each of them."""
    core_access.require(core_access.can_manage_anything(actor, region.pk))
    core_access.require(
        access.can_manage_people(actor, [p for p, _f in participants] + list(observers))
    )
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
        action=AuditAction.EXERCISE_PLAN,
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
    counts towards upkeep. Learning points are kept for the evaluation library. Only whoever
    manages every participant and observer completes it, and only once: a second completion
    would overwrite the attendance and observations recorded."""
    exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    core_access.require(access.can_manage_exercise(actor, exercise))
    if exercise.status == ExerciseStatus.COMPLETED:
        raise ValidationError({"attendance": [str(errors.EXERCISE_COMPLETED)]})
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
        action=AuditAction.EXERCISE_COMPLETE,
        obj=exercise,
        region=exercise.region,
        changes={
            "attended": [None, sum(1 for a, _o in attendance.values() if a)],
            "learning_points": [None, len(learning_points)],
        },
    )
    readiness_recompute(person_ids=[a.person_id for a in created])
    return created
