"""The readiness room's JSON API: profiles, activities (and their import), passports,
matrices, national counts, exercises and alarm tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import DayField, FreeTextField, IdField, MomentField
from oranje.core.text import LONG_TEXT
from oranje.organisation.access import person_for_user
from oranje.organisation.constants import PersonKind
from oranje.organisation.fields import FunctionCodeField
from oranje.organisation.models import Pool
from oranje.readiness import access, selectors, services
from oranje.readiness.api_certification import ProviderField
from oranje.readiness.constants import ActivityKind, ExerciseType, RequirementKind
from oranje.readiness.evaluation import FOREVER
from oranje.readiness.imports import activity_import, read_table
from oranje.readiness.models import Activity, Exercise, QualificationProfile

#: Bounds of what one request may ask: people in one record or exercise, requirements in a
#: profile, months of validity, a count of activities.
MAX_PEOPLE = 2000
MAX_REQUIREMENTS = 100
MAX_MONTHS = 1200
MAX_COUNT = 1000


class ActivityOut(serializers.ModelSerializer):
    function = FunctionCodeField(read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True, default=None)

    class Meta:
        model = Activity
        fields = [
            "id",
            "person",
            "kind",
            "code",
            "title",
            "exercise_type",
            "function",
            "completed_on",
            "hours",
            "passed",
            "score",
            "external_id",
            "exercise",
            "provider",
            "provider_name",
            "certificate_number",
            "certificate_expires_on",
        ]


class ActivityIn(serializers.Serializer):
    persons = serializers.ListField(child=IdField(), min_length=1, max_length=MAX_PEOPLE)
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = FreeTextField(max_length=200)
    code = FreeTextField(max_length=40, required=False, allow_blank=True, default="")
    completed_on = DayField()
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, default=Decimal(0)
    )
    passed = serializers.BooleanField(required=False, allow_null=True, default=None)
    score = serializers.DecimalField(
        max_digits=3, decimal_places=1, required=False, allow_null=True, default=None
    )
    function = FunctionCodeField(required=False, allow_null=True, default=None)
    exercise_type = serializers.ChoiceField(
        choices=ExerciseType.choices, required=False, allow_blank=True, default=""
    )
    provider = ProviderField(required=False, allow_null=True, default=None)
    certificate_number = FreeTextField(max_length=60, required=False, allow_blank=True, default="")
    certificate_expires_on = DayField(required=False, allow_null=True, default=None)


class ActivityViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Activity records of the people the user may see. Filter with `person`."""

    lookup_value_converter = "id"

    serializer_class = ActivityOut

    def get_queryset(self):
        qs = access.activities_for_user(self.request.user)
        person = params.optional_id(self.request.query_params, "person")
        return qs.filter(person_id=person) if person is not None else qs

    @extend_schema(request=ActivityIn, responses={201: ActivityOut(many=True)})
    def create(self, request: Request) -> Response:
        data_in = ActivityIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        persons = [person_for_user(request.user, pk, manage=True) for pk in data.pop("persons")]
        created = services.activity_record(
            actor=core_access.authenticated(request.user), persons=persons, **data
        )
        return Response(ActivityOut(created, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "ActivityImportIn", {"file": serializers.FileField()}
            )
        },
        parameters=[OpenApiParameter("region", str, required=True)],
        responses={
            201: inline_serializer(
                "ActivityImportOut",
                {"created": serializers.IntegerField(), "skipped": serializers.IntegerField()},
            )
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_(self, request: Request) -> Response:
        """Import activity records (CSV or .xlsx): all rows or none; known external ids skipped."""
        region = core_access.region_for_user(request.user, request.query_params.get("region", ""))
        upload = request.FILES.get("file")
        if upload is None:
            raise DjangoValidationError({"file": ["Kies een bestand."]})
        report = activity_import(
            actor=core_access.authenticated(request.user),
            region=region,
            rows=read_table(upload, upload.name),
            filename=upload.name,
        )
        if not report.ok:
            errors = [
                {"line": e.line, "field": e.field, "message": e.message} for e in report.errors
            ]
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"created": report.created, "skipped": report.skipped}, status=status.HTTP_201_CREATED
        )


class RequirementIO(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequirementKind.choices)
    code = FreeTextField(max_length=40, required=False, allow_blank=True, default="")
    # Shadows Field.label in the class body only; the serializer metaclass collects it.
    label = FreeTextField(max_length=150)  # type: ignore[assignment]
    valid_months = serializers.IntegerField(
        min_value=1, max_value=MAX_MONTHS, required=False, allow_null=True, default=None
    )
    min_count = serializers.IntegerField(
        min_value=1, max_value=MAX_COUNT, required=False, allow_null=True, default=None
    )
    min_hours = serializers.DecimalField(
        max_digits=6, decimal_places=1, required=False, allow_null=True, default=None
    )
    window_months = serializers.IntegerField(
        min_value=1, max_value=MAX_MONTHS, required=False, default=12
    )
    requires_accredited = serializers.BooleanField(required=False, default=False)


class ProfileOut(serializers.ModelSerializer):
    function = FunctionCodeField(read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requirements = RequirementIO(many=True, read_only=True)

    class Meta:
        model = QualificationProfile
        fields = ["id", "function", "region", "version", "published_at", "note", "requirements"]


class ProfileIn(serializers.Serializer):
    function = FunctionCodeField()
    region = serializers.CharField(
        required=False, allow_null=True, default=None, help_text="Empty: national"
    )
    requirements = RequirementIO(many=True, max_length=MAX_REQUIREMENTS)  # type: ignore[call-arg]
    note = FreeTextField(required=False, allow_blank=True, default="")


class ProfileViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """All versions of the national qualification profiles and of the regional ones of the
    regions the user may see (newest first)."""

    lookup_value_converter = "id"

    serializer_class = ProfileOut

    def get_queryset(self):
        return access.profiles_for_user(self.request.user).prefetch_related("requirements")

    @extend_schema(request=ProfileIn, responses={201: ProfileOut})
    def create(self, request: Request) -> Response:
        """Publish a new version of a national or regional profile."""
        data_in = ProfileIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        function = data["function"]
        region = (
            core_access.region_for_user(request.user, data["region"]) if data["region"] else None
        )
        profile = services.profile_publish(
            actor=core_access.authenticated(request.user),
            function=function,
            region=region,
            requirements=[dict(r) for r in data["requirements"]],
            note=data["note"],
        )
        return Response(ProfileOut(profile).data, status=status.HTTP_201_CREATED)


class ExerciseOut(serializers.ModelSerializer):
    functions = FunctionCodeField(many=True, read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Exercise
        fields = [
            "id",
            "region",
            "title",
            "exercise_type",
            "starts_at",
            "hours",
            "scenario",
            "functions",
            "status",
        ]


class ExerciseIn(serializers.Serializer):
    region = serializers.CharField()
    title = FreeTextField(max_length=200)
    exercise_type = serializers.ChoiceField(choices=ExerciseType.choices)
    starts_at = MomentField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=1, default=Decimal(2))
    scenario = FreeTextField(required=False, allow_blank=True, default="", max_length=LONG_TEXT)
    functions = FunctionCodeField(many=True, required=False, default=list)
    participants = serializers.ListField(
        child=inline_serializer(
            "ParticipantIn",
            {
                "person": IdField(),
                "function": FunctionCodeField(required=False, allow_null=True),
            },
        ),
        required=False,
        default=list,
        max_length=MAX_PEOPLE,
    )
    observers = serializers.ListField(
        child=IdField(), required=False, default=list, max_length=MAX_PEOPLE
    )


class CompletionIn(serializers.Serializer):
    attendance = serializers.ListField(
        child=inline_serializer(
            "AttendanceIn",
            {
                "participant": IdField(),
                "attended": serializers.BooleanField(),
                "observation": FreeTextField(required=False, allow_blank=True, default=""),
            },
        ),
        max_length=MAX_PEOPLE,
    )
    learning_points = serializers.ListField(
        child=FreeTextField(), required=False, default=list, max_length=MAX_PEOPLE
    )


class ExerciseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Exercises in the regions the user may see."""

    lookup_value_converter = "id"

    serializer_class = ExerciseOut

    def get_queryset(self):
        return access.exercises_for_user(self.request.user).prefetch_related("functions")

    @extend_schema(request=ExerciseIn, responses={201: ExerciseOut})
    def create(self, request: Request) -> Response:
        data_in = ExerciseIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        region = core_access.region_for_user(request.user, data["region"])
        # Every participant and observer gets (or may get) a record: each must be someone
        # the user manages, as for a single activity.
        participants = [
            (person_for_user(request.user, p["person"], manage=True), p.get("function"))
            for p in data["participants"]
        ]
        exercise = services.exercise_plan(
            actor=core_access.authenticated(request.user),
            region=region,
            title=data["title"],
            exercise_type=data["exercise_type"],
            starts_at=data["starts_at"],
            hours=data["hours"],
            scenario=data["scenario"],
            functions=data["functions"],
            participants=participants,
            observers=[person_for_user(request.user, pk, manage=True) for pk in data["observers"]],
        )
        return Response(ExerciseOut(exercise).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompletionIn, responses={200: ActivityOut(many=True)})
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: int) -> Response:
        """Record attendance, observations and learning points; attendance becomes activities."""
        exercise = access.exercise_for_user(request.user, self.get_object().pk, manage=True)
        data_in = CompletionIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        attendance = {
            a["participant"]: (a["attended"], a.get("observation", ""))
            for a in data_in.validated_data["attendance"]
        }
        created = services.exercise_complete(
            actor=core_access.authenticated(request.user),
            exercise=exercise,
            attendance=attendance,
            learning_points=[(t, None) for t in data_in.validated_data["learning_points"]],
        )
        return Response(ActivityOut(created, many=True).data)


class AlarmLineOut(serializers.Serializer):
    person = serializers.IntegerField(source="recipient.person_id")
    function = serializers.CharField(source="recipient.function.code")
    sent_at = serializers.DateTimeField(source="recipient.sent_at")
    delivery_error = serializers.CharField(source="recipient.delivery_error")
    answer = serializers.CharField(source="recipient.answer")
    eta_minutes = serializers.IntegerField(source="recipient.eta_minutes", allow_null=True)
    response_minutes = serializers.FloatField(allow_null=True)
    total_minutes = serializers.FloatField(allow_null=True)
    norm_minutes = serializers.IntegerField(source="recipient.norm_minutes", allow_null=True)
    within_norm = serializers.BooleanField(allow_null=True)


class AlarmTestIn(serializers.Serializer):
    region = serializers.CharField()
    functions = FunctionCodeField(many=True, allow_empty=False)
    message = FreeTextField(required=False, allow_blank=True, default="")


class AlarmTestOut(serializers.Serializer):
    id = serializers.IntegerField()
    started_at = serializers.DateTimeField()


class AlarmTestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Unannounced alarm tests; `retrieve` gives the report."""

    lookup_value_converter = "id"

    serializer_class = AlarmTestOut

    def get_queryset(self):
        return access.alarm_tests_for_user(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(
            [{"id": t.pk, "started_at": t.started_at} for t in self.get_queryset()[:100]]
        )

    @extend_schema(responses=AlarmLineOut(many=True))
    def retrieve(self, request: Request, pk: int) -> Response:
        test = self.get_queryset().filter(pk=pk).first()
        if test is None:
            raise Http404
        return Response(AlarmLineOut(selectors.alarm_report(test), many=True).data)

    @extend_schema(request=AlarmTestIn, responses={201: AlarmLineOut(many=True)})
    def create(self, request: Request) -> Response:
        data_in = AlarmTestIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        region = core_access.region_for_user(request.user, data_in.validated_data["region"])
        functions = data_in.validated_data["functions"]
        test = services.alarm_test_start(
            actor=core_access.authenticated(request.user),
            region=region,
            functions=functions,
            message=data_in.validated_data["message"],
        )
        return Response(
            AlarmLineOut(selectors.alarm_report(test), many=True).data,
            status=status.HTTP_201_CREATED,
        )


class MatrixColumnOut(serializers.Serializer):
    function = FunctionCodeField(read_only=True)
    qualified = serializers.IntegerField()
    lapsing = serializers.IntegerField()
    minimum = serializers.IntegerField(allow_null=True)
    without_path = serializers.IntegerField(
        help_text="Civil servants without a path who hold the function (not counted)."
    )


class MatrixRowOut(serializers.Serializer):
    person = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=PersonKind.choices)
    status = serializers.DictField(
        child=serializers.CharField(),
        help_text="Readiness status per function code; 'without_path' for a civil servant.",
    )


class MatrixOut(serializers.Serializer):
    """People × functions: per function the counts against the minimum, per person the
    status in each function."""

    columns = MatrixColumnOut(many=True)
    rows = MatrixRowOut(many=True)


class PassportRowOut(serializers.Serializer):
    function = serializers.CharField(source="function.code")
    status = serializers.CharField()
    qualified_until = serializers.DateField(allow_null=True)
    reason = serializers.CharField()
    requirements = serializers.ListField(
        child=serializers.CharField(), source="requirement_reasons"
    )


@extend_schema(responses=PassportRowOut(many=True))
@api_view(["GET"])
def passport(request: Request, pk: int) -> Response:
    """A person's readiness per function, with the reason in words."""
    person = person_for_user(request.user, pk)
    rows = selectors.passport(person, timezone.localdate())
    for row in rows:
        row.requirement_reasons = [line.reason for line in row.requirements]  # type: ignore[attr-defined]
        if row.qualified_until == FOREVER:
            row.qualified_until = None
    return Response(PassportRowOut(rows, many=True).data)


@extend_schema(
    parameters=[OpenApiParameter("pool", int), OpenApiParameter("function", str, many=True)],
    responses=MatrixOut,
)
@api_view(["GET"])
def region_matrix(request: Request, code: str) -> Response:
    """People × functions with each cell's status and the counts against the minimum."""
    region = core_access.region_for_user(request.user, code)
    pool_id = params.optional_id(request.query_params, "pool")
    pool = Pool.objects.filter(region=region, pk=pool_id).first() if pool_id else None
    result = selectors.matrix(
        region,
        timezone.localdate(),
        pool=pool,
        function_codes=request.query_params.getlist("function") or None,
    )
    codes = [c.function.code for c in result.columns]
    rows = [
        {
            "person": p.pk,
            "name": p.full_name,
            "kind": p.kind,
            "status": dict(zip(codes, cells, strict=True)),
        }
        for p, cells in [*result.rows, *result.civil_rows]
    ]
    return Response(MatrixOut({"columns": result.columns, "rows": rows}).data)


@extend_schema(
    responses=inline_serializer(
        "NationalCountOut",
        {
            "function": serializers.CharField(),
            "qualified": serializers.IntegerField(),
            "lapsing": serializers.IntegerField(),
            "not_qualified": serializers.IntegerField(),
            "without_path": serializers.IntegerField(),
        },
        many=True,
    )
)
@api_view(["GET"])
def national(request: Request) -> Response:
    """Per function across all regions: qualified, lapsing within 90 days, not qualified."""
    return Response(
        [
            {
                "function": r["function__code"],
                "qualified": r["qualified"],
                "lapsing": r["lapsing"],
                "not_qualified": r["not_qualified"],
                "without_path": r["without_path"],
            }
            for r in selectors.national_counts(timezone.localdate())
        ]
    )
