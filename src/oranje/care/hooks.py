"""How the care room joins the incident room: live figures for the situation report
(counts, never names)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from oranje.care.models import Shelter
from oranje.incidents.hooks import Figure
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident


def shelter_figures(incident: Incident) -> list[Figure]:
    totals = Shelter.objects.filter(incident=incident).aggregate(
        shelters=Count("pk"),
        open=Count("pk", filter=Q(closed_at__isnull=True)),
        present=Sum("present", filter=Q(closed_at__isnull=True)),
        capacity=Sum("capacity_day", filter=Q(closed_at__isnull=True)),
        beds=Sum("capacity_night", filter=Q(closed_at__isnull=True)),
    )
    if not totals["shelters"]:
        return []
    present = totals["present"] or 0
    return [
        Figure(_("Shelters open"), str(totals["open"])),
        Figure(
            _("People in shelters"),
            _("%(present)s (free places: %(day)s by day, %(night)s beds by night)")
            % {
                "present": present,
                "day": max((totals["capacity"] or 0) - present, 0),
                "night": (totals["beds"] or 0) - present,
            },
        ),
    ]


def register() -> None:
    if shelter_figures not in incident_hooks.figures:
        incident_hooks.figures.append(shelter_figures)
