"""The quality room's objects in one scope of the matrix world, written directly (no
services): the national set (shared by every scope), the region's set with a norm that
tightens a national one and an in-growth step, a computed figure, an improvement action, a
review of the scope's incident's scaling, a self-assessment round with an answer and evidence,
an agreement with the scope's municipality, the inhabitants, the cost model with a course
price and a scenario, and a board report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.organisation.models import Function


def quality_objects(
    region: Region, municipality: Municipality, incident: Incident
) -> dict[str, int | str]:
    from oranje.quality import models as qm

    cpg = Function.objects.get(code="CPG")
    adopted = dt.date(2024, 1, 1)
    national, _new = qm.NormSet.objects.get_or_create(
        region=None,
        version=1,
        defaults={"title": "Landelijke normen", "status": "adopted", "adopted_on": adopted},
    )
    national_norm, _new = qm.Norm.objects.get_or_create(
        norm_set=national,
        code="ORG-CPG",
        defaults={
            "title": "CPG op harde piket",
            "text": "Elke gemeente heeft op elk uur een CPG op harde piket.",
            "process": "organisation",
            "measure": "indicator",
            "indicator": "coverage",
            "function": cpg,
            "waterlijn": Decimal(95),
            "bandbreedte": Decimal(5),
        },
    )
    regional, _new = qm.NormSet.objects.get_or_create(
        region=region,
        version=1,
        defaults={
            "title": f"Normen {region.name}",
            "status": "adopted",
            "adopted_on": adopted,
            "based_on": national,
        },
    )
    norm, _new = qm.Norm.objects.get_or_create(
        norm_set=regional,
        code="ORG-CPG",
        defaults={
            "title": "CPG op harde piket",
            "text": "Elke gemeente heeft op elk uur een CPG op harde piket.",
            "process": "organisation",
            "measure": "indicator",
            "indicator": "coverage",
            "function": cpg,
            "waterlijn": Decimal(98),
            "bandbreedte": Decimal(2),
            "national_norm": national_norm,
        },
    )
    self_norm, _new = qm.Norm.objects.get_or_create(
        norm_set=regional,
        code="OPV-PLAN",
        defaults={
            "title": "Opvangplan actueel",
            "text": "De gemeente heeft een actueel opvangplan.",
            "process": "shelter",
            "measure": "self",
            "question": "Is het opvangplan in de afgelopen twee jaar herzien?",
            "waterlijn": Decimal(100),
        },
    )
    step, _new = qm.GrowthStep.objects.get_or_create(
        norm=norm, due_on=dt.date(2025, 1, 1), defaults={"waterlijn": Decimal(90)}
    )
    year = timezone.localdate().year
    qm.IndicatorValue.objects.create(
        region=region,
        municipality=municipality,
        indicator="coverage",
        function=cpg,
        year=year,
        quarter=1,
        numerator=2000,
        denominator=2160,
    )
    action = qm.ImprovementAction.objects.create(
        region=region,
        municipality=municipality,
        norm=norm,
        year=year,
        quarter=1,
        title="Tweede CPG werven",
        owner_name="Gemeentesecretaris",
        deadline=timezone.localdate() + dt.timedelta(days=60),
    )
    review = qm.ScalingReview.objects.create(
        incident=incident, wise="yes", legitimate="yes", reasoning="Passend bij de situatie."
    )
    assessment_round, _new = qm.AssessmentRound.objects.get_or_create(
        region=region, year=year, defaults={"deadline": dt.date(year, 12, 31)}
    )
    assessment = qm.SelfAssessment.objects.create(
        round=assessment_round,
        municipality=municipality,
        norm=self_norm,
        answer="partly",
        explanation="Herziening loopt.",
        status="submitted",
        submitted_at=timezone.now(),
    )
    evidence = qm.Evidence(
        assessment=assessment,
        description="Opvangplan 2024",
        file_name="opvangplan.pdf",
        content_type="application/pdf",
        size=8,
    )
    evidence.file.save("matrix.pdf", ContentFile(b"%PDF-1.4"), save=False)
    evidence.save()
    agreement = qm.MunicipalAgreement.objects.create(
        region=region,
        municipality=municipality,
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year + 3, 12, 31),
        budget_share=Decimal("10.0"),
    )
    qm.AgreementLine.objects.create(agreement=agreement, function=cpg, people=2)
    qm.Inhabitants.objects.get_or_create(
        municipality=municipality, year=year, defaults={"count": 100_000}
    )
    qm.CostModel.objects.get_or_create(region=region, defaults={"hard_hour_rate": Decimal("4.50")})
    qm.CoursePrice.objects.get_or_create(
        region=region, code="BASIS-BZ", defaults={"label": "Basiscursus", "price": Decimal(450)}
    )
    scenario = qm.CostScenario.objects.create(region=region, name="Extra OvD-BZ")
    qm.ScenarioChange.objects.create(scenario=scenario, function=cpg, extra_hard=1)
    report = qm.BoardReport.objects.create(
        region=region, year=year, quarter=1, title=f"Bestuursrapportage Q1 {year}"
    )
    return {
        "qnationalset": national.pk,
        "qnormset": regional.pk,
        "qnorm": norm.pk,
        "qselfnorm": self_norm.pk,
        "qstep": step.pk,
        "qaction": action.pk,
        "qreview": review.pk,
        "qround": assessment_round.pk,
        "qassessment": assessment.pk,
        "qevidence": evidence.pk,
        "qagreement": agreement.pk,
        "qscenario": scenario.pk,
        "qreport": report.pk,
        "qmunicipality": municipality.pk,
        "qregion": region.pk,
    }
