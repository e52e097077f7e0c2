"""API of feedback moments during an exercise: the moments of an exercise (planned by whoever
manages it), the feedback at a moment (recorded by its observers and the region's managers)
and a person's feedback. Reading feedback follows `access_feedback`: the region's managers,
the exercise's observers and the participant themself; a read of someone else's is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.organisation.access import person_for_user
from oranje.readiness import access, access_feedback
from oranje.readiness.models import Feedback, FeedbackMoment
from oranje.readiness.services import feedback as service


class MomentOut(serializers.ModelSerializer):
    class Meta:
        model = FeedbackMoment
        fields = ["id", "exercise", "at", "title"]


class MomentIn(serializers.Serializer):
    at = MomentField()
    title = FreeTextField(max_length=service.TITLE_MAX)


class FeedbackOut(serializers.ModelSerializer):
    person = serializers.IntegerField(source="participant.person_id", read_only=True)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "moment",
            "participant",
            "person",
            "observer_name",
            "went_well",
            "to_improve",
            "created_at",
        ]


class FeedbackIn(serializers.Serializer):
    participant = IdField()
    went_well = FreeTextField(
        required=False, allow_blank=True, default="", max_length=service.FEEDBACK_MAX
    )
    to_improve = FreeTextField(
        required=False, allow_blank=True, default="", max_length=service.FEEDBACK_MAX
    )


@extend_schema(methods=["GET"], responses=MomentOut(many=True))
@extend_schema(methods=["POST"], request=MomentIn, responses={201: MomentOut})
@api_view(["GET", "POST"])
def exercise_moments(request: Request, pk: int) -> Response:
    """The feedback moments of an exercise; POST plans one (within the exercise's time)."""
    if request.method == "GET":
        exercise = access.exercise_for_user(request.user, pk)
        return Response(MomentOut(exercise.feedback_moments.all(), many=True).data)
    exercise = access.exercise_for_user(request.user, pk, manage=True)
    data_in = MomentIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    moment = service.moment_create(
        actor=core_access.authenticated(request.user),
        exercise=exercise,
        at=data_in.validated_data["at"],
        title=data_in.validated_data["title"],
    )
    return Response(MomentOut(moment).data, status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses=MomentOut)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "DELETE"])
def moment(request: Request, pk: int) -> Response:
    """One feedback moment; DELETE removes it while it has no feedback."""
    if request.method == "GET":
        return Response(MomentOut(access_feedback.moment_for_user(request.user, pk)).data)
    found = access_feedback.moment_for_user(request.user, pk, manage=True)
    service.moment_delete(actor=core_access.authenticated(request.user), moment=found)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(methods=["GET"], responses=FeedbackOut(many=True))
@extend_schema(methods=["POST"], request=FeedbackIn, responses={201: FeedbackOut})
@api_view(["GET", "POST"])
def moment_feedback(request: Request, pk: int) -> Response:
    """The feedback at a moment that the user may read; POST records feedback for one
    participant (the same observer again: replaces their earlier words)."""
    if request.method == "GET":
        found = access_feedback.moment_for_user(request.user, pk)
        entries = [
            f
            for m in service.exercise_feedback(request.user, found.exercise, audit=False).moments
            if m.moment.pk == found.pk
            for p in m.participants
            for f in p.entries
        ]
        service.audit_read(request.user, entries, found.exercise)
        return Response(FeedbackOut(entries, many=True).data)
    found = access_feedback.moment_for_observer(request.user, pk)
    data_in = FeedbackIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    data = data_in.validated_data
    participant = found.exercise.participants.filter(pk=data["participant"]).first()
    if participant is None:
        raise DjangoValidationError(
            {"participant": [str(service.NOT_IN_EXERCISE % {"id": data["participant"]})]}
        )
    feedback = service.feedback_record(
        actor=core_access.authenticated(request.user),
        moment=found,
        participant=participant,
        went_well=data["went_well"],
        to_improve=data["to_improve"],
    )
    return Response(FeedbackOut(feedback).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=FeedbackOut(many=True))
@api_view(["GET"])
def person_feedback(request: Request, pk: int) -> Response:
    """A person's feedback from exercises, as far as the user may read it (audited when it is
    someone else's)."""
    person = person_for_user(request.user, pk)
    return Response(FeedbackOut(service.person_feedback(request.user, person), many=True).data)


urls: list[URLPattern] = [
    path(
        "exercises/<id:pk>/feedback-moments/",
        exercise_moments,
        name="api-exercise-feedback-moments",
    ),
    path("feedback-moments/<id:pk>/", moment, name="api-feedback-moment"),
    path(
        "feedback-moments/<id:pk>/feedback/", moment_feedback, name="api-feedback-moment-feedback"
    ),
    path("persons/<id:pk>/feedback/", person_feedback, name="api-person-feedback"),
]
