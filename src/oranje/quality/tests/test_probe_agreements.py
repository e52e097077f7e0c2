"""Probe: the inhabitants import refuses a file past 10 MB before reading it."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.models import User
from oranje.organisation.tests.factories import World
from oranje.quality.models import Inhabitants
from oranje.quality.tests.assessment_helpers import monitor

__all__ = ["monitor"]

pytestmark = pytest.mark.django_db


def test_an_inhabitants_file_past_10_mb_is_refused_unread(world: World, monitor: User) -> None:
    client = Client()
    client.force_login(monitor)
    data = b"gemeente;jaar;inwoners;opmerking\nGM0392;2026;162000;" + b"x" * (11 * 2**20) + b"\n"
    upload = io.BytesIO(data)
    upload.name = "inwoners.csv"
    response = client.post(reverse("quality:inhabitants"), {"file": upload})
    assert response.status_code == 400
    assert "10 MB" in response.content.decode()
    assert not Inhabitants.objects.exists()


def test_a_csv_cell_past_the_csv_field_limit_is_a_message_not_a_500(
    world: World, monitor: User
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(monitor)
    data = b"gemeente;jaar;inwoners;opmerking\nGM0392;2026;162000;" + b"x" * 200_000 + b"\n"
    upload = io.BytesIO(data)
    upload.name = "inwoners.csv"
    response = client.post(reverse("quality:inhabitants"), {"file": upload})
    assert response.status_code == 400
    assert not Inhabitants.objects.exists()
