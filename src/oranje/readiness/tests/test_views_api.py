import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import make_shift
from oranje.readiness import services
from oranje.readiness.models import AlarmRecipient, Exercise

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_readiness_pages_for_each_persona(profiled):
    person = profiled.officers[0]
    pages = [
        reverse("readiness:readiness"),
        reverse("readiness:readiness_national"),
        reverse("readiness:profiles"),
        reverse("readiness:passport", args=[person.pk]),
        reverse("readiness:exercises"),
        reverse("readiness:alarm_tests"),
    ]
    manager_pages = [
        reverse("readiness:activity_new"),
        reverse("readiness:activity_import"),
        reverse("readiness:exercise_new"),
        reverse("readiness:profile_edit", args=["OVD-BZ", "regio"]),
    ]
    for user in (profiled.coordinator, profiled.admin):
        client = client_for(user)
        for url in pages + manager_pages:
            assert client.get(url).status_code == 200, (user, url)
    viewer = client_for(profiled.viewer)
    for url in pages:
        assert viewer.get(url).status_code == 200, url
    for url in manager_pages:
        assert viewer.get(url).status_code == 403, url
    assert (
        client_for(profiled.coordinator)
        .get(reverse("readiness:profile_edit", args=["OVD-BZ", "landelijk"]))
        .status_code
        == 403
    )
    assert (
        client_for(profiled.outsider)
        .get(reverse("readiness:passport", args=[person.pk]))
        .status_code
        == 404
    )


def test_the_passport_says_why_in_words(profiled):
    body = (
        client_for(profiled.viewer)
        .get(reverse("readiness:passport", args=[profiled.officers[2].pk]))
        .content.decode()
    )
    assert "niet vakbekwaam" in body
    assert "Opleiding OvD-BZ: ontbreekt" in body
    body = (
        client_for(profiled.viewer)
        .get(reverse("readiness:passport", args=[profiled.officers[0].pk]))
        .content.decode()
    )
    assert "Aan alle eisen voldaan tot en met" in body


def test_the_matrix_counts_against_the_minimum(profiled):
    profiled.region.function_settings.filter(function=profiled.ovd).update(min_qualified=3)
    body = client_for(profiled.coordinator).get(reverse("readiness:readiness")).content.decode()
    assert "onder het minimum" in body
    data = APIClient()
    data.force_authenticate(profiled.viewer)
    matrix = data.get("/api/v1/regions/VR12/readiness/").json()
    ovd = next(c for c in matrix["columns"] if c["function"] == "OVD-BZ")
    assert ovd == {
        "function": "OVD-BZ",
        "qualified": 2,
        "lapsing": 0,
        "minimum": 3,
        "without_path": 0,
    }
    national = data.get("/api/v1/readiness/national/").json()
    # Nationally the Utrecht officer (no records) counts as well.
    assert national == [
        {
            "function": "OVD-BZ",
            "qualified": 2,
            "lapsing": 0,
            "not_qualified": 2,
            "without_path": 0,
        }
    ]
    passport = data.get(f"/api/v1/persons/{profiled.officers[2].pk}/passport/").json()
    assert passport[0]["status"] == "not_qualified"


def test_recording_an_activity_through_the_api(profiled):
    api = APIClient()
    api.force_authenticate(profiled.coordinator)
    body = {
        "persons": [profiled.officers[2].pk, profiled.officers[1].pk],
        "kind": "exercise",
        "title": "Oefening",
        "completed_on": dt.date.today().isoformat(),
        "function": "OVD-BZ",
        "hours": "2.5",
    }
    response = api.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201 and len(response.json()) == 2
    bad = api.post(
        "/api/v1/activities/",
        {**body, "kind": "course", "completed_on": "2099-01-01"},
        format="json",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"completed_on", "code"}
    viewer = APIClient()
    viewer.force_authenticate(profiled.viewer)
    assert viewer.post("/api/v1/activities/", body, format="json").status_code == 403


def test_the_alarm_response_page_works_without_login_and_only_once(profiled, client):
    make_shift(
        profiled.ovd_pool,
        profiled.ovd,
        profiled.officers[0],
        timezone.now() - dt.timedelta(hours=1),
    )
    test = services.alarm_test_start(
        actor=profiled.coordinator, region=profiled.region, functions=[profiled.ovd]
    )
    url = reverse(
        "readiness:alarm_respond", args=[services.alarm_link_token(test.recipients.get())]
    )
    page = client.get(url)
    assert page.status_code == 200 and "TESTALARM" in page.content.decode()
    done = client.post(url, {"answer": "coming", "eta_minutes": "15"})
    assert "Uw antwoord is vastgelegd" in done.content.decode()
    again = client.get(url)
    assert again.status_code == 409 and "al beantwoord" in again.content.decode()
    forged = client.get(url.replace("/alarm/", "/alarm/x"))
    assert forged.status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_alarm_mail_from_the_database_queue(mailoutbox):
    # A real transaction: the worker opens and closes its own database connections.
    from oranje.organisation.tests.factories import build_world
    from oranje.readiness.tests.conftest import OVD_PROFILE, qualify

    world = build_world()
    services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    qualify(world, world.officers[0], timezone.localdate())
    make_shift(world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1))
    test = services.alarm_test_start(
        actor=world.coordinator, region=world.region, functions=[world.ovd]
    )
    assert mailoutbox == []  # queued on commit, not sent in the request
    call_command("worker", batch=True)
    assert len(mailoutbox) == 1
    assert AlarmRecipient.objects.get(test=test).sent_at is not None


def test_an_exercise_through_the_pages(profiled):
    client = client_for(profiled.coordinator)
    start = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("readiness:exercise_new"),
        {
            "title": "Tabletop",
            "exercise_type": "tabletop",
            "starts_at": start,
            "hours": "3",
            "functions": [profiled.ovd.pk],
            "participants": [profiled.officers[2].pk],
        },
    )
    exercise = Exercise.objects.get()
    assert response.status_code == 302
    participant = exercise.participants.get()
    client.post(
        reverse("readiness:exercise_detail", args=[exercise.pk]),
        {
            f"attended-{participant.pk}": "on",
            f"observation-{participant.pk}": "Scherp",
            "learning_points": "Eerder opschalen\n",
        },
    )
    participant.refresh_from_db()
    assert participant.attended is True and participant.observation == "Scherp"
    assert exercise.learning_points.get().text == "Eerder opschalen"
    assert profiled.officers[2].activities.filter(exercise=exercise).exists()
