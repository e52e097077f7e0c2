"""The public page of a region (`/publiek/<region>/`) and the staff's preview of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from oranje.care.models import LocationContact
from oranje.care.tests.factories import location, open_shelter
from oranje.communication import public
from oranje.communication.constants import PUBLIC_PAGE_SECONDS
from oranje.communication.models import Message, QAItem
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

URL = "/publiek/VR12/"


def publish(incident: Incident, title: str, *, minutes_ago: int = 5, **fields: Any) -> Message:
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    values: dict[str, Any] = {
        "kind": "public",
        "text": f"{title}: de tekst.",
        "status": "published",
        "approved_at": at,
        "published_at": at,
        **fields,
    }
    return Message.objects.create(incident=incident, title=title, **values)


def question(incident: Incident, text: str, **fields: Any) -> QAItem:
    values: dict[str, Any] = {
        "answer": f"Antwoord op {text}",
        "status": "approved",
        "approved_at": timezone.now(),
        "public": True,
        **fields,
    }
    return QAItem.objects.create(incident=incident, question=text, **values)


def page(client: Client | None = None, url: str = URL) -> str:
    cache.clear()
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_sees_the_published_public_messages_of_the_regions_real_incidents(
    world: World,
) -> None:
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    publish(
        incident,
        "Ramen en deuren dicht",
        kind="warning",
        instruction="Houd ramen en deuren gesloten en zet de ventilatie uit.",
    )
    publish(incident, "Concept", status="draft", published_at=None, approved_at=None)
    publish(incident, "Voor het personeel", kind="staff")
    publish(incident, "Alleen op social media", on_public_page=False)
    html = page()
    assert "Gemeenten en veiligheidsregio Kennemerland" in html
    assert "Gaslek Velsen-Noord" in html
    assert "Ramen en deuren dicht" in html
    assert "Wat moet u doen?" in html
    assert '<div class="public-do"' in html
    assert "Houd ramen en deuren gesloten" in html
    for hidden in ("Concept", "Voor het personeel", "Alleen op social media"):
        assert hidden not in html
    # The public page is no staff page: no menu, no login.
    assert "Uitloggen" not in html and "Inloggen" not in html and "Piket" not in html
    # Another region's page does not show it.
    assert "Gaslek Velsen-Noord" not in page(url="/publiek/vr09/")


def test_an_exercise_never_appears_on_the_public_page(world: World) -> None:
    exercise = start_incident(world, exercise=True, title="Oefening gifwolk")
    publish(exercise, "Sluit ramen (oefening)", kind="warning", instruction="Ramen dicht.")
    html = page()
    assert "Oefening gifwolk" not in html and "Sluit ramen" not in html
    assert "Er is op dit moment geen incident" in html
    assert not public.on_public_page(exercise)


def test_the_preview_shows_an_exercise_with_oefening_and_only_what_would_be_public(
    world: World,
) -> None:
    exercise = start_incident(world, exercise=True, title="Oefening gifwolk")
    publish(exercise, "Sluit ramen (oefening)", kind="warning", instruction="Ramen dicht.")
    publish(exercise, "Nog een concept", status="draft", published_at=None, approved_at=None)
    client = Client()
    client.force_login(world.viewer)
    html = page(client, f"/incidenten/{exercise.pk}/communicatie/publiek/")
    assert "OEFENING" in html
    assert "nooit op de publiekspagina" in html
    assert "Sluit ramen (oefening)" in html
    assert "Nog een concept" not in html


def test_the_preview_says_why_a_real_incident_is_not_on_the_page_yet(world: World) -> None:
    incident = start_incident(world)
    client = Client()
    client.force_login(world.coordinator)
    html = page(client, f"/incidenten/{incident.pk}/communicatie/publiek/")
    assert "nog niet op de publiekspagina" in html
    assert "OEFENING" not in html


def test_open_incidents_come_first_and_recently_closed_ones_are_marked_closed(
    world: World,
) -> None:
    closed = start_incident(world, title="Brand loods")
    publish(closed, "Brand is uit", minutes_ago=1)
    Incident.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - dt.timedelta(days=2))
    old = start_incident(world, title="Oude storing")
    publish(old, "Storing voorbij")
    Incident.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=8))
    running = start_incident(world, title="Stroomstoring")
    publish(running, "Geen stroom in Noord", minutes_ago=30)
    html = page()
    assert html.index("Stroomstoring") < html.index("Brand loods")
    assert "afgesloten" in html[html.index("Brand loods") :]
    assert "Oude storing" not in html


def test_the_newest_message_is_current_and_a_correction_is_labelled(world: World) -> None:
    incident = start_incident(world)
    first = publish(incident, "Eerste bericht", minutes_ago=40)
    publish(incident, "Stand van zaken", minutes_ago=20, relation="update", parent=first)
    publish(incident, "Juiste straatnaam", minutes_ago=10, relation="correction", parent=first)
    html = page()
    current = html.index('class="public-current"')
    assert current < html.index("Juiste straatnaam") < html.index("Stand van zaken")
    assert html.index("Stand van zaken") < html.index("Eerste bericht")
    assert "Correctie</span>" in html
    local = timezone.localtime(first.published_at).strftime("%H:%M")
    assert f"op het bericht van {local}" in html
    assert "Update</span>" in html


def test_open_shelters_show_their_address_and_no_person(world: World) -> None:
    incident = start_incident(world)
    publish(incident, "Opvang geopend")
    hall = location(world.velsen, "Sporthal De Zandhoeve")
    hall.street, hall.house_number, hall.postcode, hall.city = "Zeeweg", 12, "1971HB", "IJmuiden"
    hall.save()
    LocationContact.objects.create(location=hall, name="Beheerder Jansen", phone="0612345678")
    open_shelter(incident, hall)
    gone = location(world.velsen, "Buurthuis Noord")
    shelter = open_shelter(incident, gone)
    shelter.closed_at = timezone.now()
    shelter.present = 0
    shelter.save()
    html = page()
    assert "Sporthal De Zandhoeve" in html
    assert "Zeeweg 12, 1971 HB IJmuiden" in html
    assert "Buurthuis Noord" not in html
    assert "Jansen" not in html and "0612345678" not in html


def test_only_approved_public_questions_that_stand_are_shown(world: World) -> None:
    incident = start_incident(world)
    publish(incident, "Gaslek")
    question(incident, "Is het water veilig?")
    question(incident, "Nog een concept?", status="draft", approved_at=None)
    question(incident, "Alleen voor de informatielijn?", public=False)
    question(incident, "Ingetrokken vraag?", retired=True)
    html = page()
    assert "Is het water veilig?" in html
    for hidden in ("Nog een concept?", "informatielijn", "Ingetrokken vraag?"):
        assert hidden not in html


def test_a_map_only_with_a_tile_server(world: World, settings: Any) -> None:
    incident = start_incident(world)
    publish(incident, "Opvang geopend")
    open_shelter(incident, location(world.velsen))
    assert 'id="public-map"' not in page()
    settings.MAP_TILE_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"
    html = page()
    assert 'id="public-map"' in html and "leaflet/leaflet.js" in html


def test_the_page_is_cacheable_by_a_proxy_and_sets_no_cookie(world: World) -> None:
    incident = start_incident(world)
    publish(incident, "Gaslek")
    client = Client()
    response = client.get(URL)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=3" in cache_control
    assert "no-store" not in cache_control and "private" not in cache_control
    assert response.cookies == {}
    assert response["ETag"] and response["Last-Modified"]
    # Served again from memory, with every header the whole stack gave it.
    kept = client.get(URL)
    assert kept.content == response.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Cache-Control"):
        assert kept[header] == response[header]
    head = client.head(URL)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(response.content))
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]


def test_the_page_takes_few_queries_and_none_once_cached(
    world: World, django_assert_max_num_queries: Any, django_assert_num_queries: Any
) -> None:
    for n in range(3):
        incident = start_incident(world, title=f"Incident {n}")
        first = publish(incident, f"Bericht {n}")
        publish(incident, f"Update {n}", relation="update", parent=first, minutes_ago=1)
        open_shelter(incident, location(world.velsen, f"Hal {n}"))
        question(incident, f"Vraag {n}?")
    client = Client()
    cache.clear()
    with django_assert_max_num_queries(4):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200


def test_a_published_message_shows_at_once_when_the_page_is_forgotten_else_after_seconds(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = start_incident(world)
    publish(incident, "Eerste bericht")
    client = Client()
    assert "Eerste bericht" in client.get(URL).content.decode()
    publish(incident, "Tweede bericht", minutes_ago=0)
    assert "Tweede bericht" not in client.get(URL).content.decode()  # still the kept page
    public.public_page_forget_for(incident)
    assert "Tweede bericht" in client.get(URL).content.decode()
    publish(incident, "Derde bericht", minutes_ago=0)
    # Without being told, the kept page expires within PUBLIC_PAGE_SECONDS.
    import django.core.cache.backends.locmem as locmem

    later = locmem.time.time() + PUBLIC_PAGE_SECONDS + 0.1
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert "Derde bericht" in client.get(URL).content.decode()


def test_an_unknown_region_is_not_found(world: World) -> None:
    client = Client()
    assert client.get("/publiek/VR99/").status_code == 404
    assert client.get("/publiek/" + "X" * 40 + "/").status_code == 404
    assert client.get("/publiek/vr%C3%9F/").status_code == 404
    assert client.post(URL).status_code == 405


def test_publishing_through_the_service_clears_the_kept_page_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from oranje.communication.services import messages

    incident = start_incident(world)
    client = Client()
    assert "Er is op dit moment geen incident" in client.get(URL).content.decode()
    actor = world.coordinator
    draft = messages.message_create(
        incident=incident,
        actor=actor,
        data=messages.MessageData(kind="public", title="Gaslek", text="Er is een gaslek."),
    )
    messages.message_approve(message=draft, actor=actor)
    with django_capture_on_commit_callbacks(execute=True):
        messages.message_publish(message=draft, actor=actor)
    assert "Gaslek" in client.get(URL).content.decode()


def test_a_shelter_opened_or_closed_through_the_service_shows_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from oranje.care.services import shelters

    incident = start_incident(world)
    publish(incident, "Opvang")
    hall = location(world.velsen, "Sporthal De Zandhoeve")
    client = Client()
    assert "Sporthal De Zandhoeve" not in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        shelter = shelters.shelter_open(
            incident=incident,
            actor=world.coordinator,
            location=hall,
            decided_by="Burgemeester",
            decided_at=timezone.now(),
        )
    assert "Sporthal De Zandhoeve" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        shelters.shelter_close(shelter=shelter, actor=world.coordinator)
    assert "Sporthal De Zandhoeve" not in client.get(URL).content.decode()


def test_the_communication_tab_links_the_preview_and_the_public_page(world: World) -> None:
    incident = start_incident(world)
    exercise = start_incident(world, exercise=True)
    client = Client()
    client.force_login(world.viewer)
    html = client.get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert f'href="/incidenten/{incident.pk}/communicatie/publiek/"' in html
    assert 'href="/publiek/VR12/"' in html
    html = client.get(f"/incidenten/{exercise.pk}/communicatie/").content.decode()
    assert f'href="/incidenten/{exercise.pk}/communicatie/publiek/"' in html
    assert 'href="/publiek/VR12/"' not in html
    assert "Een oefening komt nooit op de publiekspagina." in html
