"""What the partner view of a region shows: the published situation reports (the newest
published version per incident), the published messages meant for the public and for
partners, the open shelters as figures, and the scaling history of real incidents.

Never a draft, never a person: a shelter is its location's name, place, capacity and how many
people are present; a report leaves out who approved it; a scaling step leaves out who decided
it. Exercises are shown apart and marked OEFENING (partners take part in exercises too), except
in the scaling history, which is of real incidents only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from oranje.care.models import Shelter
from oranje.communication.constants import MessageKind, MessageStatus
from oranje.communication.models import Message
from oranje.core.models import Region
from oranje.incidents.constants import ReportStatus
from oranje.incidents.models import Incident, ScalingStep, SituationReport

#: Closed incidents stay in the partner view this long after closing.
PARTNER_HISTORY_DAYS = 365
#: The kinds of published messages a partner reads: the public ones, press releases and the
#: messages meant for staff and partners (not the mailings to affected people).
PARTNER_MESSAGE_KINDS = frozenset(
    {MessageKind.PUBLIC, MessageKind.WARNING, MessageKind.PRESS, MessageKind.STAFF}
)
#: The newest messages shown on the partner view.
PARTNER_MESSAGES_SHOWN = 50


@dataclass(frozen=True)
class PartnerShelter:
    """An open shelter as a partner sees it: where, how big and how full; no guests."""

    incident: Incident
    name: str
    place: str
    capacity_day: int
    capacity_night: int
    present: int
    ready: bool


@dataclass
class PartnerScaling:
    """The scaling history of one real incident, oldest step first."""

    incident: Incident
    steps: list[ScalingStep] = field(default_factory=list)


@dataclass
class PartnerView:
    region: Region
    #: The newest published report per real incident, open incidents first.
    reports: list[SituationReport]
    #: The same for exercises (shown apart, marked OEFENING).
    exercise_reports: list[SituationReport]
    messages: list[Message]
    shelters: list[PartnerShelter]
    scaling: list[PartnerScaling]

    @property
    def is_empty(self) -> bool:
        return not (
            self.reports or self.exercise_reports or self.messages or self.shelters or self.scaling
        )


def partner_incidents(region: Region, *, now: dt.datetime | None = None) -> QuerySet[Incident]:
    """The region's incidents a partner sees: open, or closed within PARTNER_HISTORY_DAYS."""
    since = (now or timezone.now()) - dt.timedelta(days=PARTNER_HISTORY_DAYS)
    return Incident.objects.filter(region=region).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=since)
    )


def _newest_published(incidents: QuerySet[Incident]) -> list[SituationReport]:
    """The newest published version of each incident's report, open incidents first, then
    by the moment of publication, newest first."""
    newest: dict[int, SituationReport] = {}
    found = (
        SituationReport.objects.filter(incident__in=incidents, status=ReportStatus.PUBLISHED)
        .select_related("incident", "incident__municipality")
        .order_by("incident_id", "-version")
    )
    for report in found:
        newest.setdefault(report.incident_id, report)
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(
        newest.values(),
        key=lambda r: (
            r.incident.closed_at is not None,
            -(r.published_at or oldest).timestamp(),
        ),
    )


def partner_view(region: Region, *, now: dt.datetime | None = None) -> PartnerView:
    """Everything the partner view of `region` shows. Six queries."""
    incidents = partner_incidents(region, now=now)
    reports = _newest_published(incidents)
    messages = list(
        Message.objects.filter(
            incident__in=incidents,
            status=MessageStatus.PUBLISHED,
            kind__in=PARTNER_MESSAGE_KINDS,
        )
        .select_related("incident")
        .order_by("-published_at", "-pk")[:PARTNER_MESSAGES_SHOWN]
    )
    shelters = [
        PartnerShelter(
            incident=s.incident,
            name=s.location.name,
            place=s.location.city or s.location.municipality.name,
            capacity_day=s.capacity_day,
            capacity_night=s.capacity_night,
            present=s.present,
            ready=s.ready_at is not None,
        )
        for s in Shelter.objects.filter(
            incident__region=region, incident__closed_at__isnull=True, closed_at__isnull=True
        )
        .select_related("incident", "location", "location__municipality")
        .order_by("incident__is_exercise", "location__name", "pk")
    ]
    scaling: dict[int, PartnerScaling] = {}
    steps = (
        ScalingStep.objects.filter(incident__in=incidents.filter(is_exercise=False))
        .select_related("incident")
        .order_by("-incident__started_at", "incident_id", "at", "pk")
    )
    for step in steps:
        scaling.setdefault(step.incident_id, PartnerScaling(step.incident)).steps.append(step)
    return PartnerView(
        region=region,
        reports=[r for r in reports if not r.incident.is_exercise],
        exercise_reports=[r for r in reports if r.incident.is_exercise],
        messages=messages,
        shelters=shelters,
        scaling=list(scaling.values()),
    )


def partner_report(region: Region, incident_id: int) -> SituationReport:
    """The newest published report of one of the region's incidents in the partner view;
    404 when there is none (a draft or an approved version is never shown)."""
    report = (
        SituationReport.objects.filter(
            incident__in=partner_incidents(region),
            incident_id=incident_id,
            status=ReportStatus.PUBLISHED,
        )
        .select_related("incident", "incident__municipality", "incident__region")
        .order_by("-version")
        .first()
    )
    if report is None:
        raise Http404
    return report
