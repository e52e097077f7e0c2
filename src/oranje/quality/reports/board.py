"""A board report's whole content (`board_content`) and a municipality's chapter for its
annual report (`chapter_content`), as plain data the PDF and the print page both draw."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Person
from oranje.quality.costs import MunicipalityShare, RegionCosts, region_costs
from oranje.quality.models import AgreementLine, BoardReport, MunicipalAgreement
from oranje.quality.periods import Period
from oranje.quality.reports import content, events
from oranje.quality.reports.content import ActionLine, Gap, NormStatus


@dataclass
class BoardContent:
    report: BoardReport
    region: Region
    period: Period
    day: dt.date
    made_at: dt.datetime
    norms: list[NormStatus]
    gaps: list[Gap]
    actions: list[ActionLine]
    incidents: list[events.IncidentLine]
    reviews: list[events.ReviewLine]
    standings: list[content.MunicipalStanding]
    costs: RegionCosts | None = None

    @property
    def real(self) -> list[events.IncidentLine]:
        return [line for line in self.incidents if not line.incident.is_exercise]

    @property
    def exercises(self) -> list[events.IncidentLine]:
        return [line for line in self.incidents if line.incident.is_exercise]

    @property
    def summary(self) -> list[tuple[str, int]]:
        return content.summary(self.norms)

    @property
    def action_counts(self) -> dict[str, int]:
        counts = {"open": 0, "overdue": 0, "closed": 0}
        for line in self.actions:
            counts[line.standing] += 1
        return counts


def board_content(report: BoardReport) -> BoardContent:
    region = report.region
    period = content.report_period(report)
    base = content.basis(region, period)
    actions = content.actions_of_period(region, period)
    gaps, standings = content.gaps(base, actions)
    return BoardContent(
        report=report,
        region=region,
        period=period,
        day=base.day,
        made_at=timezone.now(),
        norms=[base.status(norm, None, with_trend=True) for norm in base.norms],
        gaps=gaps,
        actions=actions,
        incidents=events.incident_lines(region, period),
        reviews=events.scaling_reviews(region, period),
        standings=standings,
        costs=region_costs(region, period),
    )


@dataclass(frozen=True)
class Contribution:
    """One line of the agreement: agreed people for a function (in a pool), and how many
    active key-function holders of the municipality have that function (in that pool)
    today (civil servants without a path do not count, as in the monitoring)."""

    line: AgreementLine
    present: int

    @property
    def met(self) -> bool:
        return self.present >= self.line.people


@dataclass
class Chapter:
    report: BoardReport
    region: Region
    municipality: Municipality
    period: Period
    day: dt.date
    made_at: dt.datetime
    norms: list[NormStatus]
    agreement: MunicipalAgreement | None
    contributions: list[Contribution] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    incidents: list[events.IncidentLine] = field(default_factory=list)
    #: The municipality's share of the region's costs in the period (None without a cost
    #: model).
    share: MunicipalityShare | None = None

    @property
    def summary(self) -> list[tuple[str, int]]:
        return content.summary(self.norms)


def agreement_of(municipality: Municipality, period: Period) -> MunicipalAgreement | None:
    """The agreement in force at the end of the period (the latest that started)."""
    return (
        MunicipalAgreement.objects.filter(
            municipality=municipality,
            starts_on__lte=period.last_day,
            ends_on__gte=period.first_day,
        )
        .order_by("-starts_on", "-pk")
        .first()
    )


def contributions(
    municipality: Municipality, agreement: MunicipalAgreement | None
) -> list[Contribution]:
    if agreement is None:
        return []
    found = []
    lines = agreement.lines.select_related("function", "pool").order_by(
        "function__sort_order", "pk"
    )
    for line in lines:
        people = Person.objects.filter(
            municipality=municipality, active=True, kind=PersonKind.KEY, functions=line.function
        )
        if line.pool_id is not None:
            people = people.filter(pools=line.pool_id)
        present = people.aggregate(n=Count("pk", distinct=True, filter=Q(active=True)))["n"]
        found.append(Contribution(line, present or 0))
    return found


def chapter_content(report: BoardReport, municipality: Municipality) -> Chapter:
    region = report.region
    period = content.report_period(report)
    base = content.basis(region, period)
    agreement = agreement_of(municipality, period)
    costs = region_costs(region, period)
    share = (
        next((m for m in costs.municipalities if m.municipality_id == municipality.pk), None)
        if costs.has_model
        else None
    )
    if share is not None and share.share_cost is None and share.agreed_cost is None:
        share = None  # neither inhabitants nor an agreed share: nothing to say
    return Chapter(
        report=report,
        region=region,
        municipality=municipality,
        period=period,
        day=base.day,
        made_at=timezone.now(),
        norms=[base.status(norm, municipality.pk, with_trend=True) for norm in base.norms],
        agreement=agreement,
        contributions=contributions(municipality, agreement),
        actions=content.actions_of_period(region, period, municipality),
        incidents=events.incident_lines(region, period, municipality),
        share=share,
    )
