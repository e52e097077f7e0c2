"""The feedback report inside pages that other views render: the exercise page and the
passport. The tags ask the chokepoints what the logged-in user may read (and audit a read of
someone else's feedback), so those views need not know about feedback."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.organisation.models import Person
from oranje.readiness.models import Exercise, Feedback
from oranje.readiness.services import feedback as service

register = template.Library()


@register.simple_tag(takes_context=True)
def exercise_feedback(context: dict[str, Any], exercise: Exercise) -> service.ExerciseFeedback:
    return service.exercise_feedback(context["request"].user, exercise)


@register.simple_tag(takes_context=True)
def person_feedback(context: dict[str, Any], person: Person) -> list[Feedback]:
    return service.person_feedback(context["request"].user, person)
