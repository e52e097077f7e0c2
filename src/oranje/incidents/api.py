"""The incident room's JSON API: incidents, scaling, logbook, decisions, actions,
checklists and situation reports. Writes go through the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.core.models import Municipality
from oranje.core.text import LONG_TEXT
from oranje.incidents import errors, selectors, services
from oranje.incidents.access import incident_for_user
from oranje.incidents.constants import (
    ActionStatus,
    GripLevel,
    IncidentType,
    Process,
    ReportStatus,
    ScalingMode,
)
from oranje.incidents.models import (
    Action,
    ChecklistItem,
    Decision,
    Incident,
    LogEntry,
    ScalingStep,
    SituationReport,
)
from oranje.incidents.reports import report_as_dict
from oranje.incidents.services.checklists import active_tick
from oranje.incidents.services.parsing import MAX_AREA_POINTS
from oranje.organisation.fields import FunctionCodeField


class ScalingOut(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]

    class Meta:
        model = ScalingStep
        fields = [
            "id",
            "at",
            "mode",
            "grip_level",
            "teams",
            "custom_teams",
            "label",
            "reason",
            "decided_by",
        ]


class ScaleOut(ScalingOut):
    """The new scaling step, with what the caller must show (nobody on hard on-call …)."""

    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(ScalingOut.Meta):
        fields = [*ScalingOut.Meta.fields, "warnings"]


class IncidentOut(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)
    scaling = ScalingOut(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "region",
            "title",
            "kind",
            "is_exercise",
            "started_at",
            "location_text",
            "latitude",
            "longitude",
            "area",
            "municipality",
            "municipalities",
            "description",
            "closed_at",
            "close_note",
            "scaling",
        ]


class IncidentIn(serializers.Serializer):
    region = serializers.CharField(help_text="Region code, e.g. VR12.")
    title = FreeTextField(max_length=200)
    kind = serializers.ChoiceField(choices=IncidentType.choices)
    started_at = MomentField()
    municipality = serializers.CharField(help_text="CBS code of the municipality of the scene.")
    municipalities = serializers.ListField(
        child=serializers.CharField(max_length=6), required=False, default=list, max_length=400
    )
    is_exercise = serializers.BooleanField(default=False)
    location_text = FreeTextField(required=False, allow_blank=True, default="", max_length=255)
    point = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100, help_text="'lat, lon'"
    )
    area = serializers.ListField(
        child=serializers.ListField(
            child=serializers.FloatField(min_value=-180, max_value=180),
            min_length=2,
            max_length=2,
        ),
        required=False,
        default=list,
        max_length=MAX_AREA_POINTS,
        help_text="[[lat, lon], …], at least three points.",
    )
    description = FreeTextField(required=False, allow_blank=True, default="", max_length=LONG_TEXT)


class CloseIn(serializers.Serializer):
    note = FreeTextField(required=False, allow_blank=True, default="")


class ScaleIn(serializers.Serializer):
    mode = serializers.ChoiceField(choices=ScalingMode.choices)
    grip_level = serializers.ChoiceField(
        choices=GripLevel.choices, required=False, allow_null=True, default=None
    )
    teams = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, default=list, max_length=50
    )
    custom_teams = serializers.ListField(
        child=FreeTextField(max_length=60), required=False, default=list, max_length=50
    )
    reason = FreeTextField()
    decided_by = FreeTextField(max_length=150)
    scale_down = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirms a lower level or fewer teams than before (afschalen).",
    )


class LogEntryOut(serializers.ModelSerializer):
    function = FunctionCodeField(read_only=True)
    corrects = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta:
        model = LogEntry
        fields = [
            "number",
            "at",
            "recorded_at",
            "author_name",
            "function",
            "team",
            "process",
            "kind",
            "text",
            "corrects",
            "attachment_name",
            "client_key",
        ]


class LogEntryIn(serializers.Serializer):
    text = FreeTextField()
    team = FreeTextField(required=False, allow_blank=True, default="", max_length=60)
    process = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    function = FunctionCodeField(required=False, allow_null=True, default=None)
    at = MomentField(required=False, allow_null=True, default=None)
    corrects = IdField(required=False, allow_null=True, default=None)
    client_key = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=64,
        help_text="Your key for this line (e.g. a UUID), unique within the incident: sending "
        "the line again with the same key writes it once and answers 200 with the line "
        "written the first time.",
    )


class DecisionOut(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "team", "decided_by", "decided_at", "text", "process"]


class DecisionIn(serializers.Serializer):
    team = FreeTextField(allow_blank=True, max_length=60)
    decided_by = FreeTextField(allow_blank=True, max_length=150)
    text = FreeTextField(allow_blank=True)
    process = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    decided_at = MomentField(required=False, allow_null=True, default=None)


class ActionOut(serializers.ModelSerializer):
    owner_function = FunctionCodeField(read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "text",
            "owner_function",
            "team",
            "process",
            "deadline",
            "status",
            "overdue",
            "decision",
            "done_at",
        ]


class ActionIn(serializers.Serializer):
    text = FreeTextField()
    owner_function = FunctionCodeField(required=False, allow_null=True, default=None)
    deadline = MomentField(required=False, allow_null=True, default=None)
    team = FreeTextField(required=False, allow_blank=True, default="", max_length=60)
    process = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    decision = IdField(required=False, allow_null=True, default=None)


class StatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    note = FreeTextField(required=False, allow_blank=True, default="")


class TickIn(serializers.Serializer):
    item = IdField()
    note = FreeTextField(required=False, allow_blank=True, default="", max_length=255)
    undo = serializers.BooleanField(required=False, default=False)


class ReportIn(serializers.Serializer):
    summary = FreeTextField(allow_blank=True, default="", max_length=LONG_TEXT)
    # Sections per process, each with its parts; unknown keys are dropped by the service.
    sections = serializers.DictField(
        child=serializers.DictField(child=FreeTextField(allow_blank=True, max_length=LONG_TEXT))
    )


class ReportStepIn(serializers.Serializer):
    step = serializers.ChoiceField(choices=["approve", "publish"])


class ChecklistLineOut(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    text = serializers.CharField(source="item.text")
    ticked_at = serializers.DateTimeField(source="tick.ticked_at", allow_null=True, default=None)
    ticked_by = serializers.CharField(source="tick.ticked_by_name", allow_null=True, default=None)


class ChecklistOut(serializers.Serializer):
    """One function's checklist in this incident, with what was ticked when and by whom: its
    tasks, the questions it puts to the administrators, and the instruction for the role."""

    function = FunctionCodeField(read_only=True)
    instruction = serializers.CharField(
        source="instruction.text",
        allow_null=True,
        default=None,
        help_text="The instruction for the role (the region's own, else the national one).",
    )
    items = ChecklistLineOut(source="lines", many=True)
    questions = ChecklistLineOut(
        many=True, help_text="Questions for administrators; ticked like the items."
    )


class ReportIncidentOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.ChoiceField(choices=IncidentType.choices)
    region = serializers.CharField()
    municipality = serializers.CharField(help_text="Name of the municipality of the scene.")
    location = serializers.CharField(allow_blank=True)
    started_at = serializers.DateTimeField()
    scaling = serializers.CharField(allow_null=True)


class ReportSectionOut(serializers.Serializer):
    process = serializers.ChoiceField(choices=Process.choices)
    label = serializers.CharField()  # type: ignore[assignment]
    picture = serializers.CharField(allow_blank=True)
    judgement = serializers.CharField(allow_blank=True)
    advice = serializers.CharField(allow_blank=True)


class ReportOut(serializers.Serializer):
    """A situation report version as the JSON export gives it (incidents.reports)."""

    exercise = serializers.BooleanField()
    marking = serializers.CharField(allow_blank=True, help_text="OEFENING for an exercise.")
    incident = ReportIncidentOut()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    created_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    summary = serializers.CharField(allow_blank=True)
    sections = ReportSectionOut(many=True)
    figures = serializers.DictField()


def _report(report: SituationReport) -> Any:
    return ReportOut(report_as_dict(report)).data


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Incidents the user may see; `?exercises=1` lists exercises instead of real ones,
    `?closed=1` includes closed incidents."""

    lookup_value_converter = "id"

    serializer_class = IncidentOut

    def get_queryset(self):
        return selectors.incident_list(
            self.request.user,
            exercises=self.request.query_params.get("exercises") == "1",
            closed=self.request.query_params.get("closed") == "1" or self.action != "list",
        ).prefetch_related("municipalities", "scaling")

    def get_object(self) -> Incident:
        return incident_for_user(self.request.user, self.kwargs["pk"])

    def _operate(self) -> Incident:
        return incident_for_user(self.request.user, self.kwargs["pk"], operate=True)

    def _command(self) -> Incident:
        return incident_for_user(self.request.user, self.kwargs["pk"], command=True)

    @extend_schema(request=IncidentIn, responses={201: IncidentOut})
    def create(self, request: Request) -> Response:
        """Start an incident (real or exercise)."""
        data = _valid(IncidentIn, request.data)
        region = core_access.region_for_user(request.user, data["region"])
        municipalities = {
            m.cbs_code: m
            for m in Municipality.objects.filter(
                cbs_code__in=[data["municipality"], *data["municipalities"]]
            )
        }
        unknown = [
            c for c in [data["municipality"], *data["municipalities"]] if c not in municipalities
        ]
        if unknown:
            raise serializers.ValidationError(
                {"municipality": [errors.UNKNOWN_MUNICIPALITY % {"value": c} for c in unknown]}
            )
        point = services.parse_point(data["point"]) if data["point"] else None
        area = (
            services.parse_polygon("\n".join(f"{lat}, {lon}" for lat, lon in data["area"]))
            if data["area"]
            else []
        )
        incident = services.incident_start(
            actor=core_access.authenticated(request.user),
            region=region,
            title=data["title"],
            kind=data["kind"],
            started_at=data["started_at"],
            municipality=municipalities[data["municipality"]],
            municipalities=[municipalities[c] for c in data["municipalities"]],
            is_exercise=data["is_exercise"],
            location_text=data["location_text"],
            point=point,
            area=area,
            description=data["description"],
        )
        return Response(IncidentOut(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ScaleIn, responses={201: ScaleOut})
    @action(detail=True, methods=["post"])
    def scale(self, request: Request, pk: int) -> Response:
        """Scale (GRIP or flexible). The answer lists warnings the caller must show, such as
        a function with nobody on hard on-call."""
        incident = self._command()
        data = _valid(ScaleIn, request.data)
        step, warnings = services.incident_scale(
            actor=core_access.authenticated(request.user), incident=incident, **data
        )
        step.warnings = warnings  # type: ignore[attr-defined]
        return Response(ScaleOut(step).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseIn, responses={200: IncidentOut})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: int) -> Response:
        """Close the incident."""
        incident = self._command()
        data = _valid(CloseIn, request.data)
        incident = services.incident_close(
            actor=core_access.authenticated(request.user), incident=incident, note=data["note"]
        )
        return Response(IncidentOut(incident).data)

    @extend_schema(
        methods=["GET"],
        parameters=[
            OpenApiParameter("after", int),
            OpenApiParameter("process", str),
            OpenApiParameter("team", str),
        ],
        responses=LogEntryOut(many=True),
    )
    @extend_schema(
        methods=["POST"], request=LogEntryIn, responses={201: LogEntryOut, 200: LogEntryOut}
    )
    @action(detail=True, methods=["get", "post"])
    def log(self, request: Request, pk: int) -> Response:
        """The logbook, newest first (`after` gives only newer lines); POST appends a line."""
        if request.method == "GET":
            incident = self.get_object()
            entries = selectors.logbook(
                incident,
                process=request.query_params.get("process", ""),
                team=request.query_params.get("team", ""),
                after=params.optional_int(request.query_params, "after"),
            )
            return Response(LogEntryOut(entries, many=True).data)
        incident = self._operate()
        data = _valid(LogEntryIn, request.data)
        corrects = None
        if data["corrects"]:
            corrects = incident.log.filter(number=data["corrects"]).first()
            if corrects is None:
                raise serializers.ValidationError(
                    {"corrects": [errors.UNKNOWN_LOG_LINE % {"value": data["corrects"]}]}
                )
        entry = services.log_entry_add(
            actor=core_access.authenticated(request.user),
            incident=incident,
            text=data["text"],
            team=data["team"],
            process=data["process"],
            function=data["function"],
            at=data["at"],
            corrects=corrects,
            client_key=data["client_key"],
        )
        return Response(
            LogEntryOut(entry).data,
            status=status.HTTP_200_OK if entry.replayed else status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["GET"], responses=DecisionOut(many=True))
    @extend_schema(methods=["POST"], request=DecisionIn, responses={201: DecisionOut})
    @action(detail=True, methods=["get", "post"])
    def decisions(self, request: Request, pk: int) -> Response:
        """Decisions; POST records one (a team is required)."""
        if request.method == "GET":
            return Response(DecisionOut(self.get_object().decisions.all(), many=True).data)
        incident = self._operate()  # the door before the form
        data = _valid(DecisionIn, request.data)
        decision = services.decision_record(
            actor=core_access.authenticated(request.user), incident=incident, **data
        )
        return Response(DecisionOut(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=ActionOut(many=True))
    @extend_schema(methods=["POST"], request=ActionIn, responses={201: ActionOut})
    @action(detail=True, methods=["get", "post"])
    def actions(self, request: Request, pk: int) -> Response:
        """Actions with owner, deadline, status and whether they are overdue."""
        if request.method == "GET":
            return Response(ActionOut(selectors.actions(self.get_object()), many=True).data)
        incident = self._operate()
        data = _valid(ActionIn, request.data)
        decision = None
        if data["decision"] is not None:
            decision = incident.decisions.filter(pk=data["decision"]).first()
            if decision is None:
                raise serializers.ValidationError(
                    {"decision": [errors.UNKNOWN_DECISION % {"value": data["decision"]}]}
                )
        created = services.action_create(
            actor=core_access.authenticated(request.user),
            incident=incident,
            text=data["text"],
            owner_function=data["owner_function"],
            deadline=data["deadline"],
            team=data["team"],
            process=data["process"],
            decision=decision,
        )
        return Response(ActionOut(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusIn, responses=ActionOut)
    @action(detail=True, methods=["post"], url_path="actions/<id:action_pk>/status")
    def action_status(self, request: Request, pk: int, action_pk: int) -> Response:
        """Move an action to another status."""
        incident = self._operate()
        data = _valid(StatusIn, request.data)
        item = get_object_or_404(incident.actions, pk=action_pk)
        item = services.action_set_status(
            actor=core_access.authenticated(request.user), action=item, **data
        )
        return Response(ActionOut(item).data)

    @extend_schema(methods=["GET"], responses=ChecklistOut(many=True))
    @extend_schema(methods=["POST"], request=TickIn, responses=ChecklistOut(many=True))
    @action(detail=True, methods=["get", "post"])
    def checklists(self, request: Request, pk: int) -> Response:
        """Each function's checklist with what was ticked, when and by whom; POST ticks."""
        if request.method == "POST":
            incident = self._operate()
            data = _valid(TickIn, request.data)
            item = get_object_or_404(ChecklistItem, pk=data["item"])
            user = core_access.authenticated(request.user)
            if data["undo"]:
                tick = active_tick(incident, item)
                if tick is not None:
                    services.checklist_untick(actor=user, tick=tick)
            else:
                services.checklist_tick(actor=user, incident=incident, item=item, note=data["note"])
        incident = self.get_object()
        return Response(ChecklistOut(selectors.checklists(incident), many=True).data)

    @extend_schema(methods=["GET"], responses=ReportOut(many=True))
    @extend_schema(methods=["POST"], request=None, responses={201: ReportOut})
    @action(detail=True, methods=["get", "post"])
    def reports(self, request: Request, pk: int) -> Response:
        """Situation report versions; POST starts a new draft, prefilled."""
        if request.method == "POST":
            report = services.report_draft(
                actor=core_access.authenticated(request.user), incident=self._operate()
            )
            return Response(_report(report), status=status.HTTP_201_CREATED)
        return Response([_report(r) for r in self.get_object().reports.all()])

    @extend_schema(
        methods=["GET"], responses=ReportOut, operation_id="v1_incidents_report_version_retrieve"
    )
    @extend_schema(
        methods=["PUT"],
        request=ReportIn,
        responses=ReportOut,
        operation_id="v1_incidents_report_version_update",
    )
    @extend_schema(
        methods=["POST"],
        request=ReportStepIn,
        responses=ReportOut,
        operation_id="v1_incidents_report_version_step",
    )
    @action(detail=True, methods=["get", "put", "post"], url_path="reports/<id:version>")
    def report(self, request: Request, pk: int, version: int) -> Response:
        """One version: GET it (the JSON export), PUT changes a draft, POST {"step":
        "approve"|"publish"} moves it on."""
        incident = self.get_object() if request.method == "GET" else self._operate()
        report: SituationReport = get_object_or_404(incident.reports, version=version)
        user = core_access.authenticated(request.user)
        if request.method == "PUT":
            data = _valid(ReportIn, request.data)
            report = services.report_update(actor=user, report=report, **data)
        elif request.method == "POST":
            self._command()  # approving and publishing are for those who lead the incident
            step = _valid(ReportStepIn, request.data)["step"]
            if step == "approve":
                report = services.report_approve(actor=user, report=report)
            else:
                report = services.report_publish(actor=user, report=report)
        return Response(_report(report))


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)
