"""The demo's exercise with feedback moments (issue 17), built on the test world (the full
demo is built by test_demo.py)."""

from __future__ import annotations

import pytest

from oranje.demo import national_feedback
from oranje.demo.tests.national_context import demo_context
from oranje.organisation.tests.factories import World
from oranje.readiness.constants import ExerciseStatus
from oranje.readiness.models import Activity, Exercise, Feedback, FeedbackMoment

pytestmark = pytest.mark.django_db


def test_the_feedback_exercise_has_three_moments_and_feedback_for_each_participant(
    world: World,
) -> None:
    ctx = demo_context(world)
    national_feedback.build(ctx)
    national_feedback.build(ctx)  # tops up: nothing twice
    exercise = Exercise.objects.get(region=world.region, title=national_feedback.TITLE)
    assert exercise.status == ExerciseStatus.COMPLETED
    moments = FeedbackMoment.objects.filter(exercise=exercise)
    assert moments.count() == 3
    participants = exercise.participants.filter(role="participant")
    assert participants.count() == 3
    assert participants.filter(person=world.officers[0]).exists()  # the persona with a login
    for participant in participants:
        assert Feedback.objects.filter(participant=participant).count() == 3
    assert Activity.objects.filter(exercise=exercise).count() == 3
