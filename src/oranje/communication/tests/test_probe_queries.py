"""Probe: every page of the communication room, asked with odd query strings by a
communication adviser: an answer (200, 302, 400, 404, 405), never a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern

from oranje.communication import urls
from oranje.communication.tests.messages_helpers import adviser
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.tests.access_matrix.communication_world import communication_objects

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?van=0001-01-01&tot=9999-12-31",
    "?van=2026-02-30T25:61&tot=x",
    "?per=%00&bron=%ff&sentiment=" + "x" * 3000,
    "?page=99999999999999999999&pagina=-1",
    "?soort=warning%00&status=%C0%AF",
    "?zoek=%3Cscript%3E&onderwerp=" + "%E2%80%AE" * 50,
    "?emmer=week&per=minute&rumour=2",
]


def _url(pattern: URLPattern, values: dict[str, int | str]) -> str:
    route = str(pattern.pattern)
    names = {
        "pk": values["incident"],
        "msg": values["message"],
        "message_pk": values["warning"],
        "signal_pk": values["signal"],
        "analysis_pk": values["analysis"],
        "qa_pk": values["qa"],
        "region": "VR12",
        "code": "vr12",
        "channel": "mail",
    }
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(names[m.group(1)]), route)


def test_no_page_answers_a_500_to_odd_queries(world: World) -> None:
    incident = start_incident(world, title="Brand")
    anna = adviser(world.region, "anna")
    values = {"incident": incident.pk, **communication_objects(incident, anna)}
    client = Client(raise_request_exception=False)
    client.force_login(anna)
    for pattern in urls.urlpatterns:
        url = _url(pattern, values)
        for query in QUERIES:
            status = client.get(url + query).status_code
            assert status in (200, 302, 400, 404, 405), (url + query, status)


JUNK = {
    "title": "\x00" + "x" * 300,
    "text": "x" * 100000,
    "instruction": "\ud7ff\x0b",
    "area": "nan, inf\n1e999, -1e999\n" + "52.1, 4.1\n" * 5000,
    "kind": "warning",
    "at": "31-12-9999 25:00",
    "start": "0001-01-01T00:00",
    "end": "9999-12-31T23:59",
    "position": "99999999999999999999999",
    "count": "-1",
    "message": "99999999999999999999",
    "relation": "cancel\x00",
    "reason": "",
    "question": "?" * 5000,
    "answer": "",
    "public": "maybe",
    "topic": "=cmd|' /C calc'!A0",
    "source": "phone",
}


def test_no_page_answers_a_500_to_a_junk_post(world: World) -> None:
    incident = start_incident(world, title="Brand")
    anna = adviser(world.region, "anna")
    values = {"incident": incident.pk, **communication_objects(incident, anna)}
    client = Client(raise_request_exception=False)
    client.force_login(anna)
    for pattern in urls.urlpatterns:
        url = _url(pattern, values)
        status = client.post(url, JUNK).status_code
        assert status in (200, 302, 400, 403, 404, 405), (url, status)
