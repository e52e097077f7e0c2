"""The people who came on the aftercare tab: `{% people_summary incident %}` — how many
arrived, how many deployments are recorded, the thank-yous sent, and the link."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.aftercare.models import ThankYou
from oranje.aftercare.selectors_people import came_count
from oranje.incidents.models import Incident
from oranje.readiness.models import Activity

register = template.Library()


@register.inclusion_tag("aftercare/_home_people.html")
def people_summary(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "came": came_count(incident),
        "recorded": Activity.objects.filter(
            external_id__startswith=f"incident:{incident.pk}:alert:"
        ).count(),
        "thanked": ThankYou.objects.filter(incident=incident).order_by("-sent_at").first(),
    }
