"""The quality room in the demo (issue 15): Kennemerland's stricter set on the national one,
three years of computed figures with Zandvoort below the waterlijn on its CPG on-call and an
improvement action for it, a self-assessment round half done, a cost scenario, a board report
for the last quarter, the other 24 regions with figures for the national view — and a second
run that changes none of it."""

import pytest
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.demo.world import build
from oranje.quality import models as qm
from oranje.quality import selectors
from oranje.quality.constants import CellState, Review
from oranje.quality.periods import quarter_of


def _figures() -> dict[str, int]:
    return {
        "values": qm.IndicatorValue.objects.count(),
        "sets": qm.NormSet.objects.count(),
        "norms": qm.Norm.objects.count(),
        "actions": qm.ImprovementAction.objects.count(),
        "assessments": qm.SelfAssessment.objects.count(),
        "agreements": qm.MunicipalAgreement.objects.count(),
        "scenarios": qm.CostScenario.objects.count(),
        "reports": qm.BoardReport.objects.count(),
        "reviews": qm.ScalingReview.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_has_the_quality_cycle_and_reruns_safely() -> None:
    personas = build(lambda line: None)
    assert "kwaliteit.kennemerland" in personas
    assert "kwaliteit.landelijk" in personas

    region = Region.objects.get(code="VR12")
    regional = selectors.current_set(region)
    assert regional is not None and regional.based_on is not None
    for norm in regional.norms.filter(national_norm__isnull=False):
        assert norm.national_norm is not None
        assert norm.waterlijn >= norm.national_norm.waterlijn
        assert norm.bandbreedte <= norm.national_norm.bandbreedte

    today = timezone.localdate()
    last = quarter_of(today).previous()[0]
    norms = {n.code: n for n in selectors.effective_norms(region, last.last_day)}
    cpg = norms["ORG-CPG"]
    found = selectors.figures([region.pk], last)[region.pk]
    zandvoort = Municipality.objects.get(region=region, name="Zandvoort")
    figure = selectors.norm_figure(cpg, found, zandvoort.pk)
    assert figure is not None
    assert selectors.state(cpg, figure.percent, last.last_day) == CellState.BELOW
    assert qm.ImprovementAction.objects.filter(municipality=zandvoort, norm=cpg).exists()

    # Three years of quarters were computed, for every region.
    quarters = set(qm.IndicatorValue.objects.values_list("year", "quarter").distinct())
    assert len(quarters) >= 12
    assert qm.IndicatorValue.objects.values("region").distinct().count() == 25

    current = qm.AssessmentRound.objects.get(region=region, year=today.year)
    statuses = list(current.assessments.values_list("status", flat=True))
    assert Review.OPEN in statuses and Review.ACCEPTED in statuses
    assert qm.CostScenario.objects.filter(region=region).exists()
    assert qm.BoardReport.objects.filter(
        region=region, year=last.year, quarter=last.quarter
    ).exists()
    assert qm.ScalingReview.objects.filter(incident__region=region).exists()

    before = _figures()
    build(lambda line: None)
    assert _figures() == before
