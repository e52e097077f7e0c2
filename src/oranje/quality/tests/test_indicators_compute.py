"""Writing the figures: the service rewrites a region's quarter, audits a monitor's request
and refuses others; the worker's hourly upkeep; `oranje quality_compute`."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from oranje.core import worker
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.constants import CoverageUnit
from oranje.organisation.models import RegionFunction
from oranje.organisation.tests.factories import World, make_shift
from oranje.quality.constants import Indicator
from oranje.quality.models import IndicatorValue
from oranje.quality.periods import Period, current_quarter
from oranje.quality.services.compute import indicators_compute, indicators_upkeep
from oranje.quality.tests.indicator_helpers import Q, at, no_key_functions

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world: World) -> World:
    for region in (world.region, world.other_region):
        no_key_functions(region)
    RegionFunction.objects.filter(region=world.region, function=world.ovd).update(
        coverage_unit=CoverageUnit.REGION, min_hard_on_call=1
    )
    make_shift(world.ovd_pool, world.ovd, world.officers[0], at(3), hours=100)
    return world


def test_compute_rewrites_the_quarter_and_audits_a_monitor(w: World) -> None:
    stale = IndicatorValue.objects.create(
        region=w.region,
        indicator=Indicator.HOUSING,
        year=2025,
        quarter=1,
        numerator=1,
        denominator=2,
    )
    kept = IndicatorValue.objects.create(
        region=w.region,
        indicator=Indicator.HOUSING,
        year=2025,
        quarter=2,
        numerator=1,
        denominator=2,
    )
    written = indicators_compute(periods=[Q], regions=[w.region], user=w.coordinator)
    rows = IndicatorValue.objects.filter(region=w.region, year=2025, quarter=1)
    assert written == rows.count() > 0
    assert not IndicatorValue.objects.filter(pk=stale.pk).exists()
    assert IndicatorValue.objects.filter(pk=kept.pk).exists()
    coverage = rows.get(indicator=Indicator.COVERAGE)
    assert coverage.municipality_id is None and coverage.function_id == w.ovd.pk
    assert coverage.numerator == pytest.approx(100.0)
    entry = AuditEntry.objects.get(action=AuditAction.INDICATORS_COMPUTE.value)
    assert entry.region == w.region and entry.actor == w.coordinator


def test_a_year_is_its_four_quarters_and_others_may_not_ask(w: World) -> None:
    indicators_compute(periods=[Period(2025)], regions=[w.region])
    assert set(
        IndicatorValue.objects.filter(region=w.region).values_list("quarter", flat=True)
    ) == {1, 2, 3, 4}
    for user in (w.viewer, w.haarlem_coordinator, w.outsider):
        with pytest.raises(PermissionDenied):
            indicators_compute(periods=[Q], regions=[w.region], user=user)
    assert not AuditEntry.objects.filter(action=AuditAction.INDICATORS_COMPUTE.value).exists()


def test_the_upkeep_computes_this_and_the_previous_quarter(w: World) -> None:
    assert "quality.indicators" in worker._upkeep
    assert worker._upkeep["quality.indicators"].every == 3600
    indicators_upkeep()
    now = current_quarter()
    found = set(IndicatorValue.objects.values_list("year", "quarter"))
    assert found == {(p.year, p.quarter) for p in [*now.previous(), now]}


def test_the_command(w: World) -> None:
    call_command("quality_compute", "--from", "2025-Q1", "--to", "2025-Q2", "--region", "vr12")
    assert set(IndicatorValue.objects.values_list("region__code", "quarter")) == {
        ("VR12", 1),
        ("VR12", 2),
    }
    for args in (
        ["--from", "2025-Q5"],
        ["--from", "2025-Q2", "--to", "2025-Q1"],
        ["--region", "VR99"],
        ["--from", "2010", "--to", "2100"],
    ):
        with pytest.raises(CommandError):
            call_command("quality_compute", *args)
