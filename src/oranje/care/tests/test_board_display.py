"""How the board and addresses read: beds short instead of a negative number, postcodes
as written in the Netherlands, and where people who only work in shelters land."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oranje.care.models import Shelter
from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.core.validation import format_postcode
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_more_people_than_beds_reads_as_beds_short(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, day=50, night=30))
    Shelter.objects.filter(pk=hall.pk).update(present=40)
    client = Client()
    client.force_login(cw.coordinator)
    page = client.get(reverse("care:home", args=[cw.incident.pk])).content.decode()
    assert "10 bedden tekort" in page
    assert "-10" not in page


def test_postcodes_read_with_their_space() -> None:
    assert format_postcode("2035kc") == "2035 KC"
    assert format_postcode("2035 KC") == "2035 KC"
    assert format_postcode("B-1000") == "B-1000"


def test_shelter_and_registry_staff_land_on_the_incidents(world: World) -> None:
    cw = build_care(world)
    client = Client()
    client.force_login(cw.desk)
    assert client.get(reverse("core:home"))["Location"] == reverse("incidents:incidents")
    client.force_login(world.coordinator)
    assert client.get(reverse("core:home"))["Location"] != reverse("incidents:incidents")
