"""The demo's agreements on who communicates: the whole matrix for Kennemerland, written once,
and the incident's tab then says who communicates at its scaling."""

from __future__ import annotations

import pytest

from oranje.communication.models import Agreement
from oranje.communication.services.agreements import incident_agreements
from oranje.demo import communication_agreements
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_the_demo_agreements_fill_the_matrix_once(world: World) -> None:
    lines: list[str] = []
    communication_agreements.build(world.region, world.coordinator, lines.append)
    communication_agreements.build(world.region, world.coordinator, lines.append)
    assert Agreement.objects.filter(region=world.region).count() == 9 * 5
    assert len(lines) == 1
    incident = start_incident(world)
    scale(world, incident, 1)
    public = dict(incident_agreements(incident).kinds)["publieksinformatie"]
    assert public[0][1] is not None and public[0][1].communicator == "municipality"
