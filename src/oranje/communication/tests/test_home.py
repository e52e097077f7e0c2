"""The incident's tab "Communicatie" and the 30-minute norm as a milestone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.communication.hooks import FIRST_MESSAGE, first_message_milestones
from oranje.communication.models import Message
from oranje.incidents.norms import header_badges
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _publish(incident, minutes: int, kind: str = "public") -> Message:  # type: ignore[no-untyped-def]
    at = incident.started_at + dt.timedelta(minutes=minutes)
    return Message.objects.create(
        incident=incident,
        kind=kind,
        title="Brand",
        text="Er is brand.",
        status="published",
        approved_at=at,
        published_at=at,
    )


def test_the_norm_runs_from_the_start_until_the_first_public_message(world: World) -> None:
    incident = start_incident(world)
    (milestone,) = first_message_milestones(incident)
    assert milestone.key == FIRST_MESSAGE
    assert milestone.met is None
    assert any("eerste publieksbericht" in b.text.lower() for b in header_badges(incident))
    _publish(incident, 40, kind="staff")  # not public: does not count
    assert first_message_milestones(incident)[0].at is None
    _publish(incident, 22)
    (milestone,) = first_message_milestones(incident)
    assert milestone.elapsed == dt.timedelta(minutes=22)
    assert milestone.met is True


def test_a_late_first_message_misses_the_norm(world: World) -> None:
    incident = start_incident(world)
    incident.started_at = timezone.now() - dt.timedelta(hours=2)
    incident.save()
    _publish(incident, 45)
    assert first_message_milestones(incident)[0].met is False


def test_the_tab_shows_the_messages(world: World) -> None:
    incident = start_incident(world)
    _publish(incident, 5)
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(f"/incidenten/{incident.pk}/communicatie/")
    assert response.status_code == 200
    assert "Brand" in response.content.decode()
