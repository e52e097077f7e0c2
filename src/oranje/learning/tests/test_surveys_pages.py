"""A survey's pages and API: the list, a new survey for an incident of the region (not of
another: a Dutch message on the field), its page with the open link and its QR code and the
counts, changing it; the API's list, create, detail and results (400 naming the field)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Survey
from oranje.learning.services import surveys as services
from oranje.learning.tests.surveys_helpers import client_for, make_survey, respond
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(world: World) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.coordinator)
    return client


@override_settings(SITE_URL="https://oranje.example.nl")
def test_a_new_survey_for_an_incident_of_the_region(world: World) -> None:
    incident = start_incident(world, title="Brand Velsen-Noord")
    client = client_for(world.coordinator)
    form = client.get("/leren/enquetes/nieuw/").content.decode()
    assert "Brand Velsen-Noord" in form and "Kreeg u op tijd informatie" in form
    response = client.post(
        "/leren/enquetes/nieuw/",
        {"incident": incident.pk, "title": "Enquête brand", "open_link": "on"},
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/leren/enquetes/{survey.pk}/"
    assert survey.status == "draft" and survey.questions.count() == 9
    assert AuditEntry.objects.filter(action="survey.save").exists()
    page = client.get(f"/leren/enquetes/{survey.pk}/").content.decode()
    assert f"https://oranje.example.nl/enquete/{survey.token}/" in page
    # A short key a resident can type: 8 lower-case letters/digits without look-alikes.
    assert len(survey.token) == 8 and set(survey.token) <= set(services.TOKEN_ALPHABET)
    assert not set(survey.token) & set("ilo01")
    assert "<svg" in page and "Enquête openen voor antwoorden" in page
    qr = client.get(f"/leren/enquetes/{survey.pk}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    listing = client.get("/leren/enquetes/").content.decode()
    assert "Enquête brand" in listing


def test_bad_surveys_get_a_dutch_message_on_the_field(world: World) -> None:
    client = client_for(world.coordinator)
    foreign = start_incident(world, title="Elders")
    foreign.region = world.other_region
    foreign.save(update_fields=["region"])
    response = client.post("/leren/enquetes/nieuw/", {"incident": foreign.pk, "title": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Incident: kies er een uit de lijst." in page
    incident = start_incident(world)
    response = client.post(
        "/leren/enquetes/nieuw/",
        {
            "incident": incident.pk,
            "title": "x",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
        },
    )
    assert response.status_code == 400
    assert "sluit op: kies een dag op of na de openingsdag." in response.content.decode()
    assert not Survey.objects.exists()


def test_changing_a_survey(world: World) -> None:
    survey = make_survey(world)
    client = client_for(world.coordinator)
    response = client.post(
        f"/leren/enquetes/{survey.pk}/bewerken/",
        {"title": "Nieuwe titel", "intro": "Fijn dat u meedoet."},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Nieuwe titel" and not survey.open_link


def test_the_api_lists_makes_and_shows_surveys_and_results(world: World) -> None:
    incident = start_incident(world, title="Brand Velsen-Noord")
    api = _api(world)
    made = api.post(
        "/api/v1/learning/regions/VR12/surveys/",
        {"incident": incident.pk, "title": "Enquête via API"},
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["questions"][0]["code"] == "informed_in_time"
    listing = api.get("/api/v1/learning/regions/VR12/surveys/").json()
    assert listing["results"][0]["title"] == "Enquête via API"
    survey = Survey.objects.get(pk=pk)
    respond(survey, {"informed_in_time": "in_time", "comments": "Snelle informatie"}, area="1951")
    results = api.get(f"/api/v1/learning/surveys/{pk}/results/").json()
    informed = next(q for q in results["questions"] if q["code"] == "informed_in_time")
    assert informed["answered"] == 1 and informed["bars"][0]["count"] == 1
    assert results["shelters"]["unknown"] == 1 and results["total"]["open_responses"] == 1
    comments = next(q for q in results["questions"] if q["code"] == "comments")
    assert comments["top_words"][0]["word"] in {"snelle", "informatie"}
    assert api.get(f"/api/v1/learning/surveys/{pk}/").json()["counts"]["responses"] == 1


def test_the_api_names_the_field(world: World) -> None:
    api = _api(world)
    bad = api.post("/api/v1/learning/regions/VR12/surveys/", {"title": "x"}, format="json")
    assert bad.status_code == 400 and "incident" in bad.json()
    none = api.post(
        "/api/v1/learning/regions/VR12/surveys/",
        {"incident": 999999, "title": "x"},
        format="json",
    )
    assert none.status_code == 400 and "incident" in none.json()
    survey = make_survey(world)
    wrong = api.get(f"/api/v1/learning/surveys/{survey.pk}/results/", {"shelter": "misschien"})
    assert wrong.status_code == 400 and "shelter" in wrong.json()


def test_short_keys_are_unique_and_old_long_keys_keep_working(world: World, client: Client) -> None:
    made = {services.new_token() for _n in range(200)}
    assert len(made) == 200
    survey = make_survey(world)
    Survey.objects.filter(pk=survey.pk).update(token="nxldcjaDTMmCCtGsmmaNMhkq", status="open")
    assert client.get("/enquete/nxldcjaDTMmCCtGsmmaNMhkq/").status_code == 200
    Survey.objects.filter(pk=survey.pk).update(token="k7mpx3qd")
    assert client.get("/enquete/k7mpx3qd/").status_code == 200
    assert client.get("/enquete/K7MPX3QD/").status_code == 200  # typed in capitals
