"""Communication API: the signals of the environment analysis. The same doors as the pages:
everyone who may see the incident reads them and their counts; everyone who works in it
(`access.can_write_signals`) records, changes, removes, tallies and imports them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication import selectors_signals as selectors
from oranje.communication.access import (
    can_write_signals,
    communication_incident_for_user,
    signal_for_user,
)
from oranje.communication.constants import (
    SIGNAL_MAX,
    TOPIC_MAX,
    Goal,
    Sentiment,
    SignalSource,
)
from oranje.communication.models import Message
from oranje.communication.services import signal_import as importing
from oranje.communication.services import signals as services
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.core.rest import Pagination
from oranje.incidents.models import Incident

GOALS = [("", "none"), *Goal.choices]


def _valid(serializer: type[serializers.Serializer], data: Any, **kw: Any) -> Any:
    s = serializer(data=data, **kw)
    s.is_valid(raise_exception=True)
    return s.validated_data


class SignalOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    source = serializers.ChoiceField(choices=SignalSource.choices)  # type: ignore[assignment]
    text = serializers.CharField()
    at = serializers.DateTimeField()
    topic = serializers.CharField()
    goal = serializers.ChoiceField(choices=GOALS)
    sentiment = serializers.ChoiceField(choices=Sentiment.choices)
    rumour = serializers.BooleanField()
    count = serializers.IntegerField()
    countered_by = serializers.IntegerField(source="countered_by_id", allow_null=True)
    batch = serializers.IntegerField(source="batch_id", allow_null=True)
    created_at = serializers.DateTimeField()


class SignalIn(serializers.Serializer):
    """A signal: what was asked or said (no names), when (default now) and its labels."""

    source = serializers.ChoiceField(choices=SignalSource.choices)  # type: ignore[assignment]
    text = FreeTextField(max_length=SIGNAL_MAX)
    at = MomentField(required=False, allow_null=True, default=None)
    topic = FreeTextField(max_length=TOPIC_MAX, required=False, allow_blank=True, default="")
    goal = serializers.ChoiceField(choices=GOALS, required=False, default="")
    sentiment = serializers.ChoiceField(
        choices=Sentiment.choices, required=False, default=Sentiment.NEUTRAL
    )
    rumour = serializers.BooleanField(required=False, default=False)
    count = serializers.IntegerField(min_value=1, max_value=services.COUNT_MAX, default=1)


class SignalPatch(serializers.Serializer):
    """Any of the signal's fields; `countered_by`: the id of a published message of the
    incident that counters the rumour, or null to undo the link."""

    source = serializers.ChoiceField(choices=SignalSource.choices, required=False)  # type: ignore[assignment]
    text = FreeTextField(max_length=SIGNAL_MAX, required=False)
    at = MomentField(required=False)
    topic = FreeTextField(max_length=TOPIC_MAX, required=False, allow_blank=True)
    goal = serializers.ChoiceField(choices=GOALS, required=False)
    sentiment = serializers.ChoiceField(choices=Sentiment.choices, required=False)
    rumour = serializers.BooleanField(required=False)
    count = serializers.IntegerField(min_value=1, max_value=services.COUNT_MAX, required=False)
    countered_by = IdField(required=False, allow_null=True)


class FilterIn(serializers.Serializer):
    source = serializers.ChoiceField(choices=SignalSource.choices, required=False)  # type: ignore[assignment]
    topic = FreeTextField(max_length=TOPIC_MAX, required=False)
    goal = serializers.ChoiceField(choices=[*Goal.choices, ("none", "none")], required=False)
    sentiment = serializers.ChoiceField(choices=Sentiment.choices, required=False)
    rumour = serializers.ChoiceField(choices=["yes", "no", "open"], required=False)
    start = MomentField(required=False)
    end = MomentField(required=False)


_FILTERS = [
    OpenApiParameter("source", str, enum=SignalSource.values),
    OpenApiParameter("topic", str),
    OpenApiParameter("goal", str, enum=[*Goal.values, "none"]),
    OpenApiParameter("sentiment", str, enum=Sentiment.values),
    OpenApiParameter("rumour", str, enum=["yes", "no", "open"], description="open: not countered"),
    OpenApiParameter("start", str, description="from this moment (ISO 8601)"),
    OpenApiParameter("end", str, description="before this moment (ISO 8601)"),
]


def _filter(request: Request) -> selectors.SignalFilter:
    v = _valid(FilterIn, request.query_params)
    rumour = v.get("rumour", "")
    return selectors.SignalFilter(
        start=v.get("start"),
        end=v.get("end"),
        source=v.get("source", ""),
        topic=services.normal_topic(v.get("topic", "")),
        goal=v.get("goal", ""),
        sentiment=v.get("sentiment", ""),
        rumour={"yes": True, "open": True, "no": False}.get(rumour),
        countered=False if rumour == "open" else None,
    )


def _message(incident: Incident, pk: int | None) -> Message | None:
    if pk is None:
        return None
    found = Message.objects.filter(pk=pk, incident=incident).first()
    if found is None:
        raise serializers.ValidationError({"countered_by": [str(services.MESSAGE_OTHER_INCIDENT)]})
    return found


@extend_schema(methods=["GET"], parameters=_FILTERS, responses={200: SignalOut(many=True)})
@extend_schema(methods=["POST"], request=SignalIn, responses={201: SignalOut})
@api_view(["GET", "POST"])
def signals(request: Request, pk: int) -> Response:
    """The incident's signals, newest first (filtered, paginated); POST records one."""
    incident = communication_incident_for_user(request.user, pk)
    if request.method == "POST":
        core_access.require(can_write_signals(request.user, incident))
        v = _valid(SignalIn, request.data)
        created = services.signal_create(
            incident=incident,
            actor=core_access.authenticated(request.user),
            data=services.SignalData(
                source=v["source"],
                text=v["text"],
                at=v["at"] or timezone.now(),
                topic=v["topic"],
                goal=v["goal"],
                sentiment=v["sentiment"],
                rumour=v["rumour"],
                count=v["count"],
            ),
        )
        return Response(SignalOut(created).data, status=status.HTTP_201_CREATED)
    paginator = Pagination()
    page = paginator.paginate_queryset(selectors.signal_list(incident, _filter(request)), request)
    return paginator.get_paginated_response(SignalOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=SignalOut)
@extend_schema(methods=["PATCH"], request=SignalPatch, responses=SignalOut)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "PATCH", "DELETE"])
def signal(request: Request, pk: int, signal_pk: int) -> Response:
    """One signal; PATCH changes it (or links the rumour to its counter-message), DELETE
    removes one recorded by mistake (audited)."""
    incident = communication_incident_for_user(request.user, pk)
    found = signal_for_user(request.user, incident, signal_pk, write=request.method != "GET")
    actor = core_access.authenticated(request.user) if request.method != "GET" else None
    if request.method == "DELETE":
        assert actor is not None
        services.signal_delete(signal=found, actor=actor)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        assert actor is not None
        v = _valid(SignalPatch, request.data)
        fields = set(v) - {"countered_by"}
        if fields:
            found = services.signal_update(
                signal=found,
                actor=actor,
                data=services.SignalData(
                    **{
                        name: v.get(name, getattr(found, name))
                        for name in (
                            "source",
                            "text",
                            "at",
                            "topic",
                            "goal",
                            "sentiment",
                            "rumour",
                            "count",
                        )
                    }
                ),
            )
        if "countered_by" in v:
            found = services.signal_counter(
                signal=found, actor=actor, message=_message(incident, v["countered_by"])
            )
    return Response(SignalOut(found).data)


class TallyLineIn(serializers.Serializer):
    topic = FreeTextField(max_length=TOPIC_MAX)
    count = serializers.IntegerField(min_value=1, max_value=services.COUNT_MAX)
    goal = serializers.ChoiceField(choices=GOALS, required=False, default="")


class TallyIn(serializers.Serializer):
    """The information line's tally of a period: a topic and a count per line."""

    start = MomentField()
    end = MomentField()
    source = serializers.ChoiceField(choices=SignalSource.choices, default=SignalSource.PHONE)  # type: ignore[assignment]
    lines = serializers.ListField(child=TallyLineIn(), max_length=services.TALLY_LINES_MAX)


class BatchOut(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    rows = serializers.IntegerField()
    contacts = serializers.IntegerField()
    created_at = serializers.DateTimeField()


@extend_schema(request=TallyIn, responses={201: BatchOut})
@api_view(["POST"])
def tally(request: Request, pk: int) -> Response:
    """Record a tally: one signal per line at the middle of the period; the same tally twice
    is refused."""
    incident = communication_incident_for_user(request.user, pk)
    core_access.require(can_write_signals(request.user, incident))
    v = _valid(TallyIn, request.data)
    lines = [services.TallyLine(x["topic"], x["count"], x["goal"]) for x in v["lines"]]
    batch = services.signal_tally(
        incident=incident,
        actor=core_access.authenticated(request.user),
        start=v["start"],
        end=v["end"],
        source=v["source"],
        lines=lines,
    )
    out = {
        "id": batch.pk,
        "file_name": batch.file_name,
        "rows": batch.rows,
        "contacts": sum(x.count for x in lines),
        "created_at": batch.created_at,
    }
    return Response(BatchOut(out).data, status=status.HTTP_201_CREATED)


class ImportIn(serializers.Serializer):
    file = serializers.FileField()
    source = serializers.ChoiceField(choices=SignalSource.choices, default=SignalSource.SOCIAL)  # type: ignore[assignment]


class RowErrorOut(serializers.Serializer):
    line = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()


class ImportErrorsOut(serializers.Serializer):
    errors = RowErrorOut(many=True)  # type: ignore[assignment]


@extend_schema(
    request={"multipart/form-data": ImportIn},
    responses={201: BatchOut, 400: ImportErrorsOut},
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def import_file(request: Request, pk: int) -> Response:
    """Import a social-media monitoring export (CSV or .xlsx): every row or none; a 400
    lists every bad row (line, column, message); the same file twice is refused."""
    incident = communication_incident_for_user(request.user, pk)
    core_access.require(can_write_signals(request.user, incident))
    v = _valid(ImportIn, request.data)
    upload = v["file"]
    if upload.size > importing.UPLOAD_MAX:
        raise serializers.ValidationError(
            {
                "file": [
                    _("The file is larger than %(mb)s MB; split it into smaller files.")
                    % {"mb": importing.UPLOAD_MAX // (1024 * 1024)}
                ]
            }
        )
    try:
        parsed = importing.read_signals(upload, upload.name or "")
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"file": exc.messages}) from None
    report = importing.signals_import(
        incident=incident,
        actor=core_access.authenticated(request.user),
        file=parsed,
        default_source=v["source"],
    )
    if not report.ok:
        return Response(
            ImportErrorsOut({"errors": report.errors}).data, status=status.HTTP_400_BAD_REQUEST
        )
    assert report.batch is not None
    out = {
        "id": report.batch.pk,
        "file_name": report.batch.file_name,
        "rows": report.created,
        "contacts": report.contacts,
        "created_at": report.batch.created_at,
    }
    return Response(BatchOut(out).data, status=status.HTTP_201_CREATED)


class CountOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    contacts = serializers.IntegerField()


class CountsOut(serializers.Serializer):
    contacts = serializers.IntegerField()
    rows = serializers.IntegerField()
    last_hour = serializers.IntegerField()
    rumours = serializers.IntegerField()
    open_rumours = serializers.IntegerField()
    by_topic = CountOut(many=True)
    by_goal = CountOut(many=True)
    by_source = CountOut(many=True)
    by_sentiment = CountOut(many=True)


@extend_schema(parameters=_FILTERS, responses=CountsOut)
@api_view(["GET"])
def counts(request: Request, pk: int) -> Response:
    """Contacts (the sum of the signals' counts) in all and per topic, goal, source and
    sentiment, most first, for the filters given."""
    incident = communication_incident_for_user(request.user, pk)
    f = _filter(request)
    totals = selectors.totals(incident, f)
    data = {
        **totals.__dict__,
        "by_topic": selectors.counts_by(incident, "topic", f, limit=100),
        "by_goal": selectors.counts_by(incident, "goal", f),
        "by_source": selectors.counts_by(incident, "source", f),
        "by_sentiment": selectors.counts_by(incident, "sentiment", f),
    }
    return Response(CountsOut(data).data)


class SeriesOut(serializers.Serializer):
    key = serializers.CharField(help_text="the topic or goal; '__other__' gathers the rest")
    label = serializers.CharField()  # type: ignore[assignment]
    values = serializers.ListField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class VolumeOut(serializers.Serializer):
    per = serializers.ChoiceField(choices=["topic", "goal"])
    bucket = serializers.ChoiceField(choices=["hour", "day"])
    buckets = serializers.ListField(
        child=serializers.DateTimeField(), help_text="the start of each hour or day"
    )
    series = SeriesOut(many=True)


class VolumeIn(FilterIn):
    per = serializers.ChoiceField(choices=["topic", "goal"], default="topic")
    bucket = serializers.ChoiceField(choices=["hour", "day"], required=False)


@extend_schema(
    parameters=[
        OpenApiParameter("per", str, enum=["topic", "goal"]),
        OpenApiParameter("bucket", str, enum=["hour", "day"], description="default: by span"),
        *_FILTERS,
    ],
    responses=VolumeOut,
)
@api_view(["GET"])
def volume(request: Request, pk: int) -> Response:
    """The charts' figures: contacts per hour or day (Amsterdam time) and per topic or goal."""
    incident = communication_incident_for_user(request.user, pk)
    v = _valid(VolumeIn, request.query_params)
    found = selectors.volume(incident, per=v["per"], bucket=v.get("bucket"), f=_filter(request))
    return Response(VolumeOut(found).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/signals/", signals, name="api-communication-signals"),
    path("incidents/<id:pk>/signals/tally/", tally, name="api-communication-signals-tally"),
    path(
        "incidents/<id:pk>/signals/import/",
        import_file,
        name="api-communication-signals-import",
    ),
    path("incidents/<id:pk>/signals/counts/", counts, name="api-communication-signals-counts"),
    path("incidents/<id:pk>/signals/volume/", volume, name="api-communication-signals-volume"),
    path("incidents/<id:pk>/signals/<id:signal_pk>/", signal, name="api-communication-signal"),
]
