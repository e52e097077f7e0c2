"""API: an incident's messages — list and draft, read and change a message that is not
published, approve (a warning: four eyes), send back to draft, publish, and follow up a
published one with an update, a correction or a cancellation. The same doors as the pages:
everyone who sees the incident reads; its communication role and whoever commands it write
(403); others get 404."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication import readability
from oranje.communication.access import (
    communication_incident_for_user,
    message_by_id_for_user,
)
from oranje.communication.constants import (
    AREA_POINTS_MAX,
    AUDIENCE_MAX,
    INSTRUCTION_MAX,
    NOTE_MAX,
    SOCIAL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CapCategory,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    Goal,
    MessageKind,
    MessageStatus,
    Relation,
)
from oranje.communication.models import Message
from oranje.communication.selectors import message_list
from oranje.communication.services import messages as services
from oranje.communication.services.messages import FOLLOW_UPS, MessageData
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField
from oranje.core.rest import Pagination


class ReadabilityOut(serializers.Serializer):
    """Flesch–Douma for Dutch and a CEFR-like indication (B1 is the target)."""

    score = serializers.FloatField(allow_null=True)
    level = serializers.CharField(help_text="A2, B1, B2, C1 or C2 (an indication); empty: no text.")
    meets_target = serializers.BooleanField(help_text="B1 or easier.")
    words = serializers.IntegerField()
    sentences = serializers.IntegerField()
    long_words = serializers.IntegerField(help_text="Words of four syllables or more.")
    long_sentences = serializers.IntegerField(help_text="Sentences of more than 20 words.")


class LengthsOut(serializers.Serializer):
    social = serializers.IntegerField(help_text="Characters of the social-media text (max 280).")
    nl_alert = serializers.IntegerField(
        help_text="Characters of headline, text and instruction (max 1395)."
    )
    sms_length = serializers.IntegerField(help_text="Headline and text as an SMS.")
    sms_parts = serializers.IntegerField()
    sms_encoding = serializers.ChoiceField(choices=["GSM-7", "UCS-2"])


class VersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    instruction = serializers.CharField()
    social_text = serializers.CharField()
    audience = serializers.CharField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by_name")
    note = serializers.CharField()


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    is_exercise = serializers.BooleanField(source="incident.is_exercise")
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    audience = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    instruction = serializers.CharField()
    social_text = serializers.CharField()
    goals = serializers.ListField(child=serializers.ChoiceField(choices=Goal.choices))
    on_public_page = serializers.BooleanField()
    status = serializers.ChoiceField(choices=MessageStatus.choices)
    relation = serializers.ChoiceField(choices=Relation.choices)
    # "parent" shadows Field.parent in the stubs; the output key is what clients read.
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
    version = serializers.IntegerField()
    cap_category = serializers.ChoiceField(choices=CapCategory.choices)
    cap_event = serializers.CharField()
    cap_urgency = serializers.ChoiceField(choices=CapUrgency.choices)
    cap_severity = serializers.ChoiceField(choices=CapSeverity.choices)
    cap_certainty = serializers.ChoiceField(choices=CapCertainty.choices)
    area = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField()),
        help_text="Closed ring of [latitude, longitude].",
    )
    area_desc = serializers.CharField()
    cap_sent = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField(source="approved_by_name")
    approved_role = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    readability = serializers.SerializerMethodField()
    lengths = serializers.SerializerMethodField()

    @extend_schema_field(ReadabilityOut)
    def get_readability(self, message: Message) -> dict[str, Any]:
        read = readability.message_readability(
            title=message.title, text=message.text, instruction=message.instruction
        )
        return {
            "score": read.score,
            "level": read.level,
            "meets_target": read.meets_target,
            "words": read.words,
            "sentences": read.sentences,
            "long_words": read.long_words,
            "long_sentences": read.long_sentences,
        }

    @extend_schema_field(LengthsOut)
    def get_lengths(self, message: Message) -> dict[str, Any]:
        sms = readability.sms_length(
            "\n".join(p.strip() for p in (message.title, message.text) if p.strip())
        )
        return {
            "social": len(message.social_text),
            "nl_alert": len(
                readability.nl_alert_text(message.title, message.text, message.instruction)
            ),
            "sms_length": sms.length,
            "sms_parts": sms.parts,
            "sms_encoding": sms.encoding,
        }


class MessageDetailOut(MessageOut):
    versions = VersionOut(many=True, source="versions.all")
    followups = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_followups(self, message: Message) -> list[int]:
        return list(message.followups.order_by("created_at", "pk").values_list("pk", flat=True))


_POINT = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class _MessageFields(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    title = FreeTextField(max_length=TITLE_MAX)
    text = FreeTextField(max_length=TEXT_MAX)
    audience = FreeTextField(max_length=AUDIENCE_MAX, required=False, allow_blank=True)
    instruction = FreeTextField(max_length=INSTRUCTION_MAX, required=False, allow_blank=True)
    social_text = FreeTextField(max_length=SOCIAL_MAX, required=False, allow_blank=True)
    goals = serializers.ListField(
        child=serializers.ChoiceField(choices=Goal.choices), max_length=3, required=False
    )
    on_public_page = serializers.BooleanField(required=False)
    cap_category = serializers.ChoiceField(choices=CapCategory.choices, required=False)
    cap_event = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    cap_urgency = serializers.ChoiceField(choices=CapUrgency.choices, required=False)
    cap_severity = serializers.ChoiceField(choices=CapSeverity.choices, required=False)
    cap_certainty = serializers.ChoiceField(choices=CapCertainty.choices, required=False)
    area = serializers.ListField(
        child=_POINT,
        max_length=AREA_POINTS_MAX,
        required=False,
        allow_null=True,
        help_text="Closed ring of [latitude, longitude] (first = last). Left out or null for a "
        "warning: the incident's affected area.",
    )
    area_desc = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)


class MessageIn(_MessageFields):
    """A new draft (version 1)."""


class MessagePatch(_MessageFields):
    """Any of the message's fields; a change to its words is the next version (`note` kept
    with it). An approved message that changes is a draft again."""

    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class RejectIn(serializers.Serializer):
    reason = FreeTextField(
        max_length=NOTE_MAX, allow_blank=True, help_text="Why it goes back to draft."
    )


class FollowUpIn(serializers.Serializer):
    relation = serializers.ChoiceField(choices=[(r.value, r.label) for r in FOLLOW_UPS])


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _data(v: dict[str, Any], base: Message | None = None) -> MessageData:
    """MessageData from validated fields; what is left out stays as `base` has it."""
    changes = {k: v[k] for k in v if k != "note"}
    if "goals" in changes:
        changes["goals"] = frozenset(changes["goals"])
    if base is not None:
        return MessageData.of(base, **changes)
    return MessageData(**changes)


def _detail(message: Message, code: int = status.HTTP_200_OK) -> Response:
    message = Message.objects.select_related("incident").get(pk=message.pk)
    return Response(MessageDetailOut(message).data, status=code)


@extend_schema(
    parameters=[OpenApiParameter("status", str, enum=MessageStatus.values)],
    request=MessageIn,
    responses={200: MessageOut(many=True), 201: MessageDetailOut},
)
@api_view(["GET", "POST"])
def messages(request: Request, pk: int) -> Response:
    """The incident's messages, newest first; POST drafts one."""
    incident = communication_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        v = _valid(MessageIn, request.data)
        message = services.message_create(
            incident=incident, actor=core_access.authenticated(request.user), data=_data(v)
        )
        return _detail(message, status.HTTP_201_CREATED)
    rows = message_list(incident).select_related("incident")
    wanted = request.query_params.get("status", "")
    if wanted:
        if wanted not in MessageStatus.values:
            raise serializers.ValidationError(
                {"status": [_("status: choose draft, approved or published.")]}
            )
        rows = rows.filter(status=wanted)
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(MessageOut(page, many=True).data)


@extend_schema(methods=["PATCH"], request=MessagePatch, responses=MessageDetailOut)
@extend_schema(methods=["GET"], responses=MessageDetailOut)
@api_view(["GET", "PATCH"])
def message(request: Request, pk: int) -> Response:
    """One message with its versions; PATCH changes it while it is not published."""
    found = message_by_id_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(MessagePatch, request.data)
        found = services.message_update(
            message=found,
            actor=core_access.authenticated(request.user),
            data=_data(v, found),
            note=v.get("note", ""),
        )
    return _detail(found)


@extend_schema(request=None, responses=MessageDetailOut)
@api_view(["POST"])
def message_approve(request: Request, pk: int) -> Response:
    """Approve a draft (a warning: instruction, event, closed area and four eyes)."""
    found = message_by_id_for_user(request.user, pk, write=True)
    found = services.message_approve(message=found, actor=core_access.authenticated(request.user))
    return _detail(found)


@extend_schema(request=RejectIn, responses=MessageDetailOut)
@api_view(["POST"])
def message_reject(request: Request, pk: int) -> Response:
    """Send a draft or an approved message back to draft, with the reason."""
    found = message_by_id_for_user(request.user, pk, write=True)
    v = _valid(RejectIn, request.data)
    found = services.message_reject(
        message=found, actor=core_access.authenticated(request.user), reason=v["reason"]
    )
    return _detail(found)


@extend_schema(request=None, responses=MessageDetailOut)
@api_view(["POST"])
def message_publish(request: Request, pk: int) -> Response:
    """Publish an approved message."""
    found = message_by_id_for_user(request.user, pk, write=True)
    found = services.message_publish(message=found, actor=core_access.authenticated(request.user))
    return _detail(found)


@extend_schema(request=FollowUpIn, responses={201: MessageDetailOut})
@api_view(["POST"])
def message_follow_up(request: Request, pk: int) -> Response:
    """A new draft after a published message: an update, a correction or a cancellation."""
    found = message_by_id_for_user(request.user, pk, write=True)
    v = _valid(FollowUpIn, request.data)
    follow_up = services.message_follow_up(
        parent=found, actor=core_access.authenticated(request.user), relation=v["relation"]
    )
    return _detail(follow_up, status.HTTP_201_CREATED)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/communication/messages/", messages, name="api-communication-messages"),
    path("communication/messages/<id:pk>/", message, name="api-communication-message"),
    path(
        "communication/messages/<id:pk>/approve/",
        message_approve,
        name="api-communication-message-approve",
    ),
    path(
        "communication/messages/<id:pk>/reject/",
        message_reject,
        name="api-communication-message-reject",
    ),
    path(
        "communication/messages/<id:pk>/publish/",
        message_publish,
        name="api-communication-message-publish",
    ),
    path(
        "communication/messages/<id:pk>/follow-up/",
        message_follow_up,
        name="api-communication-message-follow-up",
    ),
]
