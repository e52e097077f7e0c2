"""Registry API: affected persons, their status history, double registrations and merges.
The same doors as the pages (404 for everyone without a registry role in the incident's
region), the same services, every read of a person or a list read-logged.

Paths say "affected-persons": /api/v1/persons/ are the functionaries of the organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.core.rest import Pagination
from oranje.core.validation import is_mobile
from oranje.incidents.models import Incident
from oranje.registry import selectors_persons as selectors
from oranje.registry import services, validation
from oranje.registry.access import person_for_user, registry_incident_for_user, registry_user
from oranje.registry.api.parsing import FieldParser, parse_person_fields
from oranje.registry.constants import (
    EMAIL_MAX,
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    DuplicateState,
    NameUse,
    ReadKind,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.forms_persons import MAX_AGE
from oranje.registry.models import Merge, Person, PossibleDuplicate, StatusEntry
from oranje.registry.services.persons import NO_UPDATE_ADDRESS

# ---------------------------------------------------------------- serializers per operation


def _optional_text(max_length: int) -> FreeTextField:
    return FreeTextField(max_length=max_length, required=False, allow_blank=True, default="")


class PersonStatusIn(serializers.Serializer):
    """One report of how and where the person is, from one source at one time."""

    status = serializers.ChoiceField(choices=Status.choices)
    whereabouts = serializers.ChoiceField(choices=Whereabouts.choices)
    place = _optional_text(NAME_MAX)
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    source_at = MomentField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the source saw the person (default: now).",
    )
    note = _optional_text(TEXT_MAX)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            self.status_data(attrs).check()
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.messages}) from None
        return attrs

    @staticmethod
    def status_data(v: dict[str, Any]) -> services.StatusData:
        return services.StatusData(
            status=v["status"],
            whereabouts=v["whereabouts"],
            place=v["place"].strip(),
            source=v["source"],
            source_at=v["source_at"],
            note=v["note"].strip(),
        )


class AffectedPersonIn(serializers.Serializer):
    """A registration: the person's details (partial birth dates allowed) and the first
    status report."""

    given_names = _optional_text(NAME_MAX)
    prefix = _optional_text(PREFIX_MAX)
    surname = _optional_text(NAME_MAX)
    name_use = serializers.ChoiceField(choices=NameUse.choices, default=NameUse.OWN)
    partner_prefix = _optional_text(PREFIX_MAX)
    partner_surname = _optional_text(NAME_MAX)
    birth = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="1950, 1950-03, 1950-03-04, 3-1950 or 4-3-1950.",
    )
    age_estimate = serializers.IntegerField(
        min_value=0, max_value=MAX_AGE, required=False, allow_null=True, default=None
    )
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    house = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="12, 12a, 12-2"
    )
    house_addition = _optional_text(10)
    street = _optional_text(NAME_MAX)
    city = _optional_text(NAME_MAX)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.CharField(
        max_length=EMAIL_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="Where updates go when the person consents (updates_consent).",
    )
    updates_consent = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Wants the municipality's updates about the incident by mail/SMS: "
        "true, false, or null (not asked).",
    )
    bsn = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="Elfproef."
    )
    nationality = _optional_text(60)
    language = _optional_text(60)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parse = FieldParser()
        errors = parse.errors
        birth, house = parse_person_fields(attrs, parse)
        attrs["bsn"] = parse("bsn", validation.parse_bsn, attrs["bsn"])
        attrs["email"] = parse("email", validation.parse_email, attrs["email"])
        if not (attrs["given_names"].strip() or attrs["surname"].strip()):
            errors["surname"] = [_("name: give at least a given name or a surname.")]
        if (
            not errors
            and attrs["updates_consent"]
            and not (attrs["email"] or is_mobile(attrs["phone"]))
        ):
            errors["updates_consent"] = [str(NO_UPDATE_ADDRESS)]
        if errors:
            raise serializers.ValidationError(errors)
        attrs["birth_parsed"] = birth
        attrs["house_number"], addition = house
        attrs["house_addition"] = (attrs["house_addition"].strip().upper() or addition)[:10]
        return attrs

    @staticmethod
    def person_data(v: dict[str, Any]) -> services.PersonData:
        birth: validation.Birth = v["birth_parsed"]
        return services.PersonData(
            given_names=v["given_names"].strip(),
            prefix=v["prefix"].strip(),
            surname=v["surname"].strip(),
            name_use=v["name_use"],
            partner_prefix=v["partner_prefix"].strip(),
            partner_surname=v["partner_surname"].strip(),
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            age_estimate=v["age_estimate"],
            sex=v["sex"],
            postcode=v["postcode"],
            house_number=v["house_number"],
            house_addition=v["house_addition"],
            street=v["street"].strip(),
            city=v["city"].strip(),
            phone=v["phone"],
            email=v["email"],
            updates_consent=v["updates_consent"],
            bsn=v["bsn"],
            nationality=v["nationality"].strip(),
            language=v["language"].strip(),
        )


class AffectedPersonRegisterIn(AffectedPersonIn, PersonStatusIn):
    client_key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="Chosen by the client (e.g. a UUID): a retried POST with the same key "
        "registers once and answers 200 with the person written the first time.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = AffectedPersonIn.validate(self, attrs)
        return PersonStatusIn.validate(self, attrs)


class AffectedPersonRowOut(serializers.Serializer):
    """A person in the list."""

    id = serializers.IntegerField()
    given_names = serializers.CharField()
    prefix = serializers.CharField()
    surname = serializers.CharField()
    partner_prefix = serializers.CharField()
    partner_surname = serializers.CharField()
    birth = serializers.CharField(source="birth_text", help_text="1950, 1950-03 or 1950-03-04")
    age_estimate = serializers.IntegerField(allow_null=True)
    sex = serializers.ChoiceField(choices=Sex.choices)
    address = serializers.CharField(source="address_text")
    status = serializers.ChoiceField(choices=Status.choices, source="current_status")
    whereabouts = serializers.ChoiceField(choices=Whereabouts.choices, source="current_whereabouts")
    place = serializers.CharField(source="current_place")
    status_at = serializers.DateTimeField(allow_null=True)


class AffectedPersonOut(AffectedPersonRowOut):
    """One person, with all details."""

    incident = serializers.IntegerField(source="incident_id")
    name_use = serializers.ChoiceField(choices=NameUse.choices)
    postcode = serializers.CharField()
    house_number = serializers.IntegerField(allow_null=True)
    house_addition = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    updates_consent = serializers.BooleanField(
        allow_null=True, help_text="Wants updates by mail/SMS (null: not asked)."
    )
    bsn = serializers.CharField()
    nationality = serializers.CharField()
    language = serializers.CharField()
    share_whereabouts = serializers.BooleanField(allow_null=True)
    consent_recorded_at = serializers.DateTimeField(allow_null=True)
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    created_at = serializers.DateTimeField()
    client_key = serializers.CharField()


class PersonStatusOut(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(
        source="person_id", help_text="Differs from the asked person for a merged registration."
    )
    status = serializers.ChoiceField(choices=Status.choices)
    whereabouts = serializers.ChoiceField(choices=Whereabouts.choices)
    place = serializers.CharField()
    source = serializers.ChoiceField(choices=Source.choices)  # type: ignore[assignment]
    source_at = serializers.DateTimeField()
    note = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    recorded_by = serializers.CharField(source="recorded_by_name")


class DuplicateOut(serializers.Serializer):
    """Two registrations the engine thinks may be one person, with its Dutch reasons."""

    id = serializers.IntegerField()
    person = AffectedPersonRowOut()
    other = AffectedPersonRowOut()
    score = serializers.FloatField()
    decision = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(choices=DuplicateState.choices)
    found_at = serializers.DateTimeField()


class MergeIn(serializers.Serializer):
    kept = IdField(help_text="The registration that is kept: one of the pair.")


class MergeOut(serializers.Serializer):
    id = serializers.IntegerField()
    kept = serializers.IntegerField(source="kept_id")
    merged = serializers.IntegerField(source="merged_id")
    reasons = serializers.ListField(child=serializers.CharField())
    merged_at = serializers.DateTimeField()
    merged_by = serializers.CharField(source="merged_by.username", allow_null=True, default=None)
    undone_at = serializers.DateTimeField(allow_null=True)
    undone_by = serializers.CharField(source="undone_by.username", allow_null=True, default=None)


def _page_of(out: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The page envelope of a list (`limit`, `offset`): count, next, previous, results."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": out(many=True),
        },
    )


AffectedPersonPageOut = _page_of(AffectedPersonRowOut, "AffectedPersonPageOut")
DuplicatePageOut = _page_of(DuplicateOut, "DuplicatePageOut")
MergePageOut = _page_of(MergeOut, "MergePageOut")


# ---------------------------------------------------------------- helpers


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _person(request: Request, pk: int) -> Person:
    return person_for_user(request.user, pk)


def _read_person(request: Request, person: Person) -> None:
    services.read_logged(
        user=registry_user(request.user),
        incident=person.incident,
        kind=ReadKind.PERSON,
        object_id=person.pk,
        what=str(person)[:100],
    )


def _page(request: Request, rows: Any, out: type[serializers.Serializer], view: Any) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(out(page, many=True).data)


def _list_read(request: Request, incident: Incident, what: str) -> None:
    services.read_logged(
        user=registry_user(request.user), incident=incident, kind=ReadKind.LIST, what=what
    )


# ---------------------------------------------------------------- operations


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter("status", str, enum=Status.values),
        OpenApiParameter("whereabouts", str, enum=Whereabouts.values),
        OpenApiParameter("q", str, description="Name search within the incident."),
        OpenApiParameter("limit", int),
        OpenApiParameter("offset", int),
    ],
    responses=AffectedPersonPageOut,
)
@extend_schema(
    methods=["POST"],
    request=AffectedPersonRegisterIn,
    responses={201: AffectedPersonOut, 200: AffectedPersonOut},
)
@api_view(["GET", "POST"])
def persons(request: Request, pk: int) -> Response:
    """The incident's affected persons (merged registrations left out), by name, in pages
    (`limit`, `offset`); POST registers one with their first status report."""
    incident = registry_incident_for_user(request.user, pk)
    user = registry_user(request.user)
    if request.method == "POST":
        data = _valid(AffectedPersonRegisterIn, request.data)
        person = services.person_register(
            incident=incident,
            actor=user,
            data=AffectedPersonIn.person_data(data),
            status=PersonStatusIn.status_data(data),
            client_key=data["client_key"],
        )
        replayed = getattr(person, "replayed", False)
        _read_person(request, person)
        return Response(
            AffectedPersonOut(person).data,
            status=status.HTTP_200_OK if replayed else status.HTTP_201_CREATED,
        )
    q = request.query_params
    wanted = q.get("status", "")
    where = q.get("whereabouts", "")
    if wanted and wanted not in Status.values:
        raise serializers.ValidationError({"status": [_("status: unknown value.")]})
    if where and where not in Whereabouts.values:
        raise serializers.ValidationError({"whereabouts": [_("where: unknown value.")]})
    search = q.get("q", "")[:100]
    _list_read(request, incident, "personen (API)" + (f" zoek '{search}'" if search else ""))
    rows = selectors.person_list(incident, status=wanted, where=where, search=search)
    return _page(request, rows, AffectedPersonRowOut, persons)


@extend_schema(responses=AffectedPersonOut)
@api_view(["GET"])
def person(request: Request, pk: int) -> Response:
    """One affected person with all details (read-logged)."""
    found = _person(request, pk)
    _read_person(request, found)
    return Response(AffectedPersonOut(found).data)


@extend_schema(methods=["GET"], responses=PersonStatusOut(many=True))
@extend_schema(methods=["POST"], request=PersonStatusIn, responses={201: PersonStatusOut})
@api_view(["GET", "POST"])
def statuses(request: Request, pk: int) -> Response:
    """The status history, newest source time first (with that of registrations merged into
    this one); POST records a new report (the newest source time is the current state)."""
    found = _person(request, pk)
    if request.method == "POST":
        data = _valid(PersonStatusIn, request.data)
        entry = services.person_status_change(
            person=found, actor=registry_user(request.user), status=PersonStatusIn.status_data(data)
        )
        return Response(PersonStatusOut(entry).data, status=status.HTTP_201_CREATED)
    _read_person(request, found)
    entries: list[StatusEntry] = [line.entry for line in selectors.person_history(found)]
    return Response(PersonStatusOut(entries, many=True).data)


@extend_schema(
    parameters=[OpenApiParameter("limit", int), OpenApiParameter("offset", int)],
    responses=DuplicatePageOut,
)
@api_view(["GET"])
def duplicates(request: Request, pk: int) -> Response:
    """Open possible double registrations, the most likely first, in pages."""
    incident = registry_incident_for_user(request.user, pk)
    _list_read(request, incident, "dubbele registraties (API)")
    return _page(request, selectors.open_duplicates(incident), DuplicateOut, duplicates)


def _duplicate(request: Request, pk: int) -> PossibleDuplicate:
    found = (
        PossibleDuplicate.objects.select_related("person__incident", "other__incident")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    registry_incident_for_user(request.user, found.incident_id)
    return found


@extend_schema(request=MergeIn, responses={201: MergeOut})
@api_view(["POST"])
def merge(request: Request, pk: int) -> Response:
    """Merge the pair by hand: `kept` stays, the other registration is merged into it
    (inquiries and a sender's row ids move with it; undo restores exactly)."""
    pair = _duplicate(request, pk)
    kept_id = _valid(MergeIn, request.data)["kept"]
    if kept_id not in (pair.person_id, pair.other_id):
        raise serializers.ValidationError({"kept": [_("Choose which registration is kept.")]})
    kept, merged = (
        (pair.person, pair.other) if kept_id == pair.person_id else (pair.other, pair.person)
    )
    done = services.person_merge(kept=kept, merged=merged, actor=registry_user(request.user))
    return Response(MergeOut(done).data, status=status.HTTP_201_CREATED)


@extend_schema(request=None, responses=DuplicateOut)
@api_view(["POST"])
def dismiss(request: Request, pk: int) -> Response:
    """Not the same person: the pair is closed."""
    pair = services.duplicate_dismiss(
        duplicate=_duplicate(request, pk), actor=registry_user(request.user)
    )
    # The answer shows both registrations: a read of each.
    _read_person(request, pair.person)
    _read_person(request, pair.other)
    return Response(DuplicateOut(pair).data)


@extend_schema(
    parameters=[OpenApiParameter("limit", int), OpenApiParameter("offset", int)],
    responses=MergePageOut,
)
@api_view(["GET"])
def merges(request: Request, pk: int) -> Response:
    """The incident's merges, newest first, in pages (undone ones included)."""
    incident = registry_incident_for_user(request.user, pk)
    _list_read(request, incident, "samenvoegingen (API)")
    return _page(request, selectors.merges(incident), MergeOut, merges)


@extend_schema(request=None, responses=MergeOut)
@api_view(["POST"])
def undo(request: Request, pk: int) -> Response:
    """Undo a merge: both registrations are separate again, as before."""
    found = Merge.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    registry_incident_for_user(request.user, found.incident_id)
    done = services.merge_undo(merge=found, actor=registry_user(request.user))
    return Response(MergeOut(done).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/affected-persons/", persons, name="api-affected-persons"),
    path("affected-persons/<id:pk>/", person, name="api-affected-person"),
    path("affected-persons/<id:pk>/statuses/", statuses, name="api-affected-person-statuses"),
    path("incidents/<id:pk>/duplicates/", duplicates, name="api-duplicates"),
    path("duplicates/<id:pk>/merge/", merge, name="api-duplicate-merge"),
    path("duplicates/<id:pk>/dismiss/", dismiss, name="api-duplicate-dismiss"),
    path("incidents/<id:pk>/merges/", merges, name="api-merges"),
    path("merges/<id:pk>/undo/", undo, name="api-merge-undo"),
]
