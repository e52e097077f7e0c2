"""The passport marks a civil servant without a path ("zonder traject"), on the page and on
each function; a key-function holder's passport has no such mark, and moving back removes it."""

import pytest
from django.test import Client
from django.urls import reverse

from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Person

pytestmark = pytest.mark.django_db

NOTICE = "Ambtenaar zonder opleidingstraject: kan op zacht piket worden opgeroepen"


def _passport(world, person: Person) -> str:
    client = Client()
    client.force_login(world.viewer)
    response = client.get(reverse("readiness:passport", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_passport_marks_a_civil_servant_without_a_path(world):
    person = world.contacts[0]
    body = _passport(world, person)
    assert NOTICE not in body and "zonder traject</span>" not in body
    Person.objects.filter(pk=person.pk).update(kind=PersonKind.CIVIL)
    body = _passport(world, person)
    assert NOTICE in body
    heading = body.split("<h2>", 2)[1].split("</h2>", 1)[0]
    assert heading.startswith("CPG") and '<span class="tag">zonder traject</span>' in heading
    Person.objects.filter(pk=person.pk).update(kind=PersonKind.KEY)
    assert NOTICE not in _passport(world, person)
