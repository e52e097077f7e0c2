"""`{% incident_agreements incident %}`: on the incident's tab, who communicates each kind of
message at its current scaling, from the region's agreements."""

from __future__ import annotations

from django import template

from oranje.communication.services.agreements import incident_agreements
from oranje.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("communication/_incident_agreements.html")
def agreements_now(incident: Incident) -> dict[str, object]:
    return {"incident": incident, "now": incident_agreements(incident)}
