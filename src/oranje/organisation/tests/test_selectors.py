import datetime as dt

import pytest

from oranje.core.models import Region
from oranje.organisation import selectors
from oranje.organisation.constants import CoverageUnit, OnCallKind, UnavailabilityReason
from oranje.organisation.models import District, RegionFunction, Unavailability
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


def test_a_fully_rostered_week_has_no_gaps(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    assert selectors.coverage_gaps([world.region], monday, monday + WEEK) == []


def test_a_missing_weekend_is_one_gap_with_its_exact_period(world, monday):
    friday = monday + dt.timedelta(days=4, hours=10)
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday, hours=106)  # until Fri 18:00
    make_shift(
        world.ovd_pool, world.ovd, world.officers[1], monday + dt.timedelta(days=7), hours=24
    )
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    assert [(g.function.code, g.starts_at, g.ends_at, g.have, g.need) for g in gaps] == [
        ("OVD-BZ", friday, monday + WEEK, 0, 1)
    ]


def test_soft_on_call_does_not_count_as_coverage(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday, kind=OnCallKind.SOFT)
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    assert len(gaps) == 1


def test_a_sick_officer_leaves_a_gap_while_the_shift_stays(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    Unavailability.objects.create(
        person=world.officers[0],
        starts_at=monday + dt.timedelta(days=2),
        ends_at=monday + dt.timedelta(days=3),
        reason=UnavailabilityReason.SICK,
    )
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    assert [(g.starts_at, g.ends_at) for g in gaps] == [
        (monday + dt.timedelta(days=2), monday + dt.timedelta(days=3))
    ]


def test_a_minimum_of_two_reports_the_lowest_count_in_the_gap(world, monday):
    RegionFunction.objects.filter(region=world.region, function=world.ovd).update(
        min_hard_on_call=2
    )
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    make_shift(world.ovd_pool, world.ovd, world.officers[1], monday, hours=24)
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    assert [(g.starts_at, g.have) for g in gaps] == [(monday + dt.timedelta(hours=24), 1)]


def test_municipal_minimums_are_checked_per_municipality(world, monday):
    RegionFunction.objects.filter(region=world.region, function=world.cpg).update(
        coverage_unit=CoverageUnit.MUNICIPALITY, min_hard_on_call=1
    )
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    make_shift(world.cpg_haarlem, world.cpg, world.contacts[0], monday)
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    # Haarlem is covered; the other eight Kennemerland municipalities have no CPG at all.
    assert sorted(g.unit.label for g in gaps) == sorted(
        [
            "Beverwijk",
            "Bloemendaal",
            "Haarlemmermeer",
            "Heemskerk",
            "Heemstede",
            "Uitgeest",
            "Velsen",
            "Zandvoort",
        ]
    )


def test_a_pool_serving_part_of_a_district_does_not_cover_it(world, monday):
    district = District.objects.create(region=world.region, name="Zuid")
    district.municipalities.set(
        world.region.municipalities.filter(name__in=["Haarlem", "Zandvoort"])
    )
    RegionFunction.objects.filter(region=world.region, function=world.cpg).update(
        coverage_unit=CoverageUnit.DISTRICT, min_hard_on_call=1
    )
    make_shift(world.cpg_haarlem, world.cpg, world.contacts[0], monday)
    gaps = [
        g
        for g in selectors.coverage_gaps([world.region], monday, monday + WEEK)
        if g.function == world.cpg
    ]
    assert [g.unit.label for g in gaps] == ["Zuid"]


def test_gaps_are_computed_for_several_regions_at_once(world, monday):
    RegionFunction.objects.filter(region=world.other_region, function=world.ovd).update(
        coverage_unit=CoverageUnit.REGION, min_hard_on_call=1
    )
    gaps = selectors.coverage_gaps(
        Region.objects.filter(code__in=["VR09", "VR12"]), monday, monday + WEEK
    )
    assert sorted(g.region.code for g in gaps) == ["VR09", "VR12"]


def test_on_call_now_lists_hard_and_soft_and_marks_the_unavailable(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    make_shift(world.ovd_pool, world.ovd, world.officers[1], monday, kind=OnCallKind.SOFT)
    Unavailability.objects.create(
        person=world.officers[0],
        starts_at=monday,
        ends_at=monday + dt.timedelta(days=1),
        reason=UnavailabilityReason.SICK,
    )
    rows = selectors.on_call_at(world.region, monday + dt.timedelta(hours=1))
    ovd_rows = [r for r in rows if r.function == world.ovd]
    assert len(ovd_rows) == 1
    row = ovd_rows[0]
    assert [e.shift.person for e in row.hard] == [world.officers[0]]
    assert row.hard[0].unavailable is True
    assert [e.shift.person for e in row.soft] == [world.officers[1]]
    assert row.short is True
    later = selectors.on_call_at(world.region, monday + dt.timedelta(days=2))
    assert [r for r in later if r.function == world.ovd][0].short is False


def test_on_call_now_shows_a_required_function_nobody_holds(world, monday):
    rows = selectors.on_call_at(world.region, monday)
    assert [(r.function.code, r.hard, r.short) for r in rows] == [("OVD-BZ", [], True)]
