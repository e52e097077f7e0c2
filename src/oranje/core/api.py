"""API pieces of the core room: the exception handler, regions and municipalities."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from oranje.core import access
from oranje.core.models import Municipality, Region
from oranje.core.params import InvalidParameter


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Services raise Django's ValidationError (field → messages) and the parameter parser
    InvalidParameter: answer 400 with those field errors, never 500."""
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = ValidationError(detail=detail)
    elif isinstance(exc, InvalidParameter):
        exc = ValidationError(detail={exc.field: [exc.message]})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied()
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        # DRF's own wording is half English; say plainly what to do (Retry-After is set).
        seconds = int(getattr(exc, "wait", None) or 1)
        response.data = {
            "detail": _("Too many requests. Try again in %(seconds)s seconds.")
            % {"seconds": seconds}
        }
    return response


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successors = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = ["cbs_code", "name", "region", "valid_from", "valid_until", "successors"]


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The safety regions the user may see."""

    serializer_class = RegionSerializer
    lookup_field = "code"

    def get_queryset(self):
        return access.readable_regions(self.request.user).order_by("code")


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Municipalities (current and merged ones) in the regions the user may see."""

    serializer_class = MunicipalitySerializer
    lookup_field = "cbs_code"

    def get_queryset(self):
        regions = access.readable_regions(self.request.user)
        qs = Municipality.objects.filter(region__in=regions).select_related("region")
        region = self.request.query_params.get("region")
        if region:
            qs = qs.filter(region__code=region.upper())
        return qs.prefetch_related("successors").order_by("cbs_code")
