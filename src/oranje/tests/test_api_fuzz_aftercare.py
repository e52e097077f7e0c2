"""The damage and aftercare rooms' API operations under the schema-driven fuzzer, as someone
who holds both the aftercare role (damage reports, the IAC, newsletters) and the region's
coordinator role (start the nafase, approve, thank), in a world with the rooms' objects in
that user's incident, in another incident of the region and in an incident of another region
(whose ids must answer 404 or a Dutch 400, never 500). Bounded to a few examples per operation
(ORANJE_AFTERCARE_FUZZ_EXAMPLES) so it stays short on two cores.
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

MAX_EXAMPLES = int(os.environ.get("ORANJE_AFTERCARE_FUZZ_EXAMPLES", "4"))

#: The damage and aftercare rooms' operations.
PATHS = r"^/api/v1/(damage|aftercare)/|^/api/v1/incidents/\{[a-z_]+\}/(damage|aftercare)/"

schema = room_schema(PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def aftercare_fuzz_world(world: World) -> dict[str, Any]:
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.aftercare_world import aftercare_objects, damage_objects

    user = User.objects.create_user(username="nafase.fuzz", password="x")
    Membership.objects.create(user=user, role=Role.AFTERCARE, region=world.region)
    Membership.objects.create(user=user, role=Role.COORDINATOR, region=world.region)
    incident = start_incident(world)
    own = {**damage_objects(incident), **aftercare_objects(incident)}
    second = start_incident(world, title="Tweede brand")
    other = {**damage_objects(second), **aftercare_objects(second)}
    far_municipality = world.other_region.municipalities.first()
    assert far_municipality is not None
    far_incident = Incident.objects.create(
        region=world.other_region,
        title="Brand Utrecht",
        kind=IncidentType.FIRE,
        started_at=timezone.now() - dt.timedelta(hours=1),
        municipality=far_municipality,
        created_by=world.coordinator,
    )
    far = {**damage_objects(far_incident), **aftercare_objects(far_incident)}
    token = Token.objects.create(user=user)

    def ids(kind: str) -> list[int]:
        return [int(own[kind]), int(own[kind]), int(other[kind]), int(far[kind])]

    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [incident.pk, incident.pk, second.pk, far_incident.pk],
            "reports": ids("dreport"),
            "tasks": ids("atask"),
            "transition-documents": ids("transition"),
            "newsletters": ids("newsletter"),
            "case_pk": ids("iaccase"),
            "cases": ids("iaccase"),
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_damage_or_aftercare_request_makes_a_server_error(
    case: Any,
    aftercare_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    aim(case, aftercare_fuzz_world["known"])
    call_without_server_error(case, aftercare_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_damage_and_aftercare_operations() -> None:
    """The filter keeps the two rooms' operations (and nothing of the others)."""
    paths = operations(schema)
    assert "/api/v1/incidents/{id}/damage/reports/" in paths
    assert "/api/v1/damage/reports/{id}/" in paths
    assert "/api/v1/incidents/{id}/aftercare/start/" in paths
    assert "/api/v1/aftercare/transition-documents/{id}/approve/" in paths
    assert "/api/v1/aftercare/iac/cases/{case_pk}/contacts/" in paths
    assert "/api/v1/aftercare/newsletters/{id}/send/" in paths
    assert "/api/v1/incidents/{id}/aftercare/thanks/" in paths
    assert not any("shelters" in p or "communication" in p for p in paths)
