"""Registry pages and API answers (person data) are never stored by a browser or proxy."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World
from oranje.registry.tests.factories import build_registry, register

pytestmark = pytest.mark.django_db


def test_person_pages_and_answers_are_not_stored(world: World) -> None:
    rw = build_registry(world)
    person = register(rw)
    client = APIClient()
    client.force_login(rw.officer)
    for url in (
        f"/incidenten/{rw.incident.pk}/registratie/personen/{person.pk}/",
        f"/incidenten/{rw.incident.pk}/registratie/personen/",
        f"/api/v1/affected-persons/{person.pk}/",
        f"/api/v1/incidents/{rw.incident.pk}/affected-persons/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url
    # Other rooms' pages keep their own caching.
    assert "no-store" not in client.get("/").get("Cache-Control", "")
