"""The quality room's API, part "actions": a region's improvement actions (list with the
page's filters, create), one action with its history (PATCH changes its fields, POST adds a
step: status, note, result), and the region's flexible scalings with their history and the
board's review. The same doors as the pages: the region's monitors; an action also to its
municipality's own people, who may add a note."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import Municipality, Region, User
from oranje.core.rest import Pagination
from oranje.incidents.constants import ScalingMode
from oranje.quality import access
from oranje.quality import selectors_actions as selectors
from oranje.quality.constants import NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX, ActionStatus, Verdict
from oranje.quality.models import ImprovementAction, Norm
from oranje.quality.periods import Period, parse_period
from oranje.quality.services import actions as services


class UpdateOut(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    by = serializers.CharField(source="by_name")
    note = serializers.CharField()


class ActionOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    municipality_name = serializers.CharField(source="municipality.name", allow_null=True)
    norm = serializers.IntegerField(source="norm_id", allow_null=True)
    norm_code = serializers.CharField(source="norm.code", allow_null=True)
    period = serializers.SerializerMethodField()
    title = serializers.CharField()
    description = serializers.CharField()
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    owner_name = serializers.CharField()
    deadline = serializers.DateField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    overdue = serializers.SerializerMethodField()
    result = serializers.CharField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)

    def get_period(self, action: ImprovementAction) -> str | None:
        if action.year is None:
            return None
        return Period(action.year, action.quarter).slug

    def get_overdue(self, action: ImprovementAction) -> bool:
        return selectors.is_overdue(action)


class ActionDetailOut(ActionOut):
    updates = UpdateOut(many=True, source="updates.all")


class _ActionFields(serializers.Serializer):
    title = FreeTextField(max_length=TITLE_MAX)
    description = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    municipality = IdField(
        required=False, allow_null=True, help_text="A municipality of the region, or null."
    )
    norm = IdField(
        required=False,
        allow_null=True,
        help_text="A norm of the national set or the region's own set, or null.",
    )
    period = serializers.CharField(
        max_length=7,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The gap's quarter (2026-Q3) or year (2026).",
    )
    owner = IdField(required=False, allow_null=True, help_text="A member of the region, or null.")
    owner_name = FreeTextField(
        max_length=NAME_MAX,
        required=False,
        allow_blank=True,
        help_text="Who carries it out (set from the owner when left empty).",
    )
    deadline = DayField()


class ActionIn(_ActionFields):
    """A new improvement action (status open)."""


class ActionPatch(_ActionFields):
    """Any of the action's fields (its status goes through POST)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ProgressIn(serializers.Serializer):
    """A step in the history: a new status, a note, the result (needed to close). A
    municipality's own people send a note only."""

    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    result = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


class StepOut(serializers.Serializer):
    at = serializers.DateTimeField()
    mode = serializers.ChoiceField(choices=ScalingMode.choices)
    grip_level = serializers.IntegerField(allow_null=True)
    teams = serializers.ListField(child=serializers.CharField(), source="team_labels")
    reason = serializers.CharField()
    decided_by = serializers.CharField()
    scaled_down = serializers.BooleanField()


class ReviewOut(serializers.Serializer):
    wise = serializers.ChoiceField(choices=Verdict.choices)
    legitimate = serializers.ChoiceField(choices=Verdict.choices)
    reasoning = serializers.CharField()
    board_meeting_on = serializers.DateField(allow_null=True)
    reviewed_at = serializers.DateTimeField()


class ScalingOut(serializers.Serializer):
    incident = serializers.IntegerField(source="incident.pk")
    title = serializers.CharField(source="incident.title")
    is_exercise = serializers.BooleanField(source="incident.is_exercise")
    started_at = serializers.DateTimeField(source="incident.started_at")
    acute_ended_at = serializers.DateTimeField(source="incident.acute_ended_at", allow_null=True)
    closed_at = serializers.DateTimeField(source="incident.closed_at", allow_null=True)
    reviewable = serializers.BooleanField()
    steps = StepOut(many=True)
    review = ReviewOut(allow_null=True)


def _region(user: Any, code: str) -> Region:
    return access.monitor_region_for_user(user, core_access.region_for_user(user, code[:20]))


def _period(text: str | None) -> Period | None:
    if not text:
        return None
    period = parse_period(text)
    if period is None:
        raise ValidationError(
            {"period": [_("Period: use a quarter such as 2026-Q3 or a year such as 2026.")]}
        )
    return period


def _objects(region: Region, v: dict[str, Any]) -> dict[str, Any]:
    """The ids of the body as objects; an id that does not exist is named. Whether each
    belongs to the region is the service's check."""
    found: dict[str, Any] = {}
    if "municipality" in v:
        found["municipality"] = (
            None
            if v["municipality"] is None
            else _get(Municipality, v["municipality"], "municipality")
        )
    if "norm" in v:
        found["norm"] = (
            None
            if v["norm"] is None
            else _get(Norm.objects.select_related("norm_set"), v["norm"], "norm")
        )
    if "owner" in v:
        found["owner"] = None if v["owner"] is None else _get(User, v["owner"], "owner")
    if "period" in v:
        found["period"] = _period(v["period"])
    return found


def _get(model: Any, pk: int, name: str) -> Any:
    manager = model.objects if hasattr(model, "objects") else model
    obj = manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({name: [_("%(field)s: no such id.") % {"field": name}]})
    return obj


def _detail(action: ImprovementAction, code: int = status.HTTP_200_OK) -> Response:
    fresh = selectors.action_rows().select_related("region").get(pk=action.pk)
    return Response(ActionDetailOut(fresh).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=selectors.STATUS_FILTERS),
        OpenApiParameter("municipality", int),
        OpenApiParameter("norm", int),
        OpenApiParameter("overdue", bool),
    ],
    request=ActionIn,
    responses={200: ActionOut(many=True), 201: ActionDetailOut},
)
@api_view(["GET", "POST"])
def actions(request: Request, code: str) -> Response:
    """The region's improvement actions, earliest deadline first; POST adds one."""
    region = _region(request.user, code)
    if request.method == "POST":
        s = ActionIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = dict(s.validated_data)
        objects = _objects(region, v)
        action = services.action_create(
            actor=core_access.authenticated(request.user),
            region=region,
            title=v["title"],
            description=v.get("description", ""),
            owner_name=v.get("owner_name", ""),
            deadline=v["deadline"],
            **objects,
        )
        return _detail(action, status.HTTP_201_CREATED)
    q = request.query_params
    wanted = q.get("status", "")
    if wanted and wanted not in selectors.STATUS_FILTERS:
        raise ValidationError(
            {
                "status": [
                    _("status: choose one of %(allowed)s.")
                    % {"allowed": ", ".join(selectors.STATUS_FILTERS)}
                ]
            }
        )
    overdue = q.get("overdue", "")
    if overdue not in ("", "true", "false", "1", "0"):
        raise ValidationError({"overdue": [_("overdue: use true or false.")]})
    f = selectors.ActionFilter(
        status=wanted,
        municipality_id=params.optional_id(q, "municipality"),
        norm_id=params.optional_id(q, "norm"),
        overdue=overdue in ("true", "1"),
    )
    rows = selectors.action_list(region, f)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(ActionOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=ActionDetailOut)
@extend_schema(methods=["PATCH"], request=ActionPatch, responses=ActionDetailOut)
@extend_schema(methods=["POST"], request=ProgressIn, responses=ActionDetailOut)
@api_view(["GET", "PATCH", "POST"])
def action(request: Request, pk: int) -> Response:
    """One action with its history; PATCH changes its fields (monitors), POST adds a step
    to its history (monitors: status, note, result; the municipality's own people: a note)."""
    found = selectors.action_for_user(request.user, pk)
    actor = request.user
    if request.method == "PATCH":
        if not selectors.may_monitor(actor, found):
            raise PermissionDenied
        s = ActionPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v: dict[str, Any] = dict(s.validated_data)
        objects = _objects(found.region, v)
        current = {
            "municipality": found.municipality,
            "norm": found.norm,
            "owner": found.owner,
            "period": Period(found.year, found.quarter) if found.year else None,
        }
        found = services.action_update(
            actor=core_access.authenticated(actor),
            action=found,
            title=v.get("title", found.title),
            description=v.get("description", found.description),
            owner_name=v.get("owner_name", found.owner_name if "owner" not in v else ""),
            deadline=v.get("deadline", found.deadline),
            **{**current, **objects},
        )
    elif request.method == "POST":
        p = ProgressIn(data=request.data)
        p.is_valid(raise_exception=True)
        w = p.validated_data
        found = services.action_progress(
            actor=core_access.authenticated(actor),
            action=found,
            status=w.get("status"),
            note=w.get("note", ""),
            result=w.get("result"),
        )
    return _detail(found)


@extend_schema(
    parameters=[OpenApiParameter("exercise", bool, description="Only exercises, or only real.")],
    responses=ScalingOut(many=True),
)
@api_view(["GET"])
def flexible_scalings(request: Request, code: str) -> Response:
    """The region's incidents that scaled flexibly, newest first, with their scaling history
    and the board's review."""
    region = _region(request.user, code)
    exercise = request.query_params.get("exercise", "")
    if exercise not in ("", "true", "false", "1", "0"):
        raise ValidationError({"exercise": [_("exercise: use true or false.")]})
    real, exercises = selectors.flexible_scalings(region)
    if exercise in ("true", "1"):
        rows = exercises
    elif exercise in ("false", "0"):
        rows = real
    else:
        rows = sorted([*real, *exercises], key=lambda s: s.incident.started_at, reverse=True)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(ScalingOut(page, many=True).data)


urls: list[URLPattern] = [
    path("quality/regions/<str:code>/actions/", actions, name="api-quality-actions"),
    path("quality/actions/<id:pk>/", action, name="api-quality-action"),
    path(
        "quality/regions/<str:code>/flexible-scalings/",
        flexible_scalings,
        name="api-quality-flexible-scalings",
    ),
]
