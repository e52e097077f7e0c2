"""The nafase's parts on the aftercare home: `{% aftercare_phase %}` (start form or head
change, for those who command the incident), `{% aftercare_transition %}` and
`{% aftercare_tasks %}` (counts and links)."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.aftercare.constants import DocumentStatus
from oranje.aftercare.forms_phase import HeadForm
from oranje.aftercare.models import Aftercare
from oranje.aftercare.selectors_tasks import theme_counts
from oranje.aftercare.selectors_transition import documents
from oranje.incidents.access import can_command
from oranje.incidents.models import Incident

register = template.Library()


def _base(context: template.Context) -> dict[str, Any]:
    return {
        "incident": context["incident"],
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("aftercare/_phase.html", takes_context=True)
def aftercare_phase(context: template.Context) -> dict[str, Any]:
    incident: Incident = context["incident"]
    out = _base(context)
    if not incident.is_open or not can_command(context["request"].user, incident):
        return out
    if incident.acute_ended_at is None:
        out["start_form"] = HeadForm(incident=incident, auto_id="start_%s")
    elif Aftercare.objects.filter(incident=incident).exists():
        out["head_form"] = HeadForm(incident=incident, auto_id="head_%s")
    return out


@register.inclusion_tag("aftercare/_transition_part.html", takes_context=True)
def aftercare_transition(context: template.Context) -> dict[str, Any]:
    incident: Incident = context["incident"]
    return {
        **_base(context),
        "latest": documents(incident).first(),
        "approved": documents(incident).filter(status=DocumentStatus.APPROVED).first(),
    }


@register.inclusion_tag("aftercare/_tasks_part.html", takes_context=True)
def aftercare_tasks(context: template.Context) -> dict[str, Any]:
    return {**_base(context), "counts": theme_counts(context["incident"])}
