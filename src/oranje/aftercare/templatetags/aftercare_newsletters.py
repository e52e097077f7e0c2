"""The newsletters on the aftercare tab: `{% home_newsletters incident %}` — for the IAC the
last newsletters with their counts and the way to write one; for others who see the
incident only how many were sent."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.aftercare.access import can_iac
from oranje.aftercare.selectors_newsletters import newsletter_list, newsletter_totals
from oranje.incidents.models import Incident

register = template.Library()

#: Newsletters shown on the tab.
LAST = 3


@register.inclusion_tag("aftercare/_home_newsletters.html", takes_context=True)
def home_newsletters(context: template.Context, incident: Incident) -> dict[str, Any]:
    iac = can_iac(context["request"].user, incident)
    return {
        "incident": incident,
        "iac": iac,
        "rows": newsletter_list(incident, limit=LAST) if iac else [],
        "totals": newsletter_totals(incident),
        "writes": iac and incident.is_open,
    }
