"""`{% agreements_now incident %}`: on the incident's tab, who communicates each kind of
message at its current scaling, from the region's agreements; `{% agreement_line incident
kind %}`: the one line for a message of that kind (for the message editor)."""

from __future__ import annotations

from django import template

from oranje.communication.services.agreements import incident_agreements
from oranje.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("communication/_incident_agreements.html")
def agreements_now(incident: Incident) -> dict[str, object]:
    return {"incident": incident, "now": incident_agreements(incident)}


@register.inclusion_tag("communication/_agreement_line.html")
def agreement_line(incident: Incident, kind: str) -> dict[str, object]:
    now = incident_agreements(incident)
    cells = next((cells for k, cells in now.kinds_by_value if k == kind), [])
    return {"incident": incident, "cells": cells, "scoped": bool(now.scopes)}
