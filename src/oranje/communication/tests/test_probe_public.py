"""Probe: what can reach the public page, its kept copy, the Atom feed and the CAP files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from oranje.care.tests.factories import location, open_shelter
from oranje.communication.tests.messages_helpers import AREA, adviser
from oranje.communication.tests.test_public import publish, question
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

URL = "/publiek/VR12/"


def _warning(incident, title: str, **fields):  # type: ignore[no-untyped-def]
    return publish(
        incident,
        title,
        kind="warning",
        instruction="Ga naar binnen.",
        cap_event="Brand",
        area=AREA,
        cap_sent=timezone.now(),
        **fields,
    )


def test_a_logged_in_first_visitor_leaves_nothing_of_theirs_in_the_kept_page(
    world: World,
) -> None:
    cache.clear()
    incident = start_incident(world, title="Brand Velsen")
    publish(incident, "Blijf uit de buurt")
    staff = adviser(world.region, "zoe", first_name="Zoevertrouwelijk")
    client = Client()
    client.force_login(staff)
    client.get("/")  # a session with a CSRF cookie
    first = client.get(URL, HTTP_COOKIE="")
    assert first.status_code == 200
    anon = Client().get(URL)
    body = anon.content.decode()
    assert anon.status_code == 200
    assert "Zoevertrouwelijk" not in body and "zoe" not in body.lower().split()
    assert "csrfmiddlewaretoken" not in body
    assert "Set-Cookie" not in str(anon.headers) and not anon.cookies
    assert "Blijf uit de buurt" in body


@pytest.mark.parametrize("kept", [False, True])
def test_the_public_page_carries_the_sites_security_headers(world: World, kept: bool) -> None:
    cache.clear()
    if kept:
        Client().get(URL)
    response = Client().get(URL)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert "default-src" in response["Content-Security-Policy"]
    assert "Referrer-Policy" in response


def test_odd_region_codes_and_queries_never_make_a_500(world: World) -> None:
    cache.clear()
    client = Client()
    for url in (
        "/publiek/vr12/",
        "/publiek/Vr12/?x=%00",
        "/publiek/VR12/?" + "a" * 5000,
        "/publiek/VR\uff11\uff12/",
        "/publiek/%C4%B0/",
        "/publiek/VR12%00/",
        "/publiek/" + "9" * 300 + "/",
        "/publiek/VR12/waarschuwingen.atom?x=%ff",
        "/publiek/vr\u0131/waarschuwingen.atom",
        "/publiek/VR12/cap/99999999999999999999.xml",
        "/publiek/VR12/cap/0.xml",
    ):
        for method in ("get", "head"):
            status = getattr(client, method)(url).status_code
            assert status in (200, 400, 404), (url, method, status)


def test_nothing_but_published_public_things_of_real_incidents_reach_page_feed_and_cap(
    world: World,
) -> None:
    cache.clear()
    real = start_incident(world, title="Brand Velsen")
    drill = start_incident(world, exercise=True, title="Oefenbrand Haarlem")
    shown = _warning(real, "Echte waarschuwing")
    drill_warning = _warning(drill, "Oefenwaarschuwing")
    approved = _warning(real, "Goedgekeurd niet gepubliceerd", status="approved", published_at=None)
    hidden = _warning(real, "Niet op de pagina", on_public_page=False)
    question(real, "Publieke vraag")
    question(real, "Ingetrokken vraag", retired=True)
    question(real, "Conceptvraag", status="draft")
    question(real, "Interne vraag", public=False)
    question(drill, "Oefenvraag")
    closed = open_shelter(real, location(world.velsen, name="Gesloten sporthal"))
    closed.closed_at = timezone.now()
    closed.save()
    open_shelter(real, location(world.velsen, name="Open sporthal"))
    open_shelter(drill, location(world.velsen, name="Oefensporthal"))
    client = Client()
    html = client.get(URL).content.decode()
    feed = client.get("/publiek/vr12/waarschuwingen.atom").content.decode()
    for text in ("Echte waarschuwing", "Publieke vraag", "Open sporthal"):
        assert text in html
    assert "Echte waarschuwing" in feed
    for secret in (
        "Oefen",
        "Goedgekeurd niet gepubliceerd",
        "Niet op de pagina",
        "Ingetrokken vraag",
        "Conceptvraag",
        "Interne vraag",
        "Gesloten sporthal",
    ):
        assert secret not in html, secret
        assert secret not in feed, secret
    assert client.get(f"/publiek/vr12/cap/{shown.pk}.xml").status_code == 200
    for other in (drill_warning, approved, hidden):
        assert client.get(f"/publiek/vr12/cap/{other.pk}.xml").status_code == 404
    # Another region's address does not show this region's warning.
    assert client.get(f"/publiek/vr09/cap/{shown.pk}.xml").status_code == 404


def test_control_characters_and_markup_in_a_warning_keep_page_feed_and_cap_sound(
    world: World,
) -> None:
    cache.clear()
    incident = start_incident(world, title="Brand <script>alert(1)</script>")
    warning = _warning(
        incident,
        "Kop \x01\x02\x0b\ufffe <img src=x onerror=alert(1)> \u202e",
        text="Tekst ]]> &amp; <b>vet</b> \x1b[31m",
    )
    client = Client()
    html = client.get(URL).content.decode()
    assert "<img src=x" not in html and "<script>alert" not in html
    feed = client.get("/publiek/vr12/waarschuwingen.atom")
    assert feed.status_code == 200
    assert b"<img" not in feed.content and b"\x00" not in feed.content
    cap = client.get(f"/publiek/vr12/cap/{warning.pk}.xml")
    assert cap.status_code == 200
    from lxml import etree

    etree.fromstring(feed.content)
    etree.fromstring(cap.content)


def test_a_closed_incident_long_ago_leaves_the_page(world: World) -> None:
    cache.clear()
    incident = start_incident(world, title="Oude brand")
    publish(incident, "Oud bericht")
    incident.closed_at = timezone.now() - dt.timedelta(days=400)
    incident.save()
    assert "Oud bericht" not in Client().get(URL).content.decode()


def test_a_visitor_in_english_does_not_turn_the_kept_dutch_page_english(world: World) -> None:
    from django.conf import settings

    cache.clear()
    incident = start_incident(world, title="Brand Velsen")
    publish(incident, "Blijf uit de buurt")
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    first = english.get(URL)
    assert first["Content-Language"] == "en"
    odd = Client()
    odd.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx-evil"
    for client in (Client(), odd):
        answer = client.get(URL)
        assert answer["Content-Language"] == "nl"
        assert "Actuele informatie" in answer.content.decode()
    assert Client().head(URL)["Content-Language"] == "nl"


def test_the_incidents_own_address_stays_off_the_public_page(world: World) -> None:
    """The incident's "Location (address)" is the coordinators' field, never reviewed for the
    public — a house fire's is a family's address. The page names the municipality; where it
    is for the public, the approved messages say."""
    cache.clear()
    incident = start_incident(world, title="Woningbrand")
    incident.location_text = "Dorpsstraat 12, bij fam. Geheimzinnig"
    incident.save(update_fields=["location_text"])
    publish(incident, "Rook in de wijk")
    html = Client().get(URL).content.decode()
    assert "Rook in de wijk" in html
    assert "Geheimzinnig" not in html and "Dorpsstraat 12" not in html
    assert "Velsen" in html


def test_a_head_or_a_conditional_get_first_never_keeps_an_empty_page(world: World) -> None:
    cache.clear()
    incident = start_incident(world, title="Brand Velsen")
    publish(incident, "Blijf uit de buurt")
    etag = Client().get(URL)["ETag"]
    cache.clear()
    assert Client().head(URL).content == b""
    assert Client().get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    answer = Client().get(URL)
    assert answer.status_code == 200 and "Blijf uit de buurt" in answer.content.decode()
