"""The damage home page's parts of the staff side: the handlers' summary with links
(`{% damage_reports_part %}`, only for those who handle the reports) and the overview's
counts with its link (`{% damage_overview_part %}`, for everyone who sees the incident)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from oranje.damage import selectors_overview
from oranje.damage.access import can_handle
from oranje.damage.constants import OPEN_STATUSES
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("damage/_part_reports.html", takes_context=True)
def damage_reports_part(context: template.Context, incident: Incident) -> dict[str, Any]:
    request = context["request"]
    if not can_handle(request.user, incident):
        return {"show": False}
    open_reports = DamageReport.objects.filter(incident=incident, status__in=OPEN_STATUSES)
    figures = open_reports.aggregate(
        untriaged=Count("pk", filter=Q(triage="")),
        mine=Count("pk", filter=Q(handler_id=request.user.pk)),
        unassigned=Count("pk", filter=Q(handler__isnull=True)),
    )
    return {"show": True, "incident": incident, "figures": figures}


@register.inclusion_tag("damage/_part_overview.html")
def damage_overview_part(incident: Incident) -> dict[str, Any]:
    rows, _totals, total = selectors_overview.by_kind_status(incident)
    return {"incident": incident, "kind_rows": rows, "total": total}
