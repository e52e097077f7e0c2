"""Key-function holders and the rest (issue 17): a civil servant without a path who holds a
key function is on no qualification path, so the QUALIFIED and EXERCISE figures neither count
nor list them, and a municipality's agreed contribution counts key-function holders only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Person, RegionFunction
from oranje.organisation.tests.factories import World, make_person
from oranje.quality.constants import Indicator
from oranje.quality.indicators import exercise, qualified
from oranje.quality.indicators.common import key_holder_ids, key_holders
from oranje.quality.models import AgreementLine, MunicipalAgreement
from oranje.quality.reports import board
from oranje.quality.selectors_monitoring import contribution
from oranje.quality.tests.indicator_helpers import Q, as_table, no_key_functions
from oranje.readiness import services as readiness
from oranje.readiness.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world: World) -> World:
    no_key_functions(world.region)
    no_key_functions(world.other_region)
    RegionFunction.objects.filter(region=world.region, function=world.cpg).update(min_qualified=2)
    return world


def _civil(w: World, surname: str = "Ambtenaar") -> Person:
    person = make_person(w.region, w.cpg, municipality=w.haarlem, surname=surname)
    Person.objects.filter(pk=person.pk).update(kind=PersonKind.CIVIL)
    return person


def test_key_holders_leave_civil_servants_out(w: World) -> None:
    civil = _civil(w)
    found = {h.person_id for h in key_holders([w.region.pk])}
    assert found == {p.pk for p in w.contacts}
    assert set(key_holder_ids([w.region.pk]).values_list("person_id", flat=True)) == found
    assert civil.pk not in found
    # Moving them back makes them count again.
    Person.objects.filter(pk=civil.pk).update(kind=PersonKind.KEY)
    assert civil.pk in {h.person_id for h in key_holders([w.region.pk])}


def test_a_civil_servant_in_a_cpg_function_does_not_lower_qualified(w: World) -> None:
    readiness.profile_publish(
        actor=w.admin,
        function=w.cpg,
        region=None,
        requirements=[{"kind": "course", "code": "CPG-B", "label": "Basis", "valid_months": 24}],
    )
    done, lapsed = w.contacts
    for person, day in ((done, dt.date(2024, 6, 1)), (lapsed, dt.date(2022, 6, 1))):
        Activity.objects.create(
            person=person, kind="course", code="CPG-B", title="B", completed_on=day, passed=True
        )
    civil = _civil(w)
    readiness.readiness_recompute(person_ids=[done.pk, lapsed.pk, civil.pk])
    table = as_table(qualified.compute([w.region], Q), Indicator.QUALIFIED)
    assert table == {(w.haarlem.pk, w.cpg.pk): (1.0, 2.0)}
    drill = qualified.records(w.region, w.haarlem.pk, Q, w.cpg.pk)
    assert [r[0] for r in drill.rows] == [lapsed.full_name]
    assert civil.pk not in drill.people


def test_a_civil_servant_without_exercise_does_not_lower_exercised(w: World) -> None:
    exercised, idle = w.contacts
    Activity.objects.create(
        person=exercised, kind="exercise", title="x", completed_on=dt.date(2024, 11, 1)
    )
    civil = _civil(w)
    table = as_table(exercise.compute([w.region], Q), Indicator.EXERCISE_PARTICIPATION)
    assert table == {(w.haarlem.pk, w.cpg.pk): (1.0, 2.0)}
    drill = exercise.records(w.region, w.haarlem.pk, Q, None)
    assert [r[0] for r in drill.rows] == [idle.full_name]
    assert civil.pk not in drill.people


def test_the_agreed_contribution_counts_key_function_holders_only(w: World) -> None:
    today = timezone.localdate()
    agreement = MunicipalAgreement.objects.create(
        region=w.region,
        municipality=w.haarlem,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )
    AgreementLine.objects.create(agreement=agreement, function=w.cpg, people=3)
    AgreementLine.objects.create(agreement=agreement, function=w.cpg, pool=w.cpg_haarlem, people=3)
    civil = _civil(w)
    w.cpg_haarlem.members.add(civil)
    lines = contribution(w.haarlem, Q).lines
    assert [(r.agreed, r.actual, r.short) for r in lines] == [(3, 2, True), (3, 2, True)]
    assert [(c.present, c.met) for c in board.contributions(w.haarlem, agreement)] == [
        (2, False),
        (2, False),
    ]
    key = make_person(w.region, w.cpg, municipality=w.haarlem)
    w.cpg_haarlem.members.add(key)
    assert [r.actual for r in contribution(w.haarlem, Q).lines] == [3, 3]
