"""API of the description of population care and the point of contact.

- `regions/<code>/population-care-description/`: GET the description as the region shows it
  (every member and partner of the region); PUT a new version of the region's additions
  (the region's managers).
- `population-care-description/national/`: GET the current national text (any member or
  partner); PUT a new version (national administrators).
- `regions/<code>/contact-point/`: GET (members and partners); PUT (the region's managers)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.fields import FreeTextField
from oranje.core.models import Region
from oranje.partners import access
from oranje.partners import services_description as svc
from oranje.partners.constants import DESCRIPTION_PART_MAX
from oranje.partners.models import ContactPoint, Description


class PartIO(serializers.Serializer):
    code = serializers.CharField(help_text="what, boundary, will_do or will_not_do.")
    title = serializers.CharField(help_text="The part's heading.")
    national = serializers.CharField(help_text="The national text of this part.")
    addition = serializers.CharField(help_text="The region's addition (empty: none).")


class ContactPointIO(serializers.Serializer):
    name = FreeTextField(max_length=svc.CONTACT_LIMITS["name"], allow_blank=True)
    role = FreeTextField(
        max_length=svc.CONTACT_LIMITS["role"], required=False, allow_blank=True, default=""
    )
    phone = FreeTextField(max_length=40, allow_blank=True, help_text="Stored as +31…")
    email = FreeTextField(max_length=svc.EMAIL_MAX, allow_blank=True)
    note = FreeTextField(
        max_length=svc.CONTACT_LIMITS["note"], required=False, allow_blank=True, default=""
    )
    updated_at = serializers.DateTimeField(read_only=True)


class DescriptionOut(serializers.Serializer):
    region = serializers.CharField(help_text="Region code (VR12).")
    national_version = serializers.IntegerField(allow_null=True)
    regional_version = serializers.IntegerField(allow_null=True)
    parts = PartIO(many=True)
    contact_point = ContactPointIO(allow_null=True)


class VersionIn(serializers.Serializer):
    """A new version: the four parts and what changed."""

    what = FreeTextField(max_length=DESCRIPTION_PART_MAX, required=False, allow_blank=True)
    boundary = FreeTextField(max_length=DESCRIPTION_PART_MAX, required=False, allow_blank=True)
    will_do = FreeTextField(max_length=DESCRIPTION_PART_MAX, required=False, allow_blank=True)
    will_not_do = FreeTextField(max_length=DESCRIPTION_PART_MAX, required=False, allow_blank=True)
    note = FreeTextField(max_length=svc.NOTE_MAX, allow_blank=True, help_text="What changed.")


class VersionOut(serializers.Serializer):
    region = serializers.CharField(allow_null=True, help_text="Empty for the national text.")
    version = serializers.IntegerField()
    what = serializers.CharField()
    boundary = serializers.CharField()
    will_do = serializers.CharField()
    will_not_do = serializers.CharField()
    note = serializers.CharField()
    published_at = serializers.DateTimeField()


def _region(request: Request, code: str) -> Region:
    region = access.partner_region_for_user(request.user, code[:20])
    if not core_access.can_read_region(request.user, region.pk):
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.DESCRIPTION_PARTNER_READ,
                obj=region,
                region=region,
                note="api",
            )
    return region


def _contact(region: Region) -> dict[str, Any] | None:
    cp = ContactPoint.objects.filter(region=region).first()
    if cp is None:
        return None
    return {
        "name": cp.name,
        "role": cp.role,
        "phone": cp.phone,
        "email": cp.email,
        "note": cp.note,
        "updated_at": cp.updated_at,
    }


def _version(row: Description) -> dict[str, Any]:
    return {
        "region": row.region.code if row.region else None,
        "version": row.version,
        **{code: getattr(row, code) for code in svc.PARTS},
        "note": row.note,
        "published_at": row.published_at,
    }


def _texts(data: dict[str, Any]) -> dict[str, str]:
    return {code: data.get(code, "") for code in svc.PARTS}


@extend_schema(methods=["GET"], responses=DescriptionOut)
@extend_schema(methods=["PUT"], request=VersionIn, responses={201: VersionOut})
@api_view(["GET", "PUT"])
def region_description(request: Request, code: str) -> Response:
    """The description of population care as the region shows it; PUT publishes a new
    version of the region's additions."""
    if request.method == "PUT":
        region = core_access.region_for_user(request.user, code[:20], manage=True)
        s = VersionIn(data=request.data)
        s.is_valid(raise_exception=True)
        row = svc.description_publish(
            actor=core_access.authenticated(request.user),
            region=region,
            texts=_texts(s.validated_data),
            note=s.validated_data["note"],
        )
        return Response(VersionOut(_version(row)).data, status=201)
    region = _region(request, code)
    national = svc.national_current()
    regional = svc.regional_current(region)
    return Response(
        DescriptionOut(
            {
                "region": region.code,
                "national_version": national.version if national else None,
                "regional_version": regional.version if regional else None,
                "parts": [
                    {
                        "code": p.code,
                        "title": p.label,
                        "national": p.national,
                        "addition": p.addition,
                    }
                    for p in svc.composed(region)
                ],
                "contact_point": _contact(region),
            }
        ).data
    )


@extend_schema(methods=["GET"], responses=VersionOut)
@extend_schema(methods=["PUT"], request=VersionIn, responses={201: VersionOut})
@api_view(["GET", "PUT"])
def national_description(request: Request) -> Response:
    """The current national text; PUT publishes a new version (national administrators)."""
    user = core_access.authenticated(request.user)
    if request.method == "PUT":
        core_access.require(svc.can_write_national(user))
        s = VersionIn(data=request.data)
        s.is_valid(raise_exception=True)
        row = svc.description_publish(
            actor=user, region=None, texts=_texts(s.validated_data), note=s.validated_data["note"]
        )
        return Response(VersionOut(_version(row)).data, status=201)
    scopes = core_access.scopes_for(user)
    if not (scopes.national_read or scopes.read_regions or access.is_partner(user)):
        raise Http404
    current = svc.national_current()
    if current is None:
        raise Http404
    return Response(VersionOut(_version(current)).data)


@extend_schema(methods=["GET"], responses=ContactPointIO)
@extend_schema(methods=["PUT"], request=ContactPointIO, responses=ContactPointIO)
@api_view(["GET", "PUT"])
def contact_point(request: Request, code: str) -> Response:
    """The region's point of contact for population care; PUT sets it."""
    if request.method == "PUT":
        region = core_access.region_for_user(request.user, code[:20], manage=True)
        s = ContactPointIO(data=request.data)
        s.is_valid(raise_exception=True)
        data = s.validated_data
        svc.contact_point_save(
            actor=core_access.authenticated(request.user),
            region=region,
            name=data["name"],
            role=data.get("role", ""),
            phone=data["phone"],
            email=data["email"],
            note=data.get("note", ""),
        )
        return Response(ContactPointIO(_contact(region)).data)
    region = _region(request, code)
    found = _contact(region)
    if found is None:
        raise Http404
    return Response(ContactPointIO(found).data)


urls: list[URLPattern] = [
    path(
        "regions/<str:code>/population-care-description/",
        region_description,
        name="api-population-care-description",
    ),
    path(
        "population-care-description/national/",
        national_description,
        name="api-population-care-description-national",
    ),
    path("regions/<str:code>/contact-point/", contact_point, name="api-contact-point"),
]
