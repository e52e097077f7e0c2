"""Deployments of the people who came: written when the acute phase ends (the listener), once
(the lead's rerun writes only what is missing), as exercise records for an exercise, and they
count towards upkeep in readiness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.aftercare.services.deployments import (
    deployment_hours,
    deployments_record,
    external_id,
)
from oranje.aftercare.tests.people_helpers import answered, arrived
from oranje.alerting.constants import Answer
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents import services as incidents
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.readiness import services as readiness
from oranje.readiness.constants import ActivityKind, ExerciseType, ReadinessStatus
from oranje.readiness.evaluation import status_on
from oranje.readiness.models import Activity, PersonQualification
from oranje.readiness.tests.conftest import OVD_PROFILE, qualify

pytestmark = pytest.mark.django_db


def _end(world: World, incident):  # type: ignore[no-untyped-def]
    return incidents.incident_end_acute(actor=world.coordinator, incident=incident)


def test_the_acute_end_records_a_deployment_for_each_arrival(world: World) -> None:
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    came = arrived(incident, world.officers[0], world.ovd, hours_ago=3.2)
    also = arrived(incident, world.contacts[0], world.cpg, hours_ago=0.1)
    answered(incident, world.officers[1], world.ovd, Answer.DECLINED)
    answered(incident, world.officers[2], world.ovd, Answer.PENDING)
    answered(incident, world.contacts[1], world.cpg, Answer.ACCEPTED)  # coming, never arrived
    incident = _end(world, incident)

    rows = {a.person_id: a for a in Activity.objects.all()}
    assert set(rows) == {world.officers[0].pk, world.contacts[0].pk}
    first = rows[world.officers[0].pk]
    assert first.kind == ActivityKind.DEPLOYMENT and first.exercise_type == ""
    assert first.title == "Gaslek Velsen-Noord"
    assert first.function_id == world.ovd.pk
    assert first.hours == Decimal("3.0")  # 3 h 12 min → 3.0
    assert first.completed_on == timezone.localdate(incident.acute_ended_at)
    assert first.external_id == f"incident:{incident.pk}:alert:{came.pk}"
    assert first.recorded_by == world.coordinator
    assert rows[world.contacts[0].pk].hours == Decimal("0.5")  # 6 minutes: half an hour
    assert rows[world.contacts[0].pk].external_id == external_id(incident.pk, also.pk)
    entry = AuditEntry.objects.get(action=AuditAction.DEPLOYMENT_RECORD)
    assert entry.changes["deployments"] == [None, 2]


def test_hours_are_half_hours_between_half_an_hour_and_a_day() -> None:
    start = timezone.now()
    assert deployment_hours(start, start + dt.timedelta(minutes=44)) == Decimal("0.5")
    assert deployment_hours(start, start + dt.timedelta(minutes=45)) == Decimal("1.0")
    assert deployment_hours(start, start + dt.timedelta(hours=5, minutes=16)) == Decimal("5.5")
    assert deployment_hours(start, start + dt.timedelta(days=3)) == Decimal("24.0")
    assert deployment_hours(start, start - dt.timedelta(hours=1)) == Decimal("0.5")


def test_an_exercise_gives_practical_exercise_records(world: World) -> None:
    incident = start_incident(world, exercise=True, title="Oefening zorginstelling")
    arrived(incident, world.officers[0], world.ovd)
    _end(world, incident)
    (row,) = Activity.objects.all()
    assert row.kind == ActivityKind.EXERCISE
    assert row.exercise_type == ExerciseType.PRACTICAL
    assert row.title == "Oefening zorginstelling"


def test_closing_without_a_nafase_records_them_too(world: World) -> None:
    incident = start_incident(world)
    arrived(incident, world.officers[0], world.ovd)
    incidents.incident_close(actor=world.coordinator, incident=incident)
    assert Activity.objects.filter(kind=ActivityKind.DEPLOYMENT).count() == 1


def test_closing_after_the_acute_end_records_nothing_twice(world: World) -> None:
    incident = start_incident(world)
    arrived(incident, world.officers[0], world.ovd)
    incident = _end(world, incident)
    incidents.incident_close(actor=world.coordinator, incident=incident)
    assert Activity.objects.count() == 1


def test_the_rerun_writes_only_what_is_missing(world: World) -> None:
    incident = start_incident(world)
    arrived(incident, world.officers[0], world.ovd)
    incident = _end(world, incident)
    assert deployments_record(actor=world.coordinator, incident=incident) == 0
    # Someone recorded as arrived after the acute end is added by the rerun, once.
    late = arrived(incident, world.officers[1], world.ovd, hours_ago=-0.5)
    assert deployments_record(actor=world.coordinator, incident=incident) == 1
    assert deployments_record(actor=world.coordinator, incident=incident) == 0
    assert Activity.objects.count() == 2
    assert Activity.objects.get(external_id=external_id(incident.pk, late.pk)).hours == Decimal(
        "0.5"
    )
    assert AuditEntry.objects.filter(action=AuditAction.DEPLOYMENT_RECORD).count() == 2


def test_the_rerun_is_for_a_lead_after_the_acute_end(world: World) -> None:
    incident = start_incident(world)
    arrived(incident, world.officers[0], world.ovd)
    with pytest.raises(ValidationError) as exc:
        deployments_record(actor=world.coordinator, incident=incident)
    assert "incident" in exc.value.message_dict
    incident = _end(world, incident)
    for user in (world.viewer, world.outsider, world.haarlem_coordinator):
        with pytest.raises(PermissionDenied):
            deployments_record(actor=user, incident=incident)
    # The OvD-BZ who came leads the incident (alerted for a leading function).
    assert deployments_record(actor=world.functionary, incident=incident) == 0
    assert Activity.objects.count() == 1


@pytest.mark.parametrize("exercise", [False, True])
def test_a_deployment_renews_lapsed_upkeep(world: World, exercise: bool) -> None:
    readiness.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    person = world.officers[0]
    today = timezone.localdate()
    # The last two exercises 340 and 370 days ago: upkeep (2 per 12 months) lapsed.
    qualify(world, person, today, exercise_age_days=340)
    before = PersonQualification.objects.get(person=person, function=world.ovd)
    assert status_on(before.qualified_until, today) == ReadinessStatus.LAPSED

    incident = start_incident(world, exercise=exercise)
    arrived(incident, person, world.ovd)
    _end(world, incident)

    after = PersonQualification.objects.get(person=person, function=world.ovd)
    assert after.qualified_until is not None and after.qualified_until >= today
    assert status_on(after.qualified_until, today) != ReadinessStatus.LAPSED


def test_an_arrival_for_another_function_does_not_renew_it(world: World) -> None:
    readiness.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    person = world.officers[0]
    today = timezone.localdate()
    qualify(world, person, today, exercise_age_days=340)
    incident = start_incident(world)
    arrived(incident, person, world.cpg)  # the record is for CPG, not for OvD-BZ
    _end(world, incident)
    after = PersonQualification.objects.get(person=person, function=world.ovd)
    assert status_on(after.qualified_until, today) == ReadinessStatus.LAPSED
