"""Access chokepoints for feedback moments during an exercise.

Planning moments follows the exercise: whoever may manage the exercise (`can_manage_exercise`)
plans and removes them. Recording feedback is for the exercise's observers (participants with
the role observer, through the login linked to their person) and the region's managers.
Reading feedback about a participant is for the region's managers, the observers of that
exercise and the participant themself — not for everyone who reads the exercise: feedback
is personal. Anyone who reads the exercise sees its moments (time and title)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import User
from oranje.organisation.models import Person
from oranje.readiness.access import can_manage_exercise
from oranje.readiness.constants import ParticipantRole
from oranje.readiness.models import Exercise, ExerciseParticipant, Feedback, FeedbackMoment


def is_observer(user: AnyUser, exercise: Exercise) -> bool:
    """Whether the user's own person is an observer in this exercise."""
    if not user.is_authenticated:
        return False
    return ExerciseParticipant.objects.filter(
        exercise=exercise, role=ParticipantRole.OBSERVER, person__user=user, person__active=True
    ).exists()


def can_record_feedback(user: AnyUser, exercise: Exercise) -> bool:
    """Observers of the exercise and the region's managers record feedback."""
    return core_access.can_manage_region(user, exercise.region_id) or is_observer(user, exercise)


def can_read_all_feedback(user: AnyUser, exercise: Exercise) -> bool:
    """Who reads every participant's feedback in an exercise (everyone else: only their own)."""
    return can_record_feedback(user, exercise)


def _observed_exercises(user: User) -> QuerySet[ExerciseParticipant, int]:
    return ExerciseParticipant.objects.filter(
        role=ParticipantRole.OBSERVER, person__user=user, person__active=True
    ).values_list("exercise_id", flat=True)


def feedback_for_user(user: AnyUser) -> QuerySet[Feedback]:
    """All feedback the user may read: of the exercises in the regions they manage, of the
    exercises they observe, and about themself."""
    qs = Feedback.objects.select_related(
        "moment", "moment__exercise", "participant", "participant__person"
    )
    if not isinstance(user, User) or not user.is_authenticated:
        return qs.none()
    s = core_access.scopes_for(user)
    if s.national_manage:
        return qs
    return qs.filter(
        Q(moment__exercise__region_id__in=s.manage_regions)
        | Q(moment__exercise_id__in=_observed_exercises(user))
        | Q(participant__person__user=user)
    )


def moments_for_user(user: AnyUser) -> QuerySet[FeedbackMoment]:
    """The moments of every exercise the user may see."""
    s = core_access.scopes_for(user)
    qs = FeedbackMoment.objects.select_related("exercise", "exercise__region")
    if s.national_read:
        return qs
    return qs.filter(exercise__region_id__in=s.read_regions)


def moment_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> FeedbackMoment:
    """One moment if the user reads its exercise (404); `manage` (removing it) needs the right
    to manage the exercise (403)."""
    moment = moments_for_user(user).filter(pk=pk).first()
    if moment is None:
        raise Http404
    if manage and not can_manage_exercise(user, moment.exercise):
        raise PermissionDenied
    return moment


def moment_for_observer(user: AnyUser, pk: int) -> FeedbackMoment:
    """One moment to record feedback at: 404 if the exercise is not readable, 403 for whoever
    reads it but neither observes it nor manages the region."""
    moment = moment_for_user(user, pk)
    if not can_record_feedback(user, moment.exercise):
        raise PermissionDenied
    return moment


def own_person(user: AnyUser) -> Person | None:
    """The person linked to this login, if any."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).select_related("region").first()
