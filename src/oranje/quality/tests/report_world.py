"""A small world for the board report's tests: the seeded national norm set with its CPG
coverage norm tightened by the region (the self-assessment norms without answers), eight quarters of
figures for Haarlem (meets) and Velsen (below in the report's quarter), an improvement
action, a real incident with a flexible scaling and its review, and an exercise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import User
from oranje.incidents.models import Incident, ScalingStep
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World, make_user
from oranje.quality import models as qm
from oranje.quality.periods import Period
from oranje.quality.reports.content import trend_quarters

PERIOD = Period(2026, 2)


@dataclass
class ReportWorld:
    world: World
    monitor: User
    report: qm.BoardReport
    action: qm.ImprovementAction
    incident: Incident
    exercise: Incident


def build_report_world(world: World) -> ReportWorld:
    region = world.region
    monitor = make_user("qmonitor", Role.QUALITY_MONITOR, region=region)
    # The national set the migrations seed (the 2014 performance requirements).
    national = qm.NormSet.objects.get(region=None, version=1)
    base = qm.Norm.objects.get(norm_set=national, code="ORG-CPG")
    regional = qm.NormSet.objects.create(
        region=region,
        version=1,
        title="Kennemerland",
        status="adopted",
        adopted_on=dt.date(2020, 1, 1),
        based_on=national,
    )
    tight = qm.Norm.objects.create(
        norm_set=regional,
        code="ORG-CPG",
        title="CPG op harde piket",
        text="Elke gemeente heeft op elk uur een CPG op harde piket.",
        process="organisation",
        measure="indicator",
        indicator="coverage",
        function=world.cpg,
        waterlijn=Decimal(95),
        bandbreedte=Decimal(3),
        national_norm=base,
        sort_order=1,
    )
    qm.GrowthStep.objects.create(norm=tight, due_on=dt.date(2026, 10, 1), waterlijn=Decimal(93))
    for period in trend_quarters(PERIOD):
        assert period.quarter is not None
        for municipality, covered in ((world.haarlem, 2150), (world.velsen, 1900)):
            qm.IndicatorValue.objects.create(
                region=region,
                municipality=municipality,
                indicator="coverage",
                function=world.cpg,
                year=period.year,
                quarter=period.quarter,
                numerator=covered if period == PERIOD else 2100,
                denominator=2184,
            )
    action = qm.ImprovementAction.objects.create(
        region=region,
        municipality=world.velsen,
        norm=tight,
        year=2026,
        quarter=2,
        title="Tweede CPG werven",
        owner_name="Gemeentesecretaris Velsen",
        deadline=dt.date(2026, 5, 1),
        created_at=timezone.make_aware(dt.datetime(2026, 4, 10, 9)),
    )
    started = timezone.make_aware(dt.datetime(2026, 5, 12, 14, 30))
    incident = start_incident(world, title="Duinbrand Bloemendaal")
    exercise = start_incident(world, exercise=True, title="Oefening Waterkracht")
    Incident.objects.filter(pk__in=[incident.pk, exercise.pk]).update(started_at=started)
    ScalingStep.objects.create(
        incident=incident,
        at=started,
        mode="flexible",
        reason="Rook over de wijk",
        decided_by="OvD",
    )
    qm.ScalingReview.objects.create(
        incident=incident, wise="yes", legitimate="partly", reasoning="Snel en passend."
    )
    qm.CostModel.objects.create(
        region=region,
        hard_hour_rate=Decimal("4.50"),
        soft_hour_rate=Decimal("1.00"),
        fte=Decimal(2),
        fte_cost=Decimal(90000),
    )
    agreement = qm.MunicipalAgreement.objects.create(
        region=region,
        municipality=world.haarlem,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2029, 12, 31),
        budget_share=Decimal("12.5"),
    )
    qm.AgreementLine.objects.create(
        agreement=agreement, function=world.cpg, pool=world.cpg_haarlem, people=2
    )
    qm.AgreementLine.objects.create(agreement=agreement, function=world.ovd, people=1)
    report = qm.BoardReport.objects.create(
        region=region,
        year=2026,
        quarter=2,
        title="Bestuursrapportage Q2 2026",
        foreword="Het kwartaal in het kort: één gemeente onder de waterlijn.",
    )
    incident.refresh_from_db()
    exercise.refresh_from_db()
    return ReportWorld(world, monitor, report, action, incident, exercise)
