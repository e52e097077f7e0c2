"""Probe: hostile search input on the dossier (page and API) never answers 500, on SQLite's
FTS5 and on PostgreSQL (run with DATABASE_URL=postgres://… too)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.core.tests.logins import complete_second_step
from oranje.learning.services import dossier as services
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '""',
    '"""onbekend',
    "piket\x00dienst",
    "\x00",
    "a & b | !c <-> d",
    "piket:* & !",
    "NEAR(piket bedank)",
    "title:piket",
    "-",
    "or or or",
    "- or -piket",
    "^piket",
    "'; DROP TABLE learning_entry; --",
    "\U0001f600 piket",
    "x" * 5000,
    "piket " * 1000,
    '"' + "a b " * 500,
    "\u0301\u0301",
    "_ __ ___",
]


def _logged(user: User) -> Client:
    client = Client()
    client.force_login(user)
    complete_second_step(client, user)
    return client


@pytest.fixture
def qm(world: World) -> User:
    user = monitor(world.region)
    services.entry_create(
        actor=user,
        region=world.region,
        theme="on_call",
        kind="practice",
        title="Van harde naar zachte piketten",
        text="Piketdiensten van de pools worden zachter.",
    )
    return user


@pytest.mark.parametrize("q", HOSTILE)
def test_dossier_page_search_never_500(qm: User, q: str) -> None:
    client = _logged(qm)
    answer = client.get(reverse("learning:dossier"), {"q": q})
    assert answer.status_code in (200, 400), answer.status_code


@pytest.mark.parametrize("q", HOSTILE)
def test_dossier_api_search_never_500(qm: User, q: str) -> None:
    client = APIClient()
    client.force_login(qm)
    complete_second_step(client, qm)  # type: ignore[arg-type]
    answer = client.get("/api/v1/learning/entries/", {"q": q})
    assert answer.status_code in (200, 400), answer.status_code
