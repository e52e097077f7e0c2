"""Probe: every page of the learning room that answers GET, called with hostile query
strings (huge numbers, NUL bytes, negative and non-numeric ids, long text, repeated
parameters): a page or a 400/404, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.tests.logins import complete_second_step
from oranje.learning.services import dossier as dossier_services
from oranje.learning.tests import evaluations_helpers as h
from oranje.learning.tests.surveys_helpers import make_survey
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

NAMES = [
    "q",
    "pagina",
    "page",
    "jaar",
    "year",
    "status",
    "thema",
    "soort",
    "regio",
    "minimaal",
    "proces",
    "soort_bevinding",
    "norm",
    "gebied",
    "opvang",
    "bevinding",
    "werksessie",
    "orgaan",
    "body",
    "code",
    "area",
    "shelter",
    "incident",
    "oefening",
    "kind",
    "process",
    "region",
    "theme",
    "min",
    "vraag",
]
VALUES = ["99999999999999999999999", "-1", "0", "abc", "\x00", "1\x00", "x" * 3000, "%", "1e5"]


def test_hostile_query_strings_never_500(world: World) -> None:
    s = h.scene(world)
    evaluation = h.evaluation(world, s)
    finding = h.finding(world, evaluation)
    survey = make_survey(world, incident=s.incident)
    entry = dossier_services.entry_create(
        actor=world.coordinator,
        region=world.region,
        theme="on_call",
        kind="practice",
        title="Van hard naar zacht piket",
        text="Piketdiensten worden zachter.",
    )
    client = Client()
    client.force_login(world.coordinator)
    complete_second_step(client, world.coordinator)
    paths = [
        "/leren/",
        "/leren/dossier/",
        "/leren/dossier/nieuw/",
        f"/leren/dossier/{entry.pk}/",
        "/leren/evaluaties/",
        "/leren/evaluaties/nieuw/",
        f"/leren/evaluaties/{evaluation.pk}/",
        f"/leren/bevindingen/{finding.pk}/",
        "/leren/netwerk/",
        "/leren/netwerk/bijeenkomsten/",
        "/leren/netwerk/adviesvragen/",
        "/leren/patronen/",
        "/leren/werksessies/",
        "/leren/enquetes/",
        "/leren/enquetes/vragen/",
        f"/leren/enquetes/{survey.pk}/",
        f"/leren/enquetes/{survey.pk}/resultaten/",
        f"/leren/enquetes/{survey.pk}/adressen/",
        f"/leren/evaluaties/{evaluation.pk}/afdrukken/",
    ]
    failures = []
    for path in paths:
        for value in VALUES:
            query = {name: value for name in NAMES}
            answer = client.get(path, query)
            if answer.status_code >= 500:
                failures.append((path, value[:20], answer.status_code))
    assert not failures, failures
