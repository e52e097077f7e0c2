"""`{% borrowed_readiness region %}`: the readiness of people lent to the region, by the
national profile, as a table under the region's matrix."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from oranje.core.models import Region
from oranje.readiness.selectors_loans import borrowed_readiness as rows_for

register = template.Library()


@register.inclusion_tag("readiness/_borrowed_readiness.html")
def borrowed_readiness(region: Region) -> dict[str, Any]:
    return {"rows": rows_for(region, timezone.localdate())}
