"""Issue 17, part "people", in the demo: civil servants without a path in Kennemerland (one
moved with a reason), CO-OPV run in the field there, and alert history on hard and soft
on-call for the figures — and a second run that adds nothing."""

import pytest
from django.utils import timezone

from oranje.alerting.selectors_figures import Period, hard_soft
from oranje.core.models import Region
from oranje.demo.national_people import CIVIL_COUNT, MOVE_REASON, REGROUPED
from oranje.demo.world import build
from oranje.organisation.constants import FunctionGroup, OnCallKind, PersonKind
from oranje.organisation.groups import effective_group
from oranje.organisation.models import Function, OnCallShift, Person, PersonKindChange


@pytest.mark.django_db
def test_the_demo_has_civil_servants_a_regrouped_function_and_hard_soft_history() -> None:
    build(lambda line: None)
    region = Region.objects.get(code="VR12")
    civil = Person.objects.filter(region=region, kind=PersonKind.CIVIL)
    assert civil.count() == CIVIL_COUNT
    change = PersonKindChange.objects.get(person__region=region)
    assert (change.from_kind, change.to_kind, change.reason) == ("key", "civil", MOVE_REASON)
    assert not OnCallShift.objects.filter(
        person__in=civil, kind=OnCallKind.HARD, ends_at__gt=timezone.now()
    ).exists()
    assert effective_group(region, Function.objects.get(code=REGROUPED)) == FunctionGroup.FIELD

    today = timezone.localdate()
    figures = hard_soft(region, Period(today.year))
    last_year = hard_soft(region, Period(today.year - 1))
    rows = {r.function.code: r for r in figures.real + last_year.real}
    assert rows["OVD-BZ"].soft.alerted > 0 and rows["OVD-BZ"].hard.alerted > 0
    assert rows["CPG"].soft.alerted > 0
    assert figures.exercise or last_year.exercise

    counts = (civil.count(), PersonKindChange.objects.count())
    build(lambda line: None)
    assert (
        Person.objects.filter(region=region, kind="civil").count(),
        PersonKindChange.objects.count(),
    ) == counts
