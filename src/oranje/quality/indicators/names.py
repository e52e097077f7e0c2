"""Function names as a region calls them, for the drill-down tables."""

from __future__ import annotations

from oranje.core.models import Region
from oranje.organisation.models import Function, RegionFunction


def function_names(region: Region) -> dict[int, str]:
    """Every function's name, the region's own where it set one."""
    names = dict(Function.objects.values_list("pk", "name"))
    for function_id, local in (
        RegionFunction.objects.filter(region=region)
        .exclude(local_name="")
        .values_list("function_id", "local_name")
    ):
        names[function_id] = local
    return names
