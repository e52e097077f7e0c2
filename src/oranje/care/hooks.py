"""How the care room joins the incident room: live figures for the situation report
(counts, never names)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from oranje.care.constants import CaseState
from oranje.care.models import Shelter
from oranje.care.services.vulnerable import case_counts
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


def vulnerable_figures(incident: Incident) -> list[Figure]:
    """The worklist of people with reduced self-reliance as counts (never names)."""
    counts = case_counts(incident)
    total = sum(counts.values())
    if not total:
        return []
    return [
        Figure(
            _("People with reduced self-reliance in the area"),
            _(
                "%(total)s (contacted %(contacted)s, needs help %(help)s, evacuated "
                "%(evacuated)s, still to contact %(open)s)"
            )
            % {
                "total": total,
                "contacted": counts[CaseState.CONTACTED] + counts[CaseState.FINE],
                "help": counts[CaseState.NEEDS_HELP],
                "evacuated": counts[CaseState.EVACUATED],
                "open": counts[CaseState.TO_CONTACT],
            },
        )
    ]


def register() -> None:
    if shelter_figures not in incident_hooks.figures:
        incident_hooks.figures.append(shelter_figures)
    if vulnerable_figures not in incident_hooks.figures:
        incident_hooks.figures.append(vulnerable_figures)
