import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from oranje.readiness.constants import ActivityKind, ReadinessStatus, RequirementKind
from oranje.readiness.evaluation import (
    FOREVER,
    ActivityFact,
    RequirementSpec,
    add_months,
    evaluate,
    status_on,
)

OVD = 1
COURSE = RequirementSpec(1, RequirementKind.COURSE, "BZ-OVD-BASIS", "Opleiding OvD-BZ")
EXAM = RequirementSpec(2, RequirementKind.EXAM, "PVB-OVD", "Proeve OvD-BZ", valid_months=36)
UPKEEP = RequirementSpec(3, RequirementKind.UPKEEP, "", "2 oefeningen per 12 maanden", min_count=2)
HOURS = RequirementSpec(4, RequirementKind.UPKEEP, "", "8 uur per 12 maanden", min_hours=Decimal(8))


def fact(kind, day, code="", function_id=OVD, hours=Decimal(3), passed=None):
    return ActivityFact(kind, code, function_id, day, hours, passed)


def test_a_course_without_a_result_counts_but_a_failed_one_does_not():
    until, _ = evaluate(
        [COURSE], [fact(ActivityKind.COURSE, dt.date(2020, 1, 1), "bz-ovd-basis")], OVD
    )
    assert until == FOREVER
    until, _ = evaluate(
        [COURSE],
        [fact(ActivityKind.COURSE, dt.date(2020, 1, 1), "BZ-OVD-BASIS", passed=False)],
        OVD,
    )
    assert until is None


def test_an_exam_lapses_after_its_validity():
    until, _ = evaluate(
        [EXAM],
        [fact(ActivityKind.PRACTICAL_TEST, dt.date(2024, 3, 15), "PVB-OVD", passed=True)],
        OVD,
    )
    assert until == dt.date(2027, 3, 14)


def test_upkeep_lapses_a_year_after_the_second_most_recent_exercise():
    facts = [
        fact(ActivityKind.EXERCISE, dt.date(2026, 2, 1)),
        fact(ActivityKind.DEPLOYMENT, dt.date(2026, 6, 1)),
        fact(ActivityKind.EXERCISE, dt.date(2025, 1, 1)),
    ]
    until, _ = evaluate([UPKEEP], facts, OVD)
    assert until == dt.date(2027, 1, 31)


def test_upkeep_counts_only_this_function_or_general_exercises():
    facts = [
        fact(ActivityKind.EXERCISE, dt.date(2026, 2, 1), function_id=99),
        fact(ActivityKind.EXERCISE, dt.date(2026, 6, 1)),
    ]
    assert evaluate([UPKEEP], facts, OVD)[0] is None
    facts.append(fact(ActivityKind.EXERCISE, dt.date(2026, 3, 1), function_id=None))
    assert evaluate([UPKEEP], facts, OVD)[0] == dt.date(2027, 2, 28)


def test_upkeep_by_hours():
    facts = [
        fact(ActivityKind.EXERCISE, dt.date(2026, 5, 1), hours=Decimal(5)),
        fact(ActivityKind.EXERCISE, dt.date(2026, 3, 1), hours=Decimal(4)),
    ]
    assert evaluate([HOURS], facts, OVD)[0] == dt.date(2027, 2, 28)


def test_qualified_until_is_the_first_requirement_to_lapse():
    facts = [
        fact(ActivityKind.COURSE, dt.date(2019, 1, 1), "BZ-OVD-BASIS"),
        fact(ActivityKind.EXAM, dt.date(2025, 1, 10), "PVB-OVD", passed=True),
        fact(ActivityKind.EXERCISE, dt.date(2026, 1, 1)),
        fact(ActivityKind.EXERCISE, dt.date(2026, 4, 1)),
    ]
    until, results = evaluate([COURSE, EXAM, UPKEEP], facts, OVD)
    assert until == dt.date(2026, 12, 31)
    assert [r.met_until for r in results] == [FOREVER, dt.date(2028, 1, 9), dt.date(2026, 12, 31)]


def test_status_on_a_day():
    today = dt.date(2026, 11, 24)
    assert status_on(None, today) == ReadinessStatus.NOT_QUALIFIED
    assert status_on(dt.date(2026, 11, 23), today) == ReadinessStatus.LAPSED
    assert status_on(dt.date(2027, 1, 1), today) == ReadinessStatus.LAPSES_SOON
    assert status_on(dt.date(2027, 6, 1), today) == ReadinessStatus.QUALIFIED
    assert status_on(FOREVER, today) == ReadinessStatus.QUALIFIED


def test_adding_months_keeps_the_end_of_the_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


@given(
    st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)), max_size=8),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_one_more_exercise_never_shortens_qualification(days, extra):
    facts = [fact(ActivityKind.EXERCISE, d) for d in days]
    before = evaluate([UPKEEP], facts, OVD)[0]
    after = evaluate([UPKEEP], [*facts, fact(ActivityKind.EXERCISE, extra)], OVD)[0]
    assert before is None or (after is not None and after >= before)
