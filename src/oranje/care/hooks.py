"""How the care room joins the incident room: live figures for the situation report
(counts, never names) and the 3-hour shelter norm as a milestone (the header, Tijden)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from oranje.care import selectors
from oranje.care.constants import CaseState
from oranje.care.models import CareNorms, Shelter
from oranje.care.services.vulnerable import case_counts
from oranje.incidents.hooks import Figure, Milestone
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident

#: The key of the shelter norm's milestone (the API's times list names it).
SHELTER_READY = "care.shelter_ready"


def shelter_figures(incident: Incident) -> list[Figure]:
    totals = Shelter.objects.filter(incident=incident).aggregate(
        shelters=Count("pk"),
        open=Count("pk", filter=Q(closed_at__isnull=True)),
        present=Sum("present", filter=Q(closed_at__isnull=True)),
        capacity=Sum("capacity_day", filter=Q(closed_at__isnull=True)),
        beds=Sum("capacity_night", filter=Q(closed_at__isnull=True)),
    )
    norm = selectors.capacity_norm(incident)
    figures: list[Figure] = []
    if totals["shelters"]:
        present = totals["present"] or 0
        figures += [
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
    if norm.needed is not None:
        figures.append(
            Figure(
                _("Shelter capacity the norm asks"),
                _("%(needed)s for %(involved)s people involved; %(open)s places open")
                % {"needed": norm.needed, "involved": norm.involved, "open": norm.open_capacity},
            )
        )
    return figures


def shelter_milestones(incident: Incident) -> list[Milestone]:
    """The first shelter ready within the region's norm (3 hours) of the incident's start,
    once shelter care has begun in the incident (a shelter opened or the people involved
    recorded): an incident that needs no shelter gets no countdown."""
    begun, ready = selectors.first_ready(incident)
    if not begun:
        return []
    norms = CareNorms.for_region(incident.region_id)
    return [
        Milestone(
            key=SHELTER_READY,
            label=_("Shelter ready"),
            short=_("sheltering"),
            start=incident.started_at,
            norm=norms.shelter_delta,
            at=ready,
        )
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
    if shelter_milestones not in incident_hooks.milestones:
        incident_hooks.milestones.append(shelter_milestones)
