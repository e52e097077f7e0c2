"""The feedback API: the same rules as the pages, answered as 400 with the field named."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.organisation.tests.factories import World
from oranje.readiness.models import Feedback, FeedbackMoment
from oranje.readiness.tests.test_feedback import Setup, build_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def fb(world: World) -> Setup:
    return build_setup(world)


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_planning_a_moment_outside_the_exercise_names_the_time(fb: Setup) -> None:
    late = fb.exercise.starts_at + dt.timedelta(hours=3)
    url = f"/api/v1/exercises/{fb.exercise.pk}/feedback-moments/"
    answer = _api(fb.world.coordinator).post(
        url, {"at": late.isoformat(), "title": "Te laat"}, format="json"
    )
    assert answer.status_code == 400
    assert answer.json()["at"][0].startswith("Tijd: het moment valt buiten de oefening")
    inside = fb.exercise.starts_at + dt.timedelta(minutes=90)
    made = _api(fb.world.coordinator).post(
        url, {"at": inside.isoformat(), "title": "Tweede beeld"}, format="json"
    )
    assert made.status_code == 201
    listed = _api(fb.world.viewer).get(url).json()
    assert [m["title"] for m in listed] == ["Eerste beeld", "Tweede beeld"]


def test_a_title_longer_than_allowed_is_refused(fb: Setup) -> None:
    answer = _api(fb.world.coordinator).post(
        f"/api/v1/exercises/{fb.exercise.pk}/feedback-moments/",
        {"at": fb.moment.at.isoformat(), "title": "x" * 151},
        format="json",
    )
    assert answer.status_code == 400 and "title" in answer.json()


def test_recording_feedback(fb: Setup) -> None:
    url = f"/api/v1/feedback-moments/{fb.moment.pk}/feedback/"
    client = _api(fb.observer_user)
    unknown = client.post(url, {"participant": 999999, "went_well": "Goed"}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["participant"][0].startswith("Deelnemer:")
    observer = client.post(url, {"participant": fb.observer.pk, "went_well": "Goed"}, format="json")
    assert observer.status_code == 400 and "participant" in observer.json()
    empty = client.post(url, {"participant": fb.visser.pk}, format="json")
    assert empty.status_code == 400
    assert empty.json()["went_well"][0].startswith("Wat ging goed:")
    too_long = client.post(
        url, {"participant": fb.visser.pk, "to_improve": "x" * 4001}, format="json"
    )
    assert too_long.status_code == 400 and "to_improve" in too_long.json()
    done = client.post(
        url, {"participant": fb.visser.pk, "to_improve": "Eerder melden"}, format="json"
    )
    assert done.status_code == 201
    assert done.json()["person"] == fb.visser.person_id
    assert _api(fb.world.viewer).post(url, {}, format="json").status_code == 403


def test_reading_feedback_through_the_api(fb: Setup) -> None:
    Feedback.objects.create(
        moment=fb.moment, participant=fb.visser, observer_name="X", went_well="Goed"
    )
    url = f"/api/v1/persons/{fb.visser.person_id}/feedback/"
    assert _api(fb.world.viewer).get(url).json() == []
    assert not AuditEntry.objects.filter(action=AuditAction.FEEDBACK_READ.value).exists()
    assert len(_api(fb.world.coordinator).get(url).json()) == 1
    assert len(_api(fb.world.functionary).get(url).json()) == 1
    moment_url = f"/api/v1/feedback-moments/{fb.moment.pk}/feedback/"
    assert _api(fb.world.viewer).get(moment_url).json() == []
    assert len(_api(fb.observer_user).get(moment_url).json()) == 1
    # The coordinator's and the observer's reads; the participant's own is not audited.
    assert AuditEntry.objects.filter(action=AuditAction.FEEDBACK_READ.value).count() == 2


def test_removing_a_moment(fb: Setup) -> None:
    url = f"/api/v1/feedback-moments/{fb.moment.pk}/"
    assert _api(fb.world.viewer).delete(url).status_code == 403
    assert _api(fb.world.outsider).delete(url).status_code == 404
    assert _api(fb.world.coordinator).delete(url).status_code == 204
    assert not FeedbackMoment.objects.filter(pk=fb.moment.pk).exists()
