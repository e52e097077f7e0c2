"""The access matrix world, issue 17, part "feedback": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.organisation.models import Person
from oranje.readiness.constants import ExerciseType, ParticipantRole
from oranje.readiness.models import Exercise, ExerciseParticipant, Feedback, FeedbackMoment


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: {fbmoment}, a feedback moment of an exercise of the scope's region whose one
    participant belongs to the scope's municipality (and has one feedback at the moment)."""
    start = timezone.now() - dt.timedelta(days=2)
    person = Person.objects.create(
        region=region,
        municipality=municipality,
        given_name="Feedback",
        surname=f"Deelnemer {municipality.cbs_code}",
        email=f"matrix-feedback-{municipality.cbs_code}@example.nl",
    )
    exercise = Exercise.objects.create(
        region=region,
        title=f"Korte oefening {municipality.name}",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=start,
        hours=1,
    )
    participant = ExerciseParticipant.objects.create(
        exercise=exercise, person=person, role=ParticipantRole.PARTICIPANT
    )
    moment = FeedbackMoment.objects.create(
        exercise=exercise, at=start + dt.timedelta(minutes=20), title="Eerste beeld"
    )
    Feedback.objects.create(
        moment=moment, participant=participant, observer_name="Matrix", went_well="Goed"
    )
    return {"fbmoment": moment.pk}
