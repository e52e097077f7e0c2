"""The shelters' pages and API: the occupancy board (counts, live, for everyone who sees the
incident), opening a shelter nearest first, ready, capacity and closing with Dutch messages,
the people involved; and the 3-hour norm in the incident's header, in Tijden and in the
times API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.care import hooks
from oranje.care.models import IncidentCare, Shelter
from oranje.care.services.shelters import shelter_open, shelter_ready
from oranje.care.tests.factories import CareWorld, build_care, check_in, location
from oranje.incidents.models import Incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(world: World) -> CareWorld:
    return build_care(world)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _home(incident: Incident) -> str:
    return f"/incidenten/{incident.pk}/opvang/"


def _open(cw: CareWorld, name: str = "Sporthal Zuid", **kwargs: object) -> Shelter:
    """Opened half an hour after the incident's start (or now, if that is later)."""
    return shelter_open(
        incident=cw.incident,
        actor=cw.coordinator,
        location=location(cw.world.haarlem, name, **kwargs),  # type: ignore[arg-type]
        decided_by="Burgemeester",
        decided_at=min(cw.incident.started_at + dt.timedelta(minutes=30), timezone.now()),
    )


def _started(incident: Incident, ago: dt.timedelta) -> None:
    Incident.objects.filter(pk=incident.pk).update(started_at=timezone.now() - ago)
    incident.refresh_from_db()


def test_the_board_shows_counts_to_a_viewer_but_no_names_and_no_forms(cw: CareWorld) -> None:
    hall = _open(cw, day=10, night=4)
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    page = _client(cw.world.viewer).get(_home(cw.incident))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sporthal Zuid" in html and "Bezettingsbord" in html
    assert "Jansen" not in html
    assert "Opvang openen" not in html and "involved-form" not in html
    row = html[html.index(f'data-shelter="{hall.pk}"') :]
    assert "<td>2</td><td>0</td><td>10</td><td>8</td><td>4</td><td>2</td>" in row


def test_the_board_refreshes_itself_through_htmx(cw: CareWorld) -> None:
    _open(cw)
    html = _client(cw.world.viewer).get(_home(cw.incident)).content.decode()
    assert f'hx-get="/incidenten/{cw.incident.pk}/opvang/bord/"' in html
    assert 'hx-trigger="every 5s"' in html
    part = _client(cw.world.viewer).get(f"/incidenten/{cw.incident.pk}/opvang/bord/")
    assert part.status_code == 200
    assert part.content.decode().startswith('<div id="care-board"')
    assert "<html" not in part.content.decode()


def test_desk_links_only_for_those_who_work_the_desk(cw: CareWorld) -> None:
    hall = _open(cw)
    desk = f"/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/"
    board = _client(cw.desk).get(f"/incidenten/{cw.incident.pk}/opvang/bord/").content.decode()
    assert f'<a href="{desk}">Balie</a>' in board
    viewer = _client(cw.world.viewer).get(f"/incidenten/{cw.incident.pk}/opvang/bord/")
    assert desk not in viewer.content.decode()
    page = _client(cw.desk).get(f"{_home(cw.incident)}{hall.pk}/").content.decode()
    assert desk in page


def test_the_board_draws_a_map_only_with_tiles(cw: CareWorld, settings: object) -> None:
    _open(cw)
    assert "shelter-map" not in _client(cw.coordinator).get(_home(cw.incident)).content.decode()
    settings.MAP_TILE_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"  # type: ignore[attr-defined]
    html = _client(cw.coordinator).get(_home(cw.incident)).content.decode()
    assert 'id="shelter-map"' in html and 'id="shelter-points"' in html
    assert "care/shelter-map.js" in html


def test_a_coordinator_opens_a_shelter_from_the_nearest_locations(cw: CareWorld) -> None:
    Incident.objects.filter(pk=cw.incident.pk).update(latitude=52.46, longitude=4.63)
    far = location(cw.world.haarlem, "Ver weg", lat=52.30, lon=4.60)
    near = location(cw.world.velsen, "Dichtbij", lat=52.461, lon=4.631)
    client = _client(cw.coordinator)
    form = client.get(f"{_home(cw.incident)}openen/").content.decode()
    assert form.index("Dichtbij") < form.index("Ver weg")
    answer = client.post(
        f"{_home(cw.incident)}openen/",
        {
            "location": near.pk,
            "decided_by": "Burgemeester",
            "decided_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "expected": "30",
            "capacity_day": "",
            "capacity_night": "",
        },
    )
    shelter = Shelter.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/opvang/{shelter.pk}/")
    assert (shelter.location, shelter.expected, shelter.capacity_day) == (near, 30, 100)
    again = client.get(f"{_home(cw.incident)}openen/").content.decode()
    choices = again[again.index('id="id_location"') : again.index("</select>")]
    assert "Dichtbij" not in choices and far.name in choices


def test_the_open_page_is_refused_to_a_viewer(cw: CareWorld) -> None:
    assert _client(cw.world.viewer).get(f"{_home(cw.incident)}openen/").status_code == 403
    assert _client(cw.outsider).get(f"{_home(cw.incident)}openen/").status_code == 404


def test_capacity_below_the_people_in_says_so_in_dutch(cw: CareWorld) -> None:
    hall = _open(cw, day=10)
    check_in(cw, hall, "Anna Jansen", "Bram Jansen", "Cor Jansen")
    client = _client(cw.coordinator)
    answer = client.post(
        f"{_home(cw.incident)}{hall.pk}/capaciteit/",
        {"capacity_day": "2", "capacity_night": "60", "expected": "0"},
        follow=True,
    )
    assert "capaciteit overdag: lager dan het aantal ingecheckte mensen (3)." in (
        answer.content.decode()
    )
    hall.refresh_from_db()
    assert hall.capacity_day == 10


def test_ready_and_close_from_the_shelter_page(cw: CareWorld) -> None:
    hall = _open(cw)
    home = check_in(cw, hall, "Anna Jansen")
    client = _client(cw.coordinator)
    page = client.get(f"{_home(cw.incident)}{hall.pk}/").content.decode()
    assert 'id="ready-form"' in page and 'id="close-form"' in page
    client.post(f"{_home(cw.incident)}{hall.pk}/gereed/", {"ready_at": ""})
    hall.refresh_from_db()
    assert hall.ready_at is not None
    refused = client.post(f"{_home(cw.incident)}{hall.pk}/sluiten/", follow=True)
    assert "eerst uitchecken" in refused.content.decode()
    from oranje.care.services.checkin import household_check_out

    household_check_out(household=home, actor=cw.desk, reason="home")  # type: ignore[arg-type]
    closed = client.post(f"{_home(cw.incident)}{hall.pk}/sluiten/")
    assert closed.status_code == 302
    hall.refresh_from_db()
    assert hall.closed_at is not None


def test_a_shelter_of_another_incident_is_not_found_under_this_one(cw: CareWorld) -> None:
    from oranje.incidents.tests.factories import start_incident

    hall = _open(cw)
    other = start_incident(cw.world, title="Andere brand")
    client = _client(cw.coordinator)
    assert client.get(f"/incidenten/{other.pk}/opvang/{hall.pk}/").status_code == 404
    assert client.post(f"/incidenten/{other.pk}/opvang/{hall.pk}/sluiten/").status_code == 404


def test_people_involved_set_on_the_board_show_the_norm(cw: CareWorld) -> None:
    client = _client(cw.coordinator)
    client.post(f"{_home(cw.incident)}betrokkenen/", {"people_involved": "1234"})
    assert IncidentCare.objects.get(incident=cw.incident).people_involved == 1234
    html = client.get(_home(cw.incident)).content.decode()
    norm = html[html.index('id="care-norm"') :]
    assert "<dd>1234</dd>" in norm and "124" in norm and "124 te weinig" in norm


# ---------------------------------------------------------------- the 3-hour norm (hooks)


def _header(cw: CareWorld) -> str:
    html = _client(cw.world.viewer).get(f"/incidenten/{cw.incident.pk}/").content.decode()
    start = html.find('class="norm-badges"')
    return html[start : html.find("</p>", start)] if start >= 0 else ""


def test_no_norm_in_the_header_while_the_incident_needs_no_shelter(cw: CareWorld) -> None:
    # (the communication room's 30-minute norm is there from the start)
    assert "opvang" not in _header(cw).lower()


def test_the_header_counts_down_while_no_shelter_is_ready(cw: CareWorld) -> None:
    _started(cw.incident, dt.timedelta(hours=1, minutes=40))
    _open(cw)
    assert "opvang: nog 1 u 20 min tot de norm" in _header(cw)


def test_the_header_says_when_the_norm_ran_out(cw: CareWorld) -> None:
    _started(cw.incident, dt.timedelta(hours=3, minutes=30))
    _open(cw)
    header = _header(cw)
    assert "opvang: norm van 3 u overschreden met 30 min" in header and "tag bad" in header


def test_the_header_shows_how_long_it_took_to_the_first_ready_shelter(cw: CareWorld) -> None:
    _started(cw.incident, dt.timedelta(hours=3))
    hall = _open(cw)
    shelter_ready(
        shelter=hall,
        actor=cw.coordinator,
        at=cw.incident.started_at + dt.timedelta(hours=2, minutes=10),
    )
    header = _header(cw)
    assert "Opvang gereed na 2 u 10 min (norm 3 u)" in header and "tag ok" in header


def test_tijden_and_the_times_api_measure_the_first_ready_shelter(cw: CareWorld) -> None:
    _started(cw.incident, dt.timedelta(hours=5))
    hall = _open(cw)
    shelter_ready(
        shelter=hall,
        actor=cw.coordinator,
        at=cw.incident.started_at + dt.timedelta(hours=3, minutes=15),
    )
    client = _client(cw.world.viewer)
    html = client.get(f"/incidenten/{cw.incident.pk}/tijden/").content.decode()
    table = html[html.index('id="milestones"') :]
    assert "Opvang gereed" in table and "3 u 15 min" in table and "niet gehaald" in table
    times = client.get(f"/api/v1/incidents/{cw.incident.pk}/times/").json()
    shelter = [m for m in times["milestones"] if m["key"] == hooks.SHELTER_READY]
    assert shelter == [
        {
            "key": hooks.SHELTER_READY,
            "name": "Opvang gereed",
            "start": shelter[0]["start"],
            "norm_minutes": 180,
            "deadline": shelter[0]["deadline"],
            "at": shelter[0]["at"],
            "minutes": 195,
            "met": False,
        }
    ]


def test_the_situation_report_figures_hold_the_norm_beside_what_is_open(cw: CareWorld) -> None:
    IncidentCare.objects.create(incident=cw.incident, people_involved=300)
    hall = _open(cw, day=20, night=10)
    check_in(cw, hall, "Anna Jansen")
    figures = {f.label: f.value for f in hooks.shelter_figures(cw.incident)}
    assert figures["Opvanglocaties open"] == "1"
    assert figures["Opvangcapaciteit volgens de norm"] == (
        "30 voor 300 betrokkenen; 20 plaatsen open"
    )


# ---------------------------------------------------------------- API


def _api(cw: CareWorld, user: object | None = None) -> Client:
    return _client(user or cw.coordinator)


def test_the_api_opens_a_shelter_and_lists_the_board(cw: CareWorld) -> None:
    place = location(cw.world.haarlem, day=50, night=20)
    client = _api(cw)
    url = f"/api/v1/incidents/{cw.incident.pk}/shelters/"
    body = {"location": place.pk, "decided_by": "Burgemeester", "decided_at": timezone.now()}
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["capacity_day"] == 50 and made.json()["ready_at"] is None
    twice = client.post(url, body, content_type="application/json")
    assert twice.status_code == 400
    assert twice.json()["location"] == ["locatie: Sporthal Zuid is al open voor dit incident."]
    board = _api(cw, cw.world.viewer).get(url).json()
    assert [s["name"] for s in board["shelters"]] == ["Sporthal Zuid"]
    assert board["totals"]["free_day"] == 50 and board["norm"]["capacity_needed"] is None


def test_the_api_readies_changes_and_closes(cw: CareWorld) -> None:
    hall = _open(cw, day=10)
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    client = _api(cw)
    base = f"/api/v1/shelters/{hall.pk}/"
    assert client.post(f"{base}ready/", {}, content_type="application/json").json()["ready_at"]
    low = client.patch(base, {"capacity_day": 1}, content_type="application/json")
    assert low.status_code == 400
    assert low.json()["capacity_day"] == [
        "capaciteit overdag: lager dan het aantal ingecheckte mensen (2)."
    ]
    changed = client.post(f"{base}change/", {"capacity_night": 5}, content_type="application/json")
    assert changed.json()["capacity_night"] == 5 and changed.json()["free_night"] == 3
    occupied = client.post(f"{base}close/")
    assert occupied.status_code == 400 and "eerst uitchecken" in str(occupied.json())


def test_the_api_records_the_people_involved(cw: CareWorld) -> None:
    url = f"/api/v1/incidents/{cw.incident.pk}/people-involved/"
    norm = _api(cw).post(url, {"people_involved": 5000}, content_type="application/json").json()
    assert (norm["people_involved"], norm["capacity_needed"]) == (5000, 200)
    bad = _api(cw).post(url, {"people_involved": -3}, content_type="application/json")
    assert bad.status_code == 400


def test_the_api_keeps_the_doors_of_the_pages(cw: CareWorld) -> None:
    hall = _open(cw)
    viewer = _api(cw, cw.world.viewer)
    assert viewer.get(f"/api/v1/shelters/{hall.pk}/").status_code == 200
    assert viewer.post(f"/api/v1/shelters/{hall.pk}/ready/").status_code == 403
    outsider = _api(cw, cw.outsider)
    assert outsider.get(f"/api/v1/shelters/{hall.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/incidents/{cw.incident.pk}/shelters/").status_code == 404
