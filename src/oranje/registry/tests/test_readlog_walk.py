"""Every page and API operation that shows a person, an inquiry or a list writes the read log.

The walk visits each of them once, as a registry coordinator, and checks that a read-log row
was written by that one request. A new page or operation that shows person data belongs in
READS below; one that shows none (counts only, forms) in NO_PERSON_DATA, with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.lists import LISTS
from oranje.registry.models import Candidate, PossibleDuplicate, ReadLog
from oranje.registry.tests.factories import build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


def _world(world: World) -> dict[str, Any]:
    rw = build_registry(world)
    person = register(rw)
    register(rw, given="Maria", surname="Jansen", birth=(1961, 7, 8))
    kept = register(rw, given="Pieter", surname="Bakker", birth=(1944, 1, 2))
    merged = register(rw, given="Pieter", surname="Bakker", birth=(1944, 1, 2))
    twin = register(rw, given="Klaas", surname="Bos", birth=(1938, 5, 6))
    register(rw, given="Klaas", surname="Bos", birth=(1938, 5, 6))
    services.person_merge(kept=kept, merged=merged, actor=rw.coordinator)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    candidate = Candidate.objects.filter(inquiry=inquiry).first()
    duplicate = PossibleDuplicate.objects.filter(incident=rw.incident, person=twin).first()
    assert candidate is not None and duplicate is not None
    return {
        "rw": rw,
        "i": rw.incident.pk,
        "p": person.pk,
        "q": inquiry.pk,
        "c": candidate.pk,
        "d": duplicate.pk,
    }


#: Pages that show no person data, so no read: the incident's read log (who read which
#: record id, when: no names) and the archive page's form (the download itself is logged).
NO_PERSON_DATA = ("leeslog/", "archief/")


def _pages(ids: dict[str, Any]) -> list[str]:
    base = "/incidenten/{i}/registratie/".format(**ids)
    pages = [
        "personen/",
        "personen/{p}/",
        "personen/{p}/wijzigen/",
        "dubbele-registraties/",
        "samenvoegingen/",
        "vragen/",
        "vragen/wachtrij/",
        "vragen/{q}/",
        "leeslog/personen/{p}/",
        "leeslog/vragen/{q}/",
        "pfif/export.xml",
    ]
    for which in LISTS:
        pages += [f"lijsten/{which}/", f"lijsten/{which}/csv/", f"lijsten/{which}/pdf/"]
    return [base + page.format(**ids) for page in pages]


def _api_reads(ids: dict[str, Any]) -> list[tuple[str, str]]:
    reads = [
        ("get", "/api/v1/incidents/{i}/affected-persons/"),
        ("get", "/api/v1/affected-persons/{p}/"),
        ("get", "/api/v1/affected-persons/{p}/statuses/"),
        ("get", "/api/v1/incidents/{i}/duplicates/"),
        ("get", "/api/v1/incidents/{i}/inquiries/"),
        ("get", "/api/v1/inquiries/{q}/"),
        ("get", "/api/v1/inquiries/{q}/candidates/"),
        ("get", "/api/v1/inquiries/{q}/calls/"),
        ("get", "/api/v1/incidents/{i}/registry/pfif/"),
        ("post", "/api/v1/inquiries/{q}/take/"),
        ("post", "/api/v1/duplicates/{d}/dismiss/"),
    ]
    reads += [("get", f"/api/v1/incidents/{{i}}/registry/lists/{which}/") for which in LISTS]
    return [(method, url.format(**ids)) for method, url in reads]


def test_every_page_that_shows_person_data_is_read_logged(world: World) -> None:
    ids = _world(world)
    client = APIClient()
    client.force_login(ids["rw"].coordinator)
    unlogged = []
    for url in _pages(ids):
        # Each page on its own: the queue and its poll count as one read per five minutes.
        ReadLog.objects.all().delete()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if not ReadLog.objects.exists():
            unlogged.append(url)
    assert unlogged == []


def test_every_api_operation_that_shows_person_data_is_read_logged(world: World) -> None:
    ids = _world(world)
    client = APIClient()
    client.force_login(ids["rw"].coordinator)
    unlogged = []
    for method, url in _api_reads(ids):
        before = ReadLog.objects.count()
        response = getattr(client, method)(url, format="json")
        assert response.status_code in (200, 201), (url, response.status_code)
        if ReadLog.objects.count() == before:
            unlogged.append(f"{method.upper()} {url}")
    assert unlogged == []


def test_the_pages_left_out_show_no_person_data(world: World) -> None:
    ids = _world(world)
    client = APIClient()
    client.force_login(ids["rw"].coordinator)
    client.get(f"/incidenten/{ids['i']}/registratie/personen/{ids['p']}/")  # a read to list
    for page in NO_PERSON_DATA:
        html = client.get(f"/incidenten/{ids['i']}/registratie/{page}").content.decode()
        assert "Vries" not in html and "Bakker" not in html, page
