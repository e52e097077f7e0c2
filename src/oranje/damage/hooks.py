"""What the damage room adds to the incident: its figures in the situation report (counts
only)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from oranje.damage.constants import OPEN_STATUSES, Triage
from oranje.damage.models import DamageReport
from oranje.incidents.hooks import Figure, registry
from oranje.incidents.models import Incident


def counts(incident: Incident) -> dict[str, int]:
    """Reports, open ones, urgent open ones, unsafe homes: what other rooms may know."""
    return DamageReport.objects.filter(incident=incident).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        urgent=Count("pk", filter=Q(status__in=OPEN_STATUSES, triage=Triage.URGENT)),
        unsafe=Count("pk", filter=Q(unsafe=True)),
        addresses=Count("address_key", distinct=True),
    )


def figures(incident: Incident) -> list[Figure]:
    c = counts(incident)
    if not c["total"]:
        return []
    return [
        Figure(
            _("Damage reports"),
            _("%(total)s (%(open)s open, %(urgent)s urgent, %(unsafe)s unsafe to stay)") % c,
        )
    ]


def register() -> None:
    registry.figures.append(figures)
