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
from oranje.core.models import Municipality
from oranje.incidents import errors, selectors, services
from oranje.incidents.access import incident_for_user
from oranje.incidents.constants import ActionStatus, IncidentType, ScalingMode
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
from oranje.organisation.models import Function


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
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=IncidentType.choices)
    started_at = serializers.DateTimeField()
    municipality = serializers.CharField(help_text="CBS code of the municipality of the scene.")
    municipalities = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    is_exercise = serializers.BooleanField(default=False)
    location_text = serializers.CharField(required=False, allow_blank=True, default="")
    point = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="'lat, lon'"
    )
    area = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        required=False,
        default=list,
        help_text="[[lat, lon], …], at least three points.",
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ScaleIn(serializers.Serializer):
    mode = serializers.ChoiceField(choices=ScalingMode.choices)
    grip_level = serializers.IntegerField(required=False, allow_null=True, default=None)
    teams = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    custom_teams = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    reason = serializers.CharField()
    decided_by = serializers.CharField()


class LogEntryOut(serializers.ModelSerializer):
    function = serializers.SlugRelatedField(slug_field="code", read_only=True)
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
    text = serializers.CharField()
    team = serializers.CharField(required=False, allow_blank=True, default="")
    process = serializers.CharField(required=False, allow_blank=True, default="")
    function = serializers.CharField(required=False, allow_blank=True, default="")
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    corrects = serializers.IntegerField(required=False, allow_null=True, default=None)
    client_key = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Your key for this line (e.g. a UUID), unique within the incident: sending "
        "the line again with the same key writes it once and answers 200 with the line "
        "written the first time.",
    )


class DecisionOut(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "team", "decided_by", "decided_at", "text", "process"]


class DecisionIn(serializers.Serializer):
    team = serializers.CharField(allow_blank=True)
    decided_by = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)
    process = serializers.CharField(required=False, allow_blank=True, default="")
    decided_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ActionOut(serializers.ModelSerializer):
    owner_function = serializers.SlugRelatedField(slug_field="code", read_only=True)
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
    text = serializers.CharField()
    owner_function = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateTimeField(required=False, allow_null=True, default=None)
    team = serializers.CharField(required=False, allow_blank=True, default="")
    process = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)


class StatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TickIn(serializers.Serializer):
    item = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    undo = serializers.BooleanField(required=False, default=False)


class ReportIn(serializers.Serializer):
    summary = serializers.CharField(allow_blank=True, default="")
    sections = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True))
    )


class ReportStepIn(serializers.Serializer):
    step = serializers.ChoiceField(choices=["approve", "publish"])


def _function(code: str) -> Function | None:
    if not code:
        return None
    found = Function.objects.filter(code=code.upper()).first()
    if found is None:
        raise serializers.ValidationError({"function": [errors.UNKNOWN_FUNCTION % {"value": code}]})
    return found


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Incidents the user may see; `?exercises=1` lists exercises instead of real ones,
    `?closed=1` includes closed incidents."""

    serializer_class = IncidentOut

    def get_queryset(self):
        return selectors.incident_list(
            self.request.user,
            exercises=self.request.query_params.get("exercises") == "1",
            closed=self.request.query_params.get("closed") == "1" or self.action != "list",
        ).prefetch_related("municipalities", "scaling")

    def get_object(self) -> Incident:
        return incident_for_user(self.request.user, int(self.kwargs["pk"]))

    def _operate(self) -> Incident:
        return incident_for_user(self.request.user, int(self.kwargs["pk"]), operate=True)

    def _command(self) -> Incident:
        return incident_for_user(self.request.user, int(self.kwargs["pk"]), command=True)

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

    @extend_schema(request=ScaleIn, responses={201: ScalingOut})
    @action(detail=True, methods=["post"])
    def scale(self, request: Request, pk: str) -> Response:
        """Scale (GRIP or flexible). The answer lists warnings the caller must show, such as
        a function with nobody on hard on-call."""
        incident = self._command()
        data = _valid(ScaleIn, request.data)
        step, warnings = services.incident_scale(
            actor=core_access.authenticated(request.user), incident=incident, **data
        )
        return Response(
            {**ScalingOut(step).data, "warnings": warnings}, status=status.HTTP_201_CREATED
        )

    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Close the incident."""
        incident = services.incident_close(
            actor=core_access.authenticated(request.user),
            incident=self._command(),
            note=str(request.data.get("note", "")),
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
    def log(self, request: Request, pk: str) -> Response:
        """The logbook, newest first (`after` gives only newer lines); POST appends a line."""
        if request.method == "GET":
            incident = self.get_object()
            after = request.query_params.get("after", "")
            entries = selectors.logbook(
                incident,
                process=request.query_params.get("process", ""),
                team=request.query_params.get("team", ""),
                after=int(after) if after.isdigit() else None,
            )
            return Response(LogEntryOut(entries, many=True).data)
        incident = self._operate()
        data = _valid(LogEntryIn, request.data)
        corrects = None
        if data["corrects"]:
            corrects = incident.log.filter(number=data["corrects"]).first()
            if corrects is None:
                raise serializers.ValidationError(
                    {"corrects": [f"Er is geen regel #{data['corrects']}."]}
                )
        entry = services.log_entry_add(
            actor=core_access.authenticated(request.user),
            incident=incident,
            text=data["text"],
            team=data["team"],
            process=data["process"],
            function=_function(data["function"]),
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
    def decisions(self, request: Request, pk: str) -> Response:
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
    def actions(self, request: Request, pk: str) -> Response:
        """Actions with owner, deadline, status and whether they are overdue."""
        if request.method == "GET":
            return Response(ActionOut(selectors.actions(self.get_object()), many=True).data)
        incident = self._operate()
        data = _valid(ActionIn, request.data)
        decision = (
            incident.decisions.filter(pk=data["decision"]).first() if data["decision"] else None
        )
        created = services.action_create(
            actor=core_access.authenticated(request.user),
            incident=incident,
            text=data["text"],
            owner_function=_function(data["owner_function"]),
            deadline=data["deadline"],
            team=data["team"],
            process=data["process"],
            decision=decision,
        )
        return Response(ActionOut(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusIn, responses=ActionOut)
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<action_pk>\d+)/status")
    def action_status(self, request: Request, pk: str, action_pk: str) -> Response:
        """Move an action to another status."""
        incident = self._operate()
        data = _valid(StatusIn, request.data)
        item = get_object_or_404(incident.actions, pk=int(action_pk))
        item = services.action_set_status(
            actor=core_access.authenticated(request.user), action=item, **data
        )
        return Response(ActionOut(item).data)

    @extend_schema(methods=["POST"], request=TickIn)
    @action(detail=True, methods=["get", "post"])
    def checklists(self, request: Request, pk: str) -> Response:
        """Each function's checklist with what was ticked, when and by whom; POST ticks."""
        if request.method == "POST":
            incident = self._operate()
            data = _valid(TickIn, request.data)
            item = get_object_or_404(ChecklistItem, pk=data["item"])
            user = core_access.authenticated(request.user)
            if data["undo"]:
                tick = incident.ticks.filter(item=item, undone_at__isnull=True).first()
                if tick is not None:
                    services.checklist_untick(actor=user, tick=tick)
            else:
                services.checklist_tick(actor=user, incident=incident, item=item, note=data["note"])
        incident = self.get_object()
        return Response(
            [
                {
                    "function": c.function.code,
                    "items": [
                        {
                            "id": line.item.pk,
                            "text": line.item.text,
                            "ticked_at": line.tick.ticked_at if line.tick else None,
                            "ticked_by": line.tick.ticked_by_name if line.tick else None,
                        }
                        for line in c.lines
                    ],
                }
                for c in selectors.checklists(incident)
            ]
        )

    @extend_schema(methods=["POST"], request=None)
    @action(detail=True, methods=["get", "post"])
    def reports(self, request: Request, pk: str) -> Response:
        """Situation report versions; POST starts a new draft, prefilled."""
        if request.method == "POST":
            report = services.report_draft(
                actor=core_access.authenticated(request.user), incident=self._operate()
            )
            return Response(report_as_dict(report), status=status.HTTP_201_CREATED)
        return Response([report_as_dict(r) for r in self.get_object().reports.all()])

    @extend_schema(methods=["GET"], operation_id="v1_incidents_report_version_retrieve")
    @extend_schema(
        methods=["PUT"], request=ReportIn, operation_id="v1_incidents_report_version_update"
    )
    @extend_schema(
        methods=["POST"], request=ReportStepIn, operation_id="v1_incidents_report_version_step"
    )
    @action(detail=True, methods=["get", "put", "post"], url_path=r"reports/(?P<version>\d+)")
    def report(self, request: Request, pk: str, version: str) -> Response:
        """One version: GET it (the JSON export), PUT changes a draft, POST {"step":
        "approve"|"publish"} moves it on."""
        incident = self.get_object() if request.method == "GET" else self._operate()
        report: SituationReport = get_object_or_404(incident.reports, version=int(version))
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
        return Response(report_as_dict(report))


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)
