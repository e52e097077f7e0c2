"""The pages and API of needs, meals, housing and the surroundings, as a user meets them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.care.constants import NeedStatus
from oranje.care.models import Guest, Household, Housing, MealCount, Need, Outage
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.models import User
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_desk_officer_records_a_need_and_marks_it_done(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    desk = _client(cw.desk)
    url = reverse("care:needs", args=[cw.incident.pk])
    page = desk.get(url)
    assert "Geen namen van personen" in page.content.decode()
    response = desk.post(url, {"kind": "blankets", "shelter": hall.pk, "quantity": "40"})
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.kind, need.quantity, need.shelter_id) == ("blankets", 40, hall.pk)
    desk.post(reverse("care:need_status", args=[cw.incident.pk, need.pk]), {"status": "done"})
    need.refresh_from_db()
    assert need.status == NeedStatus.DONE
    # done needs leave the default list, and come back with the filter "all"
    assert f'id="need-{need.pk}"' not in desk.get(url).content.decode()
    assert f'id="need-{need.pk}"' in desk.get(url + "?status=all").content.decode()


def test_a_viewer_reads_the_needs_but_gets_no_form_and_may_not_post(world: World) -> None:
    cw = build_care(world)
    Need.objects.create(incident=cw.incident, kind="beds", quantity=10)
    viewer = _client(world.viewer)
    page = viewer.get(reverse("care:needs", args=[cw.incident.pk]))
    assert page.status_code == 200
    assert "Behoefte vastleggen" not in page.content.decode()
    assert (
        viewer.post(reverse("care:needs", args=[cw.incident.pk]), {"kind": "beds"}).status_code
        == 403
    )


def test_a_need_waiting_longer_than_the_shelter_norm_is_marked(world: World) -> None:
    cw = build_care(world)
    Need.objects.create(
        incident=cw.incident, kind="beds", requested_at=timezone.now() - dt.timedelta(hours=4)
    )
    page = _client(cw.desk).get(reverse("care:needs", args=[cw.incident.pk]))
    assert "wacht lang" in page.content.decode()


def test_the_meal_form_takes_the_suggestion_of_a_shelter(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    Guest.objects.filter(given_names="Anna").update(diet="vegetarisch")
    desk = _client(cw.desk)
    url = reverse("care:meals", args=[cw.incident.pk])
    page = desk.get(url, {"opvang": hall.pk}).content.decode()
    assert "vegetarisch: 1" in page
    assert 'name="count" value="2"' in page and 'name="special" value="1"' in page
    day = timezone.localdate().isoformat()
    desk.post(url, {"shelter": hall.pk, "day": day, "moment": "dinner", "count": 2, "special": 1})
    assert MealCount.objects.get().count == 2
    refused = desk.post(
        url, {"shelter": hall.pk, "day": day, "moment": "lunch", "count": 2, "special": 3}
    )
    assert refused.status_code == 400
    assert "speciale diëten: meer dan het aantal maaltijden (2)." in refused.content.decode()


def test_housing_shows_households_to_the_desk_and_only_counts_to_others(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    home = check_in(cw, hall, "Anna Jansen")
    assert isinstance(home, Household)
    desk = _client(cw.desk)
    url = reverse("care:housing", args=[cw.incident.pk])
    assert desk.post(url, {"code": home.code}).status_code == 302
    housing = Housing.objects.get()
    assert home.code in desk.get(url).content.decode()
    viewer_page = _client(world.viewer).get(url).content.decode()
    assert home.code not in viewer_page and "Wachten op huisvesting" in viewer_page
    place = reverse("care:housing_place", args=[cw.incident.pk, housing.pk])
    assert _client(world.coordinator).post(place, {"address": "Hotel Zee"}).status_code == 404
    desk.post(place, {"address": "Hotel Zee, Zandvoort"})
    housing.refresh_from_db()
    assert housing.status == "placed" and housing.address == "Hotel Zee, Zandvoort"
    unknown = desk.post(url, {"code": "ZZZZZZZZ"})
    assert "code: er is geen huishouden met deze code." in unknown.content.decode()


def test_an_outage_restored_before_its_start_is_refused_on_the_page(world: World) -> None:
    cw = build_care(world)
    functionary = _client(world.functionary)
    url = reverse("care:surrounding_create", args=[cw.incident.pk, "storingen"])
    refused = functionary.post(
        url,
        {
            "utility": "gas",
            "households": "1300",
            "started_at": "2026-12-03T14:00",
            "restored_at": "2026-12-03T09:00",
        },
    )
    assert refused.status_code == 400
    assert "hersteld: vóór het begin van de storing (3-12-2026 14:00)." in refused.content.decode()
    assert not Outage.objects.exists()


def test_the_api_records_an_outage_and_refuses_a_restore_before_start(world: World) -> None:
    cw = build_care(world)
    api = _client(world.functionary)
    made = api.post(
        f"/api/v1/incidents/{cw.incident.pk}/care/outages/",
        {"utility": "gas", "households": 1300, "started_at": "2026-12-03T14:00:00+01:00"},
        content_type="application/json",
    )
    assert made.status_code == 201
    outage = made.json()["id"]
    refused = api.patch(
        f"/api/v1/care/outages/{outage}/",
        {"restored_at": "2026-12-02T10:00:00+01:00"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "restored_at" in refused.json()
    listed = _client(world.viewer).get(f"/api/v1/incidents/{cw.incident.pk}/care/outages/")
    assert [o["households"] for o in listed.json()["results"]] == [1300]


def test_the_api_moves_a_need_forward_and_not_back(world: World) -> None:
    cw = build_care(world)
    api = _client(cw.desk)
    made = api.post(
        f"/api/v1/incidents/{cw.incident.pk}/care/needs/",
        {"kind": "interpreter", "description": "Tolk Arabisch"},
        content_type="application/json",
    ).json()
    url = f"/api/v1/care/needs/{made['id']}/"
    assert api.patch(url, {"status": "done"}, content_type="application/json").status_code == 200
    back = api.patch(url, {"status": "open"}, content_type="application/json")
    assert back.status_code == 400 and "status" in back.json()
