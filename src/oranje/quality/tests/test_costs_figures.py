"""The cost model's figures, worked out by hand (see `costs_helpers.cost_world`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oranje.organisation.models import District, RegionFunction
from oranje.organisation.tests.factories import World
from oranje.quality import costs
from oranje.quality.models import CostModel, CostScenario, Inhabitants, ScenarioChange
from oranje.quality.periods import Period
from oranje.quality.tests.costs_helpers import cost_world, function

pytestmark = pytest.mark.django_db

Q1 = Period(2026, 1)


def test_on_call_hours_are_clipped_to_the_period_and_priced(world: World) -> None:
    cost_world(world)
    result = costs.region_costs(world.region, Q1)
    assert result.has_model
    by_code = {line.code: line for line in result.on_call}
    assert set(by_code) == {"OVD-BZ", "CPG"}
    ovd, cpg = by_code["OVD-BZ"], by_code["CPG"]
    # 31 Dec 12:00 + 48 h: 36 h in the quarter; 10 h soft on 1 Feb.
    assert (ovd.hard_hours, ovd.soft_hours) == (Decimal(36), Decimal(10))
    assert (ovd.hard_cost, ovd.soft_cost) == (Decimal("162.00"), Decimal("12.50"))
    # 31 Mar 20:00 + 8 h: 4 h before 1 April.
    assert (cpg.hard_hours, cpg.hard_cost) == (Decimal(4), Decimal("18.00"))
    assert (result.hard_hours, result.soft_hours) == (Decimal(40), Decimal(10))
    assert result.on_call_cost == Decimal("192.50")


def test_courses_are_counted_and_priced_unpriced_listed(world: World) -> None:
    cost_world(world)
    result = costs.region_costs(world.region, Q1)
    lines = {line.code: line for line in result.courses}
    assert lines["BASIS-BZ"].count == 4
    assert lines["BASIS-BZ"].cost == Decimal("1800.00")
    assert lines["tabletop"].count == 2
    assert lines["tabletop"].cost == Decimal("151.00")
    assert result.course_cost == Decimal("1951.00")
    assert result.course_count == 6
    # The other region's price of EX-OVD does not count here.
    assert [(line.code, line.count, line.price) for line in result.unpriced] == [
        ("EX-OVD", 1, None)
    ]
    assert result.unpriced_count == 1


def test_capacity_is_prorated_and_the_total_adds_up(world: World) -> None:
    cost_world(world)
    result = costs.region_costs(world.region, Q1)
    # 2.5 × 90,000 × 90/365 = 55,479.452…
    assert result.capacity_cost == Decimal("55479.45")
    assert result.total == Decimal("192.50") + Decimal("1951.00") + Decimal("55479.45")
    assert result.total == Decimal("57622.95")
    year = costs.region_costs(world.region, Period(2026))
    assert year.capacity_cost == Decimal("225000.00")


def test_per_inhabitant_and_shares(world: World) -> None:
    cost_world(world)
    result = costs.region_costs(world.region, Q1)
    assert result.inhabitants == 480_000
    assert result.inhabitants_missing == ()
    # 57,622.95 / 480,000 = 0.120…
    assert result.per_inhabitant == Decimal("0.12")
    shares = {share.name: share for share in result.municipalities}
    assert len(shares) == 9
    haarlem, velsen = shares["Haarlem"], shares["Velsen"]
    assert (haarlem.inhabitants, haarlem.inhabitants_year) == (160_000, 2025)
    assert haarlem.share_percent == Decimal("33.33")
    assert haarlem.share_cost == Decimal("19207.65")
    # 30 % of 57,622.95 = 17,286.885, rounded half up.
    assert haarlem.agreed_percent == Decimal(30)
    assert haarlem.agreed_cost == Decimal("17286.89")
    assert (velsen.inhabitants, velsen.share_percent) == (40_000, Decimal("8.33"))
    assert velsen.share_cost == Decimal("4801.91")
    assert velsen.agreed_percent is None and velsen.agreed_cost is None


def test_a_region_without_all_figures_says_so(world: World) -> None:
    cost_world(world)
    Inhabitants.objects.filter(municipality=world.velsen).delete()
    result = costs.region_costs(world.region, Q1)
    assert result.inhabitants is None
    assert result.per_inhabitant is None
    assert result.inhabitants_missing == ("Velsen",)
    assert all(share.share_cost is None for share in result.municipalities)
    # Figures of a later year only are not used for an earlier period.
    early = costs.region_costs(world.region, Period(2024))
    assert early.inhabitants is None
    assert len(early.inhabitants_missing) == 9


def test_without_a_cost_model_rates_are_zero_and_flagged(world: World) -> None:
    cost_world(world)
    CostModel.objects.all().delete()
    result = costs.region_costs(world.region, Q1)
    assert not result.has_model
    assert result.on_call_cost == Decimal(0)
    assert result.hard_hours == Decimal(40)
    assert result.capacity_cost == Decimal(0)
    assert result.total == Decimal("1951.00")


def test_scenario_side_by_side_with_today(world: World) -> None:
    cost_world(world)
    region = world.region
    copi = function("ADV-CC-COPI")  # per district in Kennemerland
    for name in ("Noord", "Midden", "Zuid"):
        District.objects.create(region=region, name=name)
    scenario = CostScenario.objects.create(region=region, name="Meer piket")
    # OvD-BZ counts for the whole region in the test world: 1 × 1 × 8,760 × 4.50 = 39,420.
    ScenarioChange.objects.create(scenario=scenario, function=world.ovd, extra_hard=1)
    # CPG per municipality: 9 × 2 × 8,760 × 1.25 = 197,100.
    ScenarioChange.objects.create(scenario=scenario, function=world.cpg, extra_soft=2)
    # One fewer adviser per district: 3 × −1 × 8,760 × 4.50 = −118,260.
    ScenarioChange.objects.create(scenario=scenario, function=copi, extra_hard=-1)
    result = costs.scenario_costs(scenario, 2026)
    by_code = {change.code: change for change in result.changes}
    ovd, cpg, adv = by_code["OVD-BZ"], by_code["CPG"], by_code["ADV-CC-COPI"]
    assert (ovd.coverage_unit, ovd.units, ovd.extra_hard_hours) == ("region", 1, 8760)
    assert ovd.extra_cost == Decimal("39420.00")
    # Today's OvD-BZ hard hours in 2026: 36 in January and 24 in April.
    assert ovd.today_hard_hours == Decimal(60)
    assert (cpg.coverage_unit, cpg.units, cpg.extra_soft_hours) == ("municipality", 9, 157_680)
    assert cpg.extra_soft_cost == Decimal("197100.00")
    assert (adv.coverage_unit, adv.units) == ("district", 3)
    assert adv.extra_hard_cost == Decimal("-118260.00")
    # Today, 2026: on-call 60 × 4.50 + 12.50 + 8 × 4.50 = 318.50, courses 1,951.00,
    # capacity 225,000.00.
    assert result.today.on_call_cost == Decimal("318.50")
    assert result.today_total == Decimal("227269.50")
    assert result.difference == Decimal("118260.00")
    assert result.scenario_total == Decimal("345529.50")
    assert result.today_per_inhabitant == Decimal("0.47")
    assert result.scenario_per_inhabitant == Decimal("0.72")
    # 118,260 / 480,000 = 0.246375
    assert result.difference_per_inhabitant == Decimal("0.25")
    haarlem = next(s for s in result.municipalities if s.name == "Haarlem")
    assert haarlem.difference == Decimal("39420.00")
    assert haarlem.scenario == Decimal("115176.50")


def test_scenario_without_regional_setting_counts_per_district(world: World) -> None:
    cost_world(world)
    RegionFunction.objects.filter(region=world.region, function=world.cpg).delete()
    District.objects.create(region=world.region, name="Noord")
    scenario = CostScenario.objects.create(region=world.region, name="CPG")
    ScenarioChange.objects.create(scenario=scenario, function=world.cpg, extra_hard=1)
    # 2028 is a leap year: 8,784 hours × 4.50.
    result = costs.scenario_costs(scenario, 2028)
    assert result.changes[0].units == 1
    assert result.changes[0].extra_hard_cost == Decimal("39528.00")


def test_year_hours() -> None:
    assert costs.year_hours(2026) == 8760
    assert costs.year_hours(2028) == 8784
