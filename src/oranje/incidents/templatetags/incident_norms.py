"""`{% norm_badges incident %}`: the norms measured in the incident, as badges in its header
(see incidents/norms.py)."""

from __future__ import annotations

import datetime as dt

from django import template

from oranje.incidents.models import Incident
from oranje.incidents.norms import duration_text, header_badges

register = template.Library()


@register.inclusion_tag("incidents/_norm_badges.html")
def norm_badges(incident: Incident) -> dict[str, object]:
    return {"badges": header_badges(incident)}


@register.filter(name="duration_text")
def duration_filter(delta: dt.timedelta) -> str:
    """A duration as "2 u 10 min"."""
    return duration_text(delta)
