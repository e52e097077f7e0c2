"""Bad input through the API and the pages: a 400 (or 404) that names the field, never a
500. Each case is one the schema fuzzer or a tester found on main."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.core.params import MAX_ID
from oranje.core.rest import MAX_JSON_DEPTH
from oranje.incidents import services
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_ids_that_are_no_number_or_too_large_are_not_found(world: World) -> None:
    client = api(world.coordinator)
    for path in ["incidents/null/", f"incidents/{2**64}/", "persons/abc/", "shifts/1e27/"]:
        assert client.get(f"/api/v1/{path}").status_code == 404, path


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=1000000000000000000000000000", "limit"),
        ("offset=99999999999999999999999", "offset"),
        ("person=³", "person"),
        (f"pool={MAX_ID + 1}", "pool"),
        ("from=9999-12-31T23:59:59", "from"),
    ],
)
def test_list_parameters_out_of_bounds_are_a_field_error(
    world: World, query: str, field: str
) -> None:
    response = api(world.coordinator).get(f"/api/v1/shifts/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_gaps_weeks_must_be_a_number_within_bounds(world: World) -> None:
    client = api(world.coordinator)
    assert client.get("/api/v1/regions/VR12/gaps/?weeks=³").status_code == 400
    assert "weeks" in client.get("/api/v1/regions/VR12/gaps/?weeks=27").json()
    assert client.get("/api/v1/regions/VR12/gaps/?weeks=2").status_code == 200


def test_deeply_nested_json_is_refused_with_a_message(world: World) -> None:
    incident = start_incident(world)
    body = "[" * 10_000 + "]" * 10_000
    response = api(world.coordinator).post(
        f"/api/v1/incidents/{incident.pk}/log/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert str(MAX_JSON_DEPTH) in response.json()["detail"]
    shallow = json.dumps({"text": "Gas dicht", "x": [[[1]]]})
    assert (
        api(world.coordinator)
        .post(f"/api/v1/incidents/{incident.pk}/log/", shallow, content_type="application/json")
        .status_code
        == 201
    )


def test_integers_in_bodies_are_bounded(world: World) -> None:
    client = api(world.coordinator)
    response = client.post(
        "/api/v1/shifts/",
        {
            "pool": world.ovd_pool.pk,
            "function": "OVD-BZ",
            "person": 2**70,
            "kind": "hard",
            "starts_at": "2026-12-01T08:00:00+01:00",
            "ends_at": "2026-12-08T08:00:00+01:00",
        },
        format="json",
    )
    assert response.status_code == 400 and "person" in response.json()


def test_dates_in_bodies_must_lie_between_2000_and_2100(world: World) -> None:
    response = api(world.coordinator).post(
        "/api/v1/incidents/",
        {
            "region": "VR12",
            "title": "Brand",
            "kind": "fire",
            "started_at": "2999-01-01T00:00:00Z",
            "municipality": "GM0453",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "2000" in response.json()["started_at"][0]


def test_an_unknown_function_code_is_one_message_in_every_room(world: World) -> None:
    incident = start_incident(world)
    client = api(world.coordinator)
    log = client.post(
        f"/api/v1/incidents/{incident.pk}/log/", {"text": "x", "function": "XYZ"}, format="json"
    )
    manual = client.post(
        f"/api/v1/incidents/{incident.pk}/alerts/", {"function": "XYZ"}, format="json"
    )
    assert log.json()["function"] == manual.json()["function"] == ["Onbekende functiecode 'XYZ'."]


def test_an_action_with_an_unknown_decision_is_refused(world: World) -> None:
    incident = start_incident(world)
    other = start_incident(world, title="Elders")
    decision = services.decision_record(
        actor=world.coordinator, incident=other, team="copi", decided_by="Leider", text="Dicht"
    )
    response = api(world.coordinator).post(
        f"/api/v1/incidents/{incident.pk}/actions/",
        {
            "text": "Afzetten",
            "owner_function": "OVD-BZ",
            "deadline": (timezone.now() + dt.timedelta(hours=1)).isoformat(),
            "decision": decision.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "decision" in response.json()
    assert not incident.actions.exists()


def test_free_text_has_a_maximum_and_loses_bidirectional_controls(world: World) -> None:
    incident = start_incident(world)
    client = api(world.coordinator)
    too_long = client.post(
        f"/api/v1/incidents/{incident.pk}/log/", {"text": "x" * 4001}, format="json"
    )
    assert too_long.status_code == 400
    assert "4000" in too_long.json()["text"][0]
    tricked = client.post(
        f"/api/v1/incidents/{incident.pk}/log/",
        {"text": "bijlage \u202egpj.exe"},
        format="json",
    )
    assert tricked.status_code == 201
    assert tricked.json()["text"] == "bijlage gpj.exe"


def test_free_text_loses_c0_controls_a_vertical_tab_becomes_a_newline(world: World) -> None:
    incident = start_incident(world)
    client = api(world.coordinator)
    pasted = client.post(
        f"/api/v1/incidents/{incident.pk}/log/",
        {"text": "Regel 1\x0bRegel 2\x0cRegel 3\x1b\x01"},
        format="json",
    )
    assert pasted.status_code == 201
    assert pasted.json()["text"] == "Regel 1\nRegel 2\nRegel 3"
    page = page_client(world.coordinator)
    page.post(
        f"/incidenten/{incident.pk}/logboek/nieuw/",
        {"text": "Op de pagina\x0bgeplakt\x02"},
        HTTP_HX_REQUEST="true",
    )
    assert incident.log.filter(text="Op de pagina\ngeplakt").exists()


def test_an_affected_area_has_at_most_5000_points(world: World) -> None:
    response = api(world.coordinator).post(
        "/api/v1/incidents/",
        {
            "region": "VR12",
            "title": "Brand",
            "kind": "fire",
            "started_at": timezone.now().isoformat(),
            "municipality": "GM0453",
            "area": [[52.0 + i / 10**6, 4.6] for i in range(5001)],
        },
        format="json",
    )
    assert response.status_code == 400 and "area" in response.json()


def test_pages_answer_400_naming_the_parameter(world: World) -> None:
    incident = start_incident(world)
    client = page_client(world.coordinator)
    matrix = client.get("/vakbekwaamheid/?pool=³")
    assert matrix.status_code == 400
    assert "pool" in matrix.content.decode()
    live = client.get(f"/incidenten/{incident.pk}/logboek/nieuwer/?na=³", HTTP_HX_REQUEST="true")
    assert live.status_code == 400 and "na" in live.content.decode()
    assert client.get(f"/incidenten/{incident.pk}/logboek/nieuwer/?na=3").status_code == 200


def test_the_roster_refuses_dates_outside_the_window_and_unicode_digits(world: World) -> None:
    client = page_client(world.coordinator)
    far = client.get("/rooster/?datum=9999-12-31&weergave=maand")
    assert far.status_code == 400 and "datum" in far.content.decode()
    assert client.get("/rooster/?pool=³").status_code == 400
    assert client.get("/rooster/dienst/personen/?pool=³").status_code == 400
    assert client.get("/rooster/?datum=2026-03-01&weergave=maand").status_code == 200


def test_a_log_line_typed_on_the_page_has_the_same_limit_and_loses_bidi_controls(
    world: World,
) -> None:
    incident = start_incident(world)
    client = page_client(world.coordinator)
    url = f"/incidenten/{incident.pk}/logboek/nieuw/"
    too_long = client.post(url, {"text": "x" * 4001}, HTTP_HX_REQUEST="true")
    assert "niet meer dan 4000 tekens" in too_long.content.decode()
    assert not incident.log.filter(text__startswith="xxxx").exists()
    client.post(url, {"text": "zie bijlage \u202egpj.exe"}, HTTP_HX_REQUEST="true")
    assert incident.log.filter(text="zie bijlage gpj.exe").exists()


def test_the_incident_form_refuses_an_area_of_more_than_5000_points(world: World) -> None:
    client = page_client(world.coordinator)
    area = "\n".join(f"52.{i:06d}, 4.6" for i in range(5001))
    response = client.post(
        "/incidenten/nieuw/",
        {
            "title": "Brand",
            "kind": "fire",
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "municipality": world.velsen.pk,
            "area": area,
        },
    )
    assert response.status_code == 200
    assert "hoogstens 5000 punten" in response.content.decode()


def test_a_form_date_outside_2000_to_2100_names_the_window(world: World) -> None:
    client = page_client(world.coordinator)
    response = client.post(
        "/incidenten/nieuw/",
        {
            "title": "Brand",
            "kind": "fire",
            "started_at": "2999-01-01T10:00",
            "municipality": world.velsen.pk,
        },
    )
    assert response.status_code == 200
    assert "tussen 2000 en 2100" in response.content.decode()


def test_a_nul_character_in_an_address_is_refused(world: World) -> None:
    api_answer = api(world.coordinator).get("/api/v1/persons/?region=VR%0012")
    assert api_answer.status_code == 400 and "region" in api_answer.json()
    page = page_client(world.coordinator).get("/rooster/?functie=%00")
    assert page.status_code == 400
    assert api(world.coordinator).get("/api/v1/regions/VR%0012/").status_code == 400
