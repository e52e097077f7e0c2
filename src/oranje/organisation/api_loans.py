"""API of loans of people across regions (/api/v1/loans/): both regions read a loan; the
lending region's managers lend; either region's managers end a loan early."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.core.models import Region
from oranje.organisation import access
from oranje.organisation import errors_loans as errors
from oranje.organisation.access_loans import loan_for_user, loans_for_user
from oranje.organisation.fields import FunctionCodeField
from oranje.organisation.models import Loan
from oranje.organisation.selectors_loans import effective_end, loan_status, not_over
from oranje.organisation.services.loans import REASON_MAX, loan_create, loan_end

#: More functions than this in one loan is no loan.
MAX_FUNCTIONS = 50


class LoanOut(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    phone = serializers.SerializerMethodField()
    from_region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    to_region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    functions = FunctionCodeField(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    effective_ends_at = serializers.SerializerMethodField()

    class Meta:
        model = Loan
        fields = [
            "id",
            "person",
            "person_name",
            "phone",
            "from_region",
            "to_region",
            "functions",
            "starts_at",
            "ends_at",
            "ended_at",
            "effective_ends_at",
            "status",
            "reason",
        ]

    def get_phone(self, loan: Loan) -> str:
        """The borrowing region sees the phone only while the loan is current or coming."""
        user = self.context["request"].user
        if core_access.can_read_region(user, loan.from_region_id):
            return loan.person.phone
        return loan.person.phone if effective_end(loan) > timezone.now() else ""

    def get_status(self, loan: Loan) -> str:
        return loan_status(loan, timezone.now())

    def get_effective_ends_at(self, loan: Loan) -> str:
        return serializers.DateTimeField().to_representation(effective_end(loan))


def audit_borrowed_read(request: Request, shown: Iterable[Loan]) -> None:
    """Another region's people shown with their phone to a reader of the borrowing region only
    (who cannot read the lending region): audited as the loans page does (`loan.read`), one
    entry per borrowing region with the loans shown."""
    now = timezone.now()
    by_region: dict[int, tuple[Region, list[int]]] = {}
    for loan in shown:
        if core_access.can_read_region(request.user, loan.from_region_id):
            continue
        if effective_end(loan) <= now:
            continue
        by_region.setdefault(loan.to_region_id, (loan.to_region, []))[1].append(loan.pk)
    if not by_region:
        return
    actor = core_access.authenticated(request.user)
    with transaction.atomic():
        for region, pks in by_region.values():
            audit_record(
                actor=actor,
                action=AuditAction.LOAN_READ,
                object_type="loan",
                region=region,
                changes={"loans": [None, sorted(pks)], "channel": "api"},
            )


class LoanIn(serializers.Serializer):
    person = IdField()
    to_region = serializers.CharField(max_length=4, help_text="Region code, e.g. VR16")
    functions = serializers.ListField(
        child=FunctionCodeField(), max_length=MAX_FUNCTIONS, allow_empty=True
    )
    starts_at = MomentField()
    ends_at = MomentField()
    reason = FreeTextField(max_length=REASON_MAX, required=False, allow_blank=True, default="")

    def validate_to_region(self, value: str) -> Region:
        found = Region.objects.filter(code=value.strip().upper()).first()
        if found is None:
            raise serializers.ValidationError(
                str(errors.LOAN_UNKNOWN_REGION % {"value": value[:4]})
            )
        return found


class LoanEndIn(serializers.Serializer):
    reason = FreeTextField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter("region", str, description="Loans of this region, lent or borrowed"),
        OpenApiParameter("open", bool, description="Only current and coming loans"),
    ],
    responses=LoanOut(many=True),
)
@extend_schema(methods=["POST"], request=LoanIn, responses={201: LoanOut})
@api_view(["GET", "POST"])
def loans(request: Request) -> Response:
    """Loans the user may see (GET), or lend a person of your region (POST)."""
    if request.method == "POST":
        data_in = LoanIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        person = access.people_for_user(request.user).filter(pk=data["person"]).first()
        if person is None:
            raise DjangoValidationError({"person": [str(errors.LOAN_UNKNOWN_PERSON)]})
        loan = loan_create(
            actor=core_access.authenticated(request.user),
            from_region=person.region,
            person=person,
            to_region=data["to_region"],
            functions=data["functions"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data["reason"],
        )
        return Response(
            LoanOut(loan, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
    qs = loans_for_user(request.user).prefetch_related("functions")
    code = request.query_params.get("region", "")
    if code:
        region = core_access.region_for_user(request.user, code[:10])
        qs = qs.filter(from_region=region) | qs.filter(to_region=region)
    if request.query_params.get("open") in ("true", "1"):
        qs = qs.filter(not_over(timezone.now()))
    shown = list(qs.order_by("-starts_at", "id"))
    data = LoanOut(shown, many=True, context={"request": request}).data
    audit_borrowed_read(request, shown)
    return Response(data)


@extend_schema(responses=LoanOut)
@api_view(["GET"])
def loan_detail(request: Request, pk: int) -> Response:
    """One loan (both regions read it)."""
    loan = loan_for_user(request.user, pk)
    data = LoanOut(loan, context={"request": request}).data
    audit_borrowed_read(request, [loan])
    return Response(data)


@extend_schema(request=LoanEndIn, responses=LoanOut)
@api_view(["POST"])
def loan_end_api(request: Request, pk: int) -> Response:
    """End a loan early; the row is kept."""
    loan = loan_for_user(request.user, pk, manage=True)
    data_in = LoanEndIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    ended = loan_end(
        actor=core_access.authenticated(request.user),
        loan=loan,
        reason=data_in.validated_data["reason"],
    )
    return Response(LoanOut(ended, context={"request": request}).data)


urls: list[URLPattern] = [
    path("loans/", loans, name="api-loans"),
    path("loans/<id:pk>/", loan_detail, name="api-loan"),
    path("loans/<id:pk>/end/", loan_end_api, name="api-loan-end"),
]
