"""The communication room's API operations under the schema-driven fuzzer, as the
communication adviser of the region (messages, approvals, publication, mailings, signals,
analyses, Q&A, agreements), in a world with the room's objects in the adviser's incident, in
another incident of the region and in an incident of another region (whose ids must answer
404 or a Dutch 400, never 500). Bounded to a few examples per operation
(ORANJE_COMMUNICATION_FUZZ_EXAMPLES) so it stays short on two cores.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from oranje.organisation.tests.factories import World
from oranje.tests.fuzzing import aim, call_without_server_error, operations, room_schema
from oranje.tests.test_api_fuzz import keep_connection, server_errors  # noqa: F401 (fixtures)

MAX_EXAMPLES = int(os.environ.get("ORANJE_COMMUNICATION_FUZZ_EXAMPLES", "4"))

#: The communication room's operations.
COMMUNICATION_PATHS = (
    r"^/api/v1/communication/"
    r"|^/api/v1/incidents/\{[a-z_]+\}/(communication|analyses|qa|signals)/"
    r"|^/api/v1/regions/\{[a-z_]+\}/communication-"
)

schema = room_schema(COMMUNICATION_PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def communication_fuzz_world(world: World) -> dict[str, Any]:
    from oranje.communication.tests.messages_helpers import AREA
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.communication_world import communication_objects

    adviser = User.objects.create_user(username="communicatie.fuzz", password="x")
    Membership.objects.create(user=adviser, role=Role.COMMUNICATION, region=world.region)
    incident = start_incident(world)
    incident.area = AREA  # a warning can be approved: the approval's checks are reached
    incident.save()
    # Written by the coordinator, so that four eyes lets the adviser approve them.
    own = communication_objects(incident, world.coordinator)
    second = start_incident(world, title="Tweede brand")
    other = communication_objects(second, world.coordinator)
    far_municipality = world.other_region.municipalities.first()
    assert far_municipality is not None
    far_incident = Incident.objects.create(
        region=world.other_region,
        title="Brand Utrecht",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=timezone.now() - dt.timedelta(hours=1),
        municipality=far_municipality,
        created_by=world.coordinator,
    )
    far = communication_objects(far_incident, world.coordinator)
    token = Token.objects.create(user=adviser)

    def ids(kind: str) -> list[int]:
        return [int(own[kind]), int(own[kind]), int(other[kind]), int(far[kind])]

    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [incident.pk, incident.pk, second.pk, far_incident.pk],
            "messages": [*ids("message"), *ids("pubmessage"), *ids("warning")],
            "analysis_pk": ids("analysis"),
            "qa_pk": ids("qa"),
            "signal_pk": ids("signal"),
            "signals": ids("signal"),
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_communication_request_makes_a_server_error(
    case: Any,
    communication_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    aim(case, communication_fuzz_world["known"])
    call_without_server_error(case, communication_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_communication_operations() -> None:
    """The filter keeps the communication room's operations (and nothing of the others)."""
    paths = operations(schema)
    assert "/api/v1/incidents/{id}/communication/messages/" in paths
    assert "/api/v1/communication/messages/{id}/approve/" in paths
    assert "/api/v1/communication/messages/{id}/mailings/" in paths
    assert "/api/v1/incidents/{id}/qa/{qa_pk}/approve/" in paths
    assert "/api/v1/regions/{code}/communication-agreements/" in paths
    assert "/api/v1/incidents/{id}/signals/import/" in paths
    assert "/api/v1/incidents/{id}/analyses/{analysis_pk}/approve/" in paths
    assert "/api/v1/communication/messages/{id}/cap/" in paths
    assert not any("shelters" in p or "affected-persons" in p for p in paths)
