"""The incidents and exercises of a report's period (started in it, in the region), with
their times against the norms — the milestones the rooms report
(`incidents.norms.milestones`: first public message within 30 minutes, shelter within 3
hours, housing within 48 hours) and the arrivals of the alerted people against their
function's arrival norm — and the reviews of the flexible scalings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from oranje.alerting.models import Alert
from oranje.core.models import Municipality, Region
from oranje.incidents.constants import ScalingMode
from oranje.incidents.models import Incident
from oranje.incidents.norms import duration_text, milestones
from oranje.quality.models import ScalingReview
from oranje.quality.periods import Period


@dataclass(frozen=True)
class Time:
    """One milestone in words: what, the norm, how long it took, met or not."""

    label: str
    norm: str
    took: str
    verdict: str
    met: bool | None


@dataclass
class Arrivals:
    alerted: int = 0
    arrived: int = 0
    #: Arrivals measured against a norm, and those within it.
    measured: int = 0
    in_time: int = 0

    @property
    def text(self) -> str:
        if not self.measured:
            return _("%(arrived)s of %(alerted)s alerted arrived") % {
                "arrived": self.arrived,
                "alerted": self.alerted,
            }
        return _("%(in_time)s of %(measured)s arrivals within the norm (%(share).0f%%)") % {
            "in_time": self.in_time,
            "measured": self.measured,
            "share": 100.0 * self.in_time / self.measured,
        }


@dataclass
class IncidentLine:
    incident: Incident
    times: list[Time] = field(default_factory=list)
    arrivals: Arrivals = field(default_factory=Arrivals)

    @property
    def marking(self) -> str:
        return "OEFENING" if self.incident.is_exercise else ""


def verdict(met: bool | None) -> str:
    if met is None:
        return _("norm still running")
    return _("met") if met else _("missed")


def times(incident: Incident) -> list[Time]:
    found = []
    for m in milestones(incident):
        took = duration_text(m.elapsed) if m.elapsed is not None else _("not reached")
        found.append(Time(m.label, duration_text(m.norm), took, verdict(m.met), m.met))
    return found


def incidents_of(
    region: Region, period: Period, municipality: Municipality | None = None
) -> QuerySet[Incident]:
    incidents = Incident.objects.filter(
        region=region, started_at__gte=period.starts_at, started_at__lt=period.ends_at
    )
    if municipality is not None:
        incidents = incidents.filter(
            Q(municipality=municipality) | Q(municipalities=municipality)
        ).distinct()
    return incidents.select_related("municipality").order_by("started_at", "pk")


def arrivals(incident_ids: list[int]) -> dict[int, Arrivals]:
    found: dict[int, Arrivals] = {pk: Arrivals() for pk in incident_ids}
    rows = Alert.objects.filter(call__incident_id__in=incident_ids).values_list(
        "call__incident_id", "alerted_at", "arrived_at", "call__arrival_norm_minutes"
    )
    for incident_id, alerted_at, arrived_at, norm in rows:
        line = found[incident_id]
        line.alerted += 1
        if arrived_at is None:
            continue
        line.arrived += 1
        if norm:
            line.measured += 1
            if (arrived_at - alerted_at).total_seconds() <= norm * 60:
                line.in_time += 1
    return found


def incident_lines(
    region: Region, period: Period, municipality: Municipality | None = None
) -> list[IncidentLine]:
    """The period's incidents and exercises, each with its times and arrivals."""
    incidents = list(incidents_of(region, period, municipality))
    counts = arrivals([i.pk for i in incidents])
    return [IncidentLine(i, times(i), counts[i.pk]) for i in incidents]


@dataclass
class ReviewLine:
    incident: Incident
    review: ScalingReview | None

    @property
    def wise(self) -> str:
        return self.review.get_wise_display() if self.review else _("not yet reviewed")

    @property
    def legitimate(self) -> str:
        return self.review.get_legitimate_display() if self.review else _("not yet reviewed")


def scaling_reviews(region: Region, period: Period) -> list[ReviewLine]:
    """The incidents of the period that scaled flexibly, each with the board's review (or
    none yet), and any other reviewed incident of the period."""
    incidents = incidents_of(region, period)
    flexible = set(
        incidents.filter(scaling__mode=ScalingMode.FLEXIBLE).values_list("pk", flat=True)
    )
    reviews = {
        r.incident_id: r
        for r in ScalingReview.objects.filter(incident__in=incidents).select_related("incident")
    }
    return [
        ReviewLine(incident, reviews.get(incident.pk))
        for incident in incidents
        if incident.pk in flexible or incident.pk in reviews
    ]
