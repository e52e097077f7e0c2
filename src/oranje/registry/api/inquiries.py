"""Registry API: relatives' inquiries and informing. The same doors as the pages (404 for
everyone without a registry role in the incident's region), the same services, every read of
an inquiry or the queue read-logged."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core.fields import FreeTextField, MomentField
from oranje.registry import selectors_inquiries as selectors
from oranje.registry import services, validation
from oranje.registry.access import inquiry_for_user, registry_incident_for_user, registry_user
from oranje.registry.api.parsing import FieldParser, parse_person_fields
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    CallOutcome,
    CandidateState,
    InquiryStatus,
    Phrase,
    ReadKind,
    Sex,
    Status,
    Whereabouts,
)
from oranje.registry.forms_inquiries import AGE_MAX
from oranje.registry.models import Candidate, Inquiry
from oranje.registry.services.inquiries import InquiryData

# ---------------------------------------------------------------- serializers per operation


class InquiryIn(serializers.Serializer):
    """An intake: the caller, the person sought (partial birth dates allowed), the flags."""

    caller_name = FreeTextField(max_length=NAME_MAX)
    caller_phone = serializers.CharField(max_length=30)
    caller_relation = FreeTextField(max_length=100, required=False, allow_blank=True, default="")
    given_names = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    prefix = FreeTextField(max_length=PREFIX_MAX, required=False, allow_blank=True, default="")
    surname = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    birth = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="1950, 1950-03, 1950-03-04 or 4-3-1950.",
    )
    age_estimate = serializers.IntegerField(
        min_value=0, max_value=AGE_MAX, required=False, allow_null=True, default=None
    )
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    house = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="12, 12a, 12-2"
    )
    street = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    city = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    last_seen_place = FreeTextField(
        max_length=NAME_MAX, required=False, allow_blank=True, default=""
    )
    last_seen_at = MomentField(required=False, allow_null=True, default=None)
    description = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    is_child = serializers.BooleanField(default=False)
    reduced_self_reliance = serializers.BooleanField(default=False)
    medical_need = serializers.BooleanField(default=False)
    client_key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="Chosen by the client: a retried POST answers with the inquiry already written.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parse = FieldParser()
        errors = parse.errors
        birth, house = parse_person_fields(attrs, parse)
        attrs["caller_phone"] = parse(
            "caller_phone",
            validation.parse_phone,
            attrs["caller_phone"],
            field=str(_("caller's phone")),
        )
        if not (attrs["given_names"].strip() or attrs["surname"].strip()):
            errors["surname"] = [_("person sought: give at least a given name or a surname.")]
        if errors:
            raise serializers.ValidationError(errors)
        attrs["birth_parsed"] = birth
        attrs["house_number"], attrs["house_addition"] = house
        return attrs

    def inquiry_data(self) -> InquiryData:
        v = self.validated_data
        birth = v["birth_parsed"]
        return InquiryData(
            caller_name=v["caller_name"].strip(),
            caller_phone=v["caller_phone"],
            caller_relation=v["caller_relation"].strip(),
            given_names=v["given_names"].strip(),
            prefix=v["prefix"].strip(),
            surname=v["surname"].strip(),
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
            last_seen_place=v["last_seen_place"].strip(),
            last_seen_at=v["last_seen_at"],
            description=v["description"].strip(),
            is_child=v["is_child"],
            reduced_self_reliance=v["reduced_self_reliance"],
            medical_need=v["medical_need"],
        )


class CandidateOut(serializers.Serializer):
    """A registered person proposed for the inquiry, with the engine's Dutch reasons, and
    where the person is now."""

    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.full_name")
    birth = serializers.CharField(source="person.birth_text")
    address = serializers.CharField(source="person.address_text")
    status = serializers.ChoiceField(choices=Status.choices, source="person.current_status")
    whereabouts = serializers.ChoiceField(
        choices=Whereabouts.choices, source="person.current_whereabouts"
    )
    place = serializers.CharField(source="person.current_place")
    merged_into = serializers.IntegerField(source="person.merged_into_id", allow_null=True)
    score = serializers.FloatField()
    decision = serializers.ChoiceField(choices=["match", "possible"])
    reasons = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(choices=CandidateState.choices)
    first_by = serializers.CharField(source="first_by.username", allow_null=True, default=None)
    first_at = serializers.DateTimeField(allow_null=True)
    second_by = serializers.CharField(source="second_by.username", allow_null=True, default=None)
    second_at = serializers.DateTimeField(allow_null=True)


class CallOut(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by_name")
    outcome = serializers.ChoiceField(choices=CallOutcome.choices)
    phrases = serializers.ListField(child=serializers.ChoiceField(choices=Phrase.choices))
    note = serializers.CharField(allow_blank=True)


class PoliceOut(serializers.Serializer):
    asked_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)


class InquiryRowOut(serializers.Serializer):
    """An inquiry in the queue."""

    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=InquiryStatus.choices)
    given_names = serializers.CharField()
    prefix = serializers.CharField()
    surname = serializers.CharField()
    birth = serializers.CharField(source="birth_text")
    is_child = serializers.BooleanField()
    reduced_self_reliance = serializers.BooleanField()
    medical_need = serializers.BooleanField()
    best_score = serializers.FloatField(allow_null=True)
    best_decision = serializers.CharField(allow_blank=True)
    assigned_to = serializers.CharField(
        source="assigned_to.username", allow_null=True, default=None
    )
    person = serializers.IntegerField(source="person_id", allow_null=True)
    created_at = serializers.DateTimeField()


class InquiryOut(InquiryRowOut):
    """One inquiry: what was asked, its ranked candidates, the inquiries linked through the
    same person, the calls back and (for a deceased person) the police."""

    caller_name = serializers.CharField()
    caller_phone = serializers.CharField()
    caller_relation = serializers.CharField()
    age_estimate = serializers.IntegerField(allow_null=True)
    sex = serializers.ChoiceField(choices=Sex.choices)
    postcode = serializers.CharField()
    house_number = serializers.IntegerField(allow_null=True)
    house_addition = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    phone = serializers.CharField()
    last_seen_place = serializers.CharField()
    last_seen_at = serializers.DateTimeField(allow_null=True)
    description = serializers.CharField()
    close_reason = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    share_whereabouts = serializers.BooleanField(
        source="person.share_whereabouts", allow_null=True, default=None
    )
    candidates = CandidateOut(many=True, source="candidates_list")
    linked = serializers.ListField(child=serializers.IntegerField())
    calls = CallOut(many=True)
    police = PoliceOut(allow_null=True)


class CallIn(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=CallOutcome.choices)
    phrases = serializers.ListField(
        child=serializers.ChoiceField(choices=Phrase.choices),
        required=False,
        default=list,
        max_length=len(Phrase.choices),
    )
    note = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    at = MomentField(required=False, allow_null=True, default=None)


class MomentIn(serializers.Serializer):
    at = MomentField(
        required=False, allow_null=True, default=None, help_text="When (default: now)."
    )


class ConsentIn(serializers.Serializer):
    share = serializers.BooleanField(
        help_text="Whether relatives who ask may hear where the person is."
    )


class CloseIn(serializers.Serializer):
    reason = FreeTextField(max_length=TEXT_MAX)


# ---------------------------------------------------------------- reading


def _valid(serializer: type[serializers.Serializer], data: Any) -> serializers.Serializer:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return s


def _inquiry(request: Request, pk: int) -> Inquiry:
    return inquiry_for_user(request.user, pk)


def _read(request: Request, inquiry: Inquiry) -> Any:
    """The inquiry as InquiryOut, read-logged."""
    services.read_logged(
        user=registry_user(request.user),
        incident=inquiry.incident,
        kind=ReadKind.INQUIRY,
        object_id=inquiry.pk,
        what=str(inquiry),
    )
    inquiry = (
        Inquiry.objects.select_related("assigned_to", "person", "person__police")
        .filter(pk=inquiry.pk)
        .get()
    )
    person = inquiry.person
    inquiry.linked = [i.pk for i in selectors.linked(inquiry)]  # type: ignore[attr-defined]
    inquiry.police = getattr(person, "police", None) if person else None  # type: ignore[attr-defined]
    inquiry.candidates_list = selectors.candidates(inquiry)  # type: ignore[attr-defined]
    return InquiryOut(inquiry).data


# ---------------------------------------------------------------- operations


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter(
            "status",
            str,
            description="Comma-separated statuses (default: open,found — the queue).",
        )
    ],
    responses=InquiryRowOut(many=True),
)
@extend_schema(methods=["POST"], request=InquiryIn, responses={201: InquiryOut, 200: InquiryOut})
@api_view(["GET", "POST"])
def inquiries(request: Request, pk: int) -> Response:
    """The operators' queue (most urgent first: a strong candidate, the priority flags, the
    best score, the oldest); POST takes an inquiry and answers with its ranked candidates."""
    incident = registry_incident_for_user(request.user, pk)
    user = registry_user(request.user)
    if request.method == "POST":
        intake = _valid(InquiryIn, request.data)
        key = intake.validated_data["client_key"]
        replay = bool(key) and Inquiry.objects.filter(incident=incident, client_key=key).exists()
        inquiry = services.inquiry_create(
            incident=incident,
            actor=user,
            data=intake.inquiry_data(),  # type: ignore[attr-defined]
            client_key=key,
        )
        return Response(
            _read(request, inquiry),
            status=status.HTTP_200_OK if replay else status.HTTP_201_CREATED,
        )
    raw = request.query_params.get("status", "")
    wanted = tuple(s for s in raw.split(",") if s) if raw else selectors.QUEUE_STATUSES
    unknown = [s for s in wanted if s not in InquiryStatus.values]
    if unknown:
        raise serializers.ValidationError({"status": [_("status: unknown value.")]})
    services.read_logged(user=user, incident=incident, kind=ReadKind.LIST, what="vragen (API)")
    rows = selectors.queue(incident, statuses=wanted)[: selectors.QUEUE_LIMIT]
    return Response(InquiryRowOut(rows, many=True).data)


@extend_schema(responses=InquiryOut)
@api_view(["GET"])
def inquiry(request: Request, pk: int) -> Response:
    """One inquiry with its candidates, linked inquiries, calls back and police notice."""
    return Response(_read(request, _inquiry(request, pk)))


@extend_schema(responses=CandidateOut(many=True))
@api_view(["GET"])
def candidates(request: Request, pk: int) -> Response:
    """The inquiry's candidates, best first (rejected ones last), with the engine's reasons."""
    found = _inquiry(request, pk)
    services.read_logged(
        user=registry_user(request.user),
        incident=found.incident,
        kind=ReadKind.INQUIRY,
        object_id=found.pk,
        what=str(found),
    )
    return Response(CandidateOut(selectors.candidates(found), many=True).data)


@extend_schema(request=None, responses=InquiryOut)
@api_view(["POST"])
def take(request: Request, pk: int) -> Response:
    """Take the inquiry on (it shows as yours in the queue)."""
    found = _inquiry(request, pk)
    services.inquiry_take(inquiry=found, actor=registry_user(request.user))
    return Response(_read(request, found))


def _candidate(request: Request, pk: int, candidate_pk: int) -> Candidate:
    found = _inquiry(request, pk)
    candidate = found.candidates.filter(pk=candidate_pk).first()
    if candidate is None:
        raise Http404
    candidate.inquiry = found
    return candidate


@extend_schema(request=None, responses=CandidateOut)
@api_view(["POST"])
def confirm(request: Request, pk: int, candidate_pk: int) -> Response:
    """Confirm the candidate. For a person registered as deceased the first confirmation
    waits (state "second") for a second, different registry officer; then the inquiry goes to
    the police, never to a call."""
    candidate = services.candidate_confirm(
        candidate=_candidate(request, pk, candidate_pk), actor=registry_user(request.user)
    )
    return Response(CandidateOut(candidate).data)


@extend_schema(request=None, responses=CandidateOut)
@api_view(["POST"])
def reject(request: Request, pk: int, candidate_pk: int) -> Response:
    """Not this person."""
    candidate = services.candidate_reject(
        candidate=_candidate(request, pk, candidate_pk), actor=registry_user(request.user)
    )
    return Response(CandidateOut(candidate).data)


@extend_schema(request=MomentIn, responses=PoliceOut)
@api_view(["POST"])
def police_asked(request: Request, pk: int) -> Response:
    """Record that the police were asked to inform the next of kin (a deceased person)."""
    found = _inquiry(request, pk)
    at = _valid(MomentIn, request.data).validated_data["at"]
    notice = services.police_asked(inquiry=found, actor=registry_user(request.user), at=at)
    return Response(PoliceOut(notice).data)


@extend_schema(request=MomentIn, responses=PoliceOut)
@api_view(["POST"])
def police_confirmed(request: Request, pk: int) -> Response:
    """Record that the police confirmed they informed the next of kin."""
    found = _inquiry(request, pk)
    at = _valid(MomentIn, request.data).validated_data["at"]
    notice = services.police_confirmed(inquiry=found, actor=registry_user(request.user), at=at)
    return Response(PoliceOut(notice).data)


@extend_schema(methods=["GET"], responses=CallOut(many=True))
@extend_schema(methods=["POST"], request=CallIn, responses={201: CallOut})
@api_view(["GET", "POST"])
def calls(request: Request, pk: int) -> Response:
    """Calls back to the caller; POST records one (never for a deceased person)."""
    found = _inquiry(request, pk)
    if request.method == "POST":
        data = _valid(CallIn, request.data).validated_data
        call = services.inquiry_call(
            inquiry=found,
            actor=registry_user(request.user),
            outcome=data["outcome"],
            phrases=data["phrases"],
            note=data["note"],
            at=data["at"],
        )
        return Response(CallOut(call).data, status=status.HTTP_201_CREATED)
    services.read_logged(
        user=registry_user(request.user),
        incident=found.incident,
        kind=ReadKind.INQUIRY,
        object_id=found.pk,
        what=str(found),
    )
    return Response(CallOut(found.calls.all(), many=True).data)


@extend_schema(request=ConsentIn, responses=InquiryOut)
@api_view(["POST"])
def consent(request: Request, pk: int) -> Response:
    """Record the person's consent to share where they are (holds for every inquiry about
    them)."""
    found = _inquiry(request, pk)
    share = _valid(ConsentIn, request.data).validated_data["share"]
    if found.person is None:
        raise serializers.ValidationError({"non_field_errors": [_("Confirm a candidate first.")]})
    services.consent_record(person=found.person, actor=registry_user(request.user), share=share)
    return Response(_read(request, found))


@extend_schema(request=CloseIn, responses=InquiryOut)
@api_view(["POST"])
def close(request: Request, pk: int) -> Response:
    """Close the inquiry, with the reason."""
    found = _inquiry(request, pk)
    reason = _valid(CloseIn, request.data).validated_data["reason"]
    services.inquiry_close(inquiry=found, actor=registry_user(request.user), reason=reason)
    return Response(_read(request, found))


def _urls() -> list[Any]:
    from django.urls import path

    one = "inquiries/<id:pk>/"
    return [
        path("incidents/<id:pk>/inquiries/", inquiries, name="api-inquiries"),
        path(one, inquiry, name="api-inquiry"),
        path(one + "candidates/", candidates, name="api-inquiry-candidates"),
        path(one + "take/", take, name="api-inquiry-take"),
        path(
            one + "candidates/<id:candidate_pk>/confirm/",
            confirm,
            name="api-inquiry-candidate-confirm",
        ),
        path(
            one + "candidates/<id:candidate_pk>/reject/",
            reject,
            name="api-inquiry-candidate-reject",
        ),
        path(one + "police-asked/", police_asked, name="api-inquiry-police-asked"),
        path(one + "police-confirmed/", police_confirmed, name="api-inquiry-police-confirmed"),
        path(one + "calls/", calls, name="api-inquiry-calls"),
        path(one + "consent/", consent, name="api-inquiry-consent"),
        path(one + "close/", close, name="api-inquiry-close"),
    ]


urls = _urls()
