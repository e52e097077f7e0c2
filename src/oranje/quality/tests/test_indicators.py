"""Every indicator family: records built by hand, numerator and denominator checked exactly,
and "no data" (no row) where there is nothing to count."""

from __future__ import annotations

import datetime as dt

import pytest

from oranje.alerting.models import Alert, FunctionCall
from oranje.incidents.hooks import Milestone
from oranje.organisation.constants import CoverageUnit, PoolKind
from oranje.organisation.models import District, Pool, RegionFunction
from oranje.organisation.tests.factories import World, make_person, make_shift
from oranje.quality import indicators
from oranje.quality.constants import Indicator
from oranje.quality.indicators import alarms, arrivals, coverage, exercise, milestones, qualified
from oranje.quality.periods import Period
from oranje.quality.tests.indicator_helpers import (
    Q_HOURS,
    Q,
    as_table,
    at,
    incident,
    no_key_functions,
)
from oranje.readiness import services as readiness
from oranje.readiness.models import Activity, AlarmRecipient, AlarmTest

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world: World) -> World:
    no_key_functions(world.region)
    no_key_functions(world.other_region)
    return world


def _setting(w: World, function: object, **kw: object) -> None:
    RegionFunction.objects.update_or_create(region=w.region, function=function, defaults=kw)


# --- coverage -----------------------------------------------------------------------------


def test_coverage_region_unit_counts_for_the_regions_own(w: World) -> None:
    _setting(w, w.ovd, coverage_unit=CoverageUnit.REGION, min_hard_on_call=1)
    make_shift(w.ovd_pool, w.ovd, w.officers[0], at(3), hours=100)
    table = as_table(coverage.compute([w.region], Q), Indicator.COVERAGE)
    assert table == {(None, w.ovd.pk): (pytest.approx(100.0), pytest.approx(Q_HOURS))}


def test_coverage_municipality_and_district_units(w: World) -> None:
    _setting(w, w.cpg, coverage_unit=CoverageUnit.MUNICIPALITY, min_hard_on_call=1)
    make_shift(w.cpg_haarlem, w.cpg, w.contacts[0], at(3), hours=24)
    table = as_table(coverage.compute([w.region], Q), Indicator.COVERAGE)
    assert table[(w.haarlem.pk, w.cpg.pk)] == (pytest.approx(24.0), pytest.approx(Q_HOURS))
    # Every municipality of the region has the minimum: none covered is 0 of all hours.
    assert table[(w.velsen.pk, w.cpg.pk)] == (0.0, pytest.approx(Q_HOURS))

    district = District.objects.create(region=w.region, name="Noord")
    district.municipalities.set([w.haarlem, w.velsen])
    _setting(w, w.cpg, coverage_unit=CoverageUnit.DISTRICT, min_hard_on_call=1)
    both = Pool.objects.create(region=w.region, name="CPG Noord", kind=PoolKind.INTERMUNICIPAL)
    both.municipalities.set([w.haarlem, w.velsen])
    make_shift(both, w.cpg, w.contacts[1], at(10), hours=50)
    table = as_table(coverage.compute([w.region], Q), Indicator.COVERAGE)
    # The district's hours count for each of its municipalities; nothing for the others.
    assert table == {
        (w.haarlem.pk, w.cpg.pk): (pytest.approx(50.0), pytest.approx(Q_HOURS)),
        (w.velsen.pk, w.cpg.pk): (pytest.approx(50.0), pytest.approx(Q_HOURS)),
    }
    gaps = coverage.records(w.region, w.haarlem.pk, Q, w.cpg.pk)
    assert len(gaps.rows) == 2 and gaps.rows[0][1] == "Noord"
    assert coverage.records(w.region, None, Q, None).rows == []


def test_coverage_no_minimum_or_future_quarter_is_no_data(w: World) -> None:
    make_shift(w.ovd_pool, w.ovd, w.officers[0], at(3), hours=100)
    assert coverage.compute([w.region], Q) == []
    _setting(w, w.ovd, coverage_unit=CoverageUnit.REGION, min_hard_on_call=1)
    assert coverage.compute([w.region], Period(2099, 1)) == []


def test_coverage_current_quarter_counts_up_to_now(w: World) -> None:
    from oranje.quality.periods import current_quarter

    _setting(w, w.ovd, coverage_unit=CoverageUnit.REGION, min_hard_on_call=1)
    now = current_quarter()
    (row,) = coverage.compute([w.region], now)
    assert row.numerator == 0
    assert row.denominator < (now.ends_at - now.starts_at).total_seconds() / 3600


# --- qualified ----------------------------------------------------------------------------


def test_qualified_share_by_municipality(w: World) -> None:
    _setting(w, w.cpg, min_qualified=2)
    readiness.profile_publish(
        actor=w.admin,
        function=w.cpg,
        region=None,
        requirements=[{"kind": "course", "code": "CPG-B", "label": "Basis", "valid_months": 24}],
    )
    done, lapsed = w.contacts
    Activity.objects.create(
        person=done,
        kind="course",
        code="CPG-B",
        title="B",
        completed_on=dt.date(2024, 6, 1),
        passed=True,
    )
    Activity.objects.create(
        person=lapsed,
        kind="course",
        code="CPG-B",
        title="B",
        completed_on=dt.date(2022, 6, 1),
        passed=True,
    )
    never = make_person(w.region, w.cpg, municipality=w.haarlem, surname="Nooit")
    regional = make_person(w.region, w.cpg, surname="Regio")
    gone = make_person(w.region, w.cpg, municipality=w.haarlem)
    gone.active = False
    gone.save()
    readiness.readiness_recompute(person_ids=[done.pk, lapsed.pk, never.pk, regional.pk])
    table = as_table(qualified.compute([w.region], Q), Indicator.QUALIFIED)
    assert table == {(w.haarlem.pk, w.cpg.pk): (1.0, 3.0), (None, w.cpg.pk): (0.0, 1.0)}
    rows = qualified.records(w.region, w.haarlem.pk, Q, None).rows
    assert [r[0] for r in rows] == ["Test Nooit", lapsed.full_name]
    assert rows[0][2] == "nooit gekwalificeerd"
    assert "2024" in rows[1][2]


def test_qualified_without_key_function_is_no_data(w: World) -> None:
    assert qualified.compute([w.region], Q) == []


# --- alarm tests --------------------------------------------------------------------------


def test_alarm_answered_and_in_time(w: World) -> None:
    test = AlarmTest.objects.create(region=w.region, started_at=at(5))
    AlarmTest.objects.filter(pk=test.pk).update(started_at=at(5))
    people = [make_person(w.region, w.ovd, municipality=w.haarlem) for _ in range(5)]
    answers = [
        ("coming", 20, 30),  # answered, in time
        ("coming", 40, 30),  # answered, late
        ("", None, 30),  # no answer
        ("not_coming", None, 30),  # answered, not coming
        ("coming", 10, None),  # answered, no norm: not in the in-time figure
    ]
    for person, (answer, eta, norm) in zip(people, answers, strict=True):
        AlarmRecipient.objects.create(
            test=test,
            person=person,
            function=w.ovd,
            norm_minutes=norm,
            sent_at=at(5),
            responded_at=at(5) + dt.timedelta(minutes=3) if answer else None,
            answer=answer,
            eta_minutes=eta,
        )
    rows = alarms.compute([w.region], Q)
    assert as_table(rows, Indicator.ALARM_ANSWERED) == {(w.haarlem.pk, w.ovd.pk): (4.0, 5.0)}
    assert as_table(rows, Indicator.ALARM_IN_TIME) == {(w.haarlem.pk, w.ovd.pk): (1.0, 4.0)}
    assert alarms.compute([w.region], Period(2025, 2)) == []
    missed = alarms.records(w.region, w.haarlem.pk, Q, None, indicator=Indicator.ALARM_ANSWERED)
    assert [r[0] for r in missed.rows] == [people[2].full_name]
    late = alarms.records(w.region, w.haarlem.pk, Q, None, indicator=Indicator.ALARM_IN_TIME)
    assert sorted(r[0] for r in late.rows) == sorted(p.full_name for p in people[1:4])


# --- arrivals -----------------------------------------------------------------------------


def _call(w: World, inc: object) -> FunctionCall:
    return FunctionCall.objects.create(
        incident=inc, function=w.ovd, municipality=w.haarlem, escalation_minutes=5, reason="t"
    )


def _alert(
    call: FunctionCall, person: object, arrive: int | None, answer: str = "accepted"
) -> None:
    alerted = call.incident.started_at + dt.timedelta(minutes=1)
    Alert.objects.create(
        call=call,
        person=person,
        step=1,
        alerted_at=alerted,
        answer=answer,
        arrived_at=alerted + dt.timedelta(minutes=arrive) if arrive is not None else None,
    )


def test_arrivals_real_and_exercise(w: World) -> None:
    _setting(w, w.ovd, response_norm_minutes=30)
    people = [make_person(w.region, w.ovd, municipality=w.velsen) for _ in range(6)]
    closed = incident(w.region, w.haarlem, at(7), closed_at=at(8))
    call = _call(w, closed)
    _alert(call, people[0], 20)  # in time
    _alert(call, people[1], 40)  # late
    _alert(call, people[2], None)  # accepted, never came, incident closed: late
    _alert(call, people[3], None, answer="declined")  # not counted
    running = incident(w.region, w.haarlem, at(9))
    _alert(_call(w, running), people[4], None)  # may still come: left out
    drill = incident(w.region, w.haarlem, at(10), is_exercise=True, closed_at=at(11))
    _alert(_call(w, drill), people[5], 25)
    rows = arrivals.compute([w.region], Q)
    assert as_table(rows, Indicator.ARRIVAL_REAL) == {(w.velsen.pk, w.ovd.pk): (1.0, 3.0)}
    assert as_table(rows, Indicator.ARRIVAL_EXERCISE) == {(w.velsen.pk, w.ovd.pk): (1.0, 1.0)}
    late = arrivals.records(w.region, w.velsen.pk, Q, w.ovd.pk, indicator=Indicator.ARRIVAL_REAL)
    assert [(r[0], r[5]) for r in late.rows] == [
        (people[1].full_name, "40"),
        (people[2].full_name, "niet aangekomen"),
    ]


def test_arrivals_without_a_norm_is_no_data(w: World) -> None:
    person = make_person(w.region, w.ovd, municipality=w.velsen)
    _alert(_call(w, incident(w.region, w.haarlem, at(7), closed_at=at(8))), person, 20)
    assert arrivals.compute([w.region], Q) == []


# --- incident milestones ------------------------------------------------------------------


def test_milestones_met_missed_running_and_absent(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = incident(w.region, w.haarlem, at(2), title="A")
    b = incident(w.region, w.haarlem, at(3), title="B")
    c = incident(w.region, w.velsen, at(4), title="C")
    incident(w.region, w.velsen, at(5), title="Oefening", is_exercise=True)
    norm = dt.timedelta(minutes=30)

    def fake(inc: object) -> list[Milestone]:
        start = inc.started_at  # type: ignore[attr-defined]
        title = inc.title  # type: ignore[attr-defined]
        if title == "A":  # first message met, shelter missed
            return [
                Milestone(milestones.FIRST_MESSAGE, "m", "m", start, norm, start + norm),
                Milestone(milestones.SHELTER_READY, "s", "s", start, norm, start + 2 * norm),
            ]
        if title == "B":  # first message missed (never came, norm ran out)
            return [Milestone(milestones.FIRST_MESSAGE, "m", "m", start, norm, None)]
        if title == "C":  # housing still running: left out
            running = dt.datetime.now(dt.UTC)
            return [Milestone(milestones.HOUSING, "h", "h", running, norm, None)]
        raise AssertionError("an exercise is not counted")

    monkeypatch.setattr(milestones, "milestones", fake)
    rows = milestones.compute([w.region], Q)
    assert as_table(rows, Indicator.FIRST_MESSAGE) == {(w.haarlem.pk, None): (1.0, 2.0)}
    assert as_table(rows, Indicator.SHELTER_READY) == {(w.haarlem.pk, None): (0.0, 1.0)}
    assert as_table(rows, Indicator.HOUSING) == {}
    table = milestones.records(w.region, w.haarlem.pk, Q, None, indicator=Indicator.FIRST_MESSAGE)
    assert [(r[0], r[5]) for r in table.rows] == [("A", "gehaald"), ("B", "niet gehaald")]
    del a, b, c


# --- exercise participation ---------------------------------------------------------------


def test_exercise_participation_twelve_months(w: World) -> None:
    _setting(w, w.ovd, min_qualified=3)
    recent, old, deployed = (make_person(w.region, w.ovd, municipality=w.haarlem) for _ in range(3))
    for person, kind, day in (
        (recent, "exercise", dt.date(2024, 6, 1)),
        (old, "exercise", dt.date(2023, 12, 1)),
        (deployed, "deployment", dt.date(2025, 1, 10)),
    ):
        Activity.objects.create(person=person, kind=kind, title="x", completed_on=day)
    rows = exercise.compute_all([w.region], [Q, Period(2024, 1)])
    by_quarter = {
        (r.year, r.quarter): (r.numerator, r.denominator)
        for r in rows
        if r.municipality_id == w.haarlem.pk
    }
    # 2025-Q1 looks back to 1 April 2024: only `recent`; 2024-Q1 to 1 April 2023: only `old`.
    assert by_quarter == {(2025, 1): (1.0, 3.0), (2024, 1): (1.0, 3.0)}
    missing = exercise.records(w.region, w.haarlem.pk, Q, None)
    assert sorted(r[0] for r in missing.rows) == sorted([old.full_name, deployed.full_name])
    assert exercise.compute([w.region], Period(2099, 4)) == []


def test_everything_at_once_matches_the_families(w: World) -> None:
    _setting(w, w.ovd, coverage_unit=CoverageUnit.REGION, min_hard_on_call=1)
    rows = indicators.compute([w.region], Q)
    assert {r.indicator for r in rows} == {
        Indicator.COVERAGE,
        Indicator.QUALIFIED,
        Indicator.EXERCISE_PARTICIPATION,
    }
    assert indicators.BY_INDICATOR[Indicator.HOUSING] is milestones
