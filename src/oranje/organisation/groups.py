"""A function's group as a region uses it: the national group of the catalogue, unless the
region set its own (`RegionFunction.group_override`, e.g. a region that runs a function from
the back office rather than in the field). Every page that shows a group for a region asks
here."""

from __future__ import annotations

from oranje.core.models import Region
from oranje.organisation.constants import FunctionGroup
from oranje.organisation.models import Function, RegionFunction


def effective_group(region: Region | int, function: Function) -> str:
    """The group (a `FunctionGroup` value) of `function` in `region`."""
    region_id = region if isinstance(region, int) else region.pk
    override = (
        RegionFunction.objects.filter(region_id=region_id, function=function)
        .values_list("group_override", flat=True)
        .first()
    )
    return override or function.group


def effective_groups(region: Region | int) -> dict[int, str]:
    """Per function id, its group in `region`: one query for a whole page."""
    region_id = region if isinstance(region, int) else region.pk
    overrides = dict(
        RegionFunction.objects.filter(region_id=region_id)
        .exclude(group_override="")
        .values_list("function_id", "group_override")
    )
    return {
        pk: overrides.get(pk) or group for pk, group in Function.objects.values_list("pk", "group")
    }


def group_label(value: str) -> str:
    return str(FunctionGroup(value).label) if value in FunctionGroup.values else value
