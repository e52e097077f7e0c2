"""The IAC on the aftercare home page (`{% iac_summary %}` in its slot): counts for everyone
who sees the incident, the links to the cases only for the IAC; and `get_count`, a number
out of a dict of counts."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.aftercare import selectors_iac as selectors

register = template.Library()


@register.filter
def get_count(counts: dict[str, int], key: str) -> int:
    return counts.get(key, 0) if isinstance(counts, dict) else 0


@register.inclusion_tag("aftercare/_iac_home.html", takes_context=True)
def iac_summary(context: template.Context) -> dict[str, Any]:
    incident = context["incident"]
    return {
        "incident": incident,
        "iac": context.get("iac", False),
        "summary": selectors.summary(incident),
    }
