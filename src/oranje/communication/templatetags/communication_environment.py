"""The communication tab's parts of the environment analysis and the Q&A list, rendered from
the incident alone so the tab's view needs nothing of them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, F, Q

from oranje.communication import selectors_analyses
from oranje.communication.access import can_communicate
from oranje.communication.constants import ReviewStatus
from oranje.communication.models import QAItem, QAVersion
from oranje.communication.services.analyses import period_label

register = template.Library()


@register.inclusion_tag("communication/_home_analyses.html", takes_context=True)
def analyses_part(context: dict[str, Any]) -> dict[str, Any]:
    incident = context["incident"]
    user = context["request"].user
    latest = selectors_analyses.latest_approved(incident)
    drafts = selectors_analyses.analysis_list(incident).filter(status=ReviewStatus.DRAFT)
    return {
        "incident": incident,
        "latest": latest,
        "period": period_label(latest) if latest is not None else "",
        "drafts": drafts.count(),
        "writes": can_communicate(user, incident) and incident.is_open,
    }


@register.inclusion_tag("communication/_home_qa.html", takes_context=True)
def qa_part(context: dict[str, Any]) -> dict[str, Any]:
    incident = context["incident"]
    user = context["request"].user
    counts = QAItem.objects.filter(incident=incident, retired=False).aggregate(
        approved=Count("pk", filter=Q(status=ReviewStatus.APPROVED)),
        drafts=Count("pk", filter=Q(status=ReviewStatus.DRAFT)),
        public=Count("pk", filter=Q(status=ReviewStatus.APPROVED, public=True)),
    )
    counts["waiting"] = (
        QAVersion.objects.filter(
            item__incident=incident,
            item__retired=False,
            item__status=ReviewStatus.APPROVED,
            number__gt=F("item__version"),
        )
        .values("item")
        .distinct()
        .count()
    )
    return {
        "incident": incident,
        "counts": counts,
        "writes": can_communicate(user, incident) and incident.is_open,
    }
