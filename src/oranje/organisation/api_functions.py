"""The function catalogue in the API (/api/v1/functions/): the national catalogue, and with
`?region=VR12` each function's group as that region uses it (`groups.effective_group`: the
region's override, else the national group), so a client reads what the region's pages show.
The region goes through the chokepoint: a region the user may not see is 404."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from oranje.core import access as core_access
from oranje.organisation.constants import FunctionGroup
from oranje.organisation.groups import effective_groups
from oranje.organisation.models import Function

_REGION = OpenApiParameter(
    "region",
    str,
    description="Region code, e.g. VR12: give `group` as this region uses it (its override, "
    "else the national group).",
)


class FunctionSerializer(serializers.ModelSerializer):
    group = serializers.SerializerMethodField(
        help_text="The national group, or with ?region= the group in that region."
    )
    national_group = serializers.ChoiceField(
        source="group", choices=FunctionGroup.choices, read_only=True
    )
    group_is_regional = serializers.SerializerMethodField(
        help_text="With ?region=: whether the region set its own group for the function."
    )

    class Meta:
        model = Function
        fields = ["code", "name", "group", "national_group", "group_is_regional", "description"]

    def _groups(self) -> dict[int, str] | None:
        groups: dict[int, str] | None = self.context.get("groups")
        return groups

    def get_group(self, function: Function) -> str:
        groups = self._groups()
        return function.group if groups is None else groups.get(function.pk, function.group)

    def get_group_is_regional(self, function: Function) -> bool:
        return self.get_group(function) != function.group


@extend_schema_view(
    list=extend_schema(parameters=[_REGION]), retrieve=extend_schema(parameters=[_REGION])
)
class FunctionViewSet(viewsets.ReadOnlyModelViewSet):
    """The national function catalogue; with `?region=` the region's group of each."""

    queryset = Function.objects.all()
    serializer_class = FunctionSerializer
    lookup_field = "code"
    pagination_class = None

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        code = self.request.query_params.get("region") if self.request else None
        if code:
            region = core_access.region_for_user(self.request.user, code)
            context["groups"] = effective_groups(region)
        return context
