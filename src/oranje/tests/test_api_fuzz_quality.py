"""The quality room's API operations under the schema-driven fuzzer, as the region's quality
monitor who also coordinates the region (so every write is allowed), in a world with the room's
objects in that region, in the same region's other municipality and in another region (whose
ids must answer 404 or a Dutch 400, never 500). Bounded to a few examples per operation
(ORANJE_QUALITY_FUZZ_EXAMPLES) so it stays short on two cores.
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

MAX_EXAMPLES = int(os.environ.get("ORANJE_QUALITY_FUZZ_EXAMPLES", "4"))

#: The quality room's operations.
PATHS = r"^/api/v1/quality/"

schema = room_schema(PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def quality_fuzz_world(world: World) -> dict[str, Any]:
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.quality_world import quality_objects

    user = User.objects.create_user(username="kwaliteit.fuzz", password="x")
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=world.region)
    Membership.objects.create(user=user, role=Role.COORDINATOR, region=world.region)
    municipalities = list(world.region.municipalities.order_by("pk")[:2])
    own = quality_objects(world.region, municipalities[0], start_incident(world))
    other = quality_objects(
        world.region, municipalities[-1], start_incident(world, title="Tweede incident")
    )
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
    far = quality_objects(world.other_region, far_municipality, far_incident)
    token = Token.objects.create(user=user)

    def ids(kind: str) -> list[int]:
        return [int(own[kind]), int(own[kind]), int(other[kind]), int(far[kind])]

    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "norm-sets": ids("qnormset"),
            "actions": ids("qaction"),
            "assessment-rounds": ids("qround"),
            "assessments": ids("qassessment"),
            "agreements": ids("qagreement"),
            "scenarios": ids("qscenario"),
            "board-reports": ids("qreport"),
            "municipalities": ids("qmunicipality"),
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_quality_request_makes_a_server_error(
    case: Any,
    quality_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    code = (case.path_parameters or {}).get("code")
    # One in two region codes is the monitor's own, so the deeper checks run too.
    if code and len(str(code)) % 2:
        case.path_parameters["code"] = "VR12"
    aim(case, quality_fuzz_world["known"])
    call_without_server_error(case, quality_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_quality_operations() -> None:
    """The filter keeps the room's operations (and nothing of the others)."""
    paths = operations(schema)
    for path in (
        "/api/v1/quality/norm-sets/",
        "/api/v1/quality/norm-sets/{id}/",
        "/api/v1/quality/regions/{code}/norms/",
        "/api/v1/quality/regions/{code}/monitoring/",
        "/api/v1/quality/regions/{code}/indicators/",
        "/api/v1/quality/national/",
        "/api/v1/quality/regions/{code}/actions/",
        "/api/v1/quality/actions/{id}/",
        "/api/v1/quality/regions/{code}/flexible-scalings/",
        "/api/v1/quality/regions/{code}/assessment-rounds/",
        "/api/v1/quality/assessment-rounds/{id}/answers/",
        "/api/v1/quality/regions/{code}/agreements/",
        "/api/v1/quality/regions/{code}/costs/",
        "/api/v1/quality/scenarios/{id}/",
        "/api/v1/quality/regions/{code}/board-reports/",
        "/api/v1/quality/board-reports/{id}/",
    ):
        assert path in paths, path
    assert not any("incidents" in p or "aftercare" in p for p in paths)
