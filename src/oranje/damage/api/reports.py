"""Damage API: the reports for those who handle them (`access.can_handle`) — the list
(filtered, paginated), a report taken by phone, at the desk or on a visit (through
`services.reports.report_create`, the one create; `Idempotency-Key` header or `client_key`:
a retried POST answers 200 with the report written the first time), one report and its
changes (triage, status, handler, note) — and the overview's counts for everyone who sees
the incident. Every answer with reporters' details is in the audit log."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField
from oranje.core.models import User
from oranje.core.rest import Pagination
from oranje.damage import selectors_overview as overview_selectors
from oranje.damage import selectors_reports as selectors
from oranje.damage.access import damage_incident_for_user, report_by_id_for_user
from oranje.damage.constants import (
    ADDITION_MAX,
    CITY_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_MAX,
    Channel,
    DamageKind,
    Insured,
    ReportStatus,
    Triage,
)
from oranje.damage.hooks import counts
from oranje.damage.models import DamageReport
from oranje.damage.services import handling
from oranje.damage.services.reports import report_create

STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.FORM]
CLIENT_KEY_MAX = 64


def _valid(serializer: type[serializers.Serializer], data: Any) -> Any:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return s.validated_data


class ReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    reference = serializers.CharField()
    channel = serializers.CharField()
    reporter_name = serializers.CharField()
    reporter_phone = serializers.CharField()
    reporter_email = serializers.CharField()
    postcode = serializers.CharField()
    house_number = serializers.IntegerField()
    house_addition = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    address_key = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    unsafe = serializers.BooleanField()
    insured = serializers.CharField()
    consent_share = serializers.BooleanField()
    latitude = serializers.DecimalField(max_digits=8, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=6, allow_null=True)
    triage = serializers.CharField()
    status = serializers.CharField()
    handler = serializers.IntegerField(source="handler_id", allow_null=True)
    received_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class EventOut(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    by = serializers.CharField(source="by_name")
    text = serializers.CharField()


class PhotoOut(serializers.Serializer):
    """A photo and its state: `pending`/`processing` (stored as sent, not yet cleaned of its
    metadata by the worker: not to be fetched), `ready` (the staff page's link serves it),
    `failed` (it could not be decoded; `error` says why)."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField()
    error = serializers.CharField(source="last_error")


class ReportDetailOut(ReportOut):
    events = EventOut(many=True, source="events.all")
    photos = PhotoOut(many=True, source="photos.all")
    same_address = serializers.SerializerMethodField()

    def get_same_address(self, obj: DamageReport) -> list[int]:
        return list(selectors.same_address(obj).values_list("pk", flat=True)[:100])


class ReportIn(serializers.Serializer):
    """A report taken by staff; the same checks as the public form's (`report_create`)."""

    channel = serializers.ChoiceField(choices=STAFF_CHANNELS)
    reporter_name = FreeTextField(max_length=NAME_MAX)
    reporter_phone = serializers.CharField(
        max_length=PHONE_MAX + 10, required=False, allow_blank=True, default=""
    )
    reporter_email = serializers.CharField(
        max_length=EMAIL_MAX, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=10, help_text="2011 AB")
    house = serializers.CharField(max_length=ADDITION_MAX + 10, help_text="12, 12a, 12-2")
    street = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    city = FreeTextField(max_length=CITY_MAX, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=DamageKind.choices)
    description = FreeTextField(max_length=DESCRIPTION_MAX)
    unsafe = serializers.BooleanField(default=False)
    insured = serializers.ChoiceField(choices=Insured.choices, default=Insured.UNKNOWN)
    consent_share = serializers.BooleanField(default=False)
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=6, required=False, allow_null=True, default=None
    )
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=6, required=False, allow_null=True, default=None
    )
    client_key = serializers.CharField(
        max_length=CLIENT_KEY_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="Or the Idempotency-Key header: a retried POST answers 200 with the report "
        "written the first time.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["latitude"] is None) != (attrs["longitude"] is None):
            raise serializers.ValidationError(
                {"latitude": [_("point: give both latitude and longitude, or neither.")]}
            )
        return attrs


class ReportPatch(serializers.Serializer):
    """Any of: triage, status (with an optional note saying why), handler (a user id or
    null), note (added to the history)."""

    triage = serializers.ChoiceField(choices=Triage.choices, required=False)
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)
    status_note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    handler = IdField(required=False, allow_null=True)
    note = FreeTextField(max_length=NOTE_MAX, required=False)


class FilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=[selectors.OPEN, *ReportStatus.values], required=False)
    triage = serializers.ChoiceField(choices=[selectors.UNTRIAGED, *Triage.values], required=False)
    kind = serializers.ChoiceField(choices=DamageKind.choices, required=False)
    postcode = serializers.RegexField(r"^[0-9]{1,4} ?[A-Za-z]{0,2}$", max_length=7, required=False)
    q = FreeTextField(max_length=selectors.SEARCH_MAX, required=False)


_FILTERS = [
    OpenApiParameter("status", str, enum=[selectors.OPEN, *ReportStatus.values]),
    OpenApiParameter("triage", str, enum=[selectors.UNTRIAGED, *Triage.values]),
    OpenApiParameter("kind", str, enum=DamageKind.values),
    OpenApiParameter("postcode", str, description="the start of a postcode: 2011 or 2011AB"),
    OpenApiParameter("q", str, description="part of a reference or street"),
]


def _create(request: Request, incident: Any, user: User) -> Response:
    v = _valid(ReportIn, request.data)
    key = (request.headers.get("Idempotency-Key") or v["client_key"] or "").strip()
    if len(key) > CLIENT_KEY_MAX:
        raise serializers.ValidationError(
            {"client_key": [_("client key: at most %(max)s characters.") % {"max": 64}]}
        )
    replay = bool(key) and DamageReport.objects.filter(incident=incident, client_key=key).exists()
    point = None
    if v["latitude"] is not None:
        point = f"{v['latitude']}, {v['longitude']}"

    created = report_create(
        actor=user,
        incident=incident,
        channel=v["channel"],
        reporter_name=v["reporter_name"],
        reporter_phone=v["reporter_phone"],
        reporter_email=v["reporter_email"],
        postcode=v["postcode"],
        house=v["house"],
        street=v["street"],
        city=v["city"],
        kind=v["kind"],
        description=v["description"],
        unsafe=v["unsafe"],
        insured=v["insured"],
        consent_share=v["consent_share"],
        point=point,
        client_key=key,
    )
    return Response(
        ReportDetailOut(created).data,
        status=status.HTTP_200_OK if replay else status.HTTP_201_CREATED,
    )


@extend_schema(methods=["GET"], parameters=_FILTERS, responses={200: ReportOut(many=True)})
@extend_schema(
    methods=["POST"],
    request=ReportIn,
    parameters=[OpenApiParameter("Idempotency-Key", str, location=OpenApiParameter.HEADER)],
    responses={201: ReportDetailOut, 200: ReportDetailOut},
)
@api_view(["GET", "POST"])
def reports(request: Request, pk: int) -> Response:
    """The incident's reports, urgent unsafe homes first, then the newest (paginated); POST
    takes a report by phone, at the desk or on a visit."""
    incident = damage_incident_for_user(request.user, pk, handle=True)
    user = core_access.authenticated(request.user)
    if request.method == "POST":
        return _create(request, incident, user)
    v = _valid(FilterIn, request.query_params)
    f = selectors.WorklistFilter(
        status=v.get("status", ""),
        triage=v.get("triage", ""),
        kind=v.get("kind", ""),
        postcode=v.get("postcode", "").replace(" ", "").upper(),
        search=v.get("q", "").strip(),
    )
    paginator = Pagination()
    page = paginator.paginate_queryset(selectors.worklist(incident, f), request)
    handling.reports_read_record(actor=user, incident=incident, what="meldingen (API)")
    return paginator.get_paginated_response(ReportOut(page, many=True).data)


def _handler(pk: int | None) -> User | None:
    if pk is None:
        return None
    found = User.objects.filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({"handler": [_("handler: no such user.")]})
    return found


@extend_schema(methods=["GET"], responses=ReportDetailOut)
@extend_schema(methods=["PATCH"], request=ReportPatch, responses=ReportDetailOut)
@api_view(["GET", "PATCH"])
def report(request: Request, pk: int) -> Response:
    """One report with its history and the other reports on its address; PATCH triages
    it, sets its status, gives it to a handler or adds a note (in that order)."""
    found = report_by_id_for_user(request.user, pk)
    user = core_access.authenticated(request.user)
    if request.method == "PATCH":
        v = _valid(ReportPatch, request.data)
        if "triage" in v:
            found = handling.report_triage(actor=user, report=found, triage=v["triage"])
        if "status" in v:
            found = handling.report_set_status(
                actor=user, report=found, status=v["status"], note=v.get("status_note", "")
            )
        if "handler" in v:
            found = handling.report_assign(actor=user, report=found, handler=_handler(v["handler"]))
        if "note" in v:
            handling.report_note(actor=user, report=found, text=v["note"])
        found = DamageReport.objects.get(pk=found.pk)
    handling.reports_read_record(
        actor=user, incident=found.incident, report=found, what=f"melding {found.reference} (API)"
    )
    return Response(ReportDetailOut(found).data)


class KindStatusOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    by_status = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class AreaOut(serializers.Serializer):
    key = serializers.CharField()
    reports = serializers.IntegerField()
    open = serializers.IntegerField()
    urgent = serializers.IntegerField()
    unsafe = serializers.IntegerField()
    addresses = serializers.IntegerField()


class OverviewOut(serializers.Serializer):
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    urgent = serializers.IntegerField()
    unsafe = serializers.IntegerField()
    addresses = serializers.IntegerField()
    unsafe_homes = serializers.IntegerField()
    unsafe_homes_urgent = serializers.IntegerField()
    by_kind = KindStatusOut(many=True)
    by_street = AreaOut(many=True)
    by_postcode_area = AreaOut(many=True)
    by_postcode = AreaOut(many=True)


def _areas(rows: list[dict[str, Any]], key: Any) -> list[dict[str, Any]]:
    return [
        {
            "key": key(r),
            "reports": r["n"],
            "open": r["open"],
            "urgent": r["urgent"],
            "unsafe": r["unsafe"],
            "addresses": r["addresses"],
        }
        for r in rows
    ]


@extend_schema(responses=OverviewOut)
@api_view(["GET"])
def overview(request: Request, pk: int) -> Response:
    """Counts only (no names, no house numbers): in all, by kind × status, by street, by
    postcode area (four digits) and by postcode, the most urgent areas first (at most 50 of
    each)."""
    incident = damage_incident_for_user(request.user, pk)
    rows, _totals, _total = overview_selectors.by_kind_status(incident)
    unsafe = overview_selectors.unsafe_counts(incident)
    statuses = ReportStatus.values
    data = {
        **counts(incident),
        "unsafe_homes": unsafe["homes"],
        "unsafe_homes_urgent": unsafe["urgent"],
        "by_kind": [
            {
                "kind": r.kind,
                "label": r.label,
                "by_status": dict(zip(statuses, r.by_status, strict=True)),
                "total": r.total,
            }
            for r in rows
        ],
        "by_street": _areas(
            overview_selectors.by_street(incident),
            lambda r: ", ".join(p for p in (r["street"], r["city"]) if p),
        ),
        "by_postcode_area": _areas(
            overview_selectors.by_postcode_area(incident), lambda r: r["area"]
        ),
        "by_postcode": _areas(overview_selectors.by_postcode(incident), lambda r: r["postcode"]),
    }
    return Response(OverviewOut(data).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/damage/reports/", reports, name="api-damage-reports"),
    path("incidents/<id:pk>/damage/overview/", overview, name="api-damage-overview"),
    path("damage/reports/<id:pk>/", report, name="api-damage-report"),
]
