"""How the care room joins the incident room: live figures for the situation report
(counts, never names) and the 3-hour shelter norm as a milestone (the header, Tijden)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from oranje.care import selectors, selectors_needs
from oranje.care.constants import CaseState, HousingStatus, TaskStatus, Utility
from oranje.care.models import CareNorms, CleanupTask, Housing, Outage, RoadClosure, Shelter
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


# ---------------------------------------------------------------- part: needs


def needs_figures(incident: Incident) -> list[Figure]:
    """Open needs and households waiting for temporary housing (counts)."""
    out: list[Figure] = []
    needs = selectors_needs.need_counts(incident)
    if needs["open"] or needs["in_progress"]:
        out.append(
            Figure(
                _("Open needs"),
                _("%(open)s (of which %(progress)s in progress)")
                % {"open": needs["open"] + needs["in_progress"], "progress": needs["in_progress"]},
            )
        )
    housing = selectors_needs.housing_counts(incident)
    if housing["needed"] or housing["placed_ever"]:
        hours = CareNorms.for_region(incident.region_id).housing_hours
        out.append(
            Figure(
                _("Households without housing"),
                _("%(needed)s (of which %(over)s over the %(hours)s-hour norm)")
                % {"needed": housing["needed"], "over": housing["needed_over"], "hours": hours},
            )
        )
        out.append(
            Figure(
                _("Households placed in temporary housing"),
                _("%(placed)s (%(late)s later than the %(hours)s-hour norm)")
                % {
                    "placed": housing["placed_ever"],
                    "late": housing["placed_late"],
                    "hours": hours,
                },
            )
        )
    return out


HOUSING = "care.housing"


def housing_milestones(incident: Incident) -> list[Milestone]:
    """Temporary housing within the region's norm (48 hours), measured per household: the
    household waiting longest while any waits (in the header, counting down), otherwise the
    slowest placement (on the Tijden page only)."""
    norm = CareNorms.for_region(incident.region_id).housing_delta
    label, short = _("Temporary housing (longest wait)"), _("housing")
    waiting = (
        Housing.objects.filter(household__incident=incident, status=HousingStatus.NEEDED)
        .order_by("needed_since")
        .values_list("needed_since", flat=True)
        .first()
    )
    if waiting is not None:
        return [Milestone(HOUSING, label, short, waiting, norm, None)]
    placed = [
        (since, at)
        for since, at in Housing.objects.filter(
            household__incident=incident, placed_at__isnull=False
        ).values_list("needed_since", "placed_at")
        if at is not None
    ]
    if not placed:
        return []
    since, at = max(placed, key=lambda pair: pair[1] - pair[0])
    return [Milestone(HOUSING, label, short, since, norm, at, header=False)]


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "j-n H:i")


def surroundings_figures(incident: Incident) -> list[Figure]:
    """Outages still on (per utility), roads closed, clean-up tasks open."""
    out: list[Figure] = []
    on = Outage.objects.filter(incident=incident, restored_at__isnull=True).order_by("started_at")
    per_utility: dict[str, list[Outage]] = {}
    for outage in on:
        per_utility.setdefault(outage.utility, []).append(outage)
    for utility, outages in per_utility.items():
        households = sum(o.households for o in outages)
        ends = [o.expected_end for o in outages]
        value = _("%(households)s households without, since %(since)s") % {
            "households": number_format(households, force_grouping=True),
            "since": _moment(outages[0].started_at),
        }
        if all(e is not None for e in ends):
            last = max(e for e in ends if e is not None)
            value += _(", expected restored %(when)s") % {
                "when": date_format(timezone.localtime(last), "j-n")
            }
        out.append(Figure(_("Outage: %(utility)s") % {"utility": Utility(utility).label}, value))
    roads = list(
        RoadClosure.objects.filter(incident=incident, reopened_at__isnull=True)
        .order_by("closed_at")
        .values_list("road", flat=True)
    )
    if roads:
        out.append(Figure(_("Roads closed"), f"{len(roads)} ({', '.join(roads)})"))
    tasks = CleanupTask.objects.filter(incident=incident).aggregate(
        open=Count("pk", filter=~Q(status=TaskStatus.DONE)),
        overdue=Count("pk", filter=~Q(status=TaskStatus.DONE) & Q(due__lt=timezone.now())),
        total=Count("pk"),
    )
    if tasks["total"]:
        out.append(
            Figure(
                _("Clean-up tasks open"),
                _("%(open)s (of which %(overdue)s past their deadline)")
                % {"open": tasks["open"], "overdue": tasks["overdue"]},
            )
        )
    return out


def register() -> None:
    if shelter_figures not in incident_hooks.figures:
        incident_hooks.figures.append(shelter_figures)
    if vulnerable_figures not in incident_hooks.figures:
        incident_hooks.figures.append(vulnerable_figures)
    if shelter_milestones not in incident_hooks.milestones:
        incident_hooks.milestones.append(shelter_milestones)
    for provider in (needs_figures, surroundings_figures):
        if provider not in incident_hooks.figures:
            incident_hooks.figures.append(provider)
    if housing_milestones not in incident_hooks.milestones:
        incident_hooks.milestones.append(housing_milestones)
