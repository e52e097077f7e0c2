"""API: the aftercare tasks of an incident — list (filtered by theme and status) and
create; read and change one (a changed status is kept in its history). The same doors as the
pages: everyone who sees the incident reads; the aftercare role, the head and those who
command the incident write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare import selectors_tasks as selectors
from oranje.aftercare.access import aftercare_incident_for_user, task_for_user
from oranje.aftercare.constants import NAME_MAX, NOTE_MAX, TITLE_MAX, TaskStatus, Theme
from oranje.aftercare.models import AftercareTask
from oranje.aftercare.services import tasks as services
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import User
from oranje.core.rest import Pagination
from oranje.incidents.access import incident_for_user
from oranje.incidents.models import Incident

STATUS_FILTERS = ["open", "overdue", *TaskStatus.values]


class EventOut(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    by = serializers.CharField(source="by_name")
    note = serializers.CharField()


class TaskOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    theme = serializers.ChoiceField(choices=Theme.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    owner_name = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    overdue = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    done_at = serializers.DateTimeField(allow_null=True)

    def get_overdue(self, task: AftercareTask) -> bool:
        from django.utils import timezone

        return (
            task.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
            and task.deadline is not None
            and task.deadline < timezone.localdate()
        )


class TaskDetailOut(TaskOut):
    events = EventOut(many=True, source="events.all")


class _TaskFields(serializers.Serializer):
    theme = serializers.ChoiceField(choices=Theme.choices)
    title = FreeTextField(max_length=TITLE_MAX)
    description = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    owner = IdField(
        required=False, allow_null=True, help_text="A user of the incident's region, or null."
    )
    owner_name = FreeTextField(
        max_length=NAME_MAX,
        required=False,
        allow_blank=True,
        help_text="Who carries it out (set from the owner when left empty).",
    )
    deadline = DayField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)


class TaskIn(_TaskFields):
    """A new task (status open unless given)."""


class TaskPatch(_TaskFields):
    """Any of the task's fields; `note` goes with a status change into the history."""

    note = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def _owner(incident: Incident, owner_id: int | None) -> User | None:
    if owner_id is None:
        return None
    owner = selectors.region_users(incident).filter(pk=owner_id).first()
    if owner is None:
        raise ValidationError({"owner": [_("owner: no user with this id in this region.")]})
    return owner


def _task(user: AnyUser, pk: int, *, write: bool = False) -> AftercareTask:
    incident_id = AftercareTask.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise Http404
    return task_for_user(user, incident_for_user(user, incident_id), pk, write=write)


def _detail(task: AftercareTask, code: int = status.HTTP_200_OK) -> Response:
    return Response(TaskDetailOut(AftercareTask.objects.get(pk=task.pk)).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("theme", str, enum=Theme.values),
        OpenApiParameter("status", str, enum=STATUS_FILTERS),
    ],
    request=TaskIn,
    responses={200: TaskOut(many=True), 201: TaskDetailOut},
)
@api_view(["GET", "POST"])
def tasks(request: Request, pk: int) -> Response:
    """The incident's tasks, earliest deadline first; POST adds one."""
    incident = aftercare_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        s = TaskIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        task = services.task_create(
            actor=core_access.authenticated(request.user),
            incident=incident,
            theme=v["theme"],
            title=v["title"],
            description=v.get("description", ""),
            owner=_owner(incident, v.get("owner")),
            owner_name=v.get("owner_name", ""),
            deadline=v.get("deadline"),
            status=v.get("status", TaskStatus.OPEN),
        )
        return _detail(task, status.HTTP_201_CREATED)
    theme = request.query_params.get("theme", "")
    wanted = request.query_params.get("status", "")
    if theme and theme not in Theme.values:
        raise ValidationError(
            {"theme": [_("theme: choose one of %(allowed)s.") % {"allowed": ", ".join(Theme)}]}
        )
    if wanted and wanted not in STATUS_FILTERS:
        raise ValidationError(
            {
                "status": [
                    _("status: choose one of %(allowed)s.") % {"allowed": ", ".join(STATUS_FILTERS)}
                ]
            }
        )
    rows = selectors.task_list(incident, selectors.TaskFilter(theme=theme, status=wanted))
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(TaskOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=TaskDetailOut)
@extend_schema(methods=["PATCH"], request=TaskPatch, responses=TaskDetailOut)
@api_view(["GET", "PATCH"])
def task(request: Request, pk: int) -> Response:
    """One task with its history; PATCH changes it."""
    found = _task(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = TaskPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v: dict[str, Any] = dict(s.validated_data)
        incident = found.incident
        owner = _owner(incident, v["owner"]) if "owner" in v else found.owner
        deadline: dt.date | None = v.get("deadline", found.deadline)
        found = services.task_update(
            actor=core_access.authenticated(request.user),
            task=found,
            theme=v.get("theme", found.theme),
            title=v.get("title", found.title),
            description=v.get("description", found.description),
            owner=owner,
            owner_name=v.get("owner_name", found.owner_name if "owner" not in v else ""),
            deadline=deadline,
            status=v.get("status"),
            note=v.get("note", ""),
        )
    return _detail(found)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/aftercare/tasks/", tasks, name="api-aftercare-tasks"),
    path("aftercare/tasks/<id:pk>/", task, name="api-aftercare-task"),
]
