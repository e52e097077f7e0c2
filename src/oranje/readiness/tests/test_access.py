"""The readiness room's chokepoints: activities, profiles, exercises and alarm tests."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import make_person
from oranje.readiness import access, services
from oranje.readiness.constants import ActivityKind, ExerciseType
from oranje.readiness.models import Activity, AlarmTest, Exercise

pytestmark = pytest.mark.django_db


def _exercise(world, participants, observers=()):  # type: ignore[no-untyped-def]
    return services.exercise_plan(
        actor=world.coordinator,
        region=world.region,
        title="Tafeloefening",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=timezone.now() - dt.timedelta(days=1),
        hours=Decimal(3),
        scenario="",
        functions=[world.cpg],
        participants=[(p, world.cpg) for p in participants],
        observers=list(observers),
    )


def _api(user):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_exercise_of_haarlem_people_is_managed_by_haarlems_coordinator(world):
    exercise = _exercise(world, world.contacts)
    assert access.can_manage_exercise(world.haarlem_coordinator, exercise)
    assert access.exercise_for_user(world.haarlem_coordinator, exercise.pk, manage=True)


def test_an_exercise_with_someone_of_another_municipality_is_not(world):
    velsen_person = make_person(world.region, world.cpg, municipality=world.velsen)
    exercise = _exercise(world, [world.contacts[0]], observers=[velsen_person])
    assert not access.can_manage_exercise(world.haarlem_coordinator, exercise)
    assert access.can_manage_exercise(world.coordinator, exercise)
    with pytest.raises(PermissionDenied):
        access.exercise_for_user(world.haarlem_coordinator, exercise.pk, manage=True)
    # reading it is fine: the region's exercises are shared
    assert access.exercise_for_user(world.haarlem_coordinator, exercise.pk) == exercise


def test_exercises_of_another_region_are_not_found(world):
    exercise = _exercise(world, world.contacts)
    with pytest.raises(Http404):
        access.exercise_for_user(world.outsider, exercise.pk)
    assert not access.exercises_for_user(world.outsider).exists()
    assert list(access.exercises_for_user(world.viewer)) == [exercise]
    with pytest.raises(PermissionDenied):
        access.exercise_for_user(world.viewer, exercise.pk, manage=True)


def test_a_municipal_coordinator_cannot_plan_an_exercise_with_other_peoples_staff_by_api(world):
    """The exercise bypass: planning with people one may not record an activity for."""
    response = _api(world.haarlem_coordinator).post(
        "/api/v1/exercises/",
        {
            "region": "VR12",
            "title": "Oefening",
            "exercise_type": ExerciseType.TABLETOP,
            "starts_at": (timezone.now() - dt.timedelta(days=1)).isoformat(),
            "hours": "99",
            "participants": [{"person": world.officers[1].pk, "function": "OVD-BZ"}],
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Exercise.objects.exists()


def test_a_municipal_coordinator_cannot_complete_an_exercise_with_other_peoples_staff(world):
    exercise = _exercise(world, [world.contacts[0], world.officers[1]])
    participant = exercise.participants.get(person=world.officers[1])
    response = _api(world.haarlem_coordinator).post(
        f"/api/v1/exercises/{exercise.pk}/complete/",
        {"attendance": [{"participant": participant.pk, "attended": True}]},
        format="json",
    )
    assert response.status_code == 403
    assert not Activity.objects.filter(exercise=exercise).exists()


def test_the_exercise_form_offers_only_the_people_one_manages(world, client):
    client.force_login(world.haarlem_coordinator)
    page = client.get("/oefeningen/nieuw/").content.decode()
    assert world.contacts[0].surname in page
    assert "Visser" not in page  # officers[0], of Velsen


def test_activities_follow_the_people_one_may_see(world):
    [activity] = services.activity_record(
        actor=world.coordinator,
        persons=[world.officers[0]],
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        completed_on=timezone.localdate(),
    )
    assert access.activity_for_user(world.viewer, activity.pk) == activity
    assert list(access.activities_for_user(world.viewer)) == [activity]
    assert not access.activities_for_user(world.outsider).exists()
    with pytest.raises(Http404):
        access.activity_for_user(world.outsider, activity.pk)
    with pytest.raises(PermissionDenied):
        access.activity_for_user(world.haarlem_coordinator, activity.pk, manage=True)
    assert access.activity_for_user(world.coordinator, activity.pk, manage=True)


def test_profiles_are_national_plus_the_regions_one_may_see(world):
    requirement = [{"kind": "upkeep", "label": "2 oefeningen", "min_count": 2}]
    national = services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=requirement
    )
    regional = services.profile_publish(
        actor=world.coordinator, function=world.ovd, region=world.region, requirements=requirement
    )
    assert set(access.profiles_for_user(world.viewer)) == {national, regional}
    assert set(access.profiles_for_user(world.outsider)) == {national}
    assert set(access.profiles_for_user(world.admin)) == {national, regional}
    body = _api(world.outsider).get("/api/v1/profiles/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [national.pk]


def test_who_publishes_a_profile(world):
    assert access.can_publish_profile(world.admin, None)
    assert not access.can_publish_profile(world.coordinator, None)
    assert access.can_publish_profile(world.coordinator, world.region)
    assert not access.can_publish_profile(world.haarlem_coordinator, world.region)
    assert not access.can_publish_profile(world.outsider, world.region)


def test_alarm_tests_are_read_in_the_region_and_started_by_its_managers(world):
    test = AlarmTest.objects.create(region=world.region, started_by=world.coordinator)
    assert access.alarm_test_for_user(world.viewer, test.pk) == test
    assert access.alarm_test_for_user(world.coordinator, test.pk, manage=True) == test
    with pytest.raises(PermissionDenied):
        access.alarm_test_for_user(world.haarlem_coordinator, test.pk, manage=True)
    with pytest.raises(Http404):
        access.alarm_test_for_user(world.outsider, test.pk)
    assert not access.alarm_tests_for_user(world.outsider).exists()


def test_the_exercise_services_hold_the_rule_themselves(world):
    """The exercise bypass: 99-hour records for another municipality's people."""
    with pytest.raises(PermissionDenied):
        services.exercise_plan(
            actor=world.haarlem_coordinator,
            region=world.region,
            title="Oefening",
            exercise_type=ExerciseType.TABLETOP,
            starts_at=timezone.now() - dt.timedelta(days=1),
            hours=Decimal(99),
            scenario="",
            functions=[world.ovd],
            participants=[(world.officers[1], world.ovd)],
        )
    exercise = _exercise(world, [world.contacts[0], world.officers[1]])
    attendance = {p.pk: (True, "") for p in exercise.participants.all()}
    with pytest.raises(PermissionDenied):
        services.exercise_complete(
            actor=world.haarlem_coordinator, exercise=exercise, attendance=attendance
        )
    assert not Activity.objects.filter(exercise=exercise).exists()


def test_an_exercise_is_completed_once(world):
    from django.core.exceptions import ValidationError

    from oranje.readiness import errors

    exercise = _exercise(world, world.contacts)
    first = exercise.participants.get(person=world.contacts[0])
    services.exercise_complete(
        actor=world.coordinator, exercise=exercise, attendance={first.pk: (True, "Goed")}
    )
    with pytest.raises(ValidationError) as again:
        services.exercise_complete(
            actor=world.coordinator, exercise=exercise, attendance={first.pk: (False, "")}
        )
    assert again.value.message_dict == {"attendance": [str(errors.EXERCISE_COMPLETED)]}
    first.refresh_from_db()
    assert first.attended is True and first.observation == "Goed"
    assert Activity.objects.filter(exercise=exercise).count() == 1
