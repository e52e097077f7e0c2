"""The pages and API of the register of shelter locations and the care norms: the list by
municipality with its flags, the form with contacts, the import page, the map with and
without tiles, the printable list, and the API's list, create and update."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation

from oranje.care.models import CareNorms, Location
from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parent / "data" / "locaties_voorbeeld.csv"


@pytest.fixture(autouse=True)
def _dutch() -> None:
    translation.activate("nl")


def _client(user: object) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(**changes: str) -> dict[str, str]:
    data = {
        "municipality": "",
        "code": "HLM-09",
        "name": "Sporthal West",
        "kind": "sports_hall",
        "house": "3b",
        "postcode": "2011ab",
        "city": "Haarlem",
        "latitude": "52.38",
        "longitude": "4.62",
        "capacity_day": "200",
        "capacity_night": "120",
        "showers": "on",
        "available": "on",
        "contact-TOTAL_FORMS": "2",
        "contact-INITIAL_FORMS": "0",
        "contact-MIN_NUM_FORMS": "0",
        "contact-MAX_NUM_FORMS": "10",
        "contact-0-name": "Piet Beheer",
        "contact-0-phone": "06 12345678",
        "contact-1-name": "",
    }
    data.update(changes)
    return data


def test_the_list_shows_flags_and_filters_by_municipality(world: World) -> None:
    today = timezone.localdate()
    hall = location(world.haarlem, "Sporthal Zuid")
    hall.agreement_until = today + dt.timedelta(days=30)
    hall.save()
    closed = location(world.haarlem, "Buurthuis")
    closed.available = False
    closed.unavailable_until = today + dt.timedelta(days=10)
    closed.agreement_until = today - dt.timedelta(days=1)
    closed.save()
    location(world.velsen, "Hotel Zeezicht")
    client = _client(world.viewer)
    page = client.get("/opvang/locaties/").content.decode()
    assert "Hotel Zeezicht" in page and "Sporthal Zuid" in page
    assert "overeenkomst loopt binnen 90 dagen af" in page
    assert "overeenkomst verlopen" in page
    assert "niet beschikbaar tot" in page
    assert 'href="/opvang/locaties/nieuw/' not in page  # a viewer adds nothing
    only = client.get("/opvang/locaties/?gemeente=GM0392").content.decode()
    assert "Sporthal Zuid" in only and "Hotel Zeezicht" not in only
    assert client.get("/opvang/locaties/?gemeente=GM9999").status_code == 400


def test_a_location_is_added_with_a_contact_through_the_form(world: World) -> None:
    client = _client(world.haarlem_coordinator)
    form = client.get("/opvang/locaties/nieuw/").content.decode()
    assert "Velsen" not in form  # only the municipality the coordinator manages
    response = client.post("/opvang/locaties/nieuw/", _form(municipality=str(world.haarlem.pk)))
    saved = Location.objects.get(code="HLM-09")
    assert response.status_code == 302 and response["Location"] == f"/opvang/locaties/{saved.pk}/"
    assert (saved.house_number, saved.house_addition, saved.postcode) == (3, "B", "2011AB")
    assert [(c.name, c.phone) for c in saved.contacts.all()] == [("Piet Beheer", "+31612345678")]
    detail = client.get(f"/opvang/locaties/{saved.pk}/").content.decode()
    assert "Piet Beheer" in detail and "06 12345678" in detail


def test_the_form_names_the_bad_contact_field(world: World) -> None:
    client = _client(world.coordinator)
    response = client.post(
        "/opvang/locaties/nieuw/",
        _form(**{"municipality": str(world.haarlem.pk), "contact-0-phone": "12"}),
    )
    assert response.status_code == 400
    assert "telefoon van contactpersoon 1: &#x27;12&#x27; is geen telefoonnummer." in (
        response.content.decode()
    )
    assert not Location.objects.exists()


def test_a_location_is_changed_and_its_contacts_keep_their_order(world: World) -> None:
    client = _client(world.coordinator)
    client.post("/opvang/locaties/nieuw/", _form(municipality=str(world.haarlem.pk)))
    saved = Location.objects.get()
    edit = client.get(f"/opvang/locaties/{saved.pk}/wijzigen/").content.decode()
    assert 'value="Piet Beheer"' in edit and 'value="3B"' in edit
    changed = _form(
        **{
            "municipality": str(world.haarlem.pk),
            "capacity_day": "250",
            "contact-TOTAL_FORMS": "3",
            "contact-0-name": "Kees Sleutel",
            "contact-0-phone": "023 5123456",
            "contact-1-name": "Piet Beheer",
            "contact-1-phone": "06 12345678",
        }
    )
    response = client.post(f"/opvang/locaties/{saved.pk}/wijzigen/", changed)
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.capacity_day == 250
    assert [c.name for c in saved.contacts.all()] == ["Kees Sleutel", "Piet Beheer"]


def test_removing_a_location_that_was_a_shelter_says_why_not(world: World) -> None:
    cw = build_care(world)
    hall = location(world.haarlem)
    open_shelter(cw.incident, hall)
    client = _client(world.coordinator)
    response = client.post(f"/opvang/locaties/{hall.pk}/verwijderen/", follow=True)
    assert "kan niet worden verwijderd" in response.content.decode()
    assert Location.objects.filter(pk=hall.pk).exists()
    spare = location(world.haarlem, "Gymzaal")
    response = client.post(f"/opvang/locaties/{spare.pk}/verwijderen/")
    assert response.status_code == 302
    assert not Location.objects.filter(pk=spare.pk).exists()


def test_the_import_page_reports_bad_rows_and_imports_a_good_file(world: World) -> None:
    client = _client(world.coordinator)
    bad = b"gemeente;code;naam;capaciteit_dag\nGM0392;A1;Sporthal;veel\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/opvang/locaties/import/", {"file": SimpleUploadedFile("l.csv", bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Niets geïmporteerd: 1 probleem." in page and "capaciteit_dag" in page
    assert not Location.objects.exists()
    with EXAMPLE.open("rb") as upload:
        response = client.post("/opvang/locaties/import/", {"file": upload}, follow=True)
    assert "Locaties geïmporteerd: 3 nieuw, 0 gewijzigd, 0 ongewijzigd." in (
        response.content.decode()
    )
    template = client.get("/opvang/locaties/import/sjabloon.csv")
    assert template["Content-Type"].startswith("text/csv")
    assert template.content.decode("utf-8-sig").startswith("gemeente;code;naam;")


def test_the_map_has_markers_only_with_tiles_and_always_the_table(
    world: World, settings: object
) -> None:
    location(world.haarlem, "Sporthal Zuid", lat=52.37, lon=4.64)
    location(world.haarlem, "Zonder punt", lat=None, lon=None)
    client = _client(world.viewer)
    plain = client.get("/opvang/locaties/kaart/").content.decode()
    assert 'data-lat="52.370000"' in plain and "locations-map.js" not in plain
    assert "Zonder coördinaten:" in plain and "Zonder punt" in plain
    settings.MAP_TILE_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"  # type: ignore[attr-defined]
    mapped = client.get("/opvang/locaties/kaart/").content.decode()
    assert 'id="locations-map"' in mapped and "leaflet/leaflet.js" in mapped
    assert 'data-lat="52.370000"' in mapped


def test_the_printable_list_groups_by_municipality_with_contacts(world: World) -> None:
    client = _client(world.coordinator)
    with EXAMPLE.open("rb") as upload:
        client.post("/opvang/locaties/import/", {"file": upload})
    page = client.get("/opvang/locaties/afdrukken/").content.decode()
    assert "Opvanglocaties — Haarlem" in page and "Opvanglocaties — Velsen" in page
    assert "1. Piet Beheer (beheerder) — 06 12345678" in page
    only = client.get("/opvang/locaties/afdrukken/?gemeente=GM0453").content.decode()
    assert "Hotel Zeezicht" in only and "Sporthal Zuid" not in only


def test_the_norms_are_shown_to_all_and_changed_by_the_regions_managers(world: World) -> None:
    page = _client(world.viewer).get("/opvang/normen/").content.decode()
    assert "10%, ten hoogste 200" in page and "<form" not in page.split("<main")[1]
    assert _client(world.viewer).post("/opvang/normen/", {}).status_code == 403
    client = _client(world.coordinator)
    bad = client.post(
        "/opvang/normen/",
        {
            "shelter_hours": "3",
            "capacity_percent": "150",
            "capacity_max": "200",
            "housing_hours": "48",
        },
    )
    assert "percentage: moet tussen 1 en 100 liggen." in bad.content.decode()
    client.post(
        "/opvang/normen/",
        {
            "shelter_hours": "2",
            "capacity_percent": "12",
            "capacity_max": "250",
            "housing_hours": "36",
        },
    )
    norms = CareNorms.objects.get(region=world.region)
    assert (norms.shelter_hours, norms.capacity_percent, norms.capacity_max) == (2, 12, 250)


def test_the_main_menu_links_the_register(world: World) -> None:
    page = _client(world.viewer).get("/opvang/locaties/").content.decode()
    assert '<a href="/opvang/locaties/" aria-current="page">Opvanglocaties</a>' in page


# ---------------------------------------------------------------- API


def _body(municipality: str = "GM0392", **changes: object) -> str:
    body: dict[str, object] = {
        "municipality": municipality,
        "code": "API-1",
        "name": "Sporthal API",
        "kind": "sports_hall",
        "postcode": "2011 AB",
        "latitude": "52.380000",
        "longitude": "4.630000",
        "capacity_day": 100,
        "capacity_night": 50,
        "kitchen": True,
        "contacts": [{"name": "Piet Beheer", "phone": "0612345678"}],
    }
    body.update(changes)
    return json.dumps(body)


def test_the_api_creates_lists_and_updates_a_location(world: World) -> None:
    client = _client(world.haarlem_coordinator)
    url = f"/api/v1/regions/{world.region.code}/shelter-locations/"
    created = client.post(url, _body(), content_type="application/json")
    assert created.status_code == 201, created.content
    out = created.json()
    assert out["municipality"] == "GM0392" and out["postcode"] == "2011AB"
    assert out["contacts"] == [
        {"name": "Piet Beheer", "role": "", "phone": "+31612345678", "email": ""}
    ]
    listed = _client(world.viewer).get(url + "?municipality=GM0392").json()
    assert listed["count"] == 1 and listed["results"][0]["code"] == "API-1"
    one = f"/api/v1/shelter-locations/{out['id']}/"
    changed = client.put(one, _body(capacity_day=150, contacts=[]), content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["capacity_day"] == 150 and changed.json()["contacts"] == []
    refused = client.post(url, _body("GM0453", code="API-2"), content_type="application/json")
    assert refused.status_code == 403
    assert (
        _client(world.viewer).put(one, _body(), content_type="application/json").status_code == 403
    )
    assert _client(world.outsider).get(one).status_code == 404


def test_the_api_names_bad_fields_in_dutch(world: World) -> None:
    client = _client(world.coordinator)
    url = f"/api/v1/regions/{world.region.code}/shelter-locations/"
    response = client.post(
        url,
        _body(postcode="99", contacts=[{"name": "Piet", "phone": "12"}]),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["postcode"][0].startswith("postcode: '99' is geen Nederlandse postcode")
    assert errors["contact1_phone"] == [
        "telefoon van contactpersoon 1: '12' is geen telefoonnummer."
    ]


def test_the_api_reads_and_sets_the_care_norms(world: World) -> None:
    url = f"/api/v1/regions/{world.region.code}/care-norms/"
    assert _client(world.viewer).get(url).json() == {
        "shelter_hours": 3,
        "capacity_percent": 10,
        "capacity_max": 200,
        "housing_hours": 48,
    }
    body = json.dumps(
        {"shelter_hours": 2, "capacity_percent": 0, "capacity_max": 200, "housing_hours": 48}
    )
    bad = _client(world.coordinator).put(url, body, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["capacity_percent"] == ["percentage: moet tussen 1 en 100 liggen."]
