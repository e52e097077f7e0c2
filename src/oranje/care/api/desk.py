"""Care API: the shelter desk's actions on a household (the check-in itself is checkin.py).

- `GET /api/v1/incidents/<id>/households/by-code/<code>/`: the household whose card was
  typed (K7QM-3XPA) or scanned (the QR payload); 400 naming the code for a card of another
  incident, of an exercise, or unknown.
- `GET /api/v1/households/<id>/`: one household with its persons, needs and stays.
- `POST /api/v1/households/<id>/check-out/`: the whole household, or the listed persons.
- `POST /api/v1/households/<id>/transfer/`: to another open shelter of the incident.

The same doors as the desk's pages: only the care roles of the incident's region (404 for
everyone else); every answer that shows guests writes one audit entry without names."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care.access import (
    care_incident_for_user,
    care_user,
    household_for_user,
    shelter_for_user,
)
from oranje.care.constants import HOUSEHOLD_MAX, NAME_MAX, CheckOutReason
from oranje.care.models import Household
from oranje.care.services.checkin import (
    ShelterFull,
    household_check_out,
    household_transfer,
)
from oranje.care.services.codes import CODE_INPUT_MAX, find_household, qr_payload, show_code
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.fields import FreeTextField, IdField

# ---------------------------------------------------------------- serializers per operation


class GuestOut(serializers.Serializer):
    id = serializers.IntegerField()
    given_names = serializers.CharField()
    prefix = serializers.CharField()
    surname = serializers.CharField()
    birth = serializers.CharField(source="birth_text", help_text="4-3-1950, 3-1950 or 1950")
    phone = serializers.CharField()
    medication = serializers.CharField()
    diet = serializers.CharField()
    mobility_aid = serializers.CharField()
    language = serializers.CharField()
    interpreter = serializers.BooleanField()
    pets = serializers.CharField()
    care_organisation = serializers.CharField()
    share_whereabouts = serializers.BooleanField(allow_null=True)
    present = serializers.BooleanField()


class StayOut(serializers.Serializer):
    shelter = serializers.IntegerField(source="shelter_id")
    shelter_name = serializers.CharField(source="shelter.location.name")
    people = serializers.IntegerField()
    checked_in_at = serializers.DateTimeField()
    checked_out_at = serializers.DateTimeField(allow_null=True)
    out_reason = serializers.CharField()
    out_note = serializers.CharField()


class HouseholdDeskOut(serializers.Serializer):
    """A household as the desk sees it: where it is now, its persons and their needs, its
    stays."""

    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    code = serializers.SerializerMethodField(help_text="As on the card: K7QM-3XPA.")
    qr_payload = serializers.SerializerMethodField()
    name = serializers.CharField()
    phone = serializers.CharField()
    street = serializers.CharField()
    house_number = serializers.IntegerField(allow_null=True)
    house_addition = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    shelter = serializers.IntegerField(
        source="shelter_id", allow_null=True, help_text="Where it is now; null: checked out."
    )
    shelter_name = serializers.CharField(source="shelter.location.name", default="")
    guests = GuestOut(many=True, source="guests.all")
    stays = StayOut(many=True, source="stays.all")

    def get_code(self, household: Household) -> str:
        return show_code(household.code)

    def get_qr_payload(self, household: Household) -> str:
        return qr_payload(
            household.incident_id, household.code, exercise=household.incident.is_exercise
        )


class CheckOutIn(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=[c for c in CheckOutReason.choices if c[0] != CheckOutReason.TRANSFER]
    )
    note = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    guests = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=HOUSEHOLD_MAX,
        help_text="Only these persons (guest ids); left out or empty: the whole household.",
    )


class CheckOutOut(serializers.Serializer):
    people = serializers.IntegerField(help_text="How many persons left.")
    household = HouseholdDeskOut()


class TransferIn(serializers.Serializer):
    shelter = IdField(help_text="An open shelter of the same incident, with room.")


# ---------------------------------------------------------------- helpers


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _fresh(household: Household) -> Household:
    return (
        Household.objects.select_related("incident", "incident__region", "shelter__location")
        .prefetch_related("guests", "stays__shelter__location")
        .get(pk=household.pk)
    )


def _read(request: Request, household: Household, what: str) -> dict[str, Any]:
    """The household's answer, with one audit entry for the read (no names)."""
    fresh = _fresh(household)
    audit_record(
        actor=care_user(request.user),
        action=AuditAction.GUESTS_READ,
        obj=fresh,
        region=fresh.incident.region,
        changes={"shelter": fresh.shelter_id, "page": what},
    )
    return dict(HouseholdDeskOut(fresh).data)


# ---------------------------------------------------------------- operations


@extend_schema(responses=HouseholdDeskOut)
@api_view(["GET"])
def household_by_code(request: Request, pk: int, code: str) -> Response:
    """The incident's household with this card: the code as printed, or the QR payload."""
    incident = care_incident_for_user(request.user, pk, desk=True)
    try:
        household = find_household(incident, code[: CODE_INPUT_MAX + 1])
    except DjangoValidationError as exc:
        raise DjangoValidationError({"code": exc.messages}) from None
    household_for_user(request.user, household.pk)
    return Response(_read(request, household, "api by code"))


@extend_schema(responses=HouseholdDeskOut)
@api_view(["GET"])
def household(request: Request, pk: int) -> Response:
    found = household_for_user(request.user, pk)
    return Response(_read(request, found, "api household"))


@extend_schema(request=CheckOutIn, responses=CheckOutOut)
@api_view(["POST"])
def check_out(request: Request, pk: int) -> Response:
    """Check the household (or the listed persons) out of the shelter it is in."""
    found = household_for_user(request.user, pk)
    data = _valid(CheckOutIn, request.data)
    left = household_check_out(
        household=found,
        actor=care_user(request.user),
        reason=data["reason"],
        note=data["note"].strip(),
        guest_ids=data.get("guests") or None,
    )
    return Response({"people": left, "household": _read(request, found, "api check-out")})


class FullOut(serializers.Serializer):
    non_field_errors = serializers.ListField(child=serializers.CharField())
    alternative = serializers.IntegerField(
        allow_null=True, help_text="The nearest open shelter of the incident with room."
    )


@extend_schema(request=TransferIn, responses={200: HouseholdDeskOut, 409: FullOut})
@api_view(["POST"])
def transfer(request: Request, pk: int) -> Response:
    """Move the household to another open shelter of the incident; 409 when that one is
    full, naming the nearest open shelter with room."""
    found = household_for_user(request.user, pk)
    data = _valid(TransferIn, request.data)
    target = shelter_for_user(request.user, data["shelter"], desk=True)
    try:
        household_transfer(household=found, to=target, actor=care_user(request.user))
    except ShelterFull as full:
        alternative = full.alternative.pk if full.alternative is not None else None
        return Response(
            FullOut({"non_field_errors": full.messages, "alternative": alternative}).data,
            status=status.HTTP_409_CONFLICT,
        )
    return Response(_read(request, found, "api transfer"))


urls: list[URLPattern] = [
    path(
        "incidents/<id:pk>/households/by-code/<str:code>/",
        household_by_code,
        name="api-household-by-code",
    ),
    path("households/<id:pk>/", household, name="api-household"),
    path("households/<id:pk>/check-out/", check_out, name="api-household-check-out"),
    path("households/<id:pk>/transfer/", transfer, name="api-household-transfer"),
]
