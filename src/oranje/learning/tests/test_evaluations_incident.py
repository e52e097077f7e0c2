"""From an incident's page to its evaluation: the incident's "Evaluatie" tab (shown to those
who evaluate) opens the evaluation of the incident, or a new one prefilled with it; someone
who may read the incident but not evaluate gets 403."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.learning.tests.evaluations_helpers import evaluation, scene
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_tab_opens_a_new_evaluation_then_the_existing_one(world: World) -> None:
    s = scene(world)
    client = _client(world.coordinator)
    logbook = client.get(f"/incidenten/{s.incident.pk}/").content.decode()
    assert f"/leren/incidenten/{s.incident.pk}/evaluatie/" in logbook

    response = client.get(f"/leren/incidenten/{s.incident.pk}/evaluatie/")
    assert response.status_code == 302
    assert response["Location"] == f"/leren/evaluaties/nieuw/?incident={s.incident.pk}"
    form = client.get(response["Location"]).content.decode()
    assert f'value="{s.incident.pk}" selected' in form

    made = evaluation(world, s)
    response = client.get(f"/leren/incidenten/{s.incident.pk}/evaluatie/")
    assert response["Location"] == f"/leren/evaluaties/{made.pk}/"


def test_who_does_not_evaluate_sees_no_tab_and_gets_403(world: World) -> None:
    s = scene(world)
    viewer = User.objects.create_user(username="kijker", password="x")
    Membership.objects.create(user=viewer, role=Role.VIEWER, region=world.region)
    client = _client(viewer)
    logbook = client.get(f"/incidenten/{s.incident.pk}/").content.decode()
    assert "/evaluatie/" not in logbook
    assert client.get(f"/leren/incidenten/{s.incident.pk}/evaluatie/").status_code == 403
    assert client.get("/leren/incidenten/999999/evaluatie/").status_code == 404
