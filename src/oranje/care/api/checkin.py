"""Care API: checking a household in at a shelter.

`POST /api/v1/shelters/<id>/check-in/` with a `client_key` chosen by the client (a UUID):
201 with the household written, 200 with the same household when the key was sent before
(the tablet's retry after a lost answer), 409 when the shelter is full (the Dutch message
and the nearest open shelter with room), 400 with the field errors. Only the care roles of
the shelter's region get past the door (404 for everyone else, as for the guests' pages).

`check_in_outcome` is the one place that turns a parsed check-in into an answer: the offline
desk's sync (views/offline.py) uses it for every item of a batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care.access import care_user, shelter_for_user
from oranje.care.constants import HOUSEHOLD_MAX, NAME_MAX, PHONE_MAX
from oranje.care.models import Household, Shelter
from oranje.care.services.checkin import GuestData, HouseholdData, ShelterFull, household_check_in
from oranje.core.fields import FreeTextField
from oranje.core.models import User
from oranje.registry import validation
from oranje.registry.api.parsing import FieldParser

CLIENT_KEY_MAX = 64


def _text(max_length: int = NAME_MAX) -> FreeTextField:
    return FreeTextField(max_length=max_length, required=False, allow_blank=True, default="")


class HouseholdIn(serializers.Serializer):
    """The household: a name (default: the first person's surname), phone and home address."""

    name = _text()
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    street = _text()
    house = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="12, 12a, 12-2"
    )
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    city = _text()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parse = FieldParser()
        house = parse("house", validation.parse_house, attrs["house"])
        postcode = parse("postcode", validation.parse_postcode, attrs["postcode"])
        phone = parse("phone", validation.parse_phone, attrs["phone"])
        if parse.errors:
            raise serializers.ValidationError(parse.errors)
        attrs["house_number"], attrs["house_addition"] = house
        attrs["postcode"] = postcode.replace(" ", "")
        attrs["phone"] = phone[:PHONE_MAX]
        return attrs


class GuestIn(serializers.Serializer):
    """One person of the household, with what they need."""

    given_names = _text()
    prefix = _text(10)
    surname = _text()
    birth = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="1950, 1950-03, 1950-03-04, 3-1950 or 4-3-1950.",
    )
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    medication = _text()
    diet = _text()
    mobility_aid = _text()
    language = _text(60)
    interpreter = serializers.BooleanField(required=False, default=False)
    pets = _text()
    care_organisation = _text()
    share_whereabouts = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Consent to tell relatives where the person is (null: not asked).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parse = FieldParser()
        birth = parse(
            "birth", validation.parse_birth, attrs["birth"], field=str(_("date of birth"))
        )
        phone = parse("phone", validation.parse_phone, attrs["phone"])
        if not (attrs["given_names"].strip() or attrs["surname"].strip()):
            parse.errors["surname"] = [_("name: give at least a given name or a surname.")]
        if parse.errors:
            raise serializers.ValidationError(parse.errors)
        attrs["birth"] = birth
        attrs["phone"] = phone[:PHONE_MAX]
        return attrs


class CheckInIn(serializers.Serializer):
    client_key = serializers.CharField(
        max_length=CLIENT_KEY_MAX,
        allow_blank=True,
        help_text="Chosen by the client (a UUID): a check-in sent again with the same key "
        "is written once and answers 200 with the household written the first time.",
    )
    household = HouseholdIn(required=False)
    persons = GuestIn(many=True, allow_empty=False, max_length=HOUSEHOLD_MAX)  # type: ignore[call-arg]

    def validate_client_key(self, value: str) -> str:
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("client key: missing."))
        return value


class AlternativeOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    free = serializers.IntegerField()


class CheckInOut(serializers.Serializer):
    """The household written (or written before, for a replayed key)."""

    id = serializers.IntegerField()
    code = serializers.CharField(help_text="The household code on its card (and in its QR).")
    name = serializers.CharField()
    shelter = serializers.IntegerField(source="shelter_id", allow_null=True)
    people = serializers.IntegerField()
    client_key = serializers.CharField()
    replayed = serializers.BooleanField()


class FullOut(serializers.Serializer):
    detail = serializers.CharField()
    alternative = AlternativeOut(allow_null=True)


def household_data(values: dict[str, Any]) -> HouseholdData:
    return HouseholdData(
        name=values.get("name", "").strip(),
        phone=values.get("phone", ""),
        street=values.get("street", "").strip(),
        house_number=values.get("house_number"),
        house_addition=values.get("house_addition", ""),
        postcode=values.get("postcode", ""),
        city=values.get("city", "").strip(),
    )


def guest_data(v: dict[str, Any]) -> GuestData:
    birth: validation.Birth = v["birth"]
    return GuestData(
        given_names=v["given_names"].strip(),
        prefix=v["prefix"].strip(),
        surname=v["surname"].strip(),
        birth_year=birth.year,
        birth_month=birth.month,
        birth_day=birth.day,
        phone=v["phone"],
        medication=v["medication"].strip(),
        diet=v["diet"].strip(),
        mobility_aid=v["mobility_aid"].strip(),
        language=v["language"].strip(),
        interpreter=v["interpreter"],
        pets=v["pets"].strip(),
        care_organisation=v["care_organisation"].strip(),
        share_whereabouts=v["share_whereabouts"],
    )


class Outcome:
    """What became of one check-in (the API's status, the sync's per-item answer)."""

    WRITTEN = "written"
    REPLAYED = "replayed"
    FULL = "full"
    INVALID = "invalid"


@dataclass
class Answer:
    outcome: str
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def http_status(self) -> int:
        return {
            Outcome.WRITTEN: status.HTTP_201_CREATED,
            Outcome.REPLAYED: status.HTTP_200_OK,
            Outcome.FULL: status.HTTP_409_CONFLICT,
        }.get(self.outcome, status.HTTP_400_BAD_REQUEST)


def household_out(household: Household) -> dict[str, Any]:
    household.people = household.guests.filter(present=True).count()  # type: ignore[attr-defined]
    household.replayed = getattr(household, "replayed", False)  # type: ignore[attr-defined]
    return dict(CheckInOut(household).data)


def check_in_outcome(
    shelter: Shelter,
    actor: User,
    client_key: str,
    household: HouseholdData,
    guests: list[GuestData],
    *,
    defer_matching: bool = False,
) -> Answer:
    """Check one parsed household in; every refusal becomes an answer, never an exception."""
    try:
        home = household_check_in(
            shelter=shelter,
            actor=actor,
            household=household,
            guests=guests,
            client_key=client_key,
            defer_matching=defer_matching,
            # One at a time (the API, the desk's form): the registry's matching goes to the
            # worker, so the desk does not wait for it. A batch (the offline sync) defers it.
            match_in_worker=True,
        )
    except ShelterFull as full:
        other = full.alternative
        return Answer(
            Outcome.FULL,
            {
                "detail": full.messages[0],
                "alternative": None
                if other is None
                else {"id": other.pk, "name": other.location.name, "free": other.free_day},
            },
        )
    except DjangoValidationError as exc:
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return Answer(Outcome.INVALID, errors)
    replayed = getattr(home, "replayed", False)
    return Answer(Outcome.REPLAYED if replayed else Outcome.WRITTEN, household_out(home))


def parse_api_check_in(data: Any) -> tuple[str, HouseholdData, list[GuestData]]:
    """The API's JSON body, validated (raises DRF's ValidationError with the field errors)."""
    s = CheckInIn(data=data)
    s.is_valid(raise_exception=True)
    v = s.validated_data
    return (
        v["client_key"],
        household_data(v.get("household") or {}),
        [guest_data(g) for g in v["persons"]],
    )


@extend_schema(
    request=CheckInIn,
    responses={201: CheckInOut, 200: CheckInOut, 409: FullOut},
)
@api_view(["POST"])
def check_in(request: Request, pk: int) -> Response:
    """Check a household in: every person becomes (or updates) a registry person at this
    shelter. No overbooking: a full shelter answers 409 with the nearest open shelter with
    room. A `client_key` sent again answers 200 with the household written the first time."""
    shelter = shelter_for_user(request.user, pk, desk=True)
    client_key, household, guests = parse_api_check_in(request.data)
    answer = check_in_outcome(shelter, care_user(request.user), client_key, household, guests)
    return Response(answer.body, status=answer.http_status)


urls: list[URLPattern] = [
    path("shelters/<id:pk>/check-in/", check_in, name="api-shelter-check-in"),
]
